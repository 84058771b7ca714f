/**
 * Recomputes a region's tender flags: every process of the region is read back (in pages, by id) and
 * folded through the indicator engine and the hospital flags; the region's flags are then replaced in
 * one transaction. Fences are region-wide, so any import changes them and the whole region is redone.
 */
import { eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Db, inTx, rows } from '../../platform/db.ts';
import { createEngine } from './engine/engine.ts';
import { arr, isObject, type Json, str } from './engine/ocds.ts';
import type { Settings } from './engine/settings.ts';
import { activeAwards } from './tenders.extract.ts';
import { type FlagRow, hospitalFlagRows, indicatorFlagRows } from './tenders.flagrows.ts';
import { createHospitalFlags, DEFAULT_HOSPITAL_SETTINGS, type HospitalSettings } from './tenders.hospital.ts';
import { tenderFlags } from './tenders.tables.ts';

/** The indicator settings the console uses: all eleven indicators with cardinal's defaults, amounts in yuan. */
export const APP_SETTINGS: Settings = {
  currency: 'CNY',
  R003: {},
  R018: {},
  R024: {},
  R025: {},
  R028: {},
  R030: {},
  R035: {},
  R036: {},
  R038: {},
  R048: {},
  R058: {},
};

const PAGE = 2000;
const INSERT_BATCH = 5000;

export interface FlagRun {
  processes: number;
  flags: number;
  /** Where the time went, in ms: reading releases back, folding them, writing the flags. */
  timings: { read: number; compute: number; write: number };
}

type FactRow = [id: string, ocid: string, institutionId: string | null, facts: Json];

/**
 * The region's processes in pages, in ocid order (the unique index serves the keyset). Each page is
 * one json_agg value: one row and one JSON.parse per page rather than per process.
 */
async function* factPages(db: Db, regionId: string): AsyncGenerator<FactRow[]> {
  let last = '';
  for (;;) {
    const [res] = await rows<{ page: FactRow[] | null; last: string | null }>(
      db,
      sql`select json_agg(json_build_array(p.id, p.ocid, p.institution_id, p.facts) order by p.ocid) as page, max(p.ocid) as last
        from (select id, ocid, institution_id, facts from tender_processes where region_id = ${regionId} and ocid > ${last} order by ocid limit ${PAGE}) p`,
    );
    if (!res?.page?.length) return;
    yield res.page;
    if (res.page.length < PAGE || res.last === null) return;
    last = res.last;
  }
}

type FlagValue = { institutionId: string | null; processId: string; code: string; subject: string; subjectId: string; value: number; detail: FlagRow['detail'] };

/** One statement per batch, one array parameter per column (the row count does not grow the statement). */
async function insertFlags(db: Db, regionId: string, list: FlagValue[]): Promise<void> {
  const col = <T>(get: (f: FlagValue) => T, type: string) => sql`${sql.param(list.map(get))}::${sql.raw(type)}[]`;
  await db.execute(sql`insert into tender_flags (region_id, institution_id, process_id, code, subject, subject_id, value, detail)
    select ${regionId}::uuid, u.i, u.p, u.c, u.s, u.sid, u.v, u.d::jsonb
    from unnest(${col((f) => f.institutionId, 'uuid')}, ${col((f) => f.processId, 'uuid')}, ${col((f) => f.code, 'text')}, ${col((f) => f.subject, 'text')},
      ${col((f) => f.subjectId, 'text')}, ${col((f) => f.value, 'float8')}, ${col((f) => JSON.stringify(f.detail), 'text')}) as u(i, p, c, s, sid, v, d)`);
}

/** Replaces the flags of every process in the region; audited as `tender.flags`. */
export async function recomputeFlags(
  ctx: Ctx,
  regionId: string,
  opts: { settings?: Settings; hospital?: HospitalSettings } = {},
): Promise<FlagRun> {
  const engine = createEngine(opts.settings ?? APP_SETTINGS, { map: true });
  const hospital = createHospitalFlags(opts.hospital ?? DEFAULT_HOSPITAL_SETTINGS);
  const placeOf = new Map<string, { id: string; institutionId: string | null }>();
  const supplierOcids = new Map<string, Set<string>>();
  const timings = { read: 0, compute: 0, write: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof timings) => {
    const now = performance.now();
    timings[phase] += now - mark;
    mark = now;
  };
  for await (const page of factPages(ctx.db, regionId)) {
    lap('read');
    for (const [id, ocid, institutionId, facts] of page) {
      if (!isObject(facts)) continue;
      placeOf.set(ocid, { id, institutionId });
      engine.fold(facts);
      hospital.fold(facts);
      for (const award of activeAwards(facts)) {
        for (const s of arr(award, 'suppliers') ?? []) {
          const supplier = str(s, 'id');
          if (supplier !== undefined) supplierOcids.set(supplier, (supplierOcids.get(supplier) ?? new Set()).add(ocid));
        }
      }
    }
    lap('compute');
  }
  const flagRows: FlagRow[] = [...indicatorFlagRows(engine.finish(), supplierOcids), ...hospitalFlagRows(hospital.finish())];
  const values = flagRows.flatMap((r) => {
    const place = placeOf.get(r.ocid);
    if (!place) return [];
    return [{ institutionId: place.institutionId, processId: place.id, code: r.code, subject: r.subject, subjectId: r.subjectId, value: r.value, detail: r.detail }];
  });
  lap('compute');
  await inTx(ctx.db, async (db) => {
    await db.delete(tenderFlags).where(eq(tenderFlags.regionId, regionId));
    for (let i = 0; i < values.length; i += INSERT_BATCH) await insertFlags(db, regionId, values.slice(i, i + INSERT_BATCH));
    await writeAudit({ ...ctx, db }, { action: 'tender.flags', targetType: 'region', targetId: regionId, regionId, after: { processes: placeOf.size, flags: values.length } });
  });
  if (values.length > 1000) await ctx.db.execute(sql`analyze tender_flags`);
  lap('write');
  return { processes: placeOf.size, flags: values.length, timings };
}

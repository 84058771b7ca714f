/**
 * Imports OCDS compiled releases (JSON Lines or a release/record package) into a region, all or
 * nothing: rows are upserted by (region, ocid) inside one transaction while the file streams in, and any
 * bad line rolls everything back, with every problem listed by line. Re-importing the same file changes
 * nothing. The region's flags are recomputed afterwards.
 */
import type { Readable } from 'node:stream';
import type { TTenderImportResult } from '@qinglian/contracts';
import { eq, sql } from 'drizzle-orm';
import { scopeOf } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { inTx } from '../../platform/db.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { t } from '../../platform/i18n.ts';
import { institutions } from '../org/org.tables.ts';
import { type JsonObject, obj, str } from './engine/ocds.ts';
import { extractProcess } from './tenders.extract.ts';
import { factsOf } from './tenders.facts.ts';
import { recomputeFlags } from './tenders.flags.ts';
import { type ReadIssue, type ReadPosition, readReleases } from './tenders.read.ts';
import { existingOf, type UpsertRow, upsertRows } from './tenders.upsert.ts';

const BATCH = 500;
const ANALYZE_AFTER = 1000;

export interface ImportTarget {
  regionId: string;
  /** Every process goes to this institution (an institution's own import, or the CLI's --institution). */
  institutionId: string | null;
  filename?: string;
  /**
   * True once the upload went over the size limit: the multipart stream then simply ends early, and a
   * cut at a line break would otherwise look like a complete, shorter file.
   */
  truncated?: () => boolean;
  /** The upload limit in MB, for the message. */
  maxMb?: number;
}

/** A release read and waiting for its batch to be written. */
interface Pending {
  release: JsonObject;
  json: string;
  hash: string;
  institutionId: string | null;
  at: ReadPosition;
}

/** The import target of a signed-in caller: their region, and their institution unless they work region-wide. */
export function targetOf(ctx: Ctx, filename?: string): ImportTarget {
  const actor = actorOf(ctx);
  if (scopeOf(actor) === 'region') return { regionId: actor.regionId, institutionId: null, filename };
  // An institution-level account without an institution must not fall back to region-wide writes.
  if (!actor.institutionId) throw forbidden();
  return { regionId: actor.regionId, institutionId: actor.institutionId, filename };
}

/** Matches a buyer to one of the region's institutions by code (buyer.id) or exact name. */
async function institutionMatcher(ctx: Ctx, regionId: string) {
  const list = await ctx.db.select({ id: institutions.id, code: institutions.code, name: institutions.name }).from(institutions).where(eq(institutions.regionId, regionId));
  const byCode = new Map(list.map((i) => [i.code, i.id]));
  const byName = new Map(list.map((i) => [i.name, i.id]));
  return (release: JsonObject): string | null => {
    const buyer = obj(release, 'buyer');
    const id = str(buyer, 'id')?.trim();
    const name = str(buyer, 'name')?.trim();
    return (id && byCode.get(id)) || (name && byName.get(name)) || null;
  };
}

/** The problems as the import error list: {row: line, column: JSON path, message}. */
function importError(ctx: Ctx, issues: ReadIssue[]): AppError {
  const errors = issues
    .map((i) => ({ row: i.line, column: i.path, message: `${t(ctx.locale, `tender.read.${i.reason}`)}${i.detail ? `（${i.detail}）` : ''}` }))
    .sort((a, b) => a.row - b.row);
  return new AppError('import_failed', 'import_failed', { errors });
}

/** Imports a stream of compiled releases into the target; throws `import_failed` listing every problem. */
export async function importTenders(ctx: Ctx, input: Readable, target: ImportTarget): Promise<TTenderImportResult> {
  const match = await institutionMatcher(ctx, target.regionId);
  const issues: ReadIssue[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, matched: 0 };
  const result = await inTx(ctx.db, async (db) => {
    // Later lines with the same ocid replace earlier ones (one statement may not upsert a key twice).
    let batch = new Map<string, Pending>();
    const flush = async () => {
      if (!batch.size || issues.length) return;
      const entries = [...batch.entries()];
      batch = new Map();
      const existing = await existingOf(db, target.regionId, entries.map(([ocid]) => ocid));
      const changed: UpsertRow[] = [];
      for (const [ocid, p] of entries) {
        const old = existing.get(ocid);
        // An institution may not take over a process another institution (or the region) holds.
        if (old && target.institutionId && old.institutionId !== target.institutionId) issues.push({ ...p.at, reason: 'other_institution', detail: ocid });
        else if (old && old.hash === p.hash && old.institutionId === p.institutionId) counts.unchanged++;
        // Columns and facts only for what will be written: a re-import of an unchanged file stays cheap.
        else changed.push({ ...extractProcess(p.release), institutionId: p.institutionId, json: p.json, hash: p.hash, facts: JSON.stringify(factsOf(p.release)) });
      }
      if (issues.length) return;
      const created = await upsertRows(db, target.regionId, ctx.actor?.accountId ?? null, ctx.platform.now(), changed);
      counts.created += created;
      counts.updated += changed.length - created;
    };
    const summary = await readReleases(
      input,
      async (release, at) => {
        if (issues.length) return; // keep reading to list every problem, but write nothing more
        const buyerInstitution = match(release);
        if (target.institutionId && buyerInstitution && buyerInstitution !== target.institutionId) {
          issues.push({ ...at, reason: 'buyer_other_institution', detail: str(obj(release, 'buyer'), 'name') ?? str(obj(release, 'buyer'), 'id') });
          return;
        }
        const institutionId = target.institutionId ?? buyerInstitution;
        if (institutionId) counts.matched++;
        // A JSON line is stored as read (the raw release); a package member is serialised again.
        const json = at.text ?? JSON.stringify(release);
        batch.set(str(release, 'ocid')!, { release, json, hash: sha256(json), institutionId, at: { line: at.line, path: at.path } });
        if (batch.size >= BATCH) await flush();
      },
      issues,
    );
    await flush();
    if (target.truncated?.()) throw new AppError('file_too_large', 'file_too_large', undefined, { max: target.maxMb ?? 0 });
    if (issues.length) throw importError(ctx, issues);
    const out = { format: summary.format, processes: summary.releases, ...counts };
    await writeAudit({ ...ctx, db }, { action: 'tender.import', targetType: 'region', targetId: target.regionId, regionId: target.regionId, institutionId: target.institutionId, after: { filename: target.filename ?? null, ...out } });
    return out;
  });
  // Fresh statistics after a large change: without them the planner sorts the whole region for every
  // page of the recomputation's keyset scan instead of walking the (region, ocid) index.
  if (result.created + result.updated > ANALYZE_AFTER) await ctx.db.execute(sql`analyze tender_processes`);
  const run = await recomputeFlags(ctx, target.regionId);
  return { ...result, regionId: target.regionId, flags: run.flags };
}

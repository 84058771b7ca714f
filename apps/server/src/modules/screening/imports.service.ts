/**
 * Screening imports of every file kind of the contract, from the CLI and the HTTP API, recorded in
 * `screening_imports` (the history with counts and, for a rejected file, every problem up to a cap).
 * Organisation kinds go through the org module's importers; suppliers…rep_visits through
 * reference.import.ts; the facts into DuckDB through facts.import.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SCREENING_FACT_KINDS, type TImportResult, type TScreeningImport, type TScreeningImportQuery, type TScreeningKind } from '@qinglian/contracts';
import { and, count, eq, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { type Actor, scopeOf } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/pagination.ts';
import { readSheet } from '../../platform/sheets.ts';
import { importOrgFile, institutions, type OrgImportKind } from '../org/index.ts';
import { type FactKind, importFactFile, PROBLEM_CAP } from './facts.import.ts';
import { withFacts } from './facts.store.ts';
import { importReferenceSheet, type ReferenceKind } from './reference.import.ts';
import { syncReference } from './reference.sync.ts';
import { screeningImports } from './screening.tables.ts';
import { isXlsxFile, xlsxToCsv } from './xlsx.csv.ts';

type ImportRow = typeof screeningImports.$inferSelect;
const ORG_KINDS: readonly string[] = ['institutions', 'departments', 'staff'];
const isFact = (k: TScreeningKind): k is FactKind => (SCREENING_FACT_KINDS as readonly string[]).includes(k);

/** The API shape of a history row. */
export function importView(r: ImportRow): TScreeningImport {
  return {
    id: r.id,
    kind: r.kind as TScreeningKind,
    filename: r.filename,
    sha256: r.sha256,
    status: r.status,
    partial: r.partial,
    regionId: r.regionId,
    institutionId: r.institutionId,
    rowsRead: r.rowsRead,
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    bytesRead: r.bytesRead,
    bytesTotal: r.bytesTotal,
    problems: r.problems as TScreeningImport['problems'],
    problemsTotal: r.problemsTotal,
    error: r.error,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** The institution codes an actor may import facts for (null: the CLI, any). */
async function writableCodes(ctx: Ctx): Promise<string[] | null> {
  const actor = ctx.actor;
  if (!actor) return null;
  const where = scopeOf(actor) === 'region' ? eq(institutions.regionId, actor.regionId) : eq(institutions.id, actor.institutionId ?? '00000000-0000-0000-0000-000000000000');
  return (await ctx.db.select({ code: institutions.code }).from(institutions).where(where)).map((r) => r.code);
}

async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

/** Records a new import (status running) for a file already on disk or about to be uploaded. */
export async function startImport(ctx: Ctx, input: { kind: TScreeningKind; filename: string; partial?: boolean; bytesTotal?: number }): Promise<ImportRow> {
  const actor = ctx.actor;
  const [row] = await ctx.db
    .insert(screeningImports)
    .values({
      kind: input.kind,
      filename: input.filename,
      sha256: '',
      status: 'running',
      partial: !!input.partial,
      regionId: actor?.regionId ?? null,
      institutionId: actor && scopeOf(actor) !== 'region' ? actor.institutionId : null,
      bytesTotal: input.bytesTotal ?? 0,
      createdBy: actor?.username ?? 'cli',
      createdAt: ctx.platform.now(),
    })
    .returning();
  return row!;
}

/** Imports the file into the recorded import and stores the outcome; never throws for a bad file. */
export async function processImport(ctx: Ctx, importId: string, file: string): Promise<ImportRow> {
  const [rec] = await ctx.db.select().from(screeningImports).where(eq(screeningImports.id, importId));
  if (!rec) throw notFound();
  const kind = rec.kind as TScreeningKind;
  const size = fs.statSync(file).size;
  const set = (v: Partial<ImportRow>) => ctx.db.update(screeningImports).set(v).where(eq(screeningImports.id, importId)).returning();
  await set({ sha256: await sha256File(file), bytesTotal: size, bytesRead: size });
  let outcome: { rowsRead: number; imported: number; updated: number; unchanged: number; rejected: number; problems: TScreeningImport['problems']; problemsTotal: number; institutionCodes: string[] };
  try {
    if (isFact(kind)) {
      let csv = file;
      if (isXlsxFile(file)) {
        csv = `${file}.csv`;
        await xlsxToCsv(file, csv);
      }
      try {
        const codes = await writableCodes(ctx);
        const r = await withFacts(ctx.platform.config.dataDir, async (con) => {
          await syncReference(ctx.db, con);
          return importFactFile(con, kind, csv, { importId, partial: rec.partial, institutions: codes, locale: ctx.locale });
        });
        outcome = { ...r, updated: 0 };
      } finally {
        if (csv !== file) fs.rmSync(csv, { force: true });
      }
    } else {
      const sheet = await readSheet(fs.readFileSync(file));
      if (ORG_KINDS.includes(kind)) {
        try {
          const r = await importOrgFile(ctx, kind as OrgImportKind, fs.readFileSync(file));
          outcome = { rowsRead: sheet.rows.length, imported: r.created, updated: r.updated, unchanged: r.unchanged, rejected: 0, problems: [], problemsTotal: 0, institutionCodes: [] };
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'import_failed') throw err;
          const errors = (err.details as Pick<TImportResult, 'errors'> | undefined)?.errors ?? [];
          outcome = { rowsRead: sheet.rows.length, imported: 0, updated: 0, unchanged: 0, rejected: new Set(errors.map((e) => e.row)).size, problems: errors, problemsTotal: errors.length, institutionCodes: [] };
        }
      } else {
        const r = await importReferenceSheet(ctx, kind as ReferenceKind, sheet, rec.partial);
        outcome = { ...r, problemsTotal: r.problems.length, institutionCodes: [] };
      }
    }
  } catch (err) {
    const why = err instanceof AppError ? err.messageKey : (err as Error).message;
    const [row] = await set({ status: 'failed', error: why === 'unreadable_file' ? 'unreadable_file' : String(why).slice(0, 500), finishedAt: ctx.platform.now() });
    return row!;
  }
  const failed = outcome.problemsTotal > 0 && !rec.partial;
  const place = await placement(ctx, rec, outcome.institutionCodes);
  const [row] = await set({
    status: failed ? 'failed' : 'done',
    rowsRead: outcome.rowsRead,
    imported: outcome.imported,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    rejected: outcome.rejected,
    problems: outcome.problems.slice(0, PROBLEM_CAP),
    problemsTotal: outcome.problemsTotal,
    finishedAt: ctx.platform.now(),
    ...place,
  });
  if (isFact(kind) && !failed)
    await writeAudit(ctx, {
      action: 'screening.import',
      targetType: 'screening_import',
      targetId: importId,
      institutionId: row!.institutionId,
      regionId: row!.regionId,
      after: { kind, rows: outcome.rowsRead, imported: outcome.imported, unchanged: outcome.unchanged, rejected: outcome.rejected },
    });
  return row!;
}

/** A CLI import of a single institution's file is placed in that institution (so its office sees it in the history). */
async function placement(ctx: Ctx, rec: ImportRow, codes: string[]): Promise<Partial<ImportRow>> {
  if (rec.institutionId || codes.length !== 1) return {};
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.code, codes[0]!));
  return inst ? { institutionId: inst.id, regionId: inst.regionId } : {};
}

/** Imports a file on disk in one go (the CLI, the seed). */
export async function importFile(ctx: Ctx, kind: TScreeningKind, file: string, opts: { partial?: boolean; filename?: string } = {}) {
  const rec = await startImport(ctx, { kind, filename: opts.filename ?? path.basename(file), partial: opts.partial });
  return importView(await processImport(ctx, rec.id, file));
}

/** Records how much of an upload has arrived. */
export async function noteUploadProgress(ctx: Ctx, importId: string, bytes: number): Promise<void> {
  await ctx.db.update(screeningImports).set({ bytesRead: bytes }).where(eq(screeningImports.id, importId));
}

/** Marks an import failed before its file could be read (e.g. an upload over the size limit). */
export async function failImport(ctx: Ctx, importId: string, error: string): Promise<void> {
  await ctx.db.update(screeningImports).set({ status: 'failed', error, finishedAt: ctx.platform.now() }).where(eq(screeningImports.id, importId));
}

/** Where uploads wait while they are imported. */
export const uploadDir = (ctx: Ctx) => path.join(ctx.platform.config.dataDir, 'screening', 'uploads');

/** The history rows an actor may see: their institution's, or their region's for region roles. */
function scope(actor: Actor): SQL {
  if (scopeOf(actor) === 'region')
    return sql`(${screeningImports.regionId} = ${actor.regionId} or ${screeningImports.institutionId} in (select id from institutions where region_id = ${actor.regionId}))`;
  return actor.institutionId ? eq(screeningImports.institutionId, actor.institutionId) : sql`false`;
}

/** The import history, newest first, with counts. */
export async function listImports(ctx: Ctx, q: TScreeningImportQuery) {
  const actor = actorOf(ctx);
  const where = and(scope(actor), q.kind ? eq(screeningImports.kind, q.kind) : undefined, q.status ? eq(screeningImports.status, q.status) : undefined);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(screeningImports).where(where);
  const rows = await ctx.db.select().from(screeningImports).where(where).orderBy(sql`${screeningImports.createdAt} desc`).limit(pageOf(q).limit).offset(pageOf(q).offset);
  return { items: rows.map(importView), total, page: q.page, pageSize: q.pageSize };
}

/** One import with its progress and problems; out of scope is 404. */
export async function getImport(ctx: Ctx, id: string) {
  const actor = actorOf(ctx);
  const [row] = await ctx.db.select().from(screeningImports).where(and(eq(screeningImports.id, id), scope(actor)));
  if (!row) throw notFound();
  return importView(row);
}

/** Imports still "running" an hour after they began were cut short (the server stopped): marked failed at start-up. */
export async function failInterruptedImports(ctx: Ctx): Promise<void> {
  const before = new Date(ctx.platform.now().getTime() - 60 * 60_000);
  await ctx.db
    .update(screeningImports)
    .set({ status: 'failed', error: 'interrupted', finishedAt: ctx.platform.now() })
    .where(and(eq(screeningImports.status, 'running'), isNull(screeningImports.finishedAt), lt(screeningImports.createdAt, before)));
}

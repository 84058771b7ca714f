/** Helpers shared by the organisation services: transactions, unique conflicts, paging, placement lookups. */
import type { TPage } from '@qinglian/contracts';
import { eq } from 'drizzle-orm';
import { type Actor, writableInstitution } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { departments, institutions, people } from './org.tables.ts';

/** Runs fn in one transaction with a context bound to it (the mutation and its audit entry commit together). */
export function withTx<T>(ctx: Ctx, fn: (c: Ctx) => Promise<T>): Promise<T> {
  return inTx(ctx.db, (db) => fn({ ...ctx, db }));
}

/** The unique constraints of the organisation tables and the input field each one protects. */
const UNIQUE_FIELDS: Record<string, string> = {
  regions_code_unique: 'code',
  institutions_code_unique: 'code',
  departments_inst_code_uq: 'code',
  people_inst_staffno_uq: 'staffNo',
};

function pgErrorOf(e: unknown): { code?: string; constraint?: string } | null {
  for (let cur = e as { code?: string; constraint?: string; cause?: unknown } | undefined, i = 0; cur && i < 5; i++) {
    if (typeof cur.code === 'string' && /^\d{2}[0-9A-Z]{3}$/.test(cur.code)) return cur;
    cur = cur.cause as typeof cur;
  }
  return null;
}

/** Runs a write; a unique violation becomes a 409 naming the field instead of a 500. */
export async function guardUnique<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const pg = pgErrorOf(e);
    if (pg?.code === '23505') throw conflict((pg.constraint && UNIQUE_FIELDS[pg.constraint]) || 'code');
    throw e;
  }
}

/** A page result from the two halves of a list query. */
export async function pageResult<T>(
  q: { page: number; pageSize: number },
  items: (limit: number, offset: number) => Promise<T[]>,
  total: () => Promise<number>,
): Promise<TPage<T>> {
  const [list, n] = await Promise.all([items(q.pageSize, (q.page - 1) * q.pageSize), total()]);
  return { items: list, total: n, page: q.page, pageSize: q.pageSize };
}

/** Exports read every matching row, up to this many. */
export const EXPORT_LIMIT = 100_000;

export type InstitutionRow = typeof institutions.$inferSelect;

/** Loads an institution the actor may write into; 404 when it does not exist or lies outside their scope. */
export async function writableInstitutionRow(ctx: Ctx, actor: Actor, institutionId: string): Promise<InstitutionRow> {
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, institutionId));
  if (!inst) throw notFound('institution');
  writableInstitution(actor, inst.id, inst.regionId);
  return inst;
}

/** Checks that a referenced department belongs to the institution; 400 naming the field otherwise. */
export async function departmentOf(ctx: Ctx, institutionId: string, departmentId: string | null | undefined, field = 'departmentId') {
  if (!departmentId) return null;
  const [d] = await ctx.db.select().from(departments).where(eq(departments.id, departmentId));
  if (!d || d.institutionId !== institutionId) throw invalid(field, 'wrong_institution');
  return d;
}

/** Checks that a referenced person belongs to the institution; 400 naming the field otherwise. */
export async function personOf(ctx: Ctx, institutionId: string, personId: string | null | undefined, field: string) {
  if (!personId) return null;
  const [p] = await ctx.db.select().from(people).where(eq(people.id, personId));
  if (!p || p.institutionId !== institutionId) throw invalid(field, 'wrong_institution');
  return p;
}

/** Only the keys present in a patch, so an absent field is left alone and null clears it. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Institutions (hospitals and health centres): list, read, create, edit, deactivate. */
import type { TInstitution, TInstitutionInput, TInstitutionPatch, TOrgListQuery, TPage } from '@qinglian/contracts';
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeOf, scopeWhere, writableInstitution } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { likeOf, orderOf } from '../../platform/pagination.ts';
import { definedOnly, EXPORT_LIMIT, guardUnique, pageResult, withTx } from './org.common.ts';
import { departments, institutions, people, regions } from './org.tables.ts';

const departmentCount = sql<number>`(select count(*) from ${departments} where ${departments.institutionId} = ${institutions.id} and ${departments.active})`.mapWith(Number);
const staffCount = sql<number>`(select count(*) from ${people} where ${people.institutionId} = ${institutions.id} and ${people.active})`.mapWith(Number);

const base = {
  id: institutions.id,
  regionId: institutions.regionId,
  regionName: regions.name,
  code: institutions.code,
  name: institutions.name,
  level: institutions.level,
  kind: institutions.kind,
  requireTotpForDiscipline: institutions.requireTotpForDiscipline,
  active: institutions.active,
};
const columns = { ...base, departmentCount, staffCount };

const sortable = {
  code: institutions.code,
  name: institutions.name,
  level: institutions.level,
  kind: institutions.kind,
  regionName: regions.name,
  active: institutions.active,
  createdAt: institutions.createdAt,
};

function whereOf(ctx: Ctx, q: TOrgListQuery): SQL | undefined {
  const conds: SQL[] = [scopeWhere(actorOf(ctx), { regionId: institutions.regionId, institutionId: institutions.id })];
  if (q.q) conds.push(or(ilike(institutions.name, likeOf(q.q)), ilike(institutions.code, likeOf(q.q)))!);
  if (q.institutionId) conds.push(eq(institutions.id, q.institutionId));
  if (q.active !== undefined) conds.push(eq(institutions.active, q.active));
  return and(...conds);
}

function select(ctx: Ctx, q: TOrgListQuery, limit: number, offset: number) {
  return ctx.db
    .select(columns)
    .from(institutions)
    .innerJoin(regions, eq(regions.id, institutions.regionId))
    .where(whereOf(ctx, q))
    .orderBy(...orderOf(q, sortable, institutions.code), asc(institutions.id))
    .limit(limit)
    .offset(offset);
}

/** A page of institutions in the caller's scope, with department and staff counts. */
export async function listInstitutions(ctx: Ctx, q: TOrgListQuery): Promise<TPage<TInstitution>> {
  return pageResult(
    q,
    (limit, offset) => select(ctx, q, limit, offset),
    async () => (await ctx.db.select({ n: count() }).from(institutions).where(whereOf(ctx, q)))[0]?.n ?? 0,
  );
}

/** Every institution matching the filters (for the spreadsheet export). */
export function exportInstitutions(ctx: Ctx, q: TOrgListQuery): Promise<TInstitution[]> {
  return select(ctx, q, EXPORT_LIMIT, 0);
}

/** One institution in the caller's scope; 404 otherwise. */
export async function getInstitution(ctx: Ctx, id: string): Promise<TInstitution> {
  const [row] = await ctx.db
    .select(columns)
    .from(institutions)
    .innerJoin(regions, eq(regions.id, institutions.regionId))
    .where(eq(institutions.id, id));
  if (!row) throw notFound('institution');
  assertInScope(actorOf(ctx), { regionId: row.regionId, institutionId: row.id });
  return row;
}

async function plainInstitution(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select(base).from(institutions).innerJoin(regions, eq(regions.id, institutions.regionId)).where(eq(institutions.id, id));
  return row!;
}

/** Creates an institution in the region administrator's own region. */
export async function createInstitution(ctx: Ctx, input: TInstitutionInput): Promise<TInstitution> {
  const actor = actorOf(ctx);
  // Institution-level roles administer their own institution; only the region creates new ones.
  if (scopeOf(actor) !== 'region') throw forbidden();
  if (input.regionId !== actor.regionId) throw invalid('regionId', 'unknown_region');
  const id = await withTx(ctx, async (c) => {
    const [r] = await guardUnique(() => c.db.insert(institutions).values(input).returning({ id: institutions.id }));
    const after = await plainInstitution(c, r!.id);
    await writeAudit(c, { action: 'institution.create', targetType: 'institution', targetId: r!.id, institutionId: r!.id, regionId: input.regionId, after });
    return r!.id;
  });
  return getInstitution(ctx, id);
}

/** Edits an institution, including `active: false` to deactivate it and `true` to reactivate. */
export async function updateInstitution(ctx: Ctx, id: string, patch: TInstitutionPatch): Promise<TInstitution> {
  const actor = actorOf(ctx);
  await withTx(ctx, async (c) => {
    const before = await getInstitution(c, id);
    writableInstitution(actor, before.id, before.regionId);
    const set = definedOnly(patch);
    if (!Object.keys(set).length) return;
    await guardUnique(() =>
      c.db
        .update(institutions)
        .set({ ...set, updatedAt: c.platform.now() })
        .where(eq(institutions.id, id)),
    );
    const after = await plainInstitution(c, id);
    const { departmentCount: _d, staffCount: _s, ...was } = before;
    await writeAudit(c, { action: 'institution.update', targetType: 'institution', targetId: id, institutionId: id, regionId: before.regionId, before: was, after });
  });
  return getInstitution(ctx, id);
}

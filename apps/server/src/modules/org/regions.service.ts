/** Regions (a city's health commission area): list, create, rename, deactivate. */
import type { TPage, TRegion, TRegionListQuery } from '@qinglian/contracts';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { likeOf, orderOf } from '../../platform/pagination.ts';
import { definedOnly, guardUnique, pageResult, withTx } from './org.common.ts';
import { regions } from './org.tables.ts';

const columns = { id: regions.id, code: regions.code, name: regions.name, active: regions.active };
const sortable = { code: regions.code, name: regions.name, active: regions.active, createdAt: regions.createdAt };

/** Regions in the caller's scope (region roles and everyone else: their own region). */
export async function listRegions(ctx: Ctx, q: TRegionListQuery): Promise<TPage<TRegion>> {
  const actor = actorOf(ctx);
  const conds: SQL[] = [scopeWhere(actor, { regionId: regions.id })];
  if (q.q) conds.push(or(ilike(regions.name, likeOf(q.q)), ilike(regions.code, likeOf(q.q)))!);
  if (q.active !== undefined) conds.push(eq(regions.active, q.active));
  const where = and(...conds);
  return pageResult(
    q,
    (limit, offset) =>
      ctx.db
        .select(columns)
        .from(regions)
        .where(where)
        .orderBy(...orderOf(q, sortable, regions.code), asc(regions.id))
        .limit(limit)
        .offset(offset),
    async () => (await ctx.db.select({ n: count() }).from(regions).where(where))[0]?.n ?? 0,
  );
}

async function regionInScope(ctx: Ctx, id: string): Promise<TRegion> {
  const [r] = await ctx.db.select(columns).from(regions).where(eq(regions.id, id));
  if (!r) throw notFound('region');
  assertInScope(actorOf(ctx), { regionId: r.id });
  return r;
}

/** Creates a region (region administrators; the CLI import creates them too). */
export async function createRegion(ctx: Ctx, input: { code: string; name: string }): Promise<TRegion> {
  actorOf(ctx);
  return withTx(ctx, async (c) => {
    const [r] = await guardUnique(() => c.db.insert(regions).values(input).returning(columns));
    await writeAudit(c, { action: 'region.create', targetType: 'region', targetId: r!.id, regionId: r!.id, after: r });
    return r!;
  });
}

/** Renames, recodes, deactivates or reactivates a region in the caller's scope. */
export async function updateRegion(ctx: Ctx, id: string, patch: { code?: string; name?: string; active?: boolean }): Promise<TRegion> {
  return withTx(ctx, async (c) => {
    const before = await regionInScope(c, id);
    const set = definedOnly(patch);
    if (!Object.keys(set).length) return before;
    const [after] = await guardUnique(() =>
      c.db
        .update(regions)
        .set({ ...set, updatedAt: c.platform.now() })
        .where(eq(regions.id, id))
        .returning(columns),
    );
    await writeAudit(c, { action: 'region.update', targetType: 'region', targetId: id, regionId: id, before, after });
    return after!;
  });
}

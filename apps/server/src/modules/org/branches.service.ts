/** Party branches (党支部) with their secretary and discipline inspector: list, read, create, edit, deactivate. */
import type { TBranch, TBranchInput, TBranchPatch, TOrgListQuery, TPage } from '@qinglian/contracts';
import { and, asc, count, eq, ilike, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assertInScope, scopeWhere, writableInstitution } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { likeOf, orderOf } from '../../platform/pagination.ts';
import { departmentOf, definedOnly, guardUnique, pageResult, personOf, withTx, writableInstitutionRow } from './org.common.ts';
import { departments, institutions, partyBranches, people } from './org.tables.ts';

const secretary = alias(people, 'secretary');
const inspector = alias(people, 'inspector');

const columns = {
  id: partyBranches.id,
  institutionId: partyBranches.institutionId,
  institutionName: institutions.name,
  departmentId: partyBranches.departmentId,
  departmentName: departments.name,
  name: partyBranches.name,
  secretaryId: partyBranches.secretaryId,
  secretaryName: secretary.name,
  inspectorId: partyBranches.inspectorId,
  inspectorName: inspector.name,
  active: partyBranches.active,
};

const sortable = {
  name: partyBranches.name,
  departmentName: departments.name,
  institutionName: institutions.name,
  secretaryName: secretary.name,
  active: partyBranches.active,
  createdAt: partyBranches.createdAt,
};

function whereOf(ctx: Ctx, q: TOrgListQuery): SQL | undefined {
  const conds: SQL[] = [scopeWhere(actorOf(ctx), { institutionId: partyBranches.institutionId, departmentId: partyBranches.departmentId })];
  if (q.q) conds.push(ilike(partyBranches.name, likeOf(q.q)));
  if (q.institutionId) conds.push(eq(partyBranches.institutionId, q.institutionId));
  if (q.departmentId) conds.push(eq(partyBranches.departmentId, q.departmentId));
  if (q.active !== undefined) conds.push(eq(partyBranches.active, q.active));
  return and(...conds);
}

function joined(ctx: Ctx) {
  return ctx.db
    .select({ ...columns, regionId: institutions.regionId })
    .from(partyBranches)
    .innerJoin(institutions, eq(institutions.id, partyBranches.institutionId))
    .leftJoin(departments, eq(departments.id, partyBranches.departmentId))
    .leftJoin(secretary, eq(secretary.id, partyBranches.secretaryId))
    .leftJoin(inspector, eq(inspector.id, partyBranches.inspectorId));
}

const publicShape = ({ regionId: _r, ...b }: TBranch & { regionId: string }): TBranch => b;

/** A page of branches in the caller's scope, with department, secretary and inspector names. */
export async function listBranches(ctx: Ctx, q: TOrgListQuery): Promise<TPage<TBranch>> {
  return pageResult(
    q,
    async (limit, offset) =>
      (
        await joined(ctx)
          .where(whereOf(ctx, q))
          .orderBy(...orderOf(q, sortable, partyBranches.name), asc(partyBranches.id))
          .limit(limit)
          .offset(offset)
      ).map(publicShape),
    async () => (await ctx.db.select({ n: count() }).from(partyBranches).where(whereOf(ctx, q)))[0]?.n ?? 0,
  );
}

async function branchRow(ctx: Ctx, id: string) {
  const [row] = await joined(ctx).where(eq(partyBranches.id, id));
  if (!row) throw notFound('branch');
  assertInScope(actorOf(ctx), { institutionId: row.institutionId, departmentId: row.departmentId }, row.regionId);
  return row;
}

/** One branch in the caller's scope; 404 otherwise. */
export async function getBranch(ctx: Ctx, id: string): Promise<TBranch> {
  return publicShape(await branchRow(ctx, id));
}

async function checkRefs(ctx: Ctx, institutionId: string, v: { departmentId?: string | null; secretaryId?: string | null; inspectorId?: string | null }) {
  await departmentOf(ctx, institutionId, v.departmentId);
  await personOf(ctx, institutionId, v.secretaryId, 'secretaryId');
  await personOf(ctx, institutionId, v.inspectorId, 'inspectorId');
}

/** Creates a party branch; its department, secretary and inspector must belong to the same institution. */
export async function createBranch(ctx: Ctx, input: TBranchInput): Promise<TBranch> {
  const actor = actorOf(ctx);
  const id = await withTx(ctx, async (c) => {
    const inst = await writableInstitutionRow(c, actor, input.institutionId);
    await checkRefs(c, inst.id, input);
    const [r] = await guardUnique(() => c.db.insert(partyBranches).values(input).returning({ id: partyBranches.id }));
    const after = await getBranch(c, r!.id);
    await writeAudit(c, { action: 'branch.create', targetType: 'branch', targetId: r!.id, institutionId: inst.id, regionId: inst.regionId, after });
    return r!.id;
  });
  return getBranch(ctx, id);
}

/** Edits a branch, including `active: false` to deactivate and `true` to reactivate. */
export async function updateBranch(ctx: Ctx, id: string, patch: TBranchPatch): Promise<TBranch> {
  const actor = actorOf(ctx);
  await withTx(ctx, async (c) => {
    const before = await branchRow(c, id);
    writableInstitution(actor, before.institutionId, before.regionId);
    await checkRefs(c, before.institutionId, patch);
    const set = definedOnly(patch);
    if (!Object.keys(set).length) return;
    await c.db
      .update(partyBranches)
      .set({ ...set, updatedAt: c.platform.now() })
      .where(eq(partyBranches.id, id));
    const after = await getBranch(c, id);
    await writeAudit(c, {
      action: 'branch.update',
      targetType: 'branch',
      targetId: id,
      institutionId: before.institutionId,
      regionId: before.regionId,
      before: publicShape(before),
      after,
    });
  });
  return getBranch(ctx, id);
}

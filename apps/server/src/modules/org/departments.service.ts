/** Departments of an institution (clinical or not): list, read, create, edit, deactivate. */
import type { TDepartment, TDepartmentInput, TDepartmentPatch, TOrgListQuery, TPage } from '@qinglian/contracts';
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeWhere, writableInstitution } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { likeOf, orderOf } from '../../platform/pagination.ts';
import { definedOnly, EXPORT_LIMIT, guardUnique, pageResult, withTx, writableInstitutionRow } from './org.common.ts';
import { departments, institutions, people } from './org.tables.ts';

const staffCount = sql<number>`(select count(*) from ${people} where ${people.departmentId} = ${departments.id} and ${people.active})`.mapWith(Number);

const base = {
  id: departments.id,
  institutionId: departments.institutionId,
  institutionName: institutions.name,
  code: departments.code,
  name: departments.name,
  clinical: departments.clinical,
  active: departments.active,
};
const columns = { ...base, staffCount };

const sortable = {
  code: departments.code,
  name: departments.name,
  clinical: departments.clinical,
  institutionName: institutions.name,
  active: departments.active,
  createdAt: departments.createdAt,
};

function whereOf(ctx: Ctx, q: TOrgListQuery): SQL | undefined {
  // A department-level caller sees their own department: it is the department row itself.
  const conds: SQL[] = [scopeWhere(actorOf(ctx), { institutionId: departments.institutionId, departmentId: departments.id })];
  if (q.q) conds.push(or(ilike(departments.name, likeOf(q.q)), ilike(departments.code, likeOf(q.q)))!);
  if (q.institutionId) conds.push(eq(departments.institutionId, q.institutionId));
  if (q.departmentId) conds.push(eq(departments.id, q.departmentId));
  if (q.active !== undefined) conds.push(eq(departments.active, q.active));
  return and(...conds);
}

function select(ctx: Ctx, q: TOrgListQuery, limit: number, offset: number) {
  return ctx.db
    .select(columns)
    .from(departments)
    .innerJoin(institutions, eq(institutions.id, departments.institutionId))
    .where(whereOf(ctx, q))
    .orderBy(...orderOf(q, sortable, departments.code), asc(departments.id))
    .limit(limit)
    .offset(offset);
}

/** A page of departments in the caller's scope, with their active staff counts. */
export async function listDepartments(ctx: Ctx, q: TOrgListQuery): Promise<TPage<TDepartment>> {
  return pageResult(
    q,
    (limit, offset) => select(ctx, q, limit, offset),
    async () => (await ctx.db.select({ n: count() }).from(departments).where(whereOf(ctx, q)))[0]?.n ?? 0,
  );
}

/** Every department matching the filters (for the spreadsheet export). */
export function exportDepartments(ctx: Ctx, q: TOrgListQuery): Promise<TDepartment[]> {
  return select(ctx, q, EXPORT_LIMIT, 0);
}

async function departmentRow(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ ...columns, regionId: institutions.regionId })
    .from(departments)
    .innerJoin(institutions, eq(institutions.id, departments.institutionId))
    .where(eq(departments.id, id));
  if (!row) throw notFound('department');
  assertInScope(actorOf(ctx), { institutionId: row.institutionId, departmentId: row.id }, row.regionId);
  return row;
}

/** One department in the caller's scope; 404 otherwise. */
export async function getDepartment(ctx: Ctx, id: string): Promise<TDepartment> {
  const { regionId: _r, ...d } = await departmentRow(ctx, id);
  return d;
}

const auditShape = ({ regionId: _r, staffCount: _s, ...d }: Awaited<ReturnType<typeof departmentRow>>) => d;

/** Creates a department; its code is unique within the institution. */
export async function createDepartment(ctx: Ctx, input: TDepartmentInput): Promise<TDepartment> {
  const actor = actorOf(ctx);
  const id = await withTx(ctx, async (c) => {
    const inst = await writableInstitutionRow(c, actor, input.institutionId);
    const [r] = await guardUnique(() => c.db.insert(departments).values(input).returning({ id: departments.id }));
    const after = auditShape(await departmentRow(c, r!.id));
    await writeAudit(c, { action: 'department.create', targetType: 'department', targetId: r!.id, institutionId: inst.id, regionId: inst.regionId, after });
    return r!.id;
  });
  return getDepartment(ctx, id);
}

/** Edits a department, including `active: false` to deactivate it and `true` to reactivate. */
export async function updateDepartment(ctx: Ctx, id: string, patch: TDepartmentPatch): Promise<TDepartment> {
  const actor = actorOf(ctx);
  await withTx(ctx, async (c) => {
    const before = await departmentRow(c, id);
    writableInstitution(actor, before.institutionId, before.regionId);
    const set = definedOnly(patch);
    if (!Object.keys(set).length) return;
    await guardUnique(() =>
      c.db
        .update(departments)
        .set({ ...set, updatedAt: c.platform.now() })
        .where(eq(departments.id, id)),
    );
    const after = auditShape(await departmentRow(c, id));
    await writeAudit(c, {
      action: 'department.update',
      targetType: 'department',
      targetId: id,
      institutionId: before.institutionId,
      regionId: before.regionId,
      before: auditShape(before),
      after,
    });
  });
  return getDepartment(ctx, id);
}

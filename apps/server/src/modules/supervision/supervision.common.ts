/** Shared checks of the supervision services: which institution a write lands in, and that people and departments belong to it. */
import { and, eq, inArray } from 'drizzle-orm';
import { scopeOf } from '../../platform/access.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { accounts } from '../auth/index.ts';
import { departments, institutions, people } from '../org/org.tables.ts';

/** The institution a write goes to: the caller's own, or one of the region's for region roles. */
export async function targetInstitution(ctx: Ctx, institutionId?: string) {
  const actor = actorOf(ctx);
  const id = institutionId ?? actor.institutionId;
  if (!id) throw invalid('institutionId', 'required');
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, id));
  if (!inst || (scopeOf(actor) === 'region' ? inst.regionId !== actor.regionId : inst.id !== actor.institutionId)) throw notFound('institution');
  return inst;
}

/** Throws a 400 naming `field` unless every id is a department of the institution. */
export async function checkDepartments(ctx: Ctx, institutionId: string, ids: string[], field: string) {
  if (!ids.length) return [];
  const ds = await ctx.db.select().from(departments).where(and(inArray(departments.id, ids), eq(departments.institutionId, institutionId)));
  if (ds.length !== new Set(ids).size) throw invalid(field, 'wrong_institution');
  return ds;
}

/** Throws a 400 naming `field` unless every id is a person of the institution. */
export async function checkPeople(ctx: Ctx, institutionId: string, ids: string[], field: string) {
  if (!ids.length) return [];
  const ps = await ctx.db.select().from(people).where(and(inArray(people.id, ids), eq(people.institutionId, institutionId)));
  if (ps.length !== new Set(ids).size) throw invalid(field, 'wrong_institution');
  return ps;
}

/** Accounts of the institution holding one of the roles (recipients of reminders). */
export async function accountsWithRole(ctx: Ctx, institutionId: string, roles: ('discipline_officer' | 'leader' | 'dept_head')[]) {
  return ctx.db
    .select({ id: accounts.id, role: accounts.role, departmentId: accounts.departmentId, personId: accounts.personId })
    .from(accounts)
    .where(and(eq(accounts.institutionId, institutionId), inArray(accounts.role, roles), eq(accounts.active, true)));
}

/** The accounts linked to these people (to notify a responsible person). */
export async function accountsOfPeople(ctx: Ctx, personIds: string[]) {
  if (!personIds.length) return [];
  return ctx.db.select({ id: accounts.id }).from(accounts).where(and(inArray(accounts.personId, personIds), eq(accounts.active, true)));
}

/** A Shanghai calendar date at 09:00 local time, when reminders go out. */
export const morningOf = (d: string) => new Date(`${d}T09:00:00+08:00`);
/** Today's Shanghai calendar date. */
export { shanghaiDate as todayShanghai } from '../../platform/time.ts';
/** rounds: the calendar date after a YYYY-MM-DD date. */
export const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

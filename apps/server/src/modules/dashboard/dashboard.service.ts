/** The home page's figures, all computed from the records in the caller's scope. */
import { can, type TDashboard } from '@qinglian/contracts';
import { and, count, countDistinct, desc, eq, gte, isNull, type SQL, sql } from 'drizzle-orm';
import { scopeOf, scopeWhere } from '../../platform/access.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db.ts';
import { auditLog, notifications } from '../../platform/platform.tables.ts';
import { accounts } from '../auth/index.ts';
import { departments, institutions, partyBranches, people, posts, regions } from '../org/org.tables.ts';

const n = (r: { n: number }[]) => Number(r[0]?.n ?? 0);

/** Figures for the caller's region, institution, department or self. */
export async function dashboard(ctx: Ctx): Promise<TDashboard> {
  const actor = actorOf(ctx);
  const level = scopeOf(actor);
  const db = ctx.db;
  const instScope = scopeWhere(actor, { regionId: institutions.regionId, ...(level === 'region' ? {} : { institutionId: institutions.id }) });
  const deptScope = scopeWhere(actor, { institutionId: departments.institutionId, departmentId: departments.id });
  const personScope = scopeWhere(actor, { institutionId: people.institutionId, departmentId: people.departmentId, personId: people.id });
  const postScope = scopeWhere(actor, { institutionId: posts.institutionId, departmentId: posts.departmentId, personId: posts.personId });
  const branchScope = scopeWhere(actor, { institutionId: partyBranches.institutionId, departmentId: partyBranches.departmentId });
  const activePosts = (extra: SQL) =>
    db.select({ n: countDistinct(posts.personId) }).from(posts).where(and(postScope, eq(posts.active, true), extra));
  const auditScope =
    level === 'region' ? eq(auditLog.regionId, actor.regionId) : scopeWhere(actor, { institutionId: auditLog.institutionId });
  const weekAgo = new Date(ctx.platform.now().getTime() - 7 * 86_400_000);

  const [inst, dept, clinical, branch, staff, middle, leaders, key, accts, unread, audit] = await Promise.all([
    db.select({ n: count() }).from(institutions).where(and(instScope, eq(institutions.active, true))),
    db.select({ n: count() }).from(departments).where(and(deptScope, eq(departments.active, true))),
    db.select({ n: count() }).from(departments).where(and(deptScope, eq(departments.active, true), eq(departments.clinical, true))),
    db.select({ n: count() }).from(partyBranches).where(and(branchScope, eq(partyBranches.active, true))),
    db.select({ n: count() }).from(people).where(and(personScope, eq(people.active, true))),
    activePosts(eq(posts.cadreLevel, 'middle')),
    activePosts(eq(posts.cadreLevel, 'leader')),
    activePosts(eq(posts.keyPost, true)),
    can(actor.role, 'account.read')
      ? db.select({ n: count() }).from(accounts).where(level === 'region' ? eq(accounts.regionId, actor.regionId) : scopeWhere(actor, { institutionId: accounts.institutionId }))
      : Promise.resolve([{ n: 0 }]),
    db.select({ n: count() }).from(notifications).where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt))),
    can(actor.role, 'audit.read') ? db.select({ n: count() }).from(auditLog).where(and(auditScope, gte(auditLog.at, weekAgo))) : Promise.resolve([{ n: 0 }]),
  ]);

  const byInstitution =
    level === 'region'
      ? await rows<{ id: string; name: string; staff: number; departments: number }>(
          db,
          sql`select i.id, i.name,
                (select count(*)::int from ${people} p where p.institution_id = i.id and p.active) as staff,
                (select count(*)::int from ${departments} d where d.institution_id = i.id and d.active) as departments
              from ${institutions} i where i.region_id = ${actor.regionId} and i.active order by staff desc, i.code`,
        )
      : [];
  const byDepartment =
    level === 'institution' || level === 'department'
      ? (
          await db
            .select({ id: departments.id, name: departments.name, staff: count(people.id) })
            .from(departments)
            .leftJoin(people, and(eq(people.departmentId, departments.id), eq(people.active, true)))
            .where(and(deptScope, eq(departments.active, true)))
            .groupBy(departments.id, departments.name)
            .orderBy(desc(count(people.id)))
            .limit(30)
        ).map((r) => ({ ...r, staff: Number(r.staff) }))
      : [];

  return {
    scope: level,
    scopeName: await scopeName(ctx),
    institutions: n(inst),
    departments: n(dept),
    clinicalDepartments: n(clinical),
    branches: n(branch),
    staff: n(staff),
    middleCadres: n(middle),
    leaders: n(leaders),
    keyPosts: n(key),
    accounts: n(accts),
    unreadNotifications: n(unread),
    auditLast7Days: n(audit),
    byInstitution: byInstitution.map((r) => ({ ...r, staff: Number(r.staff), departments: Number(r.departments) })),
    byDepartment,
  };
}

async function scopeName(ctx: Ctx): Promise<string> {
  const a = actorOf(ctx);
  const level = scopeOf(a);
  if (level === 'region') return (await ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.id, a.regionId)))[0]?.name ?? '';
  if (level === 'self') return a.displayName;
  const [inst] = await ctx.db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, a.institutionId ?? ''));
  if (level === 'institution' || !a.departmentId) return inst?.name ?? '';
  const [dept] = await ctx.db.select({ name: departments.name }).from(departments).where(eq(departments.id, a.departmentId));
  return `${inst?.name ?? ''} · ${dept?.name ?? ''}`;
}

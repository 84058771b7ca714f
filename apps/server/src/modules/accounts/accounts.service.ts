/** Account administration: who may sign in, with which role and where. */
import { ROLE_SCOPE, type TAccount, type TRole } from '@qinglian/contracts';
import { and, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { assertInScope, scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { type Db, inTx } from '../../platform/db.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import { accounts, hashPassword, sessions } from '../auth/index.ts';
import { departments, institutions, people } from '../org/org.tables.ts';

type Row = typeof accounts.$inferSelect;
const REGION_ROLES: TRole[] = ['region_admin', 'region_supervisor'];

const baseSelect = (db: Db) =>
  db
    .select({ a: accounts, personName: people.name, institutionName: institutions.name, departmentName: departments.name })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .leftJoin(institutions, eq(institutions.id, accounts.institutionId))
    .leftJoin(departments, eq(departments.id, accounts.departmentId));

function present(r: { a: Row; personName: string | null; institutionName: string | null; departmentName: string | null }, now: Date): TAccount {
  return {
    id: r.a.id,
    username: r.a.username,
    role: r.a.role,
    personId: r.a.personId,
    personName: r.personName,
    regionId: r.a.regionId,
    institutionId: r.a.institutionId,
    institutionName: r.institutionName,
    departmentId: r.a.departmentId,
    departmentName: r.departmentName,
    active: r.a.active,
    locked: !!r.a.lockedUntil && r.a.lockedUntil > now,
    totpEnabled: r.a.totpEnabled,
    lastLoginAt: r.a.lastLoginAt?.toISOString() ?? null,
  };
}

const scope = (ctx: Ctx) => scopeWhere(actorOf(ctx), { regionId: accounts.regionId, institutionId: accounts.institutionId });

/** Accounts in the caller's scope. */
export async function listAccounts(ctx: Ctx, q: { page: number; pageSize: number; q?: string; sort?: string; order: 'asc' | 'desc'; institutionId?: string; role?: TRole }) {
  const w = and(
    scopeOf(actorOf(ctx)) === 'region' ? eq(accounts.regionId, actorOf(ctx).regionId) : scope(ctx),
    q.institutionId ? eq(accounts.institutionId, q.institutionId) : undefined,
    q.role ? eq(accounts.role, q.role) : undefined,
    q.q ? or(ilike(accounts.username, likeOf(q.q)), ilike(people.name, likeOf(q.q))) : undefined,
  ) as SQL;
  const { limit, offset } = pageOf(q);
  const [rowsFound, [total]] = await Promise.all([
    baseSelect(ctx.db)
      .where(w)
      .orderBy(...orderOf(q, { username: accounts.username, role: accounts.role, lastLoginAt: accounts.lastLoginAt }, accounts.username))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(accounts).leftJoin(people, eq(people.id, accounts.personId)).where(w),
  ]);
  const now = ctx.platform.now();
  return { items: rowsFound.map((r) => present(r, now)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function load(ctx: Ctx, id: string): Promise<Row> {
  const [a] = await ctx.db.select().from(accounts).where(eq(accounts.id, id));
  if (!a) throw notFound('account');
  const actor = actorOf(ctx);
  if (scopeOf(actor) === 'region') {
    if (a.regionId !== actor.regionId) throw notFound('account');
  } else assertInScope(actor, { institutionId: a.institutionId });
  return a;
}

export interface AccountInput {
  username: string;
  role: TRole;
  personId?: string | null;
  institutionId?: string | null;
  departmentId?: string | null;
  password: string;
}

/** Checks that role, institution, department and person fit together and lie in the caller's reach. */
async function placement(ctx: Ctx, input: { role: TRole; personId?: string | null; institutionId?: string | null; departmentId?: string | null }) {
  const actor = actorOf(ctx);
  const level = ROLE_SCOPE[input.role];
  if (REGION_ROLES.includes(input.role)) {
    if (scopeOf(actor) !== 'region') throw new AppError('forbidden');
    return { regionId: actor.regionId, institutionId: null, departmentId: null, personId: input.personId ?? null };
  }
  const institutionId = input.institutionId ?? (scopeOf(actor) === 'region' ? null : actor.institutionId);
  if (!institutionId) throw invalid('institutionId', 'required');
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, institutionId));
  if (!inst || (scopeOf(actor) === 'region' ? inst.regionId !== actor.regionId : inst.id !== actor.institutionId)) throw invalid('institutionId', 'unknown_institution');
  let departmentId = input.departmentId ?? null;
  if (input.personId) {
    const [p] = await ctx.db.select().from(people).where(eq(people.id, input.personId));
    if (!p) throw invalid('personId', 'unknown_person');
    if (p.institutionId !== institutionId) throw invalid('personId', 'wrong_institution');
    departmentId ??= p.departmentId;
  }
  if (level === 'department' || level === 'self') {
    if (!departmentId) throw invalid('departmentId', 'required');
  }
  if (departmentId) {
    const [d] = await ctx.db.select().from(departments).where(eq(departments.id, departmentId));
    if (!d || d.institutionId !== institutionId) throw invalid('departmentId', 'wrong_institution');
  }
  if (level === 'self' && !input.personId) throw invalid('personId', 'required');
  return { regionId: inst.regionId, institutionId, departmentId, personId: input.personId ?? null };
}

/** Creates an account; the user must change the initial password at first sign-in. */
export async function createAccount(ctx: Ctx, input: AccountInput): Promise<TAccount> {
  const where = await placement(ctx, input);
  const username = input.username.toLowerCase();
  const [dup] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  if (dup) throw conflict('username');
  const passwordHash = await hashPassword(input.password);
  const id = await inTx(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({ username, passwordHash, role: input.role, ...where, mustChangePassword: true })
      .returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'account.create', targetType: 'account', targetId: row!.id, institutionId: row!.institutionId, regionId: row!.regionId, after: { ...row, passwordHash: undefined } });
    return row!.id;
  });
  return getAccount(ctx, id);
}

/** One account in scope. */
export async function getAccount(ctx: Ctx, id: string): Promise<TAccount> {
  await load(ctx, id);
  const [r] = await baseSelect(ctx.db).where(eq(accounts.id, id));
  return present(r!, ctx.platform.now());
}

/** Changes role, department, active flag; unlocks; clears the second factor. */
export async function updateAccount(
  ctx: Ctx,
  id: string,
  patch: { role?: TRole; active?: boolean; unlock?: boolean; resetTotp?: boolean; departmentId?: string | null },
): Promise<TAccount> {
  const before = await load(ctx, id);
  if (id === actorOf(ctx).accountId && (patch.active === false || (patch.role && patch.role !== before.role))) throw invalid('role', 'forbidden');
  const set: Partial<typeof accounts.$inferInsert> = { updatedAt: ctx.platform.now() };
  if (patch.role || patch.departmentId !== undefined) {
    const where = await placement(ctx, {
      role: patch.role ?? before.role,
      institutionId: before.institutionId,
      departmentId: patch.departmentId !== undefined ? patch.departmentId : before.departmentId,
      personId: before.personId,
    });
    Object.assign(set, { role: patch.role ?? before.role, departmentId: where.departmentId });
  }
  if (patch.active !== undefined) set.active = patch.active;
  if (patch.unlock) Object.assign(set, { lockedUntil: null, failedLogins: 0 });
  if (patch.resetTotp) Object.assign(set, { totpEnabled: false, totpSealed: null, totpLastStep: null });
  await inTx(ctx.db, async (tx) => {
    const [after] = await tx.update(accounts).set(set).where(eq(accounts.id, id)).returning();
    if (patch.active === false) await tx.delete(sessions).where(eq(sessions.accountId, id));
    await writeAudit({ ...ctx, db: tx }, { action: 'account.update', targetType: 'account', targetId: id, institutionId: before.institutionId, regionId: before.regionId, before, after });
  });
  return getAccount(ctx, id);
}

/** Sets a new password chosen by an administrator; all the account's sessions end. */
export async function resetPassword(ctx: Ctx, id: string, password: string): Promise<void> {
  const before = await load(ctx, id);
  const passwordHash = await hashPassword(password);
  await inTx(ctx.db, async (tx) => {
    await tx.update(accounts).set({ passwordHash, mustChangePassword: true, lockedUntil: null, failedLogins: 0 }).where(eq(accounts.id, id));
    await tx.delete(sessions).where(eq(sessions.accountId, id));
    await writeAudit({ ...ctx, db: tx }, { action: 'account.reset_password', targetType: 'account', targetId: id, institutionId: before.institutionId, regionId: before.regionId });
  });
}

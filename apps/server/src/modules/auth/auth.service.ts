/** Sign-in, sessions, password change and the TOTP second factor. */
import { can, PERMISSIONS, type TLoginInput, type TMe } from '@qinglian/contracts';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx, Platform } from '../../platform/context.ts';
import { actorOf } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { inTx } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { departments, institutions, people, regions } from '../org/org.tables.ts';
import { accounts, sessions } from './auth.tables.ts';
import { hashPassword, verifyDummy, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'ql_session';
type AccountRow = typeof accounts.$inferSelect;

/** The actor an account acts as; its display name is the linked person's name when there is one. */
export function actorFromAccount(a: AccountRow, personName: string | null): Actor {
  return {
    accountId: a.id,
    username: a.username,
    displayName: personName ?? a.username,
    role: a.role,
    regionId: a.regionId,
    institutionId: a.institutionId,
    departmentId: a.departmentId,
    personId: a.personId,
  };
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  totpSetupRequired: boolean;
}

async function totpRequired(platform: Platform, a: AccountRow): Promise<boolean> {
  if (a.role !== 'discipline_officer' || !a.institutionId) return false;
  const [inst] = await platform.db
    .select({ r: institutions.requireTotpForDiscipline })
    .from(institutions)
    .where(eq(institutions.id, a.institutionId));
  return !!inst?.r;
}

/** Looks up a live session by its cookie token; slides its expiry at most once a minute. */
export async function resolveSession(platform: Platform, token: string): Promise<ResolvedSession | null> {
  const now = platform.now();
  const id = sha256(token);
  const [row] = await platform.db
    .select({ s: sessions, a: accounts, personName: people.name })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row || !row.a.active) return null;
  if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
    const expiresAt = new Date(now.getTime() + platform.config.sessionTtlHours * 3600_000);
    await platform.db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
  }
  const required = !row.a.totpEnabled && (await totpRequired(platform, row.a));
  return { actor: actorFromAccount(row.a, row.personName), sessionId: id, csrfToken: row.s.csrfToken, totpSetupRequired: required };
}

/** Checks the password (and the second factor when enabled), enforces lock-out, and opens a session. */
export async function login(ctx: Ctx, input: TLoginInput): Promise<{ token: string; accountId: string }> {
  const { platform } = ctx;
  const now = platform.now();
  const [a] = await ctx.db.select().from(accounts).where(eq(accounts.username, input.username.toLowerCase()));
  if (!a || !a.active) {
    await verifyDummy(input.password);
    throw new AppError('invalid_credentials');
  }
  if (a.lockedUntil && a.lockedUntil > now) {
    const minutes = Math.ceil((a.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError('account_locked', 'account_locked', undefined, { minutes });
  }
  const ok = await verifyPassword(a.passwordHash, input.password);
  if (!ok) {
    await recordFailure(ctx, a, 'password');
    throw new AppError('invalid_credentials');
  }
  if (a.totpEnabled) {
    if (!input.totp) throw new AppError('totp_required');
    const step = checkTotp(ctx, a, input.totp);
    if (step === null) {
      await recordFailure(ctx, a, 'totp');
      throw new AppError('totp_invalid');
    }
    await ctx.db.update(accounts).set({ totpLastStep: step }).where(eq(accounts.id, a.id));
  }
  const token = randomToken();
  await inTx(ctx.db, async (tx) => {
    const c: Ctx = { ...ctx, db: tx, actor: actorFromAccount(a, null) };
    await tx.insert(sessions).values({
      id: sha256(token),
      accountId: a.id,
      csrfToken: randomToken(24),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + platform.config.sessionTtlHours * 3600_000),
    });
    await tx.update(accounts).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(accounts.id, a.id));
    await writeAudit(c, { action: 'auth.login', targetType: 'account', targetId: a.id, institutionId: a.institutionId });
  });
  return { token, accountId: a.id };
}

async function recordFailure(ctx: Ctx, a: AccountRow, what: 'password' | 'totp') {
  const { lockoutThreshold, lockoutMinutes } = ctx.platform.config;
  const failed = a.failedLogins + 1;
  const lock = failed >= lockoutThreshold ? new Date(ctx.platform.now().getTime() + lockoutMinutes * 60_000) : null;
  await inTx(ctx.db, async (tx) => {
    await tx
      .update(accounts)
      .set({ failedLogins: lock ? 0 : failed, lockedUntil: lock })
      .where(eq(accounts.id, a.id));
    await writeAudit(
      { ...ctx, db: tx },
      { action: lock ? 'auth.locked' : 'auth.login_failed', targetType: 'account', targetId: a.id, institutionId: a.institutionId, after: { what, failed } },
    );
  });
}

function totpFor(ctx: Ctx, a: AccountRow, secretB32?: string) {
  const secret = secretB32 ?? (a.totpSealed ? ctx.platform.keyring.decrypt(a.totpSealed) : null);
  if (!secret) return null;
  return new OTPAuth.TOTP({ issuer: '清廉 Qinglian', label: a.username, secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
}

/** Returns the accepted time step, or null; a code is accepted once (replay refused). */
function checkTotp(ctx: Ctx, a: AccountRow, code: string, secretB32?: string): number | null {
  const totp = totpFor(ctx, a, secretB32);
  if (!totp) return null;
  const ts = ctx.platform.now().getTime();
  const delta = totp.validate({ token: code, timestamp: ts, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(ts / 30_000) + delta;
  if (a.totpLastStep !== null && step <= a.totpLastStep) return null;
  return step;
}

/** Ends the caller's session. */
export async function logout(ctx: Ctx, sessionId: string): Promise<void> {
  await inTx(ctx.db, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await writeAudit({ ...ctx, db: tx }, { action: 'auth.logout', targetType: 'account', targetId: ctx.actor?.accountId ?? null, institutionId: ctx.actor?.institutionId });
  });
}

/** The caller's identity, permissions and settings for the console. */
export async function me(ctx: Ctx, csrfToken: string, totpSetupRequired: boolean): Promise<TMe> {
  const actor = actorOf(ctx);
  const [row] = await ctx.db
    .select({ a: accounts, regionName: regions.name, institutionName: institutions.name, departmentName: departments.name })
    .from(accounts)
    .innerJoin(regions, eq(regions.id, accounts.regionId))
    .leftJoin(institutions, eq(institutions.id, accounts.institutionId))
    .leftJoin(departments, eq(departments.id, accounts.departmentId))
    .where(eq(accounts.id, actor.accountId));
  if (!row) throw new AppError('unauthenticated');
  return {
    accountId: actor.accountId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    regionId: actor.regionId,
    regionName: row.regionName,
    institutionId: actor.institutionId,
    institutionName: row.institutionName,
    departmentId: actor.departmentId,
    departmentName: row.departmentName,
    personId: actor.personId,
    permissions: PERMISSIONS.filter((p) => can(actor.role, p)),
    totpEnabled: row.a.totpEnabled,
    totpRequired: totpSetupRequired,
    mustChangePassword: row.a.mustChangePassword,
    csrfToken,
    locale: row.a.locale === 'en-US' ? 'en-US' : 'zh-CN',
  };
}

async function ownAccount(ctx: Ctx): Promise<AccountRow> {
  const [a] = await ctx.db.select().from(accounts).where(eq(accounts.id, actorOf(ctx).accountId));
  if (!a) throw new AppError('unauthenticated');
  return a;
}

/** Changes the caller's password after checking the current one; other sessions are ended. */
export async function changePassword(ctx: Ctx, currentSessionId: string, current: string, next: string): Promise<void> {
  const a = await ownAccount(ctx);
  if (!(await verifyPassword(a.passwordHash, current))) throw invalid('currentPassword', 'wrong_password');
  const passwordHash = await hashPassword(next);
  await inTx(ctx.db, async (tx) => {
    await tx.update(accounts).set({ passwordHash, mustChangePassword: false, updatedAt: ctx.platform.now() }).where(eq(accounts.id, a.id));
    await tx.delete(sessions).where(and(eq(sessions.accountId, a.id), sql`${sessions.id} <> ${currentSessionId}`));
    await writeAudit({ ...ctx, db: tx }, { action: 'auth.password_changed', targetType: 'account', targetId: a.id, institutionId: a.institutionId });
  });
}

/** Starts TOTP enrolment: a new secret, stored sealed but not enabled until a code confirms it. */
export async function totpSetup(ctx: Ctx) {
  const a = await ownAccount(ctx);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const totp = totpFor(ctx, a, secret)!;
  await inTx(ctx.db, async (tx) => {
    await tx.update(accounts).set({ totpSealed: ctx.platform.keyring.encrypt(secret), totpEnabled: false }).where(eq(accounts.id, a.id));
    await writeAudit({ ...ctx, db: tx }, { action: 'auth.totp_setup', targetType: 'account', targetId: a.id, institutionId: a.institutionId });
  });
  const otpauthUrl = totp.toString();
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 200 }) };
}

/** Confirms enrolment with a code from the authenticator. */
export async function totpConfirm(ctx: Ctx, code: string): Promise<void> {
  const a = await ownAccount(ctx);
  if (!a.totpSealed) throw invalid('code', 'totp_invalid');
  const step = checkTotp(ctx, { ...a, totpLastStep: null }, code);
  if (step === null) throw invalid('code', 'totp_invalid');
  await inTx(ctx.db, async (tx) => {
    await tx.update(accounts).set({ totpEnabled: true, totpLastStep: step }).where(eq(accounts.id, a.id));
    await writeAudit({ ...ctx, db: tx }, { action: 'auth.totp_enabled', targetType: 'account', targetId: a.id, institutionId: a.institutionId });
  });
}

/** Turns the second factor off after re-checking the password. */
export async function totpDisable(ctx: Ctx, password: string): Promise<void> {
  const a = await ownAccount(ctx);
  if (!(await verifyPassword(a.passwordHash, password))) throw invalid('password', 'wrong_password');
  await inTx(ctx.db, async (tx) => {
    await tx.update(accounts).set({ totpEnabled: false, totpSealed: null, totpLastStep: null }).where(eq(accounts.id, a.id));
    await writeAudit({ ...ctx, db: tx }, { action: 'auth.totp_disabled', targetType: 'account', targetId: a.id, institutionId: a.institutionId });
  });
}

/** Stores the caller's interface language. */
export async function setLocale(ctx: Ctx, locale: 'zh-CN' | 'en-US'): Promise<void> {
  await ctx.db.update(accounts).set({ locale }).where(eq(accounts.id, actorOf(ctx).accountId));
}

/** Deletes expired sessions (run daily by the scheduler). */
export async function purgeExpiredSessions(platform: Platform): Promise<number> {
  const res = await platform.db.delete(sessions).where(lt(sessions.expiresAt, platform.now())).returning({ id: sessions.id });
  return res.length;
}

/**
 * Reps are external principals: they sign up with a phone number, an SMS code and a password, and
 * sign in to their own sessions (rep_sessions, cookie `ql_rep_session`), apart from staff accounts, so
 * no staff permission or scope can ever apply to them (docs/decisions/008-rep-sessions.md).
 */
import crypto from 'node:crypto';
import { maskPhone, type TRepSignup } from '@qinglian/contracts';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx, Platform } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { hashPassword, verifyDummy, verifyPassword } from '../auth/index.ts';
import { regions } from '../org/org.tables.ts';
import { withTx } from './reps.common.ts';
import { repSessions, repSmsCodes, reps } from './reps.tables.ts';
import { sendSms } from './sms.ts';

export const REP_SESSION_COOKIE = 'ql_rep_session';
const SMS_TTL_MS = 10 * 60_000;
const SMS_GAP_MS = 60_000;
const SMS_TRIES = 5;

/** The signed-in rep a /api/rep route acts for. */
export interface RepPrincipal {
  repId: string;
  regionId: string;
  phone: string;
  name: string | null;
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    rep?: RepPrincipal | null;
  }
}

/** What an audit entry made by a rep names as its actor (reps have no account id). */
export const repActorName = (r: { name: string | null; phone: string }) => `代表 ${r.name ?? ''} (${maskPhone(r.phone)})`.replace('  ', ' ');

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Called by the one authentication hook for routes whose access is 'rep': session, then CSRF for mutations. */
export async function authenticateRep(req: FastifyRequest): Promise<void> {
  req.rep = null;
  const token = req.cookies[REP_SESSION_COOKIE];
  const found = token ? await resolveRepSession(req.ctx.platform, token) : null;
  if (!found) throw new AppError('unauthenticated');
  if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== found.csrfToken) throw new AppError('csrf_failed');
  req.rep = found;
}

/** Looks up a live rep session; slides its expiry at most once a minute. */
export async function resolveRepSession(platform: Platform, token: string): Promise<RepPrincipal | null> {
  const now = platform.now();
  const id = sha256(token);
  const [row] = await platform.db
    .select({ s: repSessions, r: reps })
    .from(repSessions)
    .innerJoin(reps, eq(reps.id, repSessions.repId))
    .where(and(eq(repSessions.id, id), gt(repSessions.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
    const expiresAt = new Date(now.getTime() + platform.config.sessionTtlHours * 3600_000);
    await platform.db.update(repSessions).set({ lastSeenAt: now, expiresAt }).where(eq(repSessions.id, id));
  }
  return { repId: row.r.id, regionId: row.r.regionId, phone: row.r.phone, name: row.r.name, sessionId: id, csrfToken: row.s.csrfToken };
}

const smsHash = (ctx: Ctx, phone: string, code: string) => ctx.platform.keyring.hmac('rep-sms', `${phone}:${code}`);

/** Sends a six-digit sign-up code; one per minute per number. */
export async function requestSmsCode(ctx: Ctx, phone: string): Promise<void> {
  const now = ctx.platform.now();
  const [prev] = await ctx.db.select().from(repSmsCodes).where(eq(repSmsCodes.phone, phone));
  if (prev && now.getTime() - prev.sentAt.getTime() < SMS_GAP_MS) throw new AppError('rate_limited');
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  const row = { phone, codeHash: smsHash(ctx, phone, code), attempts: 0, sentAt: now, expiresAt: new Date(now.getTime() + SMS_TTL_MS) };
  await ctx.db.insert(repSmsCodes).values(row).onConflictDoUpdate({ target: repSmsCodes.phone, set: row });
  await sendSms(phone, `【清廉医院】您的医药代表备案注册验证码为 ${code}，10 分钟内有效。`);
}

async function checkSmsCode(ctx: Ctx, phone: string, code: string): Promise<void> {
  const [row] = await ctx.db.select().from(repSmsCodes).where(eq(repSmsCodes.phone, phone));
  if (!row || row.expiresAt <= ctx.platform.now() || row.attempts >= SMS_TRIES) throw invalid('smsCode', 'sms_code_expired');
  if (row.codeHash !== smsHash(ctx, phone, code)) {
    await ctx.db.update(repSmsCodes).set({ attempts: row.attempts + 1 }).where(eq(repSmsCodes.phone, phone));
    throw invalid('smsCode', 'sms_code_wrong');
  }
}

async function openSession(c: Ctx, repId: string): Promise<string> {
  const now = c.platform.now();
  const token = randomToken();
  await c.db.insert(repSessions).values({
    id: sha256(token),
    repId,
    csrfToken: randomToken(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + c.platform.config.sessionTtlHours * 3600_000),
  });
  return token;
}

/** Registers a rep (a draft until the profile is complete) after checking the SMS code; returns a session token. */
export async function signUp(ctx: Ctx, input: TRepSignup): Promise<string> {
  const [region] = await ctx.db.select().from(regions).where(and(eq(regions.id, input.regionId), eq(regions.active, true)));
  if (!region) throw invalid('regionId', 'unknown_region');
  const [taken] = await ctx.db.select({ id: reps.id }).from(reps).where(and(eq(reps.regionId, region.id), eq(reps.phone, input.phone)));
  if (taken) throw conflict('phone');
  await checkSmsCode(ctx, input.phone, input.smsCode);
  const passwordHash = await hashPassword(input.password);
  return withTx(ctx, async (c) => {
    const [rep] = await c.db.insert(reps).values({ regionId: region.id, phone: input.phone, passwordHash, createdAt: c.platform.now() }).returning();
    await c.db.delete(repSmsCodes).where(eq(repSmsCodes.phone, input.phone));
    await writeAudit(c, { action: 'rep.signup', targetType: 'rep', targetId: rep!.id, regionId: region.id, actorName: repActorName(rep!) });
    return openSession(c, rep!.id);
  });
}

/** Checks phone and password (with the staff lock-out rules) and opens a session. */
export async function signIn(ctx: Ctx, phone: string, password: string): Promise<string> {
  const now = ctx.platform.now();
  const candidates = await ctx.db.select().from(reps).where(eq(reps.phone, phone));
  let rep: (typeof candidates)[number] | undefined;
  for (const r of candidates) if (await verifyPassword(r.passwordHash, password)) rep = r;
  if (!rep) {
    const { lockoutThreshold, lockoutMinutes } = ctx.platform.config;
    for (const r of candidates) {
      const failed = r.failedLogins + 1;
      const lock = failed >= lockoutThreshold ? new Date(now.getTime() + lockoutMinutes * 60_000) : null;
      await ctx.db.update(reps).set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ?? r.lockedUntil }).where(eq(reps.id, r.id));
    }
    if (!candidates.length) await verifyDummy(password);
    throw new AppError('invalid_credentials');
  }
  if (rep.lockedUntil && rep.lockedUntil > now) {
    throw new AppError('account_locked', 'account_locked', undefined, { minutes: Math.ceil((rep.lockedUntil.getTime() - now.getTime()) / 60_000) });
  }
  const found = rep;
  return withTx(ctx, async (c) => {
    await c.db.update(reps).set({ failedLogins: 0, lockedUntil: null }).where(eq(reps.id, found.id));
    await writeAudit(c, { action: 'rep.login', targetType: 'rep', targetId: found.id, regionId: found.regionId, actorName: repActorName(found) });
    return openSession(c, found.id);
  });
}

/** Ends the rep's session. */
export async function signOut(ctx: Ctx, rep: RepPrincipal): Promise<void> {
  await ctx.db.delete(repSessions).where(eq(repSessions.id, rep.sessionId));
}

/** The rep behind a principal, or 404 (a rep deleted under a live session). */
export async function repRow(ctx: Ctx, rep: RepPrincipal) {
  const [row] = await ctx.db.select().from(reps).where(eq(reps.id, rep.repId));
  if (!row) throw notFound('rep');
  return row;
}

/** Deletes expired rep sessions and SMS codes (daily). */
export async function purgeRepSessions(platform: Platform): Promise<void> {
  await platform.db.delete(repSessions).where(lt(repSessions.expiresAt, platform.now()));
  await platform.db.delete(repSmsCodes).where(lt(repSmsCodes.expiresAt, platform.now()));
}

/** The rep a 'rep' route acts for (the hook has authenticated them). */
export function repOf(req: FastifyRequest): RepPrincipal {
  if (!req.rep) throw new AppError('unauthenticated');
  return req.rep;
}

import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { institutions } from '../org/org.tables.ts';
import { accounts, sessions } from './auth.tables.ts';

let env: TestEnv;
let world: World;
beforeAll(async () => {
  env = await createTestEnv();
  world = await buildWorld(env.platform);
});
afterAll(() => env.close());

const login = (username: string, password: string, extra: Record<string, unknown> = {}) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...extra } });

describe('sign-in', () => {
  it('sets an httpOnly SameSite session cookie and stores only the hash of its token', async () => {
    const res = await login('a_staff', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ql_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const stored = await env.platform.db.select().from(sessions);
    expect(stored.some((s) => s.id === cookie.value)).toBe(false);
    expect(stored.length).toBeGreaterThan(0);
  });

  it('stores passwords as argon2id hashes', async () => {
    const [a] = await env.platform.db.select().from(accounts).where(eq(accounts.username, 'a_staff'));
    expect(a!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password with a localized 401 and the same answer for unknown users', async () => {
    const wrong = await login('a_leader', 'nope-nope-nope');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', message: '用户名或密码错误' });
    const unknown = await login('nobody', 'nope-nope-nope');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('invalid_credentials');
  });

  it('locks the account after repeated failures, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 5; i++) expect((await login('a_grid_supervisor', 'wrong-password-x')).statusCode).toBe(401);
    const locked = await login('a_grid_supervisor', PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    env.setNow(new Date(Date.now() + 16 * 60_000));
    expect((await login('a_grid_supervisor', PASSWORD)).statusCode).toBe(200);
    env.setNow(null);
  });

  it('rejects a state-changing request without the CSRF token', async () => {
    const res = await login('a_institution_admin', PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'ql_session')!.value;
    const noCsrf = await env.app.inject({ method: 'POST', url: '/api/notifications/read-all', cookies: { ql_session: cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const withCsrf = await env.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      cookies: { ql_session: cookie },
      headers: { 'x-csrf-token': res.json().csrfToken },
    });
    expect(withCsrf.statusCode).toBe(200);
  });

  it('ends a session at logout and after it expires', async () => {
    const c = await signIn(env.app, 'a_leader', PASSWORD);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    env.setNow(new Date(Date.now() + 13 * 3600_000));
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    env.setNow(null);
    const d = await signIn(env.app, 'a_leader', PASSWORD);
    expect((await d.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await d.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('checks the current password and the strength of the new one, naming the field', async () => {
    const c = await signIn(env.app, 'a_dept_head', PASSWORD);
    const weak = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.issues[0].field).toBe('newPassword');
    const wrong = await c.post('/api/auth/password', { currentPassword: 'not-my-password', newPassword: 'a-much-better-pass-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0]).toMatchObject({ field: 'currentPassword', message: '当前密码错误' });
    expect((await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a-much-better-pass-1' })).statusCode).toBe(200);
    expect((await login('a_dept_head', PASSWORD)).statusCode).toBe(401);
    expect((await login('a_dept_head', 'a-much-better-pass-1')).statusCode).toBe(200);
  });
});

describe('TOTP second factor', () => {
  const codeFor = (secret: string, at = Date.now()) =>
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at });

  it('enrols, then requires and checks the code at sign-in, refusing a replayed code', async () => {
    const c = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    const setup = (await c.post('/api/auth/totp/setup')).json();
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [row] = await env.platform.db.select().from(accounts).where(eq(accounts.username, 'a_region_supervisor'));
    expect(row!.totpSealed).not.toContain(setup.secret);
    expect((await c.post('/api/auth/totp/confirm', { code: '000000' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/totp/confirm', { code: codeFor(setup.secret) })).statusCode).toBe(200);

    const noCode = await login('a_region_supervisor', PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('totp_required');
    const later = Date.now() + 60_000;
    env.setNow(new Date(later));
    const code = codeFor(setup.secret, later);
    expect((await login('a_region_supervisor', PASSWORD, { totp: code })).statusCode).toBe(200);
    const replay = await login('a_region_supervisor', PASSWORD, { totp: code });
    expect(replay.json().error.code).toBe('totp_invalid');
    env.setNow(null);
  });

  it('blocks a discipline officer whose institution requires TOTP until it is set up', async () => {
    await env.platform.db.update(institutions).set({ requireTotpForDiscipline: true }).where(eq(institutions.id, world.A.inst.id));
    const c = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    const me = (await c.get('/api/auth/me')).json();
    expect(me.totpRequired).toBe(true);
    const blocked = await c.get('/api/audit');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('totp_setup_required');
    const setup = (await c.post('/api/auth/totp/setup')).json();
    expect((await c.post('/api/auth/totp/confirm', { code: codeFor(setup.secret) })).statusCode).toBe(200);
    expect((await c.get('/api/audit')).statusCode).toBe(200);
    await env.platform.db.update(institutions).set({ requireTotpForDiscipline: false }).where(eq(institutions.id, world.A.inst.id));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';

let env: TestEnv;
let world: World;
beforeAll(async () => {
  env = await createTestEnv();
  world = await buildWorld(env.platform);
});
afterAll(() => env.close());

describe('accounts', () => {
  it('an institution admin creates a department head linked to a person; the new user must change the password', async () => {
    const admin = await signIn(env.app, 'a_institution_admin', PASSWORD);
    const res = await admin.post('/api/accounts', {
      username: 'new.head',
      role: 'dept_head',
      personId: world.A.clerk.id,
      password: 'initial-pass-2026',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'new.head', role: 'dept_head', departmentId: world.A.admin.id, personName: 'HA会计' });
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'new.head', password: 'initial-pass-2026' } });
    expect(login.json().mustChangePassword).toBe(true);
    const audit = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    expect((await audit.get('/api/audit?action=account.create')).json().total).toBeGreaterThan(0);
  });

  it('refuses a duplicate username with 409 naming the field, and a weak password with 400', async () => {
    const admin = await signIn(env.app, 'a_institution_admin', PASSWORD);
    const dup = await admin.post('/api/accounts', { username: 'a_staff', role: 'leader', password: 'initial-pass-2026' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.issues[0].field).toBe('username');
    const weak = await admin.post('/api/accounts', { username: 'weakling', role: 'leader', password: 'abc' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.issues[0].field).toBe('password');
  });

  it('keeps institution admins inside their institution and away from region roles', async () => {
    const admin = await signIn(env.app, 'a_institution_admin', PASSWORD);
    const region = await admin.post('/api/accounts', { username: 'sneaky', role: 'region_admin', password: 'initial-pass-2026' });
    expect(region.statusCode).toBe(403);
    const elsewhere = await admin.post('/api/accounts', { username: 'sneaky2', role: 'leader', institutionId: world.B.inst.id, password: 'initial-pass-2026' });
    expect(elsewhere.statusCode).toBe(400);
    const list = (await admin.get('/api/accounts?pageSize=100')).json();
    expect(list.items.every((a: { institutionId: string }) => a.institutionId === world.A.inst.id)).toBe(true);
    expect(list.items.some((a: { username: string }) => a.username === 'b_admin')).toBe(false);
  });

  it('unlocks, disables (ending sessions) and resets passwords', async () => {
    const admin = await signIn(env.app, 'a_region_admin', PASSWORD);
    const target = (await admin.get('/api/accounts?q=a_leader')).json().items[0];
    const leader = await signIn(env.app, 'a_leader', PASSWORD);
    expect((await admin.patch(`/api/accounts/${target.id}`, { active: false })).json().active).toBe(false);
    expect((await leader.get('/api/auth/me')).statusCode).toBe(401);
    await admin.patch(`/api/accounts/${target.id}`, { active: true });
    expect((await admin.post(`/api/accounts/${target.id}/password`, { password: 'reset-by-admin-1' })).statusCode).toBe(200);
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a_leader', password: 'reset-by-admin-1' } });
    expect(login.statusCode).toBe(200);
    await admin.post(`/api/accounts/${target.id}/password`, { password: PASSWORD });
  });

  it('a region admin of another region cannot see or change these accounts', async () => {
    const far = await signIn(env.app, 'c_region', PASSWORD);
    const admin = await signIn(env.app, 'a_region_admin', PASSWORD);
    const target = (await admin.get('/api/accounts?q=a_staff')).json().items[0];
    expect((await far.get(`/api/accounts/${target.id}`)).statusCode).toBe(404);
    expect((await far.patch(`/api/accounts/${target.id}`, { active: false })).statusCode).toBe(404);
  });
});

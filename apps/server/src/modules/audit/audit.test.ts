import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD } from '../../test/world.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await buildWorld(env.platform);
});
afterAll(() => env.close());

describe('audit API', () => {
  it('lets the discipline office filter its institution’s entries and hides other institutions’', async () => {
    const officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    const admin = await signIn(env.app, 'b_admin', PASSWORD);
    await admin.post('/api/notifications/read-all');
    const mine = (await officer.get('/api/audit?action=auth.login&pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(0);
    const all = (await officer.get('/api/audit?pageSize=500')).json();
    const me = (await officer.get('/api/auth/me')).json();
    expect(all.items.every((e: { institutionId: string | null }) => e.institutionId === me.institutionId)).toBe(true);
  });

  it('is closed to roles without audit.read', async () => {
    const staff = await signIn(env.app, 'a_staff', PASSWORD);
    expect((await staff.get('/api/audit')).statusCode).toBe(403);
  });

  it('exports the trail as xlsx', async () => {
    const sup = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    const res = await sup.get('/api/audit/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

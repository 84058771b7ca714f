import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../platform/audit.ts';
import { createTestEnv, signIn, type TestEnv } from '../test/harness.ts';
import { accounts } from '../modules/auth/auth.tables.ts';
import { institutions, people } from '../modules/org/org.tables.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('demo seed', () => {
  it('seeds a region of about twelve institutions and 800 staff, and a second run changes nothing', async () => {
    const first = await seedDemo(env.platform);
    expect(first.seeded).toBe(true);
    const [inst] = await env.platform.db.select({ n: count() }).from(institutions);
    const [ppl] = await env.platform.db.select({ n: count() }).from(people);
    expect(inst!.n).toBe(12);
    expect(ppl!.n).toBeGreaterThan(750);
    expect(ppl!.n).toBeLessThan(900);
    const second = await seedDemo(env.platform);
    expect(second.seeded).toBe(false);
    const [ppl2] = await env.platform.db.select({ n: count() }).from(people);
    expect(ppl2!.n).toBe(ppl!.n);
    expect((await verifyAudit(env.platform.db)).ok).toBe(true);
  });

  it('gives every role an account that signs in with the demo password', async () => {
    const [acc] = await env.platform.db.select({ n: count() }).from(accounts);
    expect(acc!.n).toBe(DEMO_ACCOUNTS.length);
    const roles = new Set<string>();
    for (const a of DEMO_ACCOUNTS) {
      const c = await signIn(env.app, a.username, DEMO_PASSWORD);
      roles.add((await c.get('/api/auth/me')).json().role);
    }
    expect(roles.size).toBe(8);
  });
});

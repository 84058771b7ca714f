import { count, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../platform/audit.ts';
import { createTestEnv, signIn, type TestEnv } from '../test/harness.ts';
import { accounts } from '../modules/auth/auth.tables.ts';
import { institutions, people } from '../modules/org/org.tables.ts';
import { tenderFlags, tenderProcesses } from '../modules/tenders/tenders.tables.ts';
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

describe('demo tenders', () => {
  it('holds a few hundred processes of the region’s hospitals, most placed in an institution', async () => {
    const [all] = await env.platform.db.select({ n: count() }).from(tenderProcesses);
    const [regionLevel] = await env.platform.db.select({ n: count() }).from(tenderProcesses).where(isNull(tenderProcesses.institutionId));
    expect(all!.n).toBe(320);
    expect(regionLevel!.n).toBeGreaterThan(0);
    expect(regionLevel!.n).toBeLessThan(30);
  });

  it('raises flags of most kinds, on a minority of processes', async () => {
    const byCode = await env.platform.db
      .select({ code: tenderFlags.code, n: sql<number>`count(distinct ${tenderFlags.processId})`.mapWith(Number) })
      .from(tenderFlags)
      .groupBy(tenderFlags.code);
    const codes = Object.fromEntries(byCode.map((c) => [c.code, c.n]));
    for (const code of ['R003', 'R018', 'R024', 'R028', 'R030', 'R035', 'R036', 'R058', 'H01', 'H02', 'H03']) expect(codes[code], code).toBeGreaterThan(0);
    const [flagged] = await env.platform.db.select({ n: sql<number>`count(distinct ${tenderFlags.processId})`.mapWith(Number) }).from(tenderFlags);
    expect(flagged!.n).toBeGreaterThan(40);
    expect(flagged!.n).toBeLessThan(200);
  });
});

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { buildWorld } from '../test/world.ts';
import { sealAudit, verifyAudit, writeAudit } from './audit.ts';
import { inTx } from './db.ts';
import { auditLog } from './platform.tables.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await buildWorld(env.platform);
  for (let i = 0; i < 5; i++) await writeAudit(env.ctx, { action: 'test.write', targetType: 'thing', targetId: String(i), after: { n: i, nested: { b: 1, a: [1, 2] } } });
});
afterAll(() => env.close());

const tamper = async (stmt: ReturnType<typeof sql>) => {
  await env.platform.db.execute(stmt);
};

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    const res = await verifyAudit(env.platform.db);
    expect(res.ok).toBe(true);
    expect(res.checked).toBeGreaterThanOrEqual(5);
  });

  it('writes the entry in the same transaction as the change: a rolled-back change leaves no entry', async () => {
    const before = (await env.platform.db.select().from(auditLog)).length;
    await expect(
      inTx(env.platform.db, async (tx) => {
        await writeAudit({ ...env.ctx, db: tx }, { action: 'test.rolled_back', targetType: 'thing' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await env.platform.db.select().from(auditLog)).length).toBe(before);
    expect((await verifyAudit(env.platform.db)).ok).toBe(true);
  });

  it('detects an edited entry', async () => {
    await tamper(sql`update audit_log set after = '{"n": 99}'::jsonb where seq = 2`);
    const res = await verifyAudit(env.platform.db);
    expect(res.ok).toBe(false);
    expect(res.problems.some((p) => p.seq === 2 && /edited/.test(p.problem))).toBe(true);
  });

  it('detects a deleted entry in the middle and at the end', async () => {
    const fresh = await createTestEnv();
    for (let i = 0; i < 4; i++) await writeAudit(fresh.ctx, { action: 'test', targetType: 't', targetId: String(i) });
    await sealAudit(fresh.platform.db);
    await fresh.platform.db.execute(sql`delete from audit_log where seq = 2`);
    expect((await verifyAudit(fresh.platform.db)).problems.some((p) => p.seq === 3)).toBe(true);
    await fresh.close();

    const tail = await createTestEnv();
    for (let i = 0; i < 3; i++) await writeAudit(tail.ctx, { action: 'test', targetType: 't', targetId: String(i) });
    await sealAudit(tail.platform.db);
    await tail.platform.db.execute(sql`delete from audit_log where seq = 3`);
    const res = await verifyAudit(tail.platform.db);
    expect(res.ok).toBe(false);
    expect(res.problems[0]!.problem).toMatch(/newest entries deleted/);
    await tail.close();
  });

  it('detects an inserted entry', async () => {
    const fresh = await createTestEnv();
    for (let i = 0; i < 3; i++) await writeAudit(fresh.ctx, { action: 'test', targetType: 't', targetId: String(i) });
    await sealAudit(fresh.platform.db);
    const [e] = await fresh.platform.db.select().from(auditLog).where(eq(auditLog.seq, 3));
    await fresh.platform.db.execute(sql`update audit_log set seq = 4 where seq = 3`);
    const { id: _id, ...forged } = e!;
    await fresh.platform.db.insert(auditLog).values({ ...forged, seq: 3, action: 'forged', hash: e!.hash });
    const res = await verifyAudit(fresh.platform.db);
    expect(res.ok).toBe(false);
    await fresh.close();
  });

  it('chains entries of transactions that commit out of order, and writers never wait for each other', async () => {
    const fresh = await createTestEnv();
    // A transaction that writes first but commits last: its entry is sealed after the later ones.
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const slow = inTx(fresh.platform.db, async (tx) => {
      await writeAudit({ ...fresh.ctx, db: tx }, { action: 'test.slow', targetType: 't' });
      await held;
    });
    // PGlite runs one transaction at a time; on PostgreSQL the other writers proceed while `slow` is open.
    if (fresh.platform.dbKind === 'postgres') {
      await Promise.all(Array.from({ length: 8 }, (_, i) => writeAudit(fresh.ctx, { action: 'test.fast', targetType: 't', targetId: String(i) })));
      expect(await sealAudit(fresh.platform.db)).toBe(8);
    }
    release();
    await slow;
    const res = await verifyAudit(fresh.platform.db);
    expect(res).toMatchObject({ ok: true, unsealed: 0 });
    const rows = await fresh.platform.db.select().from(auditLog).where(eq(auditLog.action, 'test.slow'));
    expect(rows[0]!.seq).toBe(res.checked);
    await fresh.close();
  });

  it('covers who acted in the hash: an edited actor name is detected', async () => {
    const fresh = await createTestEnv();
    await writeAudit(fresh.ctx, { action: 'test', targetType: 't' });
    await sealAudit(fresh.platform.db);
    await fresh.platform.db.execute(sql`update audit_log set actor_name = 'someone else'`);
    expect((await verifyAudit(fresh.platform.db)).problems[0]!.problem).toMatch(/edited/);
    await fresh.close();
  });
});

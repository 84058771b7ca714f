import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { loadConfig } from './config.ts';
import { cancelJob, registerJobHandler, runDueJobs, scheduleJob } from './jobs.ts';
import { openPlatform } from './open.ts';
import { jobs } from './platform.tables.ts';

const ran: string[] = [];
let failuresLeft = 2;
registerJobHandler('test.record', async (_ctx, payload) => void ran.push(String(payload.label)));
registerJobHandler('test.flaky', async () => {
  if (failuresLeft-- > 0) throw new Error('temporary failure');
  ran.push('flaky-ok');
});

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('scheduler', () => {
  it('runs a job only when its time has come, as the clock moves', async () => {
    const t0 = new Date('2026-03-01T00:00:00Z');
    env.setNow(t0);
    await scheduleJob(env.platform.db, { kind: 'test.record', runAt: new Date('2026-03-15T00:00:00Z'), payload: { label: 'deadline' } });
    expect(await runDueJobs(env.platform)).toBe(0);
    env.setNow(new Date('2026-03-15T00:00:01Z'));
    expect(await runDueJobs(env.platform)).toBe(1);
    expect(ran).toContain('deadline');
    expect(await runDueJobs(env.platform)).toBe(0);
  });

  it('keeps one pending job per dedupe key and can cancel it', async () => {
    const at = new Date(env.platform.now().getTime() + 1000);
    await scheduleJob(env.platform.db, { kind: 'test.record', runAt: at, payload: { label: 'once' }, dedupeKey: 'k1' });
    await scheduleJob(env.platform.db, { kind: 'test.record', runAt: at, payload: { label: 'once' }, dedupeKey: 'k1' });
    expect((await env.platform.db.select().from(jobs).where(eq(jobs.dedupeKey, 'k1'))).length).toBe(1);
    await cancelJob(env.platform.db, 'k1');
    expect((await env.platform.db.select().from(jobs).where(eq(jobs.dedupeKey, 'k1'))).length).toBe(0);
  });

  it('retries a failing job with backoff and records the error', async () => {
    const now = env.platform.now();
    await scheduleJob(env.platform.db, { kind: 'test.flaky', runAt: now });
    await runDueJobs(env.platform);
    let [job] = await env.platform.db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'temporary failure' });
    expect(job!.runAt.getTime()).toBeGreaterThan(now.getTime());
    for (let i = 0; i < 3; i++) {
      env.setNow(new Date(env.platform.now().getTime() + 3600_000));
      await runDueJobs(env.platform);
    }
    [job] = await env.platform.db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    expect(job!.status).toBe('done');
    expect(ran).toContain('flaky-ok');
  });

  it('survives a restart: a job scheduled before the process stopped runs after it starts again', async () => {
    if (process.env.TEST_DATABASE_URL) return; // the server database outlives processes by definition
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-jobs-'));
    const config = loadConfig({ QINGLIAN_DATA_DIR: dir });
    const first = await openPlatform(config);
    await scheduleJob(first.platform.db, { kind: 'test.record', runAt: new Date(Date.now() - 1000), payload: { label: 'after-restart' } });
    await first.close();
    const second = await openPlatform(config);
    expect(await runDueJobs(second.platform)).toBe(1);
    expect(ran).toContain('after-restart');
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

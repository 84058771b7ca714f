import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJob, runDueJobs } from '../../platform/jobs.ts';
import { createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD } from '../../test/world.ts';
import { eq } from 'drizzle-orm';
import { accounts } from '../auth/auth.tables.ts';
import './notifications.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await buildWorld(env.platform);
});
afterAll(() => env.close());

describe('notifications', () => {
  it('a scheduled reminder arrives when its time comes, only for its recipient, and can be marked read', async () => {
    const [officer] = await env.platform.db.select().from(accounts).where(eq(accounts.username, 'a_discipline_officer'));
    const due = new Date(Date.now() + 2 * 86_400_000);
    await scheduleJob(env.platform.db, {
      kind: 'notify',
      runAt: due,
      payload: { accountId: officer!.id, title: '办理期限提醒', body: '线索即将到期', link: '/cases/1' },
    });
    const c = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    expect((await c.get('/api/notifications')).json().total).toBe(0);
    env.setNow(new Date(due.getTime() + 1000));
    await runDueJobs(env.platform);
    env.setNow(null);
    const list = (await c.get('/api/notifications?unread=true')).json();
    expect(list.items[0]).toMatchObject({ title: '办理期限提醒', readAt: null });
    expect(list.unread).toBe(1);

    const other = await signIn(env.app, 'a_leader', PASSWORD);
    expect((await other.get('/api/notifications')).json().total).toBe(0);
    expect((await other.post(`/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);

    expect((await c.post(`/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(200);
    expect((await c.get('/api/notifications?unread=true')).json().total).toBe(0);
  });
});

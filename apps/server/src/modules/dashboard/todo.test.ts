import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { drainInbox } from '../reports/inbox.service.ts';
import { idempotencyHash, receiptFor, receiptHash } from '../reports/receipts.ts';
import { cases, integrityCodes, reportInbox } from '../reports/reports.tables.ts';
import { createCaseRow, makeCode } from '../reports/reports.testkit.ts';

let env: TestEnv;
let w: World;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
});
afterAll(() => env.close());

type Item = { key: string; count: number; severity: string; to: string | null };
const todoOf = async (username: string) => ((await (await signIn(env.app, username, PASSWORD)).get('/api/dashboard/todo')).json() as { items: Item[] }).items;
const item = (items: Item[], key: string) => items.find((i) => i.key === key);

/** An acknowledged public report the drain has given up on (five failed attempts). */
async function stuckReport(codeToken: string, text: string, aboutLeadership: boolean) {
  const [code] = await env.platform.db.select().from(integrityCodes).where(eq(integrityCodes.token, codeToken));
  const key = crypto.randomUUID();
  const keyring = env.platform.keyring;
  await env.platform.db.insert(reportInbox).values({
    id: crypto.randomUUID(),
    idempotencyHash: idempotencyHash(keyring, key),
    receiptHash: receiptHash(keyring, receiptFor(keyring, key)),
    codeId: code!.id,
    report: { category: 'red_envelope', text, subjectName: null, anonymous: true, aboutLeadership, photos: [] },
    receivedAt: new Date(),
    attempts: 5,
    lastError: 'simulated failure',
  });
}

describe('the home page to-do list', () => {
  it('counts exactly the rows its link opens, in the caller’s scope only', async () => {
    expect(await todoOf('a_discipline_officer')).toEqual([]);
    await createCaseRow(env.platform.db, { regionId: w.r1.id, institutionId: w.A.inst.id });
    const late = await createCaseRow(env.platform.db, { regionId: w.r1.id, institutionId: w.A.inst.id });
    await env.platform.db.update(cases).set({ stageDeadline: new Date(Date.now() - 86_400_000) }).where(eq(cases.id, late));
    // Routed to the region (about the hospital's leadership): the hospital's office must not even count it.
    await createCaseRow(env.platform.db, { regionId: w.r1.id, institutionId: w.A.inst.id, routedTo: 'region' });
    await createCaseRow(env.platform.db, { regionId: w.r1.id, institutionId: w.B.inst.id });

    const officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    const items = ((await officer.get('/api/dashboard/todo')).json() as { items: Item[] }).items;
    expect(item(items, 'cases.new')).toEqual({ key: 'cases.new', count: 2, severity: 'warning', to: '/cases?status=received' });
    expect(item(items, 'cases.overdue')).toMatchObject({ count: 1, severity: 'danger', to: '/cases?overdue=true' });
    expect(items[0]!.severity).toBe('danger');
    // The link opens a list with the same number of rows.
    for (const i of items.filter((x) => x.to?.startsWith('/cases'))) {
      const list = (await officer.get(`/api/reports${i.to}`)).json() as { total: number };
      expect(list.total, i.key).toBe(i.count);
    }
    // The region's discipline group sees every case of the region, but what waits for it is the case
    // routed to it (about a hospital's leadership); the hospitals accept their own.
    const region = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    const regionNew = item(((await region.get('/api/dashboard/todo')).json() as { items: Item[] }).items, 'cases.new');
    expect(regionNew).toMatchObject({ count: 1, to: '/cases?status=received&routedTo=region' });
    expect((await region.get(`/api/reports${regionNew!.to}`)).json().total).toBe(1);
    expect((await region.get('/api/reports/cases?status=received')).json().total).toBe(4);
    // Another hospital's office sees its own one.
    expect(item(await todoOf('b_admin'), 'cases.new')).toBeUndefined();
  });

  it('gives each role only the items of its own work', async () => {
    for (const role of ['a_staff', 'a_dept_head', 'a_institution_admin', 'a_grid_supervisor']) {
      const keys = (await todoOf(role)).map((i) => i.key);
      expect(keys.filter((k) => k.startsWith('cases.') || k.startsWith('screening.')), role).toEqual([]);
    }
  });

  it('shows reports the inbox could not register, hiding those about the leadership from the hospital, and retries them', async () => {
    const token = await makeCode(env, w.A.inst.id, w.A.clinical.id);
    await stuckReport(token, '护士长收受患者家属购物卡', false);
    await stuckReport(token, '院长在设备采购中指定品牌', true);

    expect(item(await todoOf('a_discipline_officer'), 'cases.unregistered')).toMatchObject({ count: 1, severity: 'danger', to: null });
    expect(item(await todoOf('a_region_supervisor'), 'cases.unregistered')?.count).toBe(2);

    const officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    expect((await officer.post('/api/reports/inbox/retry')).json()).toEqual({ retried: 1 });
    await drainInbox(env.platform);
    expect((await env.platform.db.select().from(cases).where(eq(cases.text, '护士长收受患者家属购物卡'))).length).toBe(1);
    expect(item(await todoOf('a_discipline_officer'), 'cases.unregistered')).toBeUndefined();
    // The leadership report is still waiting, for the region alone.
    const left = await env.platform.db.select().from(reportInbox);
    expect(left.map((r) => r.report.text)).toEqual(['院长在设备采购中指定品牌']);
    expect(left[0]!.attempts).toBe(5);

    const region = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    expect((await region.post('/api/reports/inbox/retry')).json()).toEqual({ retried: 1 });
    await drainInbox(env.platform);
    const [c] = await env.platform.db.select().from(cases).where(eq(cases.text, '院长在设备采购中指定品牌'));
    expect(c?.routedTo).toBe('region');
    expect(await env.platform.db.select().from(reportInbox)).toEqual([]);
  });

  it('refuses the retry to roles that do not handle cases', async () => {
    expect((await (await signIn(env.app, 'a_staff', PASSWORD)).post('/api/reports/inbox/retry')).statusCode).toBe(403);
  });
});

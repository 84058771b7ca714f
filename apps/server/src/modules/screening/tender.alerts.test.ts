/** Tender red flags feed the screening alert list: found by a run, not duplicated, dismissed and escalated like the rest. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../platform/jobs.ts';
import { createAccount } from '../../seed/factories.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD } from '../../test/world.ts';
import { jsonl, multipart, release } from '../tenders/tenders.testkit.ts';

let env: TestEnv;
let officer: Client;
let otherOfficer: Client;

const HA = { id: 'HA' };

async function run(by: Client) {
  const queued = await by.post('/api/screening/runs', {});
  expect(queued.statusCode, queued.body).toBe(202);
  await runDueJobs(env.platform);
  const done = (await by.get(`/api/screening/runs/${queued.json().id}`)).json();
  expect(done.status, done.error).toBe('done');
}

const tenderAlerts = async (by: Client) =>
  (await by.get('/api/screening/alerts?rule=tender_red_flag&pageSize=100')).json() as {
    items: { id: string; keys: Record<string, string>; status: string; summary: string; period: string }[];
    total: number;
  };

beforeAll(async () => {
  env = await createTestEnv();
  const w = await buildWorld(env.platform);
  await createAccount(env.platform.db, { username: 'b_officer', role: 'discipline_officer', regionId: w.r1.id, institutionId: w.B.inst.id, password: PASSWORD });
  const admin = await signIn(env.app, 'a_region_admin', PASSWORD);
  // One bid in an open tender (R018), and a five-day bidding period (R003), both at hospital A.
  const file = jsonl([
    release({ ocid: 'single-bid', buyer: HA, start: '2025-03-03T02:00:00Z', end: '2025-04-03T02:00:00Z', bids: [{ t: 'S1', amount: 95000 }], award: { s: 'S1', amount: 95000 } }),
    release({ ocid: 'short-period', buyer: HA, start: '2025-05-05T02:00:00Z', end: '2025-05-10T02:00:00Z', bids: [{ t: 'S2', amount: 40000 }, { t: 'S3', amount: 41000 }], award: { s: 'S2', amount: 40000 } }),
  ]);
  const res = await admin.request({ method: 'POST', url: '/api/tenders/import', ...multipart('flags.jsonl', file) });
  expect(res.statusCode, res.body).toBe(200);
  officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
  otherOfficer = await signIn(env.app, 'b_officer', PASSWORD);
});
afterAll(() => env.close());

describe('tender flags in the alert list', () => {
  it('turns every flag of the institution into an alert with its reasoning, once however often it runs', async () => {
    await run(officer);
    const first = await tenderAlerts(officer);
    const single = first.items.find((a) => a.keys.ocid === 'single-bid' && a.keys.indicator === 'R018');
    expect(single, JSON.stringify(first.items.map((a) => a.keys))).toBeDefined();
    expect(single!.period).toBe('2025-03');
    expect(first.items.some((a) => a.keys.ocid === 'short-period' && a.keys.indicator === 'R003')).toBe(true);
    const detail = (await officer.get(`/api/screening/alerts/${single!.id}`)).json();
    expect(detail.evidence).toMatchObject({ indicator: 'R018', process: { ocid: 'single-bid' }, values: { received: 1 } });
    expect(detail.summary).toContain(detail.evidence.reason);
    expect(detail.evidence.reason).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(detail.evidence)).not.toContain('reason_en');
    // An English reader gets the reasoning in English, in the list and on the alert.
    const en = (await officer.request({ method: 'GET', url: `/api/screening/alerts/${single!.id}`, headers: { 'accept-language': 'en-US' } })).json();
    expect(en.evidence.reason).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.summary).toContain(en.evidence.reason);
    await run(officer);
    expect((await tenderAlerts(officer)).total).toBe(first.total);
  });

  it('keeps a dismissed flag dismissed on the next run, and escalates another into a case', async () => {
    const { items } = await tenderAlerts(officer);
    const single = items.find((a) => a.keys.ocid === 'single-bid')!;
    const short = items.find((a) => a.keys.ocid === 'short-period' && a.keys.indicator === 'R003')!;
    expect((await officer.post(`/api/screening/alerts/${single.id}/dismiss`, { reason: '该品目仅一家厂商生产，属独家产品' })).statusCode).toBe(200);
    await run(officer);
    expect((await officer.get(`/api/screening/alerts/${single.id}`)).json().status).toBe('dismissed');
    const escalated = await officer.post(`/api/screening/alerts/${short.id}/escalate`, { category: 'other' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    const kase = (await officer.get(`/api/reports/cases/${escalated.json().caseId}`)).json();
    expect(kase).toMatchObject({ channel: 'screening' });
    expect(kase.text).toContain('招投标红旗指标');
  });

  it('shows another institution’s office none of them', async () => {
    await run(otherOfficer);
    expect((await tenderAlerts(otherOfficer)).total).toBe(0);
    const { items } = await tenderAlerts(officer);
    expect((await otherOfficer.get(`/api/screening/alerts/${items[0]!.id}`)).statusCode).toBe(404);
  });
});

/**
 * /api/screening end to end on the access-test world: uploads with progress and history, a bad file that
 * imports nothing and lists every problem, re-imports that change nothing, runs through the job queue,
 * alerts with evidence, dismissal that survives re-runs, escalation into a case, and confidentiality
 * (only the discipline office and region supervisors see alerts; every view and export is audited).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../platform/context.ts';
import { runDueJobs, scheduleJob } from '../../platform/jobs.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { auditByAction, multipart, xlsxOf } from '../org/org.testkit.ts';
import { cases } from '../reports/index.ts';
import { DuckDBInstance } from '@duckdb/node-api';
import { people } from '../org/index.ts';
import { repCompanies, repVisitHosts, repVisits } from '../reps/index.ts';
import { createVisitDirect } from '../reps/reps.testkit.ts';
import { all } from './facts.store.ts';
import { failInterruptedImports, importFile } from './imports.service.ts';
import { syncReference } from './reference.sync.ts';
import { screeningAlerts, screeningImports, screeningRuns } from './screening.tables.ts';

let env: TestEnv;
let w: World;
const c = {} as Record<string, Client>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-screening-api-'));
const csv = (rows: (string | number)[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;

const SUPPLIERS = csv([
  ['supplier_code', 'name', 'credit_code', 'kind'],
  ['M1', '甲药业', '', 'manufacturer'],
  ['D1', '丙配送', '', 'distributor'],
]);
const PRODUCTS = csv([
  ['product_code', 'generic_name', 'brand_name', 'spec', 'manufacturer_code', 'category', 'platform_price', 'vbp', 'key_monitored'],
  ['A1', '甲药', '甲一', '', 'M1', 'drug', '10.00', '1', '0'],
  ['A2', '甲药', '甲二', '', 'M1', 'drug', '20.00', '0', '0'],
]);
const PURCHASES = csv([
  ['order_id', 'line_no', 'institution_code', 'ordered_on', 'supplier_code', 'product_code', 'quantity', 'unit_price', 'amount', 'channel'],
  ['PO1', 1, 'HA', '2025-03-10', 'D1', 'A1', 100, '10.00', '1000.00', 'platform'],
  ['PO2', 1, 'HA', '2025-04-10', 'D1', 'A2', 50, '26.00', '1300.00', 'offline'],
  ['PO3', 1, 'HA', '2025-05-10', 'D1', 'A1', 10, '10.00', '100.00', 'platform'],
]);

async function upload(client: Client, kind: string, filename: string, content: string | Buffer) {
  const res = await client.request({ method: 'POST', url: '/api/screening/imports', ...multipart({ kind }, { filename, content }) });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  for (let i = 0; i < 200; i++) {
    const got = (await client.get(`/api/screening/imports/${id}`)).json();
    if (got.status !== 'running') return got;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
  for (const u of ['a_institution_admin', 'a_discipline_officer', 'a_region_supervisor', 'a_leader', 'a_dept_head', 'a_staff', 'b_admin', 'c_region', 'a_region_admin'])
    c[u] = await signIn(env.app, u, PASSWORD);
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('screening imports over HTTP', () => {
  it('imports reference and fact files with progress and history; a bad file imports nothing and lists every problem', async () => {
    const admin = c.a_institution_admin!;
    expect((await upload(admin, 'suppliers', 'suppliers.csv', SUPPLIERS)).imported).toBe(2);
    expect((await upload(admin, 'products', 'products.csv', PRODUCTS)).status).toBe('done');

    const bad = await upload(
      admin,
      'purchase_orders',
      'bad.csv',
      csv([
        ['订单号', '行号', '机构编码', '订单日期', '供应商编码', '商品编码', '数量', '单价', '金额', '采购渠道'],
        ['PO1', 1, 'HA', '2025-02-30', 'D1', 'A1', 100, '10.00', '1000.00', '平台'],
        ['PO1', 1, 'HA', '2025-03-10', 'D9', 'ZZ', 'x', '10.001', '1000.00', 'platform'],
        ['PO2', 1, 'HB', '2025-03-10', 'D1', 'A1', 1, '10.00', '10.00', 'mail'],
      ]),
    );
    expect(bad.status).toBe('failed');
    expect(bad.imported).toBe(0);
    const problems = bad.problems.map((p: { row: number; column: string; message: string }) => `${p.row}|${p.column}|${p.message}`);
    expect(problems).toContain('2|订单日期|日期格式应为 2026-03-01（2025-02-30）');
    expect(problems).toContain('3|供应商编码|供应商编码不存在（请先导入供应商）（D9）');
    expect(problems).toContain('3|商品编码|商品编码不存在（请先导入商品目录）（ZZ）');
    expect(problems).toContain('3|数量|数量应为最多三位小数的数字（x）');
    expect(problems).toContain('3|单价|金额应为以元为单位、最多两位小数的数字（10.001）');
    expect(problems.some((p: string) => p.startsWith('3|行号|文件中重复出现'))).toBe(true);
    // another institution's code is not this administrator's to write
    expect(problems).toContain('4|机构编码|机构编码不存在（HB）');
    expect(problems).toContain('4|采购渠道|取值不在允许范围内（mail）');
    expect(bad.problemsTotal).toBe(problems.length);

    const good = await upload(admin, 'purchase_orders', 'purchase_orders.csv', PURCHASES);
    expect([good.status, good.rowsRead, good.imported, good.unchanged]).toEqual(['done', 3, 3, 0]);
    const again = await upload(admin, 'purchase_orders', 'purchase_orders.csv', PURCHASES);
    expect([again.status, again.imported, again.unchanged]).toEqual(['done', 0, 3]);
    // the same columns in an .xlsx first sheet
    const xlsx = await xlsxOf([
      ['record_id', 'institution_code', 'ordered_on', 'supplier_code', 'product_code', 'quantity', 'unit_price'],
      ['R1', 'HA', '2025-03-11', 'D1', 'A1', 100, '10.00'],
      ['R3', 'HA', '2025-05-10', 'D1', 'A1', 10, '10.00'],
    ]);
    const rec = await upload(admin, 'platform_records', 'platform.xlsx', xlsx);
    expect([rec.status, rec.imported]).toEqual(['done', 2]);

    const history = (await admin.get('/api/screening/imports?pageSize=50')).json();
    expect(history.items.length).toBe(6);
    expect(history.items[0].kind).toBe('platform_records');
    expect((await c.b_admin!.get('/api/screening/imports?pageSize=50')).json().items).toEqual([]);
    expect((await c.b_admin!.get(`/api/screening/imports/${good.id}`)).statusCode).toBe(404);
    expect((await admin.request({ method: 'POST', url: '/api/screening/imports', ...multipart({ kind: 'nonsense' }, { filename: 'x.csv', content: 'a\n' }) })).statusCode).toBe(400);
  });

  it('imports the good rows of a bad file with partial (CLI) and re-reads nothing twice', async () => {
    const file = path.join(dir, 'rx.csv');
    const staff = path.join(dir, 'staff.csv');
    fs.writeFileSync(staff, csv([['staff_no', 'name', 'institution_code', 'dept_code', 'title', 'specialty'], ...Array.from({ length: 6 }, (_, i) => [`D${i}`, `医生${i}`, 'HA', 'HA-CARD', '主治医师', 'cardiology'])]));
    expect((await importFile(systemCtx(env.platform), 'staff', staff)).status).toBe('done');
    const rows: (string | number)[][] = [['rx_id', 'line_no', 'institution_code', 'dept_code', 'doctor_staff_no', 'patient_key', 'prescribed_on', 'product_code', 'quantity', 'amount']];
    for (let d = 0; d < 6; d++) for (let i = 0; i < 40; i++) rows.push([`X${d}-${i}`, 1, 'HA', 'HA-CARD', `D${d}`, 'PK1', '2025-05-01', d === 0 || i % 3 === 0 ? 'A2' : 'A1', 1, '20.00']);
    rows.push(['BAD', 1, 'HA', 'HA-CARD', 'NOBODY', 'PK1', '2025-05-01', 'A1', 1, '10.00']);
    fs.writeFileSync(file, csv(rows));
    const ctx = systemCtx(env.platform);
    const whole = await importFile(ctx, 'prescriptions', file);
    expect([whole.status, whole.imported, whole.problemsTotal]).toEqual(['failed', 0, 1]);
    expect(whole.problems[0]).toEqual({ row: 242, column: 'doctor_staff_no', message: '工号不存在（请先导入人员）（NOBODY）' });
    const part = await importFile(ctx, 'prescriptions', file, { partial: true });
    expect([part.status, part.imported, part.rejected]).toEqual(['done', 240, 1]);
    const again = await importFile(ctx, 'prescriptions', file, { partial: true });
    expect([again.imported, again.unchanged]).toEqual([0, 240]);
  });
});

describe('runs and alerts', () => {
  it('runs through the job queue and shows alerts with evidence to the discipline office only', async () => {
    const officer = c.a_discipline_officer!;
    const queued = await officer.post('/api/screening/runs', { from: '2025-01', to: '2025-12' });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json().status).toBe('queued');
    await runDueJobs(env.platform);
    const run = (await officer.get(`/api/screening/runs/${queued.json().id}`)).json();
    expect(run.status).toBe('done');
    expect(run.progress).toEqual({ done: 9, total: 9, current: null });
    expect(run.institutionId).toBe(w.A.inst.id);

    const list = (await officer.get('/api/screening/alerts?pageSize=50')).json();
    const rules = list.items.map((a: { rule: string }) => a.rule).sort();
    // D0 also bypasses the VBP winner A1 (the same behaviour, seen by the VBP rule)
    expect(rules).toEqual(['off_platform_purchase', 'prescriber_concentration', 'price_above_platform', 'vbp_bypass']);
    const off = list.items.find((a: { rule: string }) => a.rule === 'off_platform_purchase');
    expect(off.summary).toMatch(/^采购订单 .*在省平台无对应记录/);
    // English readers get the summary built from the stored keys and evidence.
    const en = (await officer.request({ method: 'GET', url: '/api/screening/alerts?pageSize=50', headers: { 'accept-language': 'en-US' } })).json();
    // (names of products, doctors and suppliers stay as they were recorded)
    for (const a of en.items as { summary: string }[]) expect(a.summary).not.toMatch(/[，。（）]|元|同专业|采购订单|供应商/);
    expect(en.items.find((a: { id: string }) => a.id === off.id).summary).toMatch(/^Purchase order .* has no matching platform record/);
    expect(off.keys).toEqual({ order_id: 'PO2', line_no: '1' });
    const doctor = list.items.find((a: { rule: string }) => a.rule === 'prescriber_concentration');
    expect(doctor.keys).toEqual({ doctor_staff_no: 'D0', product_code: 'A2' });
    const detail = (await officer.get(`/api/screening/alerts/${doctor.id}`)).json();
    expect(detail.evidence.share).toBe(1);
    expect(detail.evidence.peers).toBe(5);
    expect(detail.evidence.peer_median).toBeCloseTo(0.35, 2);
    expect((await auditByAction(env.platform.db, 'screening.alert.view'))[0]!.targetId).toBe(doctor.id);
    expect((await auditByAction(env.platform.db, 'screening.alert.list')).length).toBeGreaterThan(0);
    expect((await officer.get('/api/screening/alerts?rule=off_platform_purchase')).json().total).toBe(1);
    // both the off-platform and the price alert concern order PO2
    expect((await officer.get('/api/screening/alerts?q=PO2')).json().total).toBe(2);
    // a month range (inclusive): the order alerts of 2025-04, then the doctors' alerts as of the window's last month
    expect((await officer.get('/api/screening/alerts?from=2025-04&to=2025-04')).json().total).toBe(2);
    expect((await officer.get('/api/screening/alerts?from=2025-05')).json().items.map((a: { period: string }) => a.period)).toEqual(['2025-12', '2025-12']);
    expect((await officer.get('/api/screening/alerts?to=2025-13')).statusCode).toBe(400);
    const xlsx = await officer.get('/api/screening/alerts/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await auditByAction(env.platform.db, 'screening.alert.export')).length).toBe(1);

    // region supervisors see them; nobody else does
    expect((await c.a_region_supervisor!.get('/api/screening/alerts')).json().total).toBe(4);
    for (const u of ['a_institution_admin', 'a_leader', 'a_dept_head', 'a_staff', 'b_admin', 'c_region', 'a_region_admin']) {
      const res = await c[u]!.get('/api/screening/alerts');
      expect(res.statusCode, u).toBe(403);
      expect(res.body).not.toContain('D0');
      expect((await c[u]!.get(`/api/screening/alerts/${doctor.id}`)).statusCode, u).toBe(403);
      expect((await c[u]!.get('/api/screening/alerts/export')).statusCode, u).toBe(403);
    }
  });

  it('keeps a dismissed alert quiet on re-runs until its evidence grows, and escalates into a case', async () => {
    const officer = c.a_discipline_officer!;
    const list = (await officer.get('/api/screening/alerts?pageSize=50')).json();
    const off = list.items.find((a: { rule: string }) => a.rule === 'off_platform_purchase');
    expect((await officer.post(`/api/screening/alerts/${off.id}/dismiss`, { reason: '' })).statusCode).toBe(400);
    const dismissed = await officer.post(`/api/screening/alerts/${off.id}/dismiss`, { reason: '已补录平台订单，属线下应急采购' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json().status).toBe('dismissed');
    expect((await officer.post(`/api/screening/alerts/${off.id}/dismiss`, { reason: '再次排除' })).statusCode).toBe(409);

    await officer.post('/api/screening/runs', { from: '2025-01', to: '2025-12' });
    await runDueJobs(env.platform);
    expect((await officer.get(`/api/screening/alerts/${off.id}`)).json().status).toBe('dismissed');
    expect((await officer.get('/api/screening/alerts?pageSize=50')).json().total).toBe(4);

    // the evidence grows materially (score +0.1 or more): the alert opens again
    await env.platform.db.update(screeningAlerts).set({ dismissedScore: 0.5 }).where(eq(screeningAlerts.id, off.id));
    await officer.post('/api/screening/runs', { from: '2025-01', to: '2025-12' });
    await runDueJobs(env.platform);
    const reopened = (await officer.get(`/api/screening/alerts/${off.id}`)).json();
    expect(reopened.status).toBe('open');
    expect(reopened.history.map((h: { action: string }) => h.action)).toEqual(['dismissed', 'reopened']);

    const doctor = list.items.find((a: { rule: string }) => a.rule === 'prescriber_concentration');
    const esc = await officer.post(`/api/screening/alerts/${doctor.id}/escalate`, {});
    expect(esc.statusCode, esc.body).toBe(200);
    const [kase] = await env.platform.db.select().from(cases).where(eq(cases.id, esc.json().caseId));
    expect(kase!.channel).toBe('screening');
    expect(kase!.institutionId).toBe(w.A.inst.id);
    const after = (await officer.get(`/api/screening/alerts/${doctor.id}`)).json();
    expect([after.status, after.caseId, after.caseNumber]).toEqual(['escalated', esc.json().caseId, esc.json().caseNumber]);
    const detail = await officer.get(`/api/reports/cases/${esc.json().caseId}`);
    expect(detail.statusCode).toBe(200);
    // Nobody reported it: no receipt to follow it up, nothing on the timeline meant for a reporter.
    expect(kase!.receiptHash).toBeNull();
    expect(detail.json().hasReporter).toBe(false);
    expect(detail.json().events.filter((e: { visibleToReporter: boolean }) => e.visibleToReporter)).toEqual([]);
    expect((await officer.post(`/api/reports/cases/${esc.json().caseId}/questions`, { text: '请补充情况' })).statusCode).toBe(400);
    // Such cases come from the platform's findings only; the case form cannot claim one.
    const forged = await officer.post('/api/reports/cases', { channel: 'screening', category: 'kickback', text: '手工录入的筛查线索', subjectIds: [] });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.details.issues.map((i: { field: string }) => i.field)).toContain('channel');
    expect((await officer.post(`/api/screening/alerts/${doctor.id}/escalate`, {})).statusCode).toBe(409);

    const summary = (await officer.get('/api/screening/summary')).json();
    expect(summary.facts.purchaseLines).toBe(3);
    expect(summary.rules.find((r: { rule: string }) => r.rule === 'prescriber_concentration').escalated).toBe(1);
  });

  it('versions rule parameters: a change makes a new version that later alerts record', async () => {
    const officer = c.a_discipline_officer!;
    const before = (await officer.get('/api/screening/params')).json();
    const current = before.items.find((v: { current: boolean }) => v.current).version;
    const put = await officer.request({ method: 'PUT', url: '/api/screening/params', payload: { params: { split_purchase: { thresholdYuan: 200000 } }, note: '提高限额' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().version).toBeGreaterThan(current);
    expect(put.json().params.split_purchase.thresholdYuan).toBe(200000);
    const same = await officer.request({ method: 'PUT', url: '/api/screening/params', payload: { params: { split_purchase: { thresholdYuan: 200000 } } } });
    expect(same.json().version).toBe(put.json().version);
    const bad = await officer.request({ method: 'PUT', url: '/api/screening/params', payload: { params: { split_purchase: { thresholdYuan: -1 } } } });
    expect(bad.statusCode).toBe(400);
    const rerun = (await officer.post('/api/screening/runs', {})).json();
    expect(rerun.paramVersion).toBe(put.json().version);
    await runDueJobs(env.platform);
    // the default window ends with the last month that has data (2025-05): the doctor-level rules' period
    const alerts = (await officer.get(`/api/screening/alerts?pageSize=50&runId=${rerun.id}`)).json().items;
    expect(alerts.length).toBe(4);
    expect(alerts.every((a: { paramVersion: number }) => a.paramVersion === put.json().version)).toBe(true);
    expect(alerts.find((a: { rule: string }) => a.rule === 'vbp_bypass').period).toBe('2025-05');
  });

  it('screens every region once a month through the scheduler', async () => {
    env.setNow(new Date('2027-01-03T02:00:00Z'));
    try {
      await scheduleJob(env.platform.db, { kind: 'screening.monthly', runAt: new Date('2027-01-03T01:00:00Z') });
      await runDueJobs(env.platform);
      const runs = await env.platform.db.select().from(screeningRuns).where(eq(screeningRuns.trigger, 'schedule'));
      expect(runs.map((r) => [r.regionId, r.toPeriod, r.status]).sort()).toEqual([[w.r1.id, '2026-12', 'done'], [w.r2.id, '2026-12', 'done']].sort());
      // the same month is not screened twice
      await scheduleJob(env.platform.db, { kind: 'screening.monthly', runAt: new Date('2027-01-03T01:30:00Z') });
      await runDueJobs(env.platform);
      expect((await env.platform.db.select().from(screeningRuns).where(eq(screeningRuns.trigger, 'schedule'))).length).toBe(2);
    } finally {
      env.setNow(null);
    }
    const region = (await c.a_region_supervisor!.get('/api/screening/runs')).json();
    expect(region.items[0].trigger).toBe('schedule');
    expect(region.items[0].regionId).toBe(w.r1.id);
  });

  it('reads the visits recorded by the reps module beside imported ones', async () => {
    const made = await createVisitDirect(env.platform.db, w.r1.id, w.A.inst.id, w.A.clinical.id, 7001);
    await env.platform.db.update(repCompanies).set({ supplierCode: 'M1' }).where(eq(repCompanies.id, made.company.id));
    await env.platform.db.update(repVisits).set({ checkedInAt: new Date('2025-06-30T17:00:00Z') }).where(eq(repVisits.id, made.visit.id));
    const [d0] = await env.platform.db.select().from(people).where(eq(people.staffNo, 'D0'));
    await env.platform.db.insert(repVisitHosts).values({ visitId: made.visit.id, personId: d0!.id, institutionId: w.A.inst.id });
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    try {
      await syncReference(env.platform.db, con);
      const rows = await all(con, `SELECT * FROM ref_visits WHERE visit_id = '${made.visit.id}'`);
      // checked in at 01:00 on 1 July in Shanghai
      expect(rows).toEqual([{ institution_code: 'HA', visit_id: made.visit.id, supplier_code: 'M1', rep_id: made.rep.id, visited_on: '2025-07-01', dept_code: 'HA-CARD', host_staff_no: 'D0' }]);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });

  it('marks imports cut short by a stopped server as failed at the next start', async () => {
    const old = new Date(Date.now() - 2 * 3600_000);
    const [stale] = await env.platform.db.insert(screeningImports).values({ kind: 'prescriptions', filename: 'x.csv', sha256: '', status: 'running', institutionId: w.A.inst.id, regionId: w.r1.id, createdAt: old }).returning();
    const [fresh] = await env.platform.db.insert(screeningImports).values({ kind: 'prescriptions', filename: 'y.csv', sha256: '', status: 'running', institutionId: w.A.inst.id, regionId: w.r1.id }).returning();
    await failInterruptedImports(systemCtx(env.platform));
    const got = (await c.a_institution_admin!.get(`/api/screening/imports/${stale!.id}`)).json();
    expect([got.status, got.error]).toEqual(['failed', 'interrupted']);
    expect((await c.a_institution_admin!.get(`/api/screening/imports/${fresh!.id}`)).json().status).toBe('running');
  });
});

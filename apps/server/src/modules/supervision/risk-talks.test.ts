/** Risk points and talks: overdue review reminders, the configurable matrix, list, export, measures, talk edits and follow-up. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../platform/jobs.ts';
import { auditLog } from '../../platform/platform.tables.ts';
import { createAccount, createPerson } from '../../seed/factories.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { RISK_LIBRARY_KEYS } from './supervision.testkit.ts';

let env: TestEnv;
let w: World;
let officer: Client;
let head: Client;
const P = '/api/supervision';

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
  officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
  head = await signIn(env.app, 'a_dept_head', PASSWORD);
});
afterAll(() => env.close());

/** Moves the clock, runs what is due and returns the officer's notifications (titles and bodies). */
async function at(iso: string, username = 'a_discipline_officer') {
  env.setNow(new Date(iso));
  await runDueJobs(env.platform, 200);
  const c = await signIn(env.app, username, PASSWORD);
  return { client: c, notes: (await c.get('/api/notifications?pageSize=100')).json().items as { title: string; body: string; link: string }[] };
}

const readXlsx = async (raw: unknown) => {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as ArrayBuffer);
  return wb.worksheets[0]!;
};

describe('overdue risk reviews', () => {
  it('reminds on the review date, again every week while overdue, and stops once reviewed or deactivated', async () => {
    const a = (await officer.post(`${P}/risks`, { process: 'finance', title: '备用金长期挂账', likelihood: 2, impact: 3, reviewOn: '2027-03-10', departmentId: w.A.admin.id })).json();
    const b = (await officer.post(`${P}/risks`, { process: 'finance', title: '票据管理混乱', likelihood: 2, impact: 2, reviewOn: '2027-03-10', departmentId: w.A.admin.id })).json();
    const about = (notes: { title: string; body: string }[], title: string) => notes.filter((n) => n.body.includes(title));
    try {
      let { notes } = await at('2027-03-10T02:00:00Z');
      expect(about(notes, '备用金长期挂账').map((n) => n.title)).toEqual(['廉政风险点待复核']);
      // Nothing more on the days between.
      ({ notes } = await at('2027-03-13T02:00:00Z'));
      expect(about(notes, '备用金长期挂账')).toHaveLength(1);
      // Deactivating one stops its reminders.
      await (await signIn(env.app, 'a_discipline_officer', PASSWORD)).patch(`${P}/risks/${b.id}`, { active: false });
      ({ notes } = await at('2027-03-17T02:00:00Z'));
      const overdue = about(notes, '备用金长期挂账').filter((n) => n.title === '廉政风险点复核逾期');
      expect(overdue.map((n) => n.body)).toEqual(['“备用金长期挂账”应于 2027-03-10 复核，已逾期 7 天']);
      expect(about(notes, '票据管理混乱')).toHaveLength(1);
      ({ notes } = await at('2027-03-24T02:00:00Z'));
      expect(about(notes, '备用金长期挂账').filter((n) => n.title === '廉政风险点复核逾期')).toHaveLength(2);
      // The department head of the point's department hears of it too (fin head is not an account here; the clinical head is not told).
      expect((await at('2027-03-24T02:30:00Z', 'a_dept_head')).notes.filter((n) => n.body.includes('备用金长期挂账'))).toHaveLength(0);
      // Reviewed: no further reminders.
      const c = (await at('2027-03-25T02:00:00Z')).client;
      expect((await c.patch(`${P}/risks/${a.id}`, { reviewed: true })).json().reviewOn).toBe('2028-03-24');
      ({ notes } = await at('2027-04-30T02:00:00Z'));
      expect(about(notes, '备用金长期挂账')).toHaveLength(3);
      expect(about(notes, '票据管理混乱')).toHaveLength(1);
    } finally {
      env.setNow(null);
    }
  });
});

describe('configurable matrix', () => {
  it('sets the scale per institution, validates points against it and refuses a scale smaller than points use', async () => {
    expect((await officer.get(`${P}/risks/matrix`)).json()).toMatchObject({ likelihoodLevels: 5, impactLevels: 5, medium: 5, high: 10, critical: 17 });
    // The thresholds must fit the grid.
    expect((await officer.patch(`${P}/risks/matrix`, { likelihoodLevels: 3, impactLevels: 3, medium: 3, high: 5, critical: 17 })).json().error.details.issues[0].field).toBe('critical');
    expect((await officer.patch(`${P}/risks/matrix`, { likelihoodLevels: 11 })).statusCode).toBe(400);
    // A point at likelihood 5 keeps the likelihood scale from shrinking to 4; the error names the axis.
    await officer.post(`${P}/risks`, { process: 'finance', title: '门诊收费漏洞', likelihood: 5, impact: 2 });
    expect((await officer.patch(`${P}/risks/matrix`, { likelihoodLevels: 4, impactLevels: 7, medium: 6, high: 12, critical: 20 })).json().error.details.issues[0].field).toBe('likelihoodLevels');
    const p = (await officer.post(`${P}/risks`, { process: 'other', title: '科研设备采购', likelihood: 2, impact: 7 })).json();
    expect(p.error.details.issues[0].field).toBe('impact');
    const ok = await officer.patch(`${P}/risks/matrix`, { impactLevels: 7, medium: 6, high: 12, critical: 20 });
    expect(ok.json()).toMatchObject({ likelihoodLevels: 5, impactLevels: 7, critical: 20 });
    const created = (await officer.post(`${P}/risks`, { process: 'research_funds', title: '科研设备采购', likelihood: 3, impact: 7 })).json();
    expect(created).toMatchObject({ score: 21, level: 'critical' });
    expect((await officer.post(`${P}/risks`, { process: 'other', title: '超出可能性', likelihood: 6, impact: 1 })).json().error.details.issues[0].field).toBe('likelihood');
    expect((await officer.patch(`${P}/risks/${created.id}`, { impact: 8 })).json().error.details.issues[0].field).toBe('impact');
    // The summary's grid follows the scale.
    const summary = (await officer.get(`${P}/risks/summary`)).json();
    expect(summary.scale).toMatchObject({ likelihoodLevels: 5, impactLevels: 7 });
    expect(summary.matrix).toHaveLength(5);
    expect(summary.matrix[0]).toHaveLength(7);
    expect(summary.matrix[2][6]).toBe(1);
    // Shrinking below what a point uses (even a deactivated one) is refused with the axis named.
    await officer.patch(`${P}/risks/${created.id}`, { active: false });
    const shrink = await officer.patch(`${P}/risks/matrix`, { impactLevels: 5, medium: 5, high: 10, critical: 17 });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.json().error.details.issues[0]).toMatchObject({ field: 'impactLevels', message: '小于已有风险点使用的等级，请先调整这些风险点' });
    await officer.patch(`${P}/risks/${created.id}`, { impact: 5, active: true });
    expect((await officer.patch(`${P}/risks/matrix`, { impactLevels: 5, medium: 5, high: 10, critical: 17 })).json()).toMatchObject({ impactLevels: 5 });
    const [audit] = await env.platform.db.select().from(auditLog).where(and(eq(auditLog.action, 'risk.matrix')));
    expect(audit!.after).toMatchObject({ impactLevels: 7 });
  });
});

describe('risk list', () => {
  it('searches, sorts, shows deactivated points on request and exports the filtered list with an audit entry', async () => {
    await head.post(`${P}/risks/adopt`, { keys: RISK_LIBRARY_KEYS.slice(0, 3), departmentId: w.A.clinical.id });
    const found = (await officer.get(`${P}/risks?q=${encodeURIComponent('招标')}`)).json();
    expect(found.items.map((p: { title: string }) => p.title)).toEqual(['拆分采购规避招标']);
    const byScore = (await officer.get(`${P}/risks?sort=score&order=desc`)).json().items.map((p: { score: number }) => p.score);
    expect(byScore).toEqual([...byScore].sort((x: number, y: number) => y - x));
    expect(byScore.length).toBeGreaterThan(3);
    const byReview = (await officer.get(`${P}/risks?sort=reviewOn`)).json().items.map((p: { reviewOn: string | null }) => p.reviewOn ?? '9999');
    expect(byReview).toEqual([...byReview].sort());
    const inactive = (await officer.get(`${P}/risks?active=false`)).json();
    expect(inactive.items.map((p: { title: string }) => p.title)).toEqual(['票据管理混乱']);
    const everything = (await officer.get(`${P}/risks?all=true`)).json().total;
    expect(everything).toBe((await officer.get(`${P}/risks`)).json().total + 1);

    const res = await officer.get(`${P}/risks/export?departmentId=${w.A.clinical.id}&page=2&pageSize=1`);
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(/廉政风险点_\d{4}-\d{2}-\d{2}\.xlsx/);
    const ws = await readXlsx(res.rawPayload);
    expect(ws.getRow(1).getCell(5).text).toBe('风险点');
    const clinical = (await officer.get(`${P}/risks?departmentId=${w.A.clinical.id}`)).json();
    expect(ws.rowCount - 1).toBe(clinical.total);
    expect(ws.getRow(2).getCell(1).text).toBe('HA医院');
    expect(ws.getRow(2).getCell(2).text).toBe('心内科');
    const [audit] = await env.platform.db.select().from(auditLog).where(eq(auditLog.action, 'risk.export'));
    expect(audit!.after).toMatchObject({ departmentId: w.A.clinical.id, rows: clinical.total });
    const none = await readXlsx((await officer.get(`${P}/risks/export?q=${encodeURIComponent('不存在的风险点')}`)).rawPayload);
    expect(none.rowCount).toBe(1);
    // Only what the caller may see: the clinical head gets no administrative department points.
    const mine = await readXlsx((await head.get(`${P}/risks/export`)).rawPayload);
    expect(mine.getRows(2, mine.rowCount - 1)!.every((r) => r.getCell(2).text === '心内科')).toBe(true);
  });

  it('breaks points and measures down per institution for region users', async () => {
    await (await signIn(env.app, 'b_admin', PASSWORD)).get('/api/auth/me');
    const supervisor = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    const summary = (await supervisor.get(`${P}/risks/summary`)).json();
    const a = summary.byInstitution.find((u: { institutionName: string }) => u.institutionName === 'HA医院');
    const own = (await officer.get(`${P}/risks/summary`)).json();
    expect(a).toMatchObject({ points: own.points, measures: own.measures });
    expect(summary.points).toBe(summary.byInstitution.reduce((n: number, u: { points: number }) => n + u.points, 0));
    // With two hospitals in the summary, each department is named with its hospital (both have a 心内科).
    await createAccount(env.platform.db, { username: 'b_office', role: 'discipline_officer', regionId: w.r1.id, institutionId: w.B.inst.id, password: PASSWORD });
    const bOffice = await signIn(env.app, 'b_office', PASSWORD);
    expect((await bOffice.post(`${P}/risks/adopt`, { keys: RISK_LIBRARY_KEYS.slice(0, 1), departmentId: w.B.clinical.id })).statusCode).toBe(200);
    const both = (await supervisor.get(`${P}/risks/summary`)).json();
    const names = both.heat.map((h: { departmentName: string }) => h.departmentName);
    expect(names).toContain('HA医院 · 心内科');
    expect(names).toContain('HB医院 · 心内科');
    expect((await officer.get(`${P}/risks/summary`)).json().heat.map((h: { departmentName: string }) => h.departmentName)).toContain('心内科');
  });
});

describe('measures', () => {
  it('deletes a measure with an audit entry, keeps evidence files of the institution only, and lists adopted library keys', async () => {
    const point = (await officer.get(`${P}/risks?departmentId=${w.A.clinical.id}&sort=title`)).json().items[0];
    const m = point.measures[0];
    const file = await officer.request({ method: 'POST', url: '/api/attachments', headers: { 'content-type': 'multipart/form-data; boundary=X' }, payload: '--X\r\nContent-Disposition: form-data; name="file"; filename="制度.txt"\r\nContent-Type: text/plain\r\n\r\n防控制度全文\r\n--X--\r\n' });
    expect(file.statusCode, file.body).toBe(201);
    const withFile = (await officer.patch(`${P}/risks/${point.id}/measures/${m.id}`, { attachmentIds: [file.json().id], status: 'done' })).json();
    expect(withFile.measures.find((x: { id: string }) => x.id === m.id).attachmentIds).toEqual([file.json().id]);
    const other = await (await signIn(env.app, 'b_admin', PASSWORD)).request({ method: 'POST', url: '/api/attachments', headers: { 'content-type': 'multipart/form-data; boundary=X' }, payload: '--X\r\nContent-Disposition: form-data; name="file"; filename="b.txt"\r\nContent-Type: text/plain\r\n\r\nB\r\n--X--\r\n' });
    expect(other.statusCode, other.body).toBe(201);
    expect((await officer.patch(`${P}/risks/${point.id}/measures/${m.id}`, { attachmentIds: [other.json().id] })).json().error.details.issues[0].field).toBe('attachmentIds');

    const after = (await head.del(`${P}/risks/${point.id}/measures/${m.id}`)).json();
    expect(after.measures.map((x: { id: string }) => x.id)).not.toContain(m.id);
    expect(after.measures).toHaveLength(point.measures.length - 1);
    expect((await head.del(`${P}/risks/${point.id}/measures/${m.id}`)).statusCode).toBe(404);
    const [audit] = await env.platform.db.select().from(auditLog).where(eq(auditLog.action, 'risk.measure_delete'));
    expect(audit!.before).toMatchObject({ description: m.description });
    expect((await (await signIn(env.app, 'a_staff', PASSWORD)).del(`${P}/risks/${point.id}/measures/${after.measures[0].id}`)).statusCode).toBe(403);

    const adopted = (await officer.get(`${P}/risks/adopted?departmentId=${w.A.clinical.id}`)).json();
    expect(adopted).toEqual([...RISK_LIBRARY_KEYS.slice(0, 3)].sort());
    expect((await officer.get(`${P}/risks/adopted?departmentId=${w.A.admin.id}`)).json()).toEqual([]);
  });
});

describe('talks', () => {
  it('edits a talk, reminds of the follow-up through the scheduler until it is recorded as done', async () => {
    const subject = await createPerson(env.platform, w.A.inst.id, { departmentId: w.A.admin.id, name: '出纳甲' });
    const talk = (
      await officer.post(`${P}/talks`, {
        subjectId: subject.id,
        kind: 'reminder',
        reasonKind: 'free',
        reason: '备用金长期未报账',
        talkerIds: [w.A.clerk.id],
        talkedOn: '2027-05-06',
        record: '本人表示将在两周内报账。',
        followUp: '两周后核查报账情况',
        followUpDue: '2027-05-20',
      })
    ).json();
    expect(talk).toMatchObject({ followUpDue: '2027-05-20', followUpDoneOn: null, subjectDepartmentId: w.A.admin.id, institutionName: 'HA医院' });
    // Edit: the kind and the follow-up date; the record stays.
    const edited = (await officer.patch(`${P}/talks/${talk.id}`, { kind: 'criticism', followUpDue: '2027-05-21' })).json();
    expect(edited).toMatchObject({ kind: 'criticism', followUpDue: '2027-05-21', record: '本人表示将在两周内报账。', reason: '备用金长期未报账' });
    expect((await officer.patch(`${P}/talks/${talk.id}`, { talkerIds: [subject.id] })).json().error.details.issues[0].field).toBe('talkerIds');
    expect((await head.patch(`${P}/talks/${talk.id}`, { kind: 'summons' })).statusCode).toBe(403);
    const about = (notes: { title: string; body: string }[]) => notes.filter((n) => n.body.includes('出纳甲'));
    try {
      expect(about((await at('2027-05-20T02:00:00Z')).notes)).toHaveLength(0); // moved to the 21st
      let { notes } = await at('2027-05-21T02:00:00Z');
      expect(about(notes).map((n) => n.title)).toEqual(['谈话跟进到期']);
      ({ notes } = await at('2027-05-28T02:00:00Z'));
      expect(about(notes).map((n) => n.title).sort()).toEqual(['谈话跟进到期', '谈话跟进逾期']);
      const c = (await at('2027-05-29T02:00:00Z')).client;
      expect((await c.get(`${P}/talks?followUpPending=true`)).json().items.map((t: { id: string }) => t.id)).toContain(talk.id);
      expect((await c.post(`${P}/talks/${talk.id}/follow-up`, { doneOn: '2027-05-01', result: '已报账' })).json().error.details.issues[0].field).toBe('doneOn');
      const done = (await c.post(`${P}/talks/${talk.id}/follow-up`, { doneOn: '2027-05-29', result: '已全部报账，核查无误' })).json();
      expect(done).toMatchObject({ followUpDoneOn: '2027-05-29', followUpResult: '已全部报账，核查无误', followUpOverdue: false });
      expect((await c.post(`${P}/talks/${talk.id}/follow-up`, { doneOn: '2027-05-29', result: '再次登记' })).statusCode).toBe(409);
      expect((await c.get(`${P}/talks?followUpPending=true`)).json().items.map((t: { id: string }) => t.id)).not.toContain(talk.id);
      ({ notes } = await at('2027-06-30T02:00:00Z'));
      expect(about(notes)).toHaveLength(2);
    } finally {
      env.setNow(null);
    }
    const actions = (await env.platform.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, talk.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['talk.create', 'talk.update', 'talk.follow_up']));
  });

  it('searches, sorts, filters counts by department and institution, and exports the talks with an audit entry', async () => {
    await officer.post(`${P}/talks`, { subjectId: w.A.doctor.id, kind: 'reminder', reasonKind: 'free', reason: '门诊处方超常', talkerIds: [w.A.clerk.id], talkedOn: '2027-02-01' });
    await officer.post(`${P}/talks`, { subjectId: w.A.head.id, kind: 'summons', reasonKind: 'free', reason: '科室医药代表接待失管', talkerIds: [w.A.clerk.id], talkedOn: '2027-02-03' });
    const search = (await officer.get(`${P}/talks?q=${encodeURIComponent('HA医生')}`)).json();
    expect(search.items.map((t: { reason: string }) => t.reason)).toEqual(['门诊处方超常']);
    expect((await officer.get(`${P}/talks?q=${encodeURIComponent('接待失管')}`)).json().total).toBe(1);
    const asc = (await officer.get(`${P}/talks?sort=talkedOn&order=asc`)).json().items.map((t: { talkedOn: string }) => t.talkedOn);
    expect(asc).toEqual([...asc].sort());
    const clinical = (await officer.get(`${P}/talks/counts?departmentId=${w.A.clinical.id}`)).json();
    expect(clinical.total).toBe(2);
    expect(clinical.byKind.find((k: { kind: string }) => k.kind === 'summons').count).toBe(1);
    expect((await officer.get(`${P}/talks/counts?departmentId=${w.A.admin.id}`)).json().total).toBe(1);
    const supervisor = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    expect((await supervisor.get(`${P}/talks/counts?institutionId=${w.A.inst.id}`)).json().total).toBe(3);
    expect((await supervisor.get(`${P}/talks/counts?institutionId=${w.B.inst.id}`)).json().total).toBe(0);

    const res = await officer.get(`${P}/talks/export?departmentId=${w.A.clinical.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const ws = await readXlsx(res.rawPayload);
    expect(ws.getRow(1).getCell(3).text).toBe('谈话对象');
    expect(ws.rowCount - 1).toBe(2);
    // The records stay out of the spreadsheet.
    expect(ws.getRow(1).values).not.toContain('谈话记录');
    const [audit] = await env.platform.db.select().from(auditLog).where(eq(auditLog.action, 'talk.export'));
    expect(audit!.after).toMatchObject({ departmentId: w.A.clinical.id, rows: 2 });
    // The subject's peers see nothing, the subject sees their own.
    const staff = await signIn(env.app, 'a_staff', PASSWORD);
    const own = await readXlsx((await staff.get(`${P}/talks/export`)).rawPayload);
    expect(own.rowCount - 1).toBe(1);
  });
});

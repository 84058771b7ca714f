import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../platform/jobs.ts';
import { createAccount, createPerson, createPost } from '../../seed/factories.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { levelOf, RISK_LIBRARY_KEYS } from './supervision.testkit.ts';
import { scoreAnswers } from './rounds.service.ts';

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
  // the head of the administrative department, and a peer member of staff in the clinical department
  const finHead = await createPerson(env.platform, w.A.inst.id, { departmentId: w.A.admin.id, name: '财务科长' });
  await createPost(env.platform.db, w.A.inst.id, finHead.id, { departmentId: w.A.admin.id, name: '科长', cadreLevel: 'middle' });
  await createAccount(env.platform.db, { username: 'fin_head', role: 'dept_head', regionId: w.r1.id, institutionId: w.A.inst.id, departmentId: w.A.admin.id, personId: finHead.id, password: PASSWORD });
  const peer = await createPerson(env.platform, w.A.inst.id, { departmentId: w.A.clinical.id, name: '同科室医生' });
  await createAccount(env.platform.db, { username: 'peer', role: 'staff', regionId: w.r1.id, institutionId: w.A.inst.id, departmentId: w.A.clinical.id, personId: peer.id, password: PASSWORD });
});
afterAll(() => env.close());

describe('risk points', () => {
  it('scores likelihood × impact on the 5×5 matrix', () => {
    expect(levelOf(4, { medium: 5, high: 10, critical: 17 })).toBe('low');
    expect(levelOf(9, { medium: 5, high: 10, critical: 17 })).toBe('medium');
    expect(levelOf(16, { medium: 5, high: 10, critical: 17 })).toBe('high');
    expect(levelOf(25, { medium: 5, high: 10, critical: 17 })).toBe('critical');
  });

  it('adopts library entries with their measures, lets the department head review them, and counts them', async () => {
    const adopted = (await head.post(`${P}/risks/adopt`, { keys: RISK_LIBRARY_KEYS.slice(0, 2), departmentId: w.A.clinical.id })).json();
    expect(adopted.adopted).toBe(2);
    const list = (await head.get(`${P}/risks`)).json();
    expect(list.total).toBe(2);
    expect(list.items[0].measures.length).toBeGreaterThan(0);
    const elsewhere = await head.post(`${P}/risks/adopt`, { keys: RISK_LIBRARY_KEYS.slice(0, 1), departmentId: w.A.admin.id });
    expect(elsewhere.statusCode).toBe(404);
    const id = list.items[0].id;
    const edited = (await head.patch(`${P}/risks/${id}`, { likelihood: 5, impact: 5, reviewed: true })).json();
    expect(edited).toMatchObject({ score: 25, level: 'critical' });
    // A patch changes only what it names: the description and the measures' status stay.
    expect(edited.description).toBe(list.items[0].description);
    expect(edited.description.length).toBeGreaterThan(2);
    const m = edited.measures[0];
    expect((await head.patch(`${P}/risks/${id}/measures/${m.id}`, { status: 'done' })).json().measures[0].status).toBe('done');
    const withEvidence = (await head.patch(`${P}/risks/${id}/measures/${m.id}`, { evidence: '已建立制度' })).json().measures[0];
    expect(withEvidence).toMatchObject({ status: 'done', evidence: '已建立制度', description: m.description });
    expect(edited.reviewOn > new Date().toISOString().slice(0, 10)).toBe(true);
    const summary = (await officer.get(`${P}/risks/summary`)).json();
    expect(summary).toMatchObject({ points: 2 });
    expect(summary.measures).toBe(list.items[0].measures.length + list.items[1].measures.length);
    expect(summary.heat[0]).toMatchObject({ departmentName: '心内科', critical: 1 });
    expect(summary.matrix[4][4]).toBe(1);
    expect((await (await signIn(env.app, 'fin_head', PASSWORD)).get(`${P}/risks/${id}`)).statusCode).toBe(404);
  });

  it('lets the office configure the matrix thresholds, and levels follow', async () => {
    const point = (await officer.get(`${P}/risks`)).json().items.find((p: { score: number; level: string }) => p.level === 'high' && p.score < 16);
    expect(point.level).toBe('high');
    expect((await officer.patch(`${P}/risks/matrix`, { medium: 10, high: 5, critical: 20 })).json().error.details.issues[0].field).toBe('high');
    expect((await head.patch(`${P}/risks/matrix`, { medium: 4, high: 16, critical: 20 })).statusCode).toBe(403);
    expect((await officer.patch(`${P}/risks/matrix`, { medium: 4, high: 16, critical: 20 })).json()).toMatchObject({ medium: 4, high: 16, critical: 20 });
    expect((await officer.get(`${P}/risks/${point.id}`)).json().level).toBe('medium');
    expect((await head.get(`${P}/risks/matrix`)).json()).toMatchObject({ medium: 4, high: 16, critical: 20 });
    await officer.patch(`${P}/risks/matrix`, { medium: 5, high: 10, critical: 17 });
  });

  it('reminds of an overdue review through the scheduler when the clock passes the review date', async () => {
    const created = (await officer.post(`${P}/risks`, { process: 'prescribing', title: '处方点评流于形式', likelihood: 3, impact: 3, reviewOn: '2027-01-10', departmentId: w.A.clinical.id })).json();
    expect(created.level).toBe('medium');
    env.setNow(new Date('2027-01-10T02:00:00Z'));
    try {
      await runDueJobs(env.platform, 200);
      const o = await signIn(env.app, 'a_discipline_officer', PASSWORD);
      const notes = (await o.get('/api/notifications?pageSize=100')).json().items;
      expect(notes.some((n: { title: string; body: string }) => n.title === '廉政风险点待复核' && n.body.includes('处方点评流于形式'))).toBe(true);
      expect((await o.get(`${P}/risks?reviewOverdue=true`)).json().total).toBe(0);
      env.setNow(new Date('2027-01-12T02:00:00Z'));
      expect((await (await signIn(env.app, 'a_discipline_officer', PASSWORD)).get(`${P}/risks?reviewOverdue=true`)).json().total).toBe(1);
    } finally {
      env.setNow(null);
    }
  });
});

describe('inspection round to verified rectification', () => {
  it('scores a checklist with weights, not-applicable items and section pass marks', () => {
    const sections = [
      { title: '廉洁行医', passMark: 80, items: [{ id: 'a', text: '无收受红包', weight: 3 }, { id: 'b', text: '公示收费', weight: 1 }] },
      { title: '代表接待', passMark: 60, items: [{ id: 'c', text: '登记接待', weight: 1 }] },
    ];
    const r = scoreAnswers(sections, [
      { itemId: 'a', answer: 'yes', photoIds: [] },
      { itemId: 'b', answer: 'no', photoIds: [] },
      { itemId: 'c', answer: 'na', photoIds: [] },
    ]);
    expect(r.sections).toEqual([{ title: '廉洁行医', score: 75, passed: false }, { title: '代表接待', score: 100, passed: true }]);
    expect(r).toMatchObject({ score: 75, passed: false });
  });

  it('plans a round, records results, issues a rectification the department head answers and the office verifies', async () => {
    const tpl = (await officer.post(`${P}/templates`, { name: '临床科室清廉查房', sections: [{ title: '廉洁行医', passMark: 80, items: [{ id: 'q1', text: '未发现收受红包', weight: 2 }, { id: 'q2', text: '医药代表接待有登记', weight: 1 }] }] })).json();
    const round = (
      await officer.post(`${P}/rounds`, { title: '第一季度清廉查房', plannedOn: '2026-12-01', methods: ['unannounced', 'interview'], teamIds: [w.A.clerk.id], departmentIds: [w.A.clinical.id], templateId: tpl.id })
    ).json();
    const scored = (await officer.post(`${P}/rounds/${round.id}/results`, { departmentId: w.A.clinical.id, answers: [{ itemId: 'q1', answer: 'yes' }, { itemId: 'q2', answer: 'no' }] })).json();
    expect(scored).toMatchObject({ score: 66.67, passed: false });
    const badResp = await officer.post(`${P}/rounds/${round.id}/findings`, { departmentId: w.A.clinical.id, kind: 'rep_contact', description: 'x', responsibleId: w.A.clerk.id, deadline: '2026-12-20' });
    expect(badResp.statusCode).toBe(400);
    const finding = (await officer.post(`${P}/rounds/${round.id}/findings`, { departmentId: w.A.clinical.id, kind: 'rep_contact', description: '医药代表接待未登记', responsibleId: w.A.head.id, deadline: '2026-12-20' })).json();
    expect((await (await signIn(env.app, 'fin_head', PASSWORD)).get(`${P}/rectifications/${finding.id}`)).statusCode).toBe(404);
    const mine = (await head.get(`${P}/rectifications`)).json();
    expect(mine.items.map((r: { id: string }) => r.id)).toEqual([finding.id]);
    expect((await (await signIn(env.app, 'fin_head', PASSWORD)).get(`${P}/rectifications`)).json().total).toBe(0);
    expect((await head.post(`${P}/rectifications/${finding.id}/submit`, { evidence: '已建立接待登记本并培训' })).json().status).toBe('submitted');
    expect((await head.post(`${P}/rectifications/${finding.id}/verify`, { accepted: true, note: 'x1' })).statusCode).toBe(403);
    expect((await officer.post(`${P}/rectifications/${finding.id}/verify`, { accepted: false, note: '缺少登记记录照片' })).json().status).toBe('returned');
    await head.post(`${P}/rectifications/${finding.id}/submit`, { evidence: '补充登记本照片' });
    expect((await officer.post(`${P}/rectifications/${finding.id}/verify`, { accepted: true, note: '整改到位' })).json().status).toBe('accepted');
    const twice = (await officer.post(`${P}/rectifications/${finding.id}/verify`, { accepted: true, note: '再次验收' })).json();
    expect(twice.error).toMatchObject({ code: 'conflict', message: '该整改事项当前的状态不允许此操作，请刷新页面后再试' });
    const letter = (await officer.post(`${P}/rectifications/${finding.id}/letter`)).json();
    expect(letter.number).toMatch(/^HA监建〔\d{4}〕1号$/);
    expect((await officer.post(`${P}/rectifications/${finding.id}/letter`)).json().number).toBe(letter.number);
    const figures = (await officer.get(`${P}/inspections/figures`)).json();
    expect(figures).toMatchObject({ rounds: 1, findings: 1, accepted: 1 });
  });

  it('escalates an unanswered rectification when its deadline passes', async () => {
    const tpl = (await officer.get(`${P}/templates`)).json()[0];
    const round = (await officer.post(`${P}/rounds`, { title: '专项检查', plannedOn: '2026-12-02', methods: ['document_review'], teamIds: [w.A.clerk.id], departmentIds: [w.A.clinical.id], templateId: tpl.id })).json();
    const f = (await officer.post(`${P}/rounds/${round.id}/findings`, { departmentId: w.A.clinical.id, kind: 'charging', description: '收费未公示', responsibleId: w.A.head.id, deadline: '2026-12-05' })).json();
    env.setNow(new Date('2026-12-06T02:00:00Z'));
    try {
      await runDueJobs(env.platform, 200);
      const o = await signIn(env.app, 'a_discipline_officer', PASSWORD);
      expect((await o.get(`${P}/rectifications/${f.id}`)).json()).toMatchObject({ escalated: true, overdue: true });
      const leader = await signIn(env.app, 'a_leader', PASSWORD);
      expect((await leader.get('/api/notifications')).json().items.some((n: { title: string }) => n.title === '整改逾期')).toBe(true);
    } finally {
      env.setNow(null);
    }
  });
});

describe('talks and cadre assessment', () => {
  it('records a talk from a finding, visible to the office, the subject and the subject’s head, not to peers', async () => {
    const f = (await officer.get(`${P}/rectifications?pageSize=1`)).json().items[0];
    const talk = await officer.post(`${P}/talks`, {
      subjectId: w.A.doctor.id,
      kind: 'reminder',
      reasonKind: 'finding',
      reasonRef: f.id,
      reason: '查房发现代表接待未登记',
      talkerIds: [w.A.clerk.id],
      talkedOn: '2026-11-20',
      record: '谈话记录……',
    });
    expect(talk.statusCode).toBe(201);
    const id = talk.json().id;
    expect((await head.get(`${P}/talks/${id}`)).statusCode).toBe(200);
    expect((await (await signIn(env.app, 'a_staff', PASSWORD)).get(`${P}/talks/${id}`)).statusCode).toBe(200);
    expect((await (await signIn(env.app, 'peer', PASSWORD)).get(`${P}/talks/${id}`)).statusCode).toBe(404);
    expect((await (await signIn(env.app, 'fin_head', PASSWORD)).get(`${P}/talks/${id}`)).statusCode).toBe(404);
    expect((await (await signIn(env.app, 'b_admin', PASSWORD)).get(`${P}/talks/${id}`)).statusCode).toBe(403);
    const bad = await officer.post(`${P}/talks`, { subjectId: w.A.doctor.id, kind: 'criticism', reasonKind: 'case', reasonRef: f.id, reason: '原因', talkerIds: [w.A.clerk.id], talkedOn: '2026-11-21' });
    expect(bad.json().error.details.issues[0].field).toBe('reasonRef');
    await officer.post(`${P}/talks`, { subjectId: w.A.clerk.id, kind: 'summons', reasonKind: 'free', reason: '约谈', talkerIds: [w.A.head.id], talkedOn: '2026-11-22' });
    const counts = (await officer.get(`${P}/talks/counts?from=2026-11-01&to=2026-11-30`)).json();
    expect(counts.total).toBe(2);
    expect(counts.byKind.find((k: { kind: string }) => k.kind === 'reminder').count).toBe(1);
    expect(counts.byKind.find((k: { kind: string }) => k.kind === 'summons').count).toBe(1);
  });

  it('imports quarterly scores all-or-nothing, ranks them and proposes the bottom for a reminder talk', async () => {
    const cadres: string[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await createPerson(env.platform, w.A.inst.id, { departmentId: w.A.clinical.id, staffNo: `C${i}`, name: `中层${i}` });
      await createPost(env.platform.db, w.A.inst.id, p.id, { cadreLevel: 'middle', name: '副主任' });
      cadres.push(p.id);
    }
    const bad = await officer.post(`${P}/assessments`, { period: '2026-Q3', rows: [{ staffNo: 'C0', score: '95.5' }, { staffNo: 'HA001', score: '90' }, { staffNo: 'C1', score: 'abc' }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    // Every problem reads as words in the caller's language, with the reason key beside it.
    expect(bad.json().error.details.errors.map((e: { message: string; reason: string }) => [e.reason, e.message])).toEqual([
      ['not_middle_cadre', '不是中层干部'],
      ['score_format', '分数应为 0–100，最多两位小数'],
    ]);
    expect((await officer.get(`${P}/assessments/ranking?period=2026-Q3`)).json().rows.length).toBe(0);
    const rows = ['95.5', '88', '91.25', '70', '88', '60.5'].map((score, i) => ({ staffNo: `C${i}`, score }));
    expect((await officer.post(`${P}/assessments`, { period: '2026-Q3', rows })).json().imported).toBe(6);
    const ranking = (await officer.get(`${P}/assessments/ranking?period=2026-Q3`)).json().rows;
    expect(ranking.map((r: { name: string; rank: number }) => `${r.rank}${r.name}`)).toEqual(['1中层0', '2中层2', '3中层1', '3中层4', '5中层3', '6中层5']);
    expect(ranking.filter((r: { proposedTalk: boolean }) => r.proposedTalk).length).toBe(4);
    expect(ranking[0].proposedTalk).toBe(false);
  });
});

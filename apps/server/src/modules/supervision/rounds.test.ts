/** Inspection rounds, rectification, letters and assessment settings: the office's round workflow end to end. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../platform/jobs.ts';
import { createAccount, createPerson, createPost } from '../../seed/factories.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { createCaseRow } from '../reports/reports.testkit.ts';

let env: TestEnv;
let w: World;
let officer: Client;
let head: Client;
let finHead: Client;
let finHeadPerson: string;
let tplId: string;
const P = '/api/supervision';
const as = (u: string) => signIn(env.app, u, PASSWORD);
const notes = async (u: string) => (await (await as(u)).get('/api/notifications?pageSize=100')).json().items as { title: string; body: string; link: string }[];

/** Runs due jobs until none is left, as the scheduler's poll loop does. */
async function drain() {
  for (let i = 0; i < 20 && (await runDueJobs(env.platform, 200)) > 0; i++);
}

async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  env.setNow(new Date(iso));
  try {
    return await fn();
  } finally {
    env.setNow(null);
  }
}

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
  officer = await as('a_discipline_officer');
  head = await as('a_dept_head');
  const p = await createPerson(env.platform, w.A.inst.id, { departmentId: w.A.admin.id, name: '财务科长' });
  finHeadPerson = p.id;
  await createPost(env.platform.db, w.A.inst.id, p.id, { departmentId: w.A.admin.id, name: '科长', cadreLevel: 'middle' });
  await createAccount(env.platform.db, { username: 'fin_head', role: 'dept_head', regionId: w.r1.id, institutionId: w.A.inst.id, departmentId: w.A.admin.id, personId: p.id, password: PASSWORD });
  finHead = await as('fin_head');
  tplId = (
    await officer.post(`${P}/templates`, {
      name: '科室清廉查房',
      sections: [
        { title: '廉洁行医', passMark: 80, items: [{ id: 'q1', text: '未发现收受红包', weight: 2 }, { id: 'q2', text: '医药代表接待有登记', weight: 1 }] },
      ],
    })
  ).json().id;
});
afterAll(() => env.close());

const plan = async (title: string, plannedOn: string, extra: Record<string, unknown> = {}) =>
  (await officer.post(`${P}/rounds`, { title, plannedOn, methods: ['interview'], teamIds: [w.A.clerk.id], departmentIds: [w.A.clinical.id, w.A.admin.id], templateId: tplId, ...extra })).json();

describe('overdue escalation', () => {
  it('does not escalate on the deadline day, escalates the next morning (Asia/Shanghai)', async () => {
    const round = await plan('逾期测试', '2026-12-01');
    const f = (await officer.post(`${P}/rounds/${round.id}/findings`, { departmentId: w.A.clinical.id, kind: 'charging', description: '收费未公示', responsibleId: w.A.head.id, deadline: '2026-12-05' })).json();
    // the deadline day, 09:00 and 23:30 in Shanghai: still on time
    await at('2026-12-05T01:00:00Z', drain);
    await at('2026-12-05T15:30:00Z', async () => {
      await drain();
      expect((await (await as('a_discipline_officer')).get(`${P}/rectifications/${f.id}`)).json()).toMatchObject({ escalated: false, overdue: false });
    });
    expect((await notes('a_leader')).some((n) => n.title === '整改逾期')).toBe(false);
    // 2026-12-06 09:00 in Shanghai
    await at('2026-12-06T01:00:00Z', async () => {
      await drain();
      expect((await (await as('a_discipline_officer')).get(`${P}/rectifications/${f.id}`)).json()).toMatchObject({ escalated: true, overdue: true });
      expect((await notes('a_leader')).some((n) => n.title === '整改逾期' && n.body.includes('收费未公示'))).toBe(true);
      expect((await notes('a_dept_head')).some((n) => n.title === '整改逾期')).toBe(true);
      expect((await notes('fin_head')).some((n) => n.title === '整改逾期')).toBe(false);
    });
  });

  it('re-arms the check when an order is sent back after its deadline', async () => {
    const round = await plan('退回测试', '2026-12-01');
    const f = (await officer.post(`${P}/rounds/${round.id}/findings`, { departmentId: w.A.clinical.id, kind: 'records', description: '台账缺失待补', responsibleId: w.A.head.id, deadline: '2026-12-10' })).json();
    await at('2026-12-09T03:00:00Z', async () => {
      expect((await (await as('a_dept_head')).post(`${P}/rectifications/${f.id}/submit`, { evidence: '已补齐台账' })).json().status).toBe('submitted');
    });
    await at('2026-12-11T02:00:00Z', async () => {
      await drain();
      expect((await (await as('a_discipline_officer')).get(`${P}/rectifications/${f.id}`)).json().escalated).toBe(false);
    });
    await at('2026-12-12T03:00:00Z', async () => {
      expect((await (await as('a_discipline_officer')).post(`${P}/rectifications/${f.id}/verify`, { accepted: false, note: '台账仍不完整' })).json().status).toBe('returned');
      await drain();
      expect((await (await as('a_discipline_officer')).get(`${P}/rectifications/${f.id}`)).json().escalated).toBe(false);
    });
    await at('2026-12-13T01:30:00Z', async () => {
      await drain();
      expect((await (await as('a_discipline_officer')).get(`${P}/rectifications/${f.id}`)).json()).toMatchObject({ escalated: true, status: 'returned' });
      expect((await notes('a_leader')).some((n) => n.title === '整改逾期' && n.body.includes('台账缺失待补'))).toBe(true);
    });
  });
});

describe('results, photos and scope', () => {
  it('returns answers, notes and photos; a department head sees only their own department in a shared round', async () => {
    const round = await plan('联合查房', '2026-11-10');
    const photo = randomUUID();
    await officer.post(`${P}/rounds/${round.id}/results`, { departmentId: w.A.clinical.id, answers: [{ itemId: 'q1', answer: 'yes' }, { itemId: 'q2', answer: 'no', note: '登记本缺页', photoIds: [photo] }] });
    await officer.post(`${P}/rounds/${round.id}/results`, { departmentId: w.A.admin.id, answers: [{ itemId: 'q1', answer: 'yes' }, { itemId: 'q2', answer: 'yes' }] });
    const full = (await officer.get(`${P}/rounds/${round.id}`)).json();
    expect(full.results).toHaveLength(2);
    const clinical = full.results.find((r: { departmentId: string }) => r.departmentId === w.A.clinical.id);
    expect(clinical.answers).toEqual([
      { itemId: 'q1', answer: 'yes', score: null, note: null, photoIds: [] },
      { itemId: 'q2', answer: 'no', score: null, note: '登记本缺页', photoIds: [photo] },
    ]);
    expect(full.checklist[0].items.map((i: { id: string }) => i.id)).toEqual(['q1', 'q2']);
    const f = (await officer.post(`${P}/rounds/${round.id}/findings`, { departmentId: w.A.admin.id, kind: 'records', description: '报销台账不全', responsibleId: finHeadPerson, deadline: '2026-12-31', attachmentIds: [photo] })).json();
    await officer.post(`${P}/rounds/${round.id}/findings`, { departmentId: w.A.clinical.id, kind: 'rep_contact', description: '代表接待未登记', responsibleId: w.A.head.id, deadline: '2026-12-31' });
    expect((await officer.get(`${P}/rectifications/${f.id}`)).json().attachmentIds).toEqual([photo]);
    const mine = (await head.get(`${P}/rounds/${round.id}`)).json();
    expect(mine.results.map((r: { departmentId: string }) => r.departmentId)).toEqual([w.A.clinical.id]);
    expect(mine.findings).toBe(1);
    const listed = (await finHead.get(`${P}/rounds?pageSize=100`)).json().items.find((r: { id: string }) => r.id === round.id);
    expect(listed.results.map((r: { departmentName: string }) => r.departmentName)).toEqual([w.A.admin.name]);
    expect(JSON.stringify(listed)).not.toContain('登记本缺页');
  });

  it('links a finding to a case of the same institution only', async () => {
    const round = await plan('案件关联', '2026-11-12');
    const own = await createCaseRow(env.platform.db, { regionId: w.r1.id, institutionId: w.A.inst.id });
    const other = await createCaseRow(env.platform.db, { regionId: w.r1.id, institutionId: w.B.inst.id });
    const base = { departmentId: w.A.clinical.id, kind: 'discipline', description: '收受红包线索', responsibleId: w.A.head.id, deadline: '2026-12-31' };
    const bad = await officer.post(`${P}/rounds/${round.id}/findings`, { ...base, caseId: other });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('caseId');
    const regionOnly = await createCaseRow(env.platform.db, { regionId: w.r1.id, institutionId: w.A.inst.id, routedTo: 'region' });
    expect((await officer.post(`${P}/rounds/${round.id}/findings`, { ...base, caseId: regionOnly })).statusCode).toBe(400);
    const f = (await officer.post(`${P}/rounds/${round.id}/findings`, { ...base, caseId: own })).json();
    expect((await officer.get(`${P}/rectifications/${f.id}`)).json()).toMatchObject({ caseId: own, caseNumber: own });
    // The department is not told of a case about it.
    expect((await head.get(`${P}/rectifications/${f.id}`)).json()).toMatchObject({ caseId: null, caseNumber: null });
  });
});

describe('figures, lists and exports', () => {
  it('counts rounds and findings by period and rates on time as submitted by the deadline and accepted', async () => {
    const fresh = await createTestEnv();
    try {
      const fw = await buildWorld(fresh.platform);
      const o = await signIn(fresh.app, 'a_discipline_officer', PASSWORD);
      const h = await signIn(fresh.app, 'a_dept_head', PASSWORD);
      const tpl = (await o.post(`${P}/templates`, { name: '清单', sections: [{ title: '一', passMark: 60, items: [{ id: 'a', text: '检查项', weight: 1 }] }] })).json();
      const mk = async (plannedOn: string) => (await o.post(`${P}/rounds`, { title: `查房${plannedOn}`, plannedOn, methods: ['interview'], teamIds: [fw.A.clerk.id], departmentIds: [fw.A.clinical.id], templateId: tpl.id })).json();
      const oct = await mk('2026-10-15');
      const nov = await mk('2026-11-05');
      await mk('2026-11-20'); // planned only: not a round held
      for (const r of [oct, nov]) await o.post(`${P}/rounds/${r.id}/results`, { departmentId: fw.A.clinical.id, answers: [{ itemId: 'a', answer: 'yes' }] });
      const cancelled = await mk('2026-11-06');
      await o.post(`${P}/rounds/${cancelled.id}/cancel`, { reason: '与院内会议冲突' });
      const find = async (deadline: string) =>
        (await o.post(`${P}/rounds/${oct.id}/findings`, { departmentId: fw.A.clinical.id, kind: 'service', description: `问题${deadline}`, responsibleId: fw.A.head.id, deadline })).json().id;
      // recorded 2026-11-01 00:30 Shanghai (still 10-31 in UTC): counts in November
      const ids = await (async () => {
        fresh.setNow(new Date('2026-10-31T16:30:00Z'));
        try {
          return [await find('2026-11-10'), await find('2026-11-10'), await find('2026-11-10')];
        } finally {
          fresh.setNow(null);
        }
      })();
      const step = async (iso: string, fn: () => Promise<unknown>) => {
        fresh.setNow(new Date(iso));
        try {
          await fn();
        } finally {
          fresh.setNow(null);
        }
      };
      // on time: submitted 11-09, accepted 11-12
      await step('2026-11-09T02:00:00Z', async () => (await signIn(fresh.app, 'a_dept_head', PASSWORD)).post(`${P}/rectifications/${ids[0]}/submit`, { evidence: '已整改完毕' }));
      await step('2026-11-12T02:00:00Z', async () => (await signIn(fresh.app, 'a_discipline_officer', PASSWORD)).post(`${P}/rectifications/${ids[0]}/verify`, { accepted: true, note: '验收通过' }));
      // late: submitted 11-11 (after the deadline), accepted
      await step('2026-11-11T02:00:00Z', async () => (await signIn(fresh.app, 'a_dept_head', PASSWORD)).post(`${P}/rectifications/${ids[1]}/submit`, { evidence: '已整改完毕' }));
      await step('2026-11-12T02:00:00Z', async () => (await signIn(fresh.app, 'a_discipline_officer', PASSWORD)).post(`${P}/rectifications/${ids[1]}/verify`, { accepted: true, note: '验收通过' }));
      // ids[2] never answered: overdue
      const november = (await o.get(`${P}/inspections/figures?from=2026-11-01&to=2026-11-30`)).json();
      expect(november).toMatchObject({ rounds: 1, findings: 3, accepted: 2, overdue: 1, due: 3, onTime: 1, onTimeRate: 0.333 });
      const oct2 = (await o.get(`${P}/inspections/figures?from=2026-10-01&to=2026-10-31`)).json();
      expect(oct2).toMatchObject({ rounds: 1, findings: 0 });
      expect((await o.get(`${P}/inspections/figures`)).json().rounds).toBe(2);
      expect((await h.get(`${P}/inspections/figures?from=2026-11-01&to=2026-11-30`)).json()).toMatchObject({ findings: 3 });
    } finally {
      await fresh.close();
    }
  });

  it('filters, searches, sorts and exports rounds and rectifications (audited)', async () => {
    const a = await plan('甲乙专项检查', '2026-09-01', { methods: ['unannounced'], departmentIds: [w.A.clinical.id] });
    await plan('丙丁专项检查', '2026-09-20', { methods: ['document_review'], departmentIds: [w.A.admin.id] });
    const bySearch = (await officer.get(`${P}/rounds?q=${encodeURIComponent('甲乙')}`)).json();
    expect(bySearch.items.map((r: { id: string }) => r.id)).toEqual([a.id]);
    const byMethod = (await officer.get(`${P}/rounds?method=document_review`)).json();
    expect(byMethod.items.map((r: { title: string }) => r.title)).toEqual(['丙丁专项检查']);
    const byDept = (await officer.get(`${P}/rounds?departmentId=${w.A.admin.id}&from=2026-09-01&to=2026-09-30`)).json();
    expect(byDept.items.map((r: { title: string }) => r.title)).toEqual(['丙丁专项检查']);
    const sorted = (await officer.get(`${P}/rounds?from=2026-09-01&to=2026-09-30&sort=plannedOn&order=asc`)).json();
    expect(sorted.items.map((r: { plannedOn: string }) => r.plannedOn)).toEqual(['2026-09-01', '2026-09-20']);
    expect((await officer.get(`${P}/rounds?status=planned&from=2026-09-01&to=2026-09-30`)).json().total).toBe(2);
    const x = await officer.get(`${P}/rounds/export?from=2026-09-01&to=2026-09-30`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = (await (await as('a_discipline_officer')).get('/api/audit?pageSize=50')).json();
    expect(JSON.stringify(audit)).toContain('inspection.round_export');

    const rs = (await officer.get(`${P}/rectifications?q=${encodeURIComponent('报销台账')}`)).json();
    expect(rs.items.map((r: { description: string }) => r.description)).toEqual(['报销台账不全']);
    const byDeadline = (await officer.get(`${P}/rectifications?sort=deadline&order=asc&pageSize=100`)).json().items.map((r: { deadline: string }) => r.deadline);
    expect(byDeadline).toEqual([...byDeadline].sort());
    expect((await head.get(`${P}/rectifications?q=${encodeURIComponent('报销台账')}`)).json().total).toBe(0);
    const rx = await officer.get(`${P}/rectifications/export?status=open`);
    expect(rx.statusCode).toBe(200);
    expect(rx.headers['content-disposition']).toContain(encodeURIComponent('整改事项'));
    expect(JSON.stringify((await (await as('a_discipline_officer')).get('/api/audit?pageSize=50')).json())).toContain('rectification.export');
  });
});

describe('editing rounds and templates', () => {
  it('edits and cancels a planned round, tells the team and the visited departments, and keeps an unannounced visit unannounced', async () => {
    const clerkAcc = 'clerk_acc';
    await createAccount(env.platform.db, { username: clerkAcc, role: 'staff', regionId: w.r1.id, institutionId: w.A.inst.id, departmentId: w.A.admin.id, personId: w.A.clerk.id, password: PASSWORD });
    const r = await plan('计划中的查房', '2026-12-20', { departmentIds: [w.A.clinical.id] });
    expect((await notes(clerkAcc)).some((n) => n.title === '清廉查房已安排' && n.link === `/supervision/rounds/${r.id}`)).toBe(true);
    expect((await notes('a_dept_head')).some((n) => n.title === '清廉查房已安排' && n.body.includes('计划中的查房'))).toBe(true);
    const edited = (await officer.patch(`${P}/rounds/${r.id}`, { plannedOn: '2026-12-22', title: '计划中的查房（调整）' })).json();
    expect(edited).toMatchObject({ plannedOn: '2026-12-22', title: '计划中的查房（调整）', status: 'planned' });
    expect((await notes('a_dept_head')).some((n) => n.title === '清廉查房安排有变更' && n.body.includes('2026-12-22'))).toBe(true);
    expect((await head.patch(`${P}/rounds/${r.id}`, { title: '科室改' })).statusCode).toBe(403);
    expect((await officer.post(`${P}/rounds/${r.id}/cancel`, { reason: 'x' })).statusCode).toBe(400);
    const c = (await officer.post(`${P}/rounds/${r.id}/cancel`, { reason: '检查组人员出差' })).json();
    expect(c).toMatchObject({ status: 'cancelled', cancelReason: '检查组人员出差' });
    expect((await notes(clerkAcc)).some((n) => n.title === '清廉查房已取消' && n.body.includes('检查组人员出差'))).toBe(true);
    expect((await officer.patch(`${P}/rounds/${r.id}`, { title: '再改' })).statusCode).toBe(409);
    const audit = JSON.stringify((await (await as('a_discipline_officer')).get('/api/audit?pageSize=50')).json());
    expect(audit).toContain('inspection.round_update');
    expect(audit).toContain('inspection.round_cancel');

    const before = (await notes('fin_head')).length;
    await plan('突击检查财务科', '2026-12-21', { methods: ['unannounced'], departmentIds: [w.A.admin.id] });
    expect((await notes('fin_head')).length).toBe(before);
  });

  it('versions an edited template; a round keeps the checklist it was planned with; copies and deactivates', async () => {
    const t = (await officer.post(`${P}/templates`, { name: '版本测试清单', sections: [{ title: '一', passMark: 60, items: [{ id: 'a', text: '旧检查项', weight: 1 }] }] })).json();
    const round = (await officer.post(`${P}/rounds`, { title: '用旧版', plannedOn: '2026-11-15', methods: ['interview'], teamIds: [w.A.clerk.id], departmentIds: [w.A.clinical.id], templateId: t.id })).json();
    const v2 = (await officer.patch(`${P}/templates/${t.id}`, { sections: [{ title: '一', passMark: 60, items: [{ id: 'b', text: '新检查项', weight: 1 }] }] })).json();
    expect(v2).toMatchObject({ version: 2, usedBy: 1 });
    const r = (await officer.get(`${P}/rounds/${round.id}`)).json();
    expect(r).toMatchObject({ templateVersion: 1 });
    expect(r.checklist[0].items[0].text).toBe('旧检查项');
    expect((await officer.post(`${P}/rounds/${round.id}/results`, { departmentId: w.A.clinical.id, answers: [{ itemId: 'a', answer: 'yes' }] })).json().score).toBe(100);
    const copy = await officer.post(`${P}/templates/${t.id}/copy`);
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ name: '版本测试清单（副本）', version: 1, active: true });
    expect((await officer.patch(`${P}/templates/${t.id}`, { active: false })).json().active).toBe(false);
    const refused = await officer.post(`${P}/rounds`, { title: '用停用清单', plannedOn: '2026-11-16', methods: ['interview'], teamIds: [w.A.clerk.id], departmentIds: [w.A.clinical.id], templateId: t.id });
    expect(refused.json().error.details.issues[0]).toMatchObject({ field: 'templateId' });
    expect((await (await signIn(env.app, 'b_admin', PASSWORD)).patch(`${P}/templates/${t.id}`, { name: '越权' })).statusCode).toBe(403);
  });
});

describe('supervision suggestion letter', () => {
  it('reads without issuing, edits suggestions, issues once on request; the addressed head reads it', async () => {
    const round = await plan('建议书测试', '2026-11-18');
    const f = (await officer.post(`${P}/rounds/${round.id}/findings`, { departmentId: w.A.clinical.id, kind: 'prescribing', description: '大处方问题', responsibleId: w.A.head.id, deadline: '2026-12-31' })).json();
    const draft = (await officer.get(`${P}/rectifications/${f.id}/letter`)).json();
    expect(draft).toMatchObject({ issued: false, number: null, issuedOn: null, finding: '大处方问题' });
    expect(draft.suggestions).toContain('大处方问题');
    expect((await officer.get(`${P}/rectifications/${f.id}/letter`)).json().number).toBeNull();
    expect((await head.get(`${P}/rectifications/${f.id}/letter`)).statusCode).toBe(404);
    expect((await officer.patch(`${P}/rectifications/${f.id}/letter`, { suggestions: '一、立即开展处方点评。' })).json().suggestions).toBe('一、立即开展处方点评。');
    const issued = (await officer.post(`${P}/rectifications/${f.id}/letter`)).json();
    expect(issued).toMatchObject({ issued: true, suggestions: '一、立即开展处方点评。' });
    expect(issued.number).toMatch(/^HA监建〔\d{4}〕\d+号$/);
    expect((await officer.post(`${P}/rectifications/${f.id}/letter`)).json().number).toBe(issued.number);
    expect((await officer.patch(`${P}/rectifications/${f.id}/letter`, { suggestions: '改动' })).statusCode).toBe(409);
    const read = await head.get(`${P}/rectifications/${f.id}/letter`);
    expect(read.json()).toMatchObject({ number: issued.number, suggestions: '一、立即开展处方点评。' });
    expect((await head.post(`${P}/rectifications/${f.id}/letter`)).statusCode).toBe(403);
    expect((await finHead.get(`${P}/rectifications/${f.id}/letter`)).statusCode).toBe(404);
    expect((await notes('a_dept_head')).some((n) => n.title === '收到监察建议书' && n.body.includes(issued.number))).toBe(true);
  });
});

describe('assessment settings and export', () => {
  it('proposes the configured bottom N and exports the ranking', async () => {
    for (let i = 0; i < 6; i++) {
      const p = await createPerson(env.platform, w.A.inst.id, { departmentId: w.A.clinical.id, staffNo: `M${i}`, name: `干部${i}` });
      await createPost(env.platform.db, w.A.inst.id, p.id, { cadreLevel: 'middle', name: '副主任' });
    }
    await officer.post(`${P}/assessments`, { period: '2026-Q2', rows: ['90', '85', '80', '75', '70', '65'].map((score, i) => ({ staffNo: `M${i}`, score })) });
    const r1 = (await officer.get(`${P}/assessments/ranking?period=2026-Q2`)).json();
    expect(r1.bottomProposed).toBe(4);
    expect(r1.rows.filter((r: { proposedTalk: boolean }) => r.proposedTalk).length).toBe(4);
    expect((await head.patch(`${P}/assessments/settings`, { bottomProposed: 2 })).statusCode).toBe(403);
    expect((await officer.patch(`${P}/assessments/settings`, { bottomProposed: 2 })).json().bottomProposed).toBe(2);
    const r2 = (await officer.get(`${P}/assessments/ranking?period=2026-Q2`)).json();
    expect(r2.rows.filter((r: { proposedTalk: boolean }) => r.proposedTalk).map((r: { name: string }) => r.name)).toEqual(['干部4', '干部5']);
    const x = await officer.get(`${P}/assessments/ranking/export?period=2026-Q2`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(JSON.stringify((await (await as('a_discipline_officer')).get('/api/audit?pageSize=50')).json())).toContain('assessment.export');
  });
});

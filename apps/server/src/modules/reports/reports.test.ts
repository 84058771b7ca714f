import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { createAccount, createPerson, createPost } from '../../seed/factories.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { solve } from './pow.ts';
import { drainInbox } from './inbox.service.ts';
import { idempotencyHash, receiptFor, receiptHash } from './receipts.ts';
import { cases, integrityCodes, reportInbox } from './reports.tables.ts';
import { makeCode, pow, submit } from './reports.testkit.ts';

let env: TestEnv;
let w: World;
let officer: Client;
let codeA: string;
let leaderId: string;

beforeAll(async () => {
  env = await createTestEnv();
  env.platform.config.powBits = 6;
  w = await buildWorld(env.platform);
  officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
  codeA = await makeCode(env, w.A.inst.id, w.A.clinical.id);
  const leader = await createPerson(env.platform, w.A.inst.id, { departmentId: w.A.admin.id, name: '院长甲' });
  await createPost(env.platform.db, w.A.inst.id, leader.id, { name: '院长', cadreLevel: 'leader', departmentId: w.A.admin.id });
  leaderId = leader.id;
  // officers who are themselves a subject, or head of a subject's department
  await createAccount(env.platform.db, { username: 'officer_doctor', role: 'discipline_officer', regionId: w.r1.id, institutionId: w.A.inst.id, personId: w.A.doctor.id, password: PASSWORD });
  await createAccount(env.platform.db, { username: 'officer_head', role: 'discipline_officer', regionId: w.r1.id, institutionId: w.A.inst.id, personId: w.A.head.id, password: PASSWORD });
});
afterAll(() => env.close());

const status = (receipt: string) => env.app.inject({ method: 'POST', url: '/api/public/reports/status', payload: { receipt } });

describe('public reporting', () => {
  it('shows where a code was scanned', async () => {
    const res = await env.app.inject({ method: 'GET', url: `/api/public/codes/${codeA}` });
    expect(res.json()).toMatchObject({ institutionName: 'HA医院', departmentName: '心内科', kind: 'department' });
    const unknown = await env.app.inject({ method: 'GET', url: '/api/public/codes/nosuchcode' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(/医廉码无效/);
  });

  it('returns a high-entropy receipt, stores only its keyed hash, and a retry makes one report', async () => {
    const key = crypto.randomBytes(18).toString('base64url');
    const first = await submit(env.app, { code: codeA, idempotencyKey: key });
    expect(first.statusCode).toBe(200);
    const { receipt } = first.json();
    expect(receipt).toMatch(/^QL(-[0-9A-Z]{4}){8}$/);
    const again = await submit(env.app, { code: codeA, idempotencyKey: key });
    expect(again.json().receipt).toBe(receipt);
    const stored = await env.platform.db.select().from(cases).where(eq(cases.text, '主治医生收受红包两千元'));
    expect(stored.length).toBe(1);
    const dump = JSON.stringify(await rows(env.platform.db, sql`select * from cases`));
    expect(dump).not.toContain(receipt.replace(/-/g, '').slice(2));
    const cols = await rows<{ column_name: string }>(env.platform.db, sql`select column_name from information_schema.columns where table_name = 'cases'`);
    expect(cols.map((c) => c.column_name).some((c) => /(^|_)ip($|_)|addr/.test(c))).toBe(false);
    const st = (await status(receipt.toLowerCase())).json();
    expect(st).toMatchObject({ status: 'received', institutionName: 'HA医院', canReply: true });
  });

  it('refuses a submission without a valid proof of work, naming the field', async () => {
    const forged = await submit(env.app, { code: codeA, pow: { challenge: '1.2.3.4', nonce: '0' } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.details.issues[0].field).toBe('pow');
    const p = await pow(env.app);
    await submit(env.app, { code: codeA, pow: p });
    const reused = await submit(env.app, { code: codeA, pow: p });
    expect(reused.json().error.details.issues[0]).toMatchObject({ field: 'pow', reason: 'pow_reused' });
  });

  it('seals contact details and reveals them only for a stated reason, audited', async () => {
    const res = await submit(env.app, { code: codeA, anonymous: false, contactName: '王女士', contactPhone: '13800138000', text: '药房多收费用五十元' });
    const { receipt } = res.json();
    const dump = JSON.stringify(await rows(env.platform.db, sql`select * from cases`));
    expect(dump).not.toContain('13800138000');
    const list = (await officer.get('/api/reports/cases?q=多收费用')).json();
    const id = list.items[0].id;
    expect((await officer.post(`/api/reports/cases/${id}/contact`, {})).statusCode).toBe(400);
    const contact = await officer.post(`/api/reports/cases/${id}/contact`, { reason: '核实收费情况需联系举报人' });
    expect(contact.json()).toEqual({ name: '王女士', phone: '13800138000' });
    const audit = (await officer.get('/api/audit?action=case.contact_read')).json();
    expect(audit.items[0].after.reason).toBe('核实收费情况需联系举报人');
    expect(receipt).toBeTruthy();
  });

  it('strips GPS metadata from a photo and attaches it to the report', async () => {
    const exif = Buffer.concat([Buffer.from('Exif\0\0'), Buffer.from('GPSLatitude 30.2741 GPSLongitude 120.1551')]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(exif.length + 2) >> 8, (exif.length + 2) & 255]), exif]);
    const jfif = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
    const body = Buffer.from([0xff, 0xdb, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, app1, body]);
    const boundary = '----ql';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="code"\r\n\r\n${codeA}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG_0001.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await env.app.inject({ method: 'POST', url: '/api/public/uploads', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode).toBe(201);
    const photo = up.json();
    const res = await submit(env.app, { code: codeA, photos: [photo.id], text: '带照片的举报：科室内有医药代表' });
    expect(res.statusCode).toBe(200);
    const id = (await officer.get('/api/reports/cases?q=带照片')).json().items[0].id;
    const detail = (await officer.get(`/api/reports/cases/${id}`)).json();
    const file = detail.events[0].attachments[0];
    const bytes = (await officer.get(`/api/reports/cases/${id}/files/${file.id}`)).rawPayload;
    expect(bytes.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
  });
});

describe('a retired code', () => {
  it('stops taking reports: its page at once, submissions once the few seconds a burst may reuse it have passed', async () => {
    const token = await makeCode(env, w.A.inst.id, w.A.clinical.id);
    expect((await submit(env.app, { code: token })).statusCode).toBe(200);
    const [row] = await env.platform.db.select().from(integrityCodes).where(eq(integrityCodes.token, token));
    expect((await officer.post(`/api/reports/codes/${row!.id}/replace`, {})).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: `/api/public/codes/${token}` })).statusCode).toBe(404);
    env.setNow(new Date(Date.now() + 6_000));
    try {
      const late = await submit(env.app, { code: token });
      expect(late.statusCode).toBe(404);
      expect(late.json().error.message).toMatch(/医廉码无效/);
    } finally {
      env.setNow(null);
    }
  });
});

describe('the report inbox (the server answers before registering the case)', () => {
  it('acknowledges from the inbox, registers on the drain, and never makes two cases of one report', async () => {
    env.platform.config.intakeQueue = true;
    try {
      const key = crypto.randomBytes(18).toString('base64url');
      const text = `收件箱测试 ${key.slice(0, 6)}`;
      const first = await submit(env.app, { code: codeA, idempotencyKey: key, text });
      expect(first.statusCode).toBe(200);
      const { receipt } = first.json();
      // Acknowledged = durable: the row is committed whether or not the drain has run yet.
      const waiting = await env.platform.db.select().from(reportInbox).where(eq(reportInbox.receiptHash, receiptHash(env.platform.keyring, receipt)));
      const registered = await env.platform.db.select().from(cases).where(eq(cases.text, text));
      expect(waiting.length + registered.length).toBe(1);
      await drainInbox(env.platform);
      const [c] = await env.platform.db.select().from(cases).where(eq(cases.text, text));
      expect(c).toMatchObject({ status: 'received', channel: 'integrity_code', idempotencyHash: waiting[0]?.idempotencyHash ?? c!.idempotencyHash });
      expect(c!.number).toMatch(/^[A-Z0-9]+-\d{4}-\d{4}$/);
      expect(await env.platform.db.select().from(reportInbox)).toEqual([]);
      // The phone retries after the case was registered (its inbox row is gone): same receipt, still one case.
      const again = await submit(env.app, { code: codeA, idempotencyKey: key, text });
      expect(again.json().receipt).toBe(receipt);
      await drainInbox(env.platform);
      expect((await env.platform.db.select().from(cases).where(eq(cases.text, text))).length).toBe(1);
      expect(await env.platform.db.select().from(reportInbox)).toEqual([]);
    } finally {
      env.platform.config.intakeQueue = false;
    }
  });

  it('answers a receipt that is still in the inbox by registering it first', async () => {
    const key = crypto.randomBytes(18).toString('base64url');
    const text = `尚在收件箱 ${key.slice(0, 6)}`;
    // Stored as the queued path stores it, without a drain (as if the process died right after answering).
    const keyring = env.platform.keyring;
    const receipt = receiptFor(keyring, key);
    const [code] = await env.platform.db.select().from(integrityCodes).where(eq(integrityCodes.token, codeA));
    await env.platform.db.insert(reportInbox).values({
      id: crypto.randomUUID(),
      idempotencyHash: idempotencyHash(keyring, key),
      receiptHash: receiptHash(keyring, receipt),
      codeId: code!.id,
      report: { category: 'red_envelope', text, subjectName: null, anonymous: true, aboutLeadership: false, photos: [] },
      receivedAt: new Date(),
    });
    const st = await status(receipt);
    expect(st.statusCode).toBe(200);
    expect(st.json()).toMatchObject({ status: 'received', institutionName: 'HA医院' });
    expect((await env.platform.db.select().from(cases).where(eq(cases.text, text))).length).toBe(1);
  });

  it('keeps a report it cannot register in the inbox with the error, without holding up the others', async () => {
    const keyring = env.platform.keyring;
    const [code] = await env.platform.db.select().from(integrityCodes).where(eq(integrityCodes.token, codeA));
    const row = (key: string, text: string | null) => ({
      id: crypto.randomUUID(),
      idempotencyHash: idempotencyHash(keyring, key),
      receiptHash: receiptHash(keyring, receiptFor(keyring, key)),
      codeId: code!.id,
      // A report without text cannot become a case (cases.text is required): a stand-in for any failure.
      report: { category: 'red_envelope', text: text as string, subjectName: null, anonymous: true, aboutLeadership: false, photos: [] },
      receivedAt: new Date(),
    });
    await env.platform.db.insert(reportInbox).values([row('bad-one', null), row('good-one', '批次 good-one')]);
    await drainInbox(env.platform);
    const left = await env.platform.db.select().from(reportInbox);
    expect(left.map((r) => r.idempotencyHash)).toEqual([idempotencyHash(keyring, 'bad-one')]);
    expect(left[0]).toMatchObject({ attempts: 1 });
    expect(left[0]!.lastError).toBeTruthy();
    expect((await env.platform.db.select().from(cases).where(eq(cases.text, '批次 good-one'))).length).toBe(1);
    await env.platform.db.delete(reportInbox);
  });
});

describe('the follow-up page', () => {
  it('uploads a photo by receipt for a reply, and refuses once the case is closed', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const upload = (field: string, value: string) => {
      const boundary = '----qlr';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return env.app.inject({ method: 'POST', url: '/api/public/uploads', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const { receipt } = (await submit(env.app, { code: codeA, text: '回复附照片测试举报' })).json();
    expect((await upload('receipt', 'QL-0000-0000-0000-0000-0000-0000-0000-0000')).statusCode).toBe(404);
    const up = await upload('receipt', receipt.toLowerCase());
    expect(up.statusCode).toBe(201);
    const reply = await env.app.inject({ method: 'POST', url: '/api/public/reports/reply', payload: { receipt, text: '补充现场照片', photos: [up.json().id] } });
    expect(reply.statusCode).toBe(200);
    const id = (await officer.get('/api/reports/cases?q=回复附照片')).json().items[0].id;
    const detail = (await officer.get(`/api/reports/cases/${id}`)).json();
    expect(detail.events.find((e: { kind: string }) => e.kind === 'reporter_reply').attachments).toHaveLength(1);
    await officer.post(`/api/reports/cases/${id}/triage`, { result: 'not_clue', note: '转医务部处理' });
    const late = await upload('receipt', receipt);
    expect(late.statusCode).toBe(400);
    expect(late.json().error.details.issues[0]).toMatchObject({ field: 'receipt', reason: 'case_closed', message: '该件已办结，不能再补充材料' });
    const unknown = await env.app.inject({ method: 'POST', url: '/api/public/reports/status', payload: { receipt: 'QL-0000-0000-0000-0000' } });
    expect(unknown.json().error.message).toBe('收据码不存在，请核对后重新输入');
  });
});

describe('the clue workflow', () => {
  it('runs from triage to feedback, with the reporter answering a question by receipt', async () => {
    const { receipt } = (await submit(env.app, { code: codeA, text: '护士站收红包，请调查' })).json();
    const id = (await officer.get('/api/reports/cases?q=护士站')).json().items[0].id;
    expect((await officer.post(`/api/reports/cases/${id}/conclude`, { conclusion: 'partly', summary: '尚未受理' })).statusCode).toBe(409);
    expect((await officer.post(`/api/reports/cases/${id}/triage`, { result: 'clue', disposal: 'preliminary_verification', note: '初核' })).statusCode).toBe(200);
    expect((await officer.post(`/api/reports/cases/${id}/questions`, { text: '请问具体是哪一天？' })).statusCode).toBe(200);
    expect((await status(receipt)).json().messages.map((m: { kind: string }) => m.kind)).toEqual(['created', 'accepted', 'question']);
    const reply = await env.app.inject({ method: 'POST', url: '/api/public/reports/reply', payload: { receipt, text: '11月3日上午' } });
    expect(reply.statusCode).toBe(200);
    await officer.post(`/api/reports/cases/${id}/notes`, { text: '调取监控记录' });
    expect((await officer.post(`/api/reports/cases/${id}/conclude`, { conclusion: 'substantiated', summary: '经核实属实', actions: '责令退还并批评教育' })).statusCode).toBe(200);
    await officer.post(`/api/reports/cases/${id}/feedback`, { text: '经核查，反映问题属实，已责令当事人退还并作出处理。感谢您的监督。' });
    expect((await officer.post(`/api/reports/cases/${id}/close`)).statusCode).toBe(200);
    const st = (await status(receipt)).json();
    expect(st.status).toBe('closed');
    expect(st.outcome).toMatch(/属实/);
    expect(st.canReply).toBe(false);
    const detail = (await officer.get(`/api/reports/cases/${id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toContain('reporter_reply');
    expect(detail.reporterChecks).toBeGreaterThan(0);
  });

  it('merges a duplicate and refers a non-clue', async () => {
    await submit(env.app, { code: codeA, text: '重复举报甲' });
    await submit(env.app, { code: codeA, text: '重复举报乙' });
    const [a, b] = (await officer.get('/api/reports/cases?q=重复举报&sort=receivedAt')).json().items;
    expect((await officer.post(`/api/reports/cases/${b.id}/triage`, { result: 'duplicate', mergeIntoId: a.id })).statusCode).toBe(200);
    expect((await officer.get(`/api/reports/cases/${b.id}`)).json()).toMatchObject({ status: 'merged', mergedIntoId: a.id });
    expect((await officer.post(`/api/reports/cases/${a.id}/triage`, { result: 'not_clue', note: '属医疗服务投诉，转医患关系办公室' })).statusCode).toBe(200);
    expect((await officer.get(`/api/reports/cases/${a.id}`)).json().status).toBe('referred');
  });

  it('flags overdue cases and reminds the handlers through the scheduler', async () => {
    await submit(env.app, { code: codeA, text: '期限测试举报内容' });
    const id = (await officer.get('/api/reports/cases?q=期限测试')).json().items[0].id;
    env.setNow(new Date(Date.now() + 16 * 86_400_000));
    try {
      await runDueJobs(env.platform, 500);
      const later = await signIn(env.app, 'a_discipline_officer', PASSWORD); // sessions expired meanwhile
      const list = (await later.get('/api/reports/cases?overdue=true')).json();
      expect(list.items.map((c: { id: string }) => c.id)).toContain(id);
      const notes = (await later.get('/api/notifications?pageSize=100')).json().items.map((n: { title: string }) => n.title);
      expect(notes.some((t: string) => /已逾期/.test(t))).toBe(true);
    } finally {
      env.setNow(null);
    }
  });
});

describe('confidentiality', () => {
  it('hides a case from its subject, the head of the subject’s department, another institution and recused handlers', async () => {
    const clinician = await makeCode(env, w.A.inst.id, w.A.clinical.id, w.A.doctor.id);
    await submit(env.app, { code: clinician, text: '针对医生个人的举报' });
    const id = (await officer.get('/api/reports/cases?q=针对医生个人')).json().items[0].id;
    for (const u of ['officer_doctor', 'officer_head', 'b_admin', 'c_admin']) {
      const c = await signIn(env.app, u, PASSWORD);
      expect((await c.get(`/api/reports/cases/${id}`)).statusCode, u).toBeGreaterThanOrEqual(403);
      const list = await c.get('/api/reports/cases?pageSize=500');
      if (list.statusCode === 200) expect(list.json().items.map((x: { id: string }) => x.id), u).not.toContain(id);
    }
    const other = await signIn(env.app, 'officer_doctor', PASSWORD);
    expect((await other.get(`/api/reports/cases/${id}`)).statusCode).toBe(404);
    const staff = await signIn(env.app, 'a_staff', PASSWORD);
    expect((await staff.get(`/api/reports/cases/${id}`)).statusCode).toBe(403);
    const second = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    expect((await second.post(`/api/reports/cases/${id}/recuse`, { reason: '与被反映人系亲属关系' })).statusCode).toBe(200);
    expect((await second.get(`/api/reports/cases/${id}`)).statusCode).toBe(404);
  });

  it('sends a report about the hospital leadership to the region, not to the hospital', async () => {
    const { receipt } = (await submit(env.app, { code: codeA, text: '院长收受设备供应商好处', aboutLeadership: true })).json();
    expect(receipt).toBeTruthy();
    const fresh = await signIn(env.app, 'officer_head', PASSWORD);
    expect((await fresh.get('/api/reports/cases?q=院长收受')).json().total).toBe(0);
    const region = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    const list = (await region.get('/api/reports/cases?q=院长收受')).json();
    expect(list.items[0]).toMatchObject({ routedTo: 'region', institutionName: 'HA医院' });
    const leaderStats = (await (await signIn(env.app, 'a_leader', PASSWORD)).get('/api/reports/stats')).json();
    const regionStats = (await region.get(`/api/reports/stats?institutionId=${w.A.inst.id}`)).json();
    expect(regionStats.reports).toBeGreaterThan(leaderStats.reports);
  });

  it('re-routes a case to the region when a leader is named as subject', async () => {
    await submit(env.app, { code: codeA, text: '反映某领导干部问题' });
    const o = await signIn(env.app, 'officer_head', PASSWORD);
    const id = (await o.get('/api/reports/cases?q=某领导干部')).json().items[0].id;
    expect((await o.post(`/api/reports/cases/${id}/subjects`, { subjectIds: [leaderId] })).statusCode).toBe(200);
    expect((await o.get(`/api/reports/cases/${id}`)).statusCode).toBe(404);
    const region = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    expect((await region.get(`/api/reports/cases/${id}`)).json().subjects[0]).toMatchObject({ name: '院长甲', isLeader: true });
  });
});

describe('figures, codes and retention', () => {
  it('counts reports, ratings and praise for the institution and ranks institutions for the region', async () => {
    const feedback = async (kind: 'rating' | 'praise', extra: Record<string, unknown>) => {
      const ch = (await env.app.inject({ method: 'POST', url: '/api/public/pow' })).json();
      return env.app.inject({
        method: 'POST',
        url: '/api/public/feedback',
        payload: { code: codeA, kind, idempotencyKey: crypto.randomBytes(18).toString('base64url'), pow: { challenge: ch.challenge, nonce: solve(ch.challenge, ch.bits) }, ...extra },
      });
    };
    expect((await feedback('rating', { stars: 5, tags: ['friendly'] })).statusCode).toBe(200);
    expect((await feedback('rating', { stars: 3 })).statusCode).toBe(200);
    expect((await feedback('praise', { praiseForm: 'banner', text: '医术精湛' })).statusCode).toBe(200);
    expect((await feedback('rating', {})).statusCode).toBe(400);
    const s = (await officer.get('/api/reports/stats')).json();
    expect(s).toMatchObject({ ratings: 2, avgStars: 4, praise: 1 });
    expect(s.reports).toBeGreaterThan(5);
    expect(s.byCategory[0].label).toBe('收受红包');
    expect(s.substantiationRate).toBe(1);
    const region = (await (await signIn(env.app, 'a_region_supervisor', PASSWORD)).get('/api/reports/stats')).json();
    expect(region.institutionRanking.map((r: { name: string }) => r.name).sort()).toEqual(['HA医院', 'HB医院']);
    const xlsx = await officer.get('/api/reports/stats/export');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('generates department codes idempotently and renders a QR code', async () => {
    const admin = await signIn(env.app, 'a_institution_admin', PASSWORD);
    const first = (await admin.post('/api/reports/codes/generate', { institutionId: w.A.inst.id, kind: 'department' })).json();
    const again = (await admin.post('/api/reports/codes/generate', { institutionId: w.A.inst.id, kind: 'department' })).json();
    expect(first.created).toBe(1); // the clinical department already had one
    expect(again.created).toBe(0);
    const list = (await admin.get('/api/reports/codes?kind=department')).json();
    expect(list.items[0].url).toMatch(/\/r\/[a-z0-9]+$/);
    const svg = await admin.get(`/api/reports/codes/${list.items[0].id}/qr.svg`);
    expect(svg.body).toContain('<svg');
    const clin = await admin.post('/api/reports/codes/generate', { institutionId: w.A.inst.id, kind: 'clinician', personIds: [w.A.doctor.id] });
    expect(clin.statusCode).toBe(400);
    expect((await admin.post('/api/reports/codes/generate', { institutionId: w.B.inst.id, kind: 'department' })).statusCode).toBe(404);
  });

  it('lists closed cases past retention before anything is purged, then purges only those', async () => {
    const due = (await officer.get('/api/reports/retention')).json().items;
    expect(due.length).toBe(0);
    env.setNow(new Date(Date.now() + 6 * 365 * 86_400_000));
    try {
      const o = await signIn(env.app, 'a_discipline_officer', PASSWORD);
      const items = (await o.get('/api/reports/retention')).json().items;
      expect(items.length).toBeGreaterThan(0);
      const open = (await o.get('/api/reports/cases?open=true')).json().items[0];
      expect((await o.post('/api/reports/retention/purge', { ids: [open.id], reason: '到期' })).statusCode).toBe(400);
      expect((await o.post('/api/reports/retention/purge', { ids: [items[0].id], reason: '保存期满，经审核清除' })).json().purged).toBe(1);
      const detail = (await o.get(`/api/reports/cases/${items[0].id}`)).json();
      expect(detail.text).toBe('');
    } finally {
      env.setNow(null);
    }
  });
});

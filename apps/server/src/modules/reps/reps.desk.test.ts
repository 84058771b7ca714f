/**
 * The reception desk's identity check (photo and masked ID before check-in; refusing a mismatch records
 * a violation), the visit record after check-out, yearly renewal and re-applying, searching, sorting and
 * exporting the office's lists, the ledger's configurable unusual patterns, and bad uploads.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobs, notifications } from '../../platform/platform.tables.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { repBookings, repVisits } from './reps.tables.ts';
import { captureSms, issueOf, multipart, openReception, PNG, putProfile, registerRep, signUpRep } from './reps.testkit.ts';

let env: TestEnv;
let w: World;
let office: Client;
const sms = captureSms();
const MONDAY = new Date('2030-03-04T10:00:00+08:00');
const TUESDAY = '2030-03-05';
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
let phone = 13900000500;
const newRep = () => signUpRep(env.app, sms, w.r1.id, String(phone++));

let alice: Client;
let aliceId: string;
let bob: Client;
let bobId: string;

async function approvedBooking(rep: Client, start: string, products = ['阿莫西林胶囊']) {
  const res = await rep.post('/api/rep/bookings', { institutionId: w.A.inst.id, departmentId: w.A.admin.id, date: TUESDAY, start, purpose: `学术推广 ${start}`, products });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  expect((await office.post(`/api/reps/bookings/${id}/decide`, { decision: 'approve', hostIds: [w.A.doctor.id, w.A.head.id] })).json().status).toBe('approved');
  return id;
}

beforeAll(async () => {
  env = await createTestEnv();
  env.setNow(MONDAY);
  env.platform.config.sessionTtlHours = 24 * 800;
  w = await buildWorld(env.platform);
  office = await signIn(env.app, 'a_discipline_officer', PASSWORD);
  await openReception(office, w.A.admin.id);
  alice = await newRep();
  aliceId = await registerRep(alice, { seed: 51, company: 51 }, [w.A.inst.id]);
  bob = await newRep();
  bobId = await registerRep(bob, { seed: 52, company: 52 }, [w.A.inst.id]);
  for (const id of [aliceId, bobId]) await office.post(`/api/reps/reps/${id}/decision`, { decision: 'approve' });
});
afterAll(() => env.close());

describe('the desk compares the person with the registry before check-in', () => {
  let aliceBooking: string;

  it('shows the photo and masked ID without checking in, and holds the code while the officer compares', async () => {
    aliceBooking = await approvedBooking(alice, '14:00');
    env.setNow(at(TUESDAY, '13:55'));
    const { code } = (await alice.post(`/api/rep/bookings/${aliceBooking}/code`)).json();
    const preview = await office.post('/api/reps/checkin/preview', { code });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ bookingId: aliceBooking, repName: '代表51', companyName: '企业51有限公司', photoUrl: `/api/reps/reps/${aliceId}/photo`, departmentName: '财务科', hosts: ['HA医生', 'HA主任'] });
    expect(preview.json().nationalIdMasked).toMatch(/^3301\*{10}\d{3}[\dX]$/);
    expect((await office.get(preview.json().photoUrl)).headers['content-type']).toBe('image/png');
    expect((await office.get('/api/reps/visits')).json().items).toEqual([]);
    // Two minutes later (past the code's own 60 s) the held code still checks in.
    env.setNow(at(TUESDAY, '13:57'));
    const res = await office.post('/api/reps/checkin', { code });
    expect(res.statusCode).toBe(200);
    const [audit] = await env.platform.db.select().from(auditLog).where(and(eq(auditLog.action, 'rep.desk_preview'), eq(auditLog.targetId, aliceBooking)));
    expect(audit).toBeDefined();
  });

  it('refuses a person who is not the registered rep: no visit, the booking refused, an identity_mismatch violation reported', async () => {
    env.setNow(MONDAY);
    const bobBooking = await approvedBooking(bob, '14:30', ['头孢克肟片']);
    env.setNow(at(TUESDAY, '14:25'));
    const { code } = (await bob.post(`/api/rep/bookings/${bobBooking}/code`)).json();
    expect((await office.post('/api/reps/checkin/preview', { code })).statusCode).toBe(200);
    const refused = await office.post('/api/reps/checkin/refuse', { code, note: '来人与备案照片明显不符' });
    expect(refused.statusCode).toBe(200);
    const violation = (await office.get(`/api/reps/violations?kind=identity_mismatch`)).json().items;
    expect(violation).toHaveLength(1);
    expect(violation[0]).toMatchObject({ id: refused.json().violationId, repId: bobId, bookingId: bobBooking, status: 'reported', description: '来人与备案照片明显不符' });
    const [b] = await env.platform.db.select().from(repBookings).where(eq(repBookings.id, bobBooking));
    expect(b).toMatchObject({ status: 'refused', codeHash: null });
    expect(issueOf(await office.post('/api/reps/checkin', { code }))).toMatchObject({ reason: 'check_code_invalid' });
    expect((await env.platform.db.select().from(repVisits).where(eq(repVisits.bookingId, bobBooking))).length).toBe(0);
    expect((await bob.get('/api/rep/bookings')).json().items.find((x: { id: string }) => x.id === bobBooking)).toMatchObject({ status: 'refused', reason: '接待台核验身份不符' });
  });

  it('lets the hosts write the record only after check-out', async () => {
    const visit = (await office.get('/api/reps/visits')).json().items[0];
    const staff = await signIn(env.app, 'a_staff', PASSWORD);
    const record = { content: '介绍新规格，未涉及处方数据', materials: '', attendees: ['HA医生'] };
    expect(issueOf(await staff.request({ method: 'PUT', url: `/api/reps/hosting/${visit.id}/record`, payload: record }))).toMatchObject({ field: 'content', reason: 'visit_not_finished' });
    env.setNow(at(TUESDAY, '14:20'));
    const { code } = (await alice.post(`/api/rep/bookings/${visit.bookingId}/code`)).json();
    expect((await office.post('/api/reps/checkout', { code })).statusCode).toBe(200);
    expect((await staff.request({ method: 'PUT', url: `/api/reps/hosting/${visit.id}/record`, payload: record })).json().status).toBe('recorded');
  });
});

describe('the office’s lists', () => {
  it('search and sort bookings, visits and violations; region users pick an institution', async () => {
    env.setNow(MONDAY);
    const q = (url: string) => office.get(url).then((r) => r.json().items as Record<string, string>[]);
    expect((await q('/api/reps/bookings?q=代表52')).map((b) => b.repName)).toEqual(['代表52']);
    expect((await q('/api/reps/bookings?q=企业51')).map((b) => b.companyName)).toEqual(['企业51有限公司']);
    expect((await q('/api/reps/bookings?sort=repName&order=desc')).map((b) => b.repName)).toEqual(['代表52', '代表51']);
    expect((await q('/api/reps/bookings?sort=repName&order=asc')).map((b) => b.repName)).toEqual(['代表51', '代表52']);
    expect((await office.get('/api/reps/bookings?q=代表52')).json().total).toBe(1);
    expect((await q('/api/reps/visits?q=企业51')).length).toBe(1);
    expect((await q('/api/reps/visits?q=企业52')).length).toBe(0);
    expect((await q(`/api/reps/visits?companyId=${(await alice.get('/api/rep/me')).json().company.id}`)).length).toBe(1);
    expect((await q('/api/reps/violations?q=照片')).length).toBe(1);
    expect((await q('/api/reps/violations?q=无此内容')).length).toBe(0);
    await office.post('/api/reps/violations', { repId: aliceId, kind: 'gift', description: '节日赠送礼品卡', confirm: false });
    expect((await q('/api/reps/violations?sort=repName&order=asc')).map((v) => v.repName)).toEqual(['代表51', '代表52']);
    expect((await q('/api/reps/violations?sort=repName&order=desc')).map((v) => v.repName)).toEqual(['代表52', '代表51']);
    const supervisor = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    expect((await supervisor.get(`/api/reps/visits?institutionId=${w.A.inst.id}`)).json().items).toHaveLength(1);
    expect((await supervisor.get(`/api/reps/visits?institutionId=${w.B.inst.id}`)).json().items).toHaveLength(0);
    expect((await supervisor.get(`/api/reps/figures?institutionId=${w.A.inst.id}&from=${TUESDAY}&to=${TUESDAY}`)).json().visits).toBe(1);
    expect((await supervisor.get(`/api/reps/figures?institutionId=${w.C.inst.id}`)).statusCode).toBe(404);
  });

  it('exports violations and the blacklist as .xlsx, audited', async () => {
    await office.post('/api/reps/blacklist', { companyId: (await bob.get('/api/rep/me')).json().company.id, reason: '冒名顶替来访' });
    for (const [url, action] of [
      ['/api/reps/violations/export?q=代表', 'rep.violations_export'],
      ['/api/reps/blacklist/export?active=true', 'rep.blacklist_export'],
    ] as const) {
      const res = await office.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(await env.platform.db.select().from(auditLog).where(eq(auditLog.action, action))).toHaveLength(1);
    }
    expect((await office.get('/api/reps/blacklist?q=企业52')).json().items).toHaveLength(1);
    expect((await office.get('/api/reps/blacklist?q=企业51')).json().items).toHaveLength(0);
  });

  it('flags unusual patterns by the thresholds in the reception rules', async () => {
    const rules = (await office.get('/api/reps/rules')).json();
    expect(rules.unusual).toEqual({ manyDepartments: 3, hostSharePercent: 60, hostMin: 3 });
    const figures = async () => (await office.get(`/api/reps/figures?from=${TUESDAY}&to=${TUESDAY}`)).json().unusual as { kind: string; value: number; limit: number }[];
    expect((await figures()).filter((u) => u.kind === 'host_cluster')).toEqual([]);
    const res = await office.request({ method: 'PUT', url: '/api/reps/rules', payload: { ...rules, institutionId: undefined, unusual: { manyDepartments: 2, hostSharePercent: 50, hostMin: 2 } } });
    expect(res.statusCode).toBe(200);
    // Still only one visit: no host reaches a minimum of two.
    expect((await figures()).filter((u) => u.kind === 'host_cluster')).toEqual([]);
    const strict = await office.request({ method: 'PUT', url: '/api/reps/rules', payload: { ...rules, institutionId: undefined, unusual: { manyDepartments: 2, hostSharePercent: 50, hostMin: 1 } } });
    expect(strict.statusCode).toBe(200);
    const clusters = (await figures()).filter((u) => u.kind === 'host_cluster');
    expect(clusters).toHaveLength(2);
    expect(clusters[0]).toMatchObject({ value: 1, limit: 1 });
    const bad = await office.request({ method: 'PUT', url: '/api/reps/rules', payload: { ...rules, institutionId: undefined, unusual: { manyDepartments: 1, hostSharePercent: 50, hostMin: 1 } } });
    expect(issueOf(bad)).toMatchObject({ field: 'unusual.manyDepartments' });
  });
});

describe('renewal and re-applying', () => {
  it('reschedules the expiry reminders when the letter’s term changes', async () => {
    expect((await putProfile(alice, { seed: 51, company: 51, letterUntil: '2031-02-28' })).statusCode).toBe(200);
    const pending = await env.platform.db.select().from(jobs).where(like(jobs.dedupeKey, `rep-expiry:${aliceId}:letter:2031-02-28:%`));
    expect(pending.map((j) => j.runAt.toISOString()).sort()).toEqual(['2031-01-29T01:00:00.000Z', '2031-03-01T01:00:00.000Z']);
  });

  it('needs the pledge signed again on renewal, and sends the rep back to review with the office told', async () => {
    env.setNow(at('2031-02-20', '10:00'));
    expect(issueOf(await alice.post('/api/rep/submit'))).toMatchObject({ field: 'pledge', reason: 'pledge_resign' });
    expect((await alice.post('/api/rep/pledge', { accept: true })).statusCode).toBe(200);
    const renewed = (await alice.post('/api/rep/submit')).json();
    expect(renewed.registeredUntil).toBe('2032-02-20');
    expect(renewed.approvals[0]).toMatchObject({ status: 'pending' });
    const told = await env.platform.db.select().from(notifications).where(eq(notifications.title, '医药代表续期待复核'));
    expect(told.length).toBeGreaterThan(0);
  });

  it('shows a rejection with its reason, and lets the rep apply again', async () => {
    expect((await office.post(`/api/reps/reps/${aliceId}/decision`, { decision: 'reject', reason: '授权委托书未盖企业公章' })).json().status).toBe('rejected');
    const me = (await alice.get('/api/rep/me')).json();
    expect(me.approvals[0]).toMatchObject({ status: 'rejected', reason: '授权委托书未盖企业公章' });
    const again = (await alice.post('/api/rep/applications', { institutionId: w.A.inst.id })).json();
    expect(again.approvals[0]).toMatchObject({ status: 'pending' });
    expect(await env.platform.db.select().from(auditLog).where(eq(auditLog.action, 'rep.reapply'))).toHaveLength(1);
  });
});

describe('bad uploads', () => {
  it('refuses an oversize file and an empty one with clear errors', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(8 * 1024 * 1024 + 1)]);
    const tooBig = await bob.request({ method: 'POST', url: '/api/rep/uploads', ...multipart('photo', 'big.png', big, 'image/png') });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({ code: 'file_too_large', message: '文件过大，最大 8 MB' });
    const empty = await bob.request({ method: 'POST', url: '/api/rep/uploads', ...multipart('letter', 'empty.pdf', Buffer.alloc(0), 'application/pdf') });
    expect(empty.statusCode).toBe(400);
    expect(issueOf(empty)).toMatchObject({ field: 'file', reason: 'file_is_empty', message: '文件是空的（0 字节），请重新选择文件' });
    const noKind = await bob.request({ method: 'POST', url: '/api/rep/uploads', ...multipart('', 'x.png', PNG, 'image/png') });
    expect(issueOf(noKind)).toMatchObject({ field: 'kind' });
  });
});

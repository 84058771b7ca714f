import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../platform/jobs.ts';
import { createAccount } from '../../seed/factories.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { captureSms, creditCode, multipart, nationalId, PDF, PNG, signUpRep } from './reps.testkit.ts';

let env: TestEnv;
let w: World;
let officer: Client;
let bOfficer: Client;
let rep1: Client;
let rep2: Client;
let bookingId: string;
let visitId: string;
const sms = captureSms();

// Monday 4 March 2030, 10:00 in Shanghai; the visit is on Tuesday afternoon.
const MONDAY = new Date('2030-03-04T10:00:00+08:00');
const TUESDAY = '2030-03-05';
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const issue = (res: { json(): { error: { details: { issues: { field: string; reason: string }[] } } } }) => res.json().error.details.issues[0];

async function profile(client: Client, seed: number, company = creditCode(1)) {
  return client.request({
    method: 'PUT',
    url: '/api/rep/profile',
    payload: {
      name: `代表${seed}`,
      nationalId: nationalId(seed),
      filingNo: `YYDB-${seed}`,
      products: ['阿莫西林胶囊', '头孢克肟片'],
      letterFrom: '2030-01-01',
      letterUntil: '2030-12-31',
      company: { name: '浙江甲药业有限公司', creditCode: company, kind: 'manufacturer', licenceNo: '浙20300001' },
    },
  });
}

/** Profile, documents, pledge, submission and an application to HA. */
async function register(client: Client, seed: number, company?: string) {
  expect((await profile(client, seed, company)).statusCode).toBe(200);
  expect((await client.request({ method: 'POST', url: '/api/rep/uploads', ...multipart('photo', 'me.png', PNG, 'image/png') })).statusCode).toBe(200);
  expect((await client.request({ method: 'POST', url: '/api/rep/uploads', ...multipart('letter', 'letter.pdf', PDF, 'application/pdf') })).statusCode).toBe(200);
  expect((await client.post('/api/rep/pledge', { accept: true })).statusCode).toBe(200);
  expect((await client.post('/api/rep/submit')).statusCode).toBe(200);
  expect((await client.post('/api/rep/applications', { institutionId: w.A.inst.id })).statusCode).toBe(200);
  return (await client.get('/api/rep/me')).json().id as string;
}

beforeAll(async () => {
  env = await createTestEnv();
  env.setNow(MONDAY);
  // The tests move the clock across days and months: sessions must outlive that.
  env.platform.config.sessionTtlHours = 24 * 800;
  w = await buildWorld(env.platform);
  await createAccount(env.platform.db, { username: 'b_officer', role: 'discipline_officer', regionId: w.r1.id, institutionId: w.B.inst.id, password: PASSWORD });
  officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
  bOfficer = await signIn(env.app, 'b_officer', PASSWORD);
  rep1 = await signUpRep(env.app, sms, w.r1.id, '13800000001');
  rep2 = await signUpRep(env.app, sms, w.r1.id, '13800000002');
});
afterAll(() => env.close());

describe('companies', () => {
  it('refuses a credit code whose GB 32100 check character is wrong, naming the field', async () => {
    const good = creditCode(42);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await officer.post('/api/reps/companies', { name: '乙医疗器械有限公司', creditCode: bad, kind: 'distributor' });
    expect(res.statusCode).toBe(400);
    expect(issue(res)).toMatchObject({ field: 'creditCode', reason: 'credit_code_invalid' });
    expect((await officer.post('/api/reps/companies', { name: '乙医疗器械有限公司', creditCode: good, kind: 'distributor' })).statusCode).toBe(201);
    expect((await officer.post('/api/reps/companies', { name: '重复', creditCode: good.toLowerCase(), kind: 'distributor' })).statusCode).toBe(409);
  });
});

describe('a rep registers', () => {
  it('needs the SMS code, validates the ID number and refuses a wrong file type', async () => {
    const wrong = await env.app.inject({ method: 'POST', url: '/api/rep/auth/signup', payload: { regionId: w.r1.id, phone: '13800000009', password: 'rep-password-1', smsCode: '000000' } });
    expect(issue(wrong)).toMatchObject({ field: 'smsCode', reason: 'sms_code_expired' });
    const bad = await rep1.request({ method: 'PUT', url: '/api/rep/profile', payload: { ...(await profilePayload()), nationalId: '330102199001010010' } });
    expect(issue(bad)).toMatchObject({ field: 'nationalId', reason: 'national_id_invalid' });
    const text = await rep1.request({ method: 'POST', url: '/api/rep/uploads', ...multipart('photo', 'x.png', PDF, 'image/png') });
    expect(text.statusCode).toBe(415);
    expect((await rep1.post('/api/rep/submit')).statusCode).toBe(400);
  });

  it('completes the registration; the office sees the masked ID and approves', async () => {
    const id = await register(rep1, 1);
    const me = (await rep1.get('/api/rep/me')).json();
    expect(me).toMatchObject({ nationalIdMasked: `3301**********${nationalId(1).slice(-4)}`, hasPhoto: true, hasLetter: true, registeredUntil: '2031-03-04' });
    expect(JSON.stringify(me)).not.toContain(nationalId(1));
    const list = (await officer.get('/api/reps/reps?status=pending')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(id);
    const photo = await officer.get(`/api/reps/reps/${id}/photo`);
    expect(photo.headers['content-type']).toBe('image/png');
    const approved = await officer.post(`/api/reps/reps/${id}/decision`, { decision: 'approve' });
    expect(approved.json().status).toBe('approved');
    const mine = (await rep1.get('/api/rep/institutions')).json();
    expect(mine.find((i: { id: string }) => i.id === w.A.inst.id).status).toBe('approved');
  });
});

async function profilePayload() {
  return { name: '代表1', nationalId: nationalId(1), filingNo: 'YYDB-1', products: ['阿莫西林胶囊'], letterFrom: '2030-01-01', letterUntil: '2030-12-31', company: { name: '浙江甲药业有限公司', creditCode: creditCode(1), kind: 'manufacturer' } };
}

describe('reception rules and booking', () => {
  it('never lets a clinical department receive reps', async () => {
    const rules = (await officer.get('/api/reps/rules')).json();
    const clinical = await officer.request({ method: 'PUT', url: '/api/reps/rules', payload: { ...rules, institutionId: undefined, departmentIds: [w.A.clinical.id] } });
    expect(issue(clinical)).toMatchObject({ field: 'departmentIds.0', reason: 'clinical_department' });
    const ok = await officer.request({ method: 'PUT', url: '/api/reps/rules', payload: { ...rules, institutionId: undefined, weekdays: [1, 2, 3, 4, 5], departmentIds: [w.A.admin.id] } });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a booking to a clinical department, then books the finance office', async () => {
    const body = { institutionId: w.A.inst.id, departmentId: w.A.clinical.id, date: TUESDAY, start: '14:00', purpose: '新药学术推广', products: ['阿莫西林胶囊'] };
    const clinical = await rep1.post('/api/rep/bookings', body);
    expect(clinical.statusCode).toBe(400);
    expect(issue(clinical)).toMatchObject({ field: 'departmentId', reason: 'clinical_department' });
    expect(issue(clinical)).toMatchObject({ message: '临床科室不得接待医药代表' });
    expect(issue(await rep1.post('/api/rep/bookings', { ...body, departmentId: w.A.admin.id, start: '14:10' }))).toMatchObject({ field: 'start', reason: 'not_a_slot' });
    expect(issue(await rep1.post('/api/rep/bookings', { ...body, departmentId: w.A.admin.id, products: ['别家的药'] }))).toMatchObject({ field: 'products' });
    const res = await rep1.post('/api/rep/bookings', { ...body, departmentId: w.A.admin.id });
    expect(res.statusCode).toBe(201);
    bookingId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'requested', departmentName: '财务科', decideBy: '2030-03-05' });
    const cal = (await officer.get(`/api/reps/calendar?from=${TUESDAY}&to=${TUESDAY}`)).json();
    expect(cal.items.find((s: { start: string }) => s.start === '14:00')).toMatchObject({ booked: 1, capacity: 2 });
  });

  it('approves with the required number of hosts', async () => {
    const one = await officer.post(`/api/reps/bookings/${bookingId}/decide`, { decision: 'approve', hostIds: [w.A.doctor.id] });
    expect(issue(one)).toMatchObject({ field: 'hostIds', reason: 'hosts_required' });
    const res = await officer.post(`/api/reps/bookings/${bookingId}/decide`, { decision: 'approve', hostIds: [w.A.doctor.id, w.A.head.id] });
    expect(res.json()).toMatchObject({ status: 'approved', room: '医药代表接待室' });
    expect((await rep1.get('/api/rep/bookings')).json().items[0].status).toBe('approved');
  });
});

describe('the visit', () => {
  it('refuses an expired check-in code, then checks in with a fresh one and prints the badge', async () => {
    env.setNow(at(TUESDAY, '13:50'));
    const { code } = (await rep1.post(`/api/rep/bookings/${bookingId}/code`)).json();
    env.setNow(new Date(at(TUESDAY, '13:50').getTime() + 61_000));
    const expired = await officer.post('/api/reps/checkin', { code });
    expect(expired.statusCode).toBe(400);
    expect(issue(expired)).toMatchObject({ field: 'code', reason: 'check_code_expired' });
    expect(issue(await officer.post('/api/reps/checkin', { code: code === '000000' ? '000001' : '000000' }))).toMatchObject({ reason: 'check_code_invalid' });
    const fresh = (await rep1.post(`/api/rep/bookings/${bookingId}/code`)).json();
    expect(fresh.qrSvg).toContain('<svg');
    const res = await officer.post('/api/reps/checkin', { code: fresh.code });
    expect(res.statusCode).toBe(200);
    visitId = res.json().visit.id;
    expect(res.json().badge).toMatchObject({ repName: '代表1', departmentName: '财务科', hosts: expect.arrayContaining(['HA医生', 'HA主任']), validFrom: `${TUESDAY} 14:00` });
    expect((await officer.post('/api/reps/checkin', { code: fresh.code })).statusCode).toBe(400);
    const figures = (await officer.get(`/api/reps/figures?from=${TUESDAY}&to=${TUESDAY}`)).json();
    expect(figures).toMatchObject({ visits: 1, onSite: 1 });
  });

  it('checks out, and the hosts record and each confirm', async () => {
    env.setNow(at(TUESDAY, '14:40'));
    const { code } = (await rep1.post(`/api/rep/bookings/${bookingId}/code`)).json();
    expect((await officer.post('/api/reps/checkout', { code })).json().status).toBe('left');
    const staff = await signIn(env.app, 'a_staff', PASSWORD);
    const head = await signIn(env.app, 'a_dept_head', PASSWORD);
    expect(issue(await staff.post(`/api/reps/hosting/${visitId}/confirm`))).toMatchObject({ reason: 'record_missing' });
    const rec = await staff.request({ method: 'PUT', url: `/api/reps/hosting/${visitId}/record`, payload: { content: '介绍阿莫西林胶囊新规格，未涉及处方数据', materials: '产品说明书 1 份', attendees: ['HA医生', 'HA主任'] } });
    expect(rec.json().status).toBe('recorded');
    await staff.post(`/api/reps/hosting/${visitId}/confirm`);
    const done = await head.post(`/api/reps/hosting/${visitId}/confirm`);
    expect(done.json().status).toBe('confirmed');
    expect(done.json().hosts.every((h: { confirmedAt: string | null }) => h.confirmedAt)).toBe(true);
    const clerk = await signIn(env.app, 'a_grid_supervisor', PASSWORD);
    expect((await clerk.get(`/api/reps/hosting/${visitId}`)).statusCode).toBe(404);
  });

  it('exports the visits in the screening contract’s rep_visits columns', async () => {
    const res = await officer.get('/api/reps/visits/export?format=csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('visit_id,institution_code,supplier_code,rep_id,visited_on,dept_code,host_staff_no');
    expect(lines.slice(1)).toEqual([`${visitId},HA,${creditCode(1)},${lines[1]!.split(',')[3]},${TUESDAY},HA-FIN,HA001`, expect.stringMatching(/,HA003$/)]);
    const xlsx = await officer.get('/api/reps/visits/export');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('violations and the region-wide blacklist', () => {
  it('climbs the sanction ladder; the third blacklists the company for the whole region', async () => {
    const repId = (await rep1.get('/api/rep/me')).json().id;
    const steps = [];
    for (const kind of ['gift', 'prescription_stats', 'no_booking']) {
      const res = await officer.post('/api/reps/violations', { repId, kind, description: `第${steps.length + 1}次：${kind}` });
      expect(res.statusCode).toBe(201);
      steps.push(res.json().sanction);
    }
    expect(steps).toEqual(['summon', 'suspend_products', 'blacklist_company']);
    const sanctions = (await officer.get('/api/reps/sanctions')).json().items;
    expect(sanctions.find((s: { kind: string }) => s.kind === 'suspend_products').products).toContain('阿莫西林胶囊');
    // Another institution of the region sees the blacklist, but not HA's visits.
    const bl = (await bOfficer.get('/api/reps/blacklist')).json();
    expect(bl.items[0]).toMatchObject({ creditCode: creditCode(1), sourceInstitutionName: 'HA医院', liftedAt: null });
    expect((await bOfficer.get('/api/reps/visits')).json().items).toEqual([]);
    expect((await bOfficer.get(`/api/reps/visits/${visitId}`)).statusCode).toBe(404);
    expect((await bOfficer.get('/api/reps/violations')).json().items).toEqual([]);
    const cOffice = await signIn(env.app, 'c_admin', PASSWORD);
    expect((await cOffice.get('/api/reps/blacklist')).json().items).toEqual([]);
    // The blacklisted rep can no longer book anywhere in the region.
    expect((await rep1.get('/api/rep/me')).json().blacklisted).toBe(true);
    const res = await rep1.post('/api/rep/bookings', { institutionId: w.A.inst.id, departmentId: w.A.admin.id, date: '2030-03-07', start: '14:00', purpose: '再次拜访', products: ['阿莫西林胶囊'] });
    expect(issue(res)).toMatchObject({ field: 'institutionId', reason: 'rep_blacklisted' });
  });

  it('takes a staff report of a rep in a clinical area for the office to confirm', async () => {
    const staff = await signIn(env.app, 'a_staff', PASSWORD);
    const res = await staff.post('/api/reps/sightings', { repName: '陌生代表', companyName: '丙公司', departmentId: w.A.clinical.id, description: '在心内科病区向医生推销' });
    expect(res.json()).toMatchObject({ status: 'reported', kind: 'clinical_area', repName: '陌生代表' });
    expect(issue(await officer.post(`/api/reps/violations/${res.json().id}/decide`, { decision: 'confirm' }))).toMatchObject({ field: 'repId' });
    expect((await officer.post(`/api/reps/violations/${res.json().id}/decide`, { decision: 'dismiss' })).json().status).toBe('dismissed');
  });
});

describe('a rep sees only their own data', () => {
  it('keeps reps out of each other’s bookings and out of the staff API', async () => {
    await register(rep2, 2, creditCode(2));
    expect((await rep2.get('/api/rep/bookings')).json().items).toEqual([]);
    expect((await rep2.post(`/api/rep/bookings/${bookingId}/code`)).statusCode).toBe(404);
    expect((await rep2.post(`/api/rep/bookings/${bookingId}/cancel`)).statusCode).toBe(404);
    expect((await rep2.get('/api/rep/visits')).json().items).toEqual([]);
    const own = (await rep1.get('/api/rep/visits')).json().items;
    expect(own).toHaveLength(1);
    expect(own[0].content).toBeNull();
    // A rep session is no staff session, and the reverse.
    expect((await rep2.get('/api/reps/reps')).statusCode).toBe(401);
    expect((await officer.get('/api/rep/me')).statusCode).toBe(401);
    expect((await rep2.request({ method: 'POST', url: '/api/rep/pledge', payload: { accept: true }, headers: { 'x-csrf-token': 'wrong' } })).statusCode).toBe(403);
  });

  it('blacklists only the company on the list: another company’s rep keeps their standing', async () => {
    // rep1's company was blacklisted above; rep2 works for another company.
    expect((await rep2.get('/api/rep/me')).json().blacklisted).toBe(false);
    const insts = (await rep2.get('/api/rep/institutions')).json() as { status: string }[];
    expect(insts.some((i) => i.status === 'blacklisted')).toBe(false);
    const companies = (await officer.get('/api/reps/companies?pageSize=100')).json().items as { creditCode: string; blacklisted: boolean }[];
    expect(companies.filter((c) => c.blacklisted).map((c) => c.creditCode)).toEqual([creditCode(1)]);
    const registry = (await officer.get('/api/reps/reps?pageSize=100')).json().items as { phoneMasked?: string; status: string; companyName?: string }[];
    expect(registry.filter((r) => r.status === 'blacklisted')).toHaveLength(1);
  });
});

describe('reminders', () => {
  it('texts the rep 30 days before the authorisation letter expires', async () => {
    env.setNow(at('2030-12-01', '09:01'));
    await runDueJobs(env.platform);
    expect(sms.sent.some((m) => m.phone === '13800000001' && m.text.includes('授权委托书将于 2030-12-31 到期'))).toBe(true);
    env.setNow(at('2031-01-02', '10:00'));
    const list = (await officer.get('/api/reps/reps?status=expired')).json();
    expect(list.items.some((r: { name: string }) => r.name === '代表2')).toBe(true);
  });
});

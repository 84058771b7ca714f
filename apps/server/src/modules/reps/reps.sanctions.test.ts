/**
 * The sanction ladder's middle rung and patients' reports: a purchase suspension lasts three to six
 * months, is listed (and exported) for procurement, and stops every rep of the company promoting those
 * products at that institution; the next rung is shown before a violation is confirmed; an integrity-code
 * report of a rep in a clinical area becomes a violation of the rep the office picks.
 */
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.ts';
import { type Client, signIn, type TestEnv } from '../../test/harness.ts';
import { PASSWORD, type World } from '../../test/world.ts';
import { cases } from '../reports/reports.tables.ts';
import { captureSms, issueOf, putProfile, registerRep, signUpRep, twoHospitals } from './reps.testkit.ts';

let env: TestEnv;
let w: World;
let aOffice: Client;
let bOffice: Client;
const sms = captureSms();
const MONDAY = new Date('2030-03-04T10:00:00+08:00');
const TUESDAY = '2030-03-05';
let phone = 13900000300;
const newRep = () => signUpRep(env.app, sms, w.r1.id, String(phone++));
const book = (rep: Client, institutionId: string, departmentId: string, products = ['阿莫西林胶囊'], start = '14:00') =>
  rep.post('/api/rep/bookings', { institutionId, departmentId, date: TUESDAY, start, purpose: '学术推广', products });

let offender: Client;
let offenderId: string;
let colleague: Client;
let colleagueId: string;
let pendingBooking: string;

beforeAll(async () => {
  ({ env, w, aOffice, bOffice } = await twoHospitals(MONDAY));
  offender = await newRep();
  offenderId = await registerRep(offender, { seed: 31, company: 31 }, [w.A.inst.id]);
  colleague = await newRep();
  colleagueId = await registerRep(colleague, { seed: 32, company: 31 }, [w.A.inst.id, w.B.inst.id]);
  for (const id of [offenderId, colleagueId]) await aOffice.post(`/api/reps/reps/${id}/decision`, { decision: 'approve' });
  await bOffice.post(`/api/reps/reps/${colleagueId}/decision`, { decision: 'approve' });
});
afterAll(() => env.close());

describe('the purchase suspension', () => {
  it('lasts three to six months: the rules refuse other lengths, naming the field', async () => {
    const rules = (await aOffice.get('/api/reps/rules')).json();
    const put = (months: number) =>
      aOffice.request({ method: 'PUT', url: '/api/reps/rules', payload: { ...rules, institutionId: undefined, ladder: [{ kind: 'summon', months: 0 }, { kind: 'suspend_products', months }, { kind: 'blacklist_company', months: 0 }] } });
    expect(issueOf(await put(2))).toMatchObject({ field: 'ladder.1.months', reason: 'suspension_months', message: '暂停采购期限应为 3 至 6 个月' });
    expect(issueOf(await put(7))).toMatchObject({ field: 'ladder.1.months', reason: 'suspension_months' });
    expect((await put(6)).statusCode).toBe(200);
  });

  it('shows the rung a violation will trigger before it is confirmed', async () => {
    const res = await colleague.post('/api/rep/bookings', { institutionId: w.A.inst.id, departmentId: w.A.admin.id, date: TUESDAY, start: '15:00', purpose: '学术推广', products: ['阿莫西林胶囊'] });
    pendingBooking = res.json().id;
    expect((await aOffice.get(`/api/reps/ladder/preview?repId=${offenderId}`)).json()).toMatchObject({ step: 1, kind: 'summon', companyName: '企业31有限公司' });
    await aOffice.post('/api/reps/violations', { repId: offenderId, kind: 'gift', description: '向科室赠送购物卡' });
    expect((await aOffice.get(`/api/reps/ladder/preview?repId=${offenderId}`)).json()).toMatchObject({ step: 2, kind: 'suspend_products', months: 6 });
    const second = await aOffice.post('/api/reps/violations', { repId: offenderId, kind: 'prescription_stats', description: '打听处方量' });
    expect(second.json()).toMatchObject({ step: 2, sanction: 'suspend_products' });
    expect((await aOffice.get(`/api/reps/ladder/preview?repId=${colleagueId}`)).json()).toMatchObject({ step: 3, kind: 'blacklist_company' });
    // Another institution's ladder is its own.
    expect((await bOffice.get(`/api/reps/ladder/preview?repId=${colleagueId}`)).json()).toMatchObject({ step: 1, kind: 'summon' });
  });

  it('is listed for procurement with products, company and end date, and exported', async () => {
    const list = (await aOffice.get('/api/reps/suspensions')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ companyName: '企业31有限公司', products: ['阿莫西林胶囊', '头孢克肟片'], startsOn: '2030-03-04', endsOn: '2030-09-04', institutionName: 'HA医院' });
    expect((await aOffice.get('/api/reps/suspensions?q=头孢')).json().items).toHaveLength(1);
    expect((await aOffice.get('/api/reps/suspensions?q=布洛芬')).json().items).toHaveLength(0);
    expect((await bOffice.get('/api/reps/suspensions')).json().items).toEqual([]);
    const supervisor = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    expect((await supervisor.get('/api/reps/suspensions')).json().items).toHaveLength(1);
    const xlsx = await aOffice.get('/api/reps/suspensions/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await env.platform.db.select().from(auditLog).where(eq(auditLog.action, 'rep.suspensions_export'));
    expect(audit).toHaveLength(1);
  });

  it('stops every rep of the company promoting those products at that institution only', async () => {
    expect(issueOf(await book(colleague, w.A.inst.id, w.A.admin.id))).toMatchObject({ field: 'products', reason: 'products_suspended' });
    expect(issueOf(await book(colleague, w.A.inst.id, w.A.admin.id, ['头孢克肟片']))).toMatchObject({ reason: 'products_suspended' });
    // A booking asked for before the suspension cannot be approved now.
    expect(issueOf(await aOffice.post(`/api/reps/bookings/${pendingBooking}/decide`, { decision: 'approve', hostIds: [w.A.doctor.id, w.A.head.id] }))).toMatchObject({ reason: 'products_suspended' });
    // Hospital B did not suspend anything.
    expect((await book(colleague, w.B.inst.id, w.B.admin.id)).statusCode).toBe(201);
    // After the end date the products may be promoted again.
    env.setNow(new Date('2030-09-05T10:00:00+08:00'));
    expect((await aOffice.get('/api/reps/suspensions')).json().items).toEqual([]);
    const later = await colleague.post('/api/rep/bookings', { institutionId: w.A.inst.id, departmentId: w.A.admin.id, date: '2030-09-06', start: '14:00', purpose: '学术推广', products: ['阿莫西林胶囊'] });
    expect(later.statusCode).toBe(201);
    env.setNow(MONDAY);
  });
});

describe('a suspension at one institution', () => {
  it('is no way out by editing the profile: only an admission goes back to review', async () => {
    const rep = await newRep();
    const id = await registerRep(rep, { seed: 35, company: 35 }, [w.A.inst.id, w.B.inst.id]);
    await aOffice.post(`/api/reps/reps/${id}/decision`, { decision: 'suspend', reason: '多次未按预约时间到达', until: '2030-06-30' });
    await bOffice.post(`/api/reps/reps/${id}/decision`, { decision: 'approve' });
    expect((await putProfile(rep, { seed: 35, company: 36 })).statusCode).toBe(200);
    const approvals = (await rep.get('/api/rep/me')).json().approvals as { institutionId: string; status: string; suspendedUntil: string | null; reason: string | null }[];
    expect(approvals.find((a) => a.institutionId === w.A.inst.id)).toMatchObject({ status: 'suspended', suspendedUntil: '2030-06-30', reason: '多次未按预约时间到达' });
    expect(approvals.find((a) => a.institutionId === w.B.inst.id)).toMatchObject({ status: 'pending' });
  });
});

describe('a patient’s report of a rep in a clinical area', () => {
  async function reportCase(category: 'rep_in_clinical' | 'red_envelope', institutionId = w.A.inst.id) {
    const id = crypto.randomUUID();
    await env.platform.db.insert(cases).values({
      id,
      regionId: w.r1.id,
      institutionId,
      number: `HA-2030-${id.slice(0, 6)}`,
      channel: 'integrity_code',
      category,
      text: '有医药代表在心内科病房向医生推销药品',
      departmentId: w.A.clinical.id,
    });
    return id;
  }

  it('becomes a violation of the rep the office picks, linked to the case and audited, once', async () => {
    const caseId = await reportCase('rep_in_clinical');
    const res = await aOffice.post('/api/reps/violations/from-case', { caseId, repId: colleagueId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'clinical_area', caseId, repId: colleagueId, companyName: '企业31有限公司', status: 'reported' });
    expect(res.json().description).toContain('有医药代表在心内科病房');
    expect((await aOffice.get(`/api/reps/violations?caseId=${caseId}`)).json().items).toHaveLength(1);
    const [audit] = await env.platform.db.select().from(auditLog).where(and(eq(auditLog.action, 'rep.violation_from_case'), eq(auditLog.targetId, res.json().id)));
    expect(audit).toBeDefined();
    expect((await aOffice.post('/api/reps/violations/from-case', { caseId, repId: colleagueId })).statusCode).toBe(409);
    // Confirming it climbs the ladder like any other violation.
    const confirmed = await aOffice.post(`/api/reps/violations/${res.json().id}/decide`, { decision: 'confirm' });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', step: 3, sanction: 'blacklist_company' });
  });

  it('refuses other categories, and cases the office cannot see', async () => {
    const other = await reportCase('red_envelope');
    expect(issueOf(await aOffice.post('/api/reps/violations/from-case', { caseId: other, repId: offenderId }))).toMatchObject({ field: 'caseId', reason: 'case_not_rep_report' });
    const atB = await reportCase('rep_in_clinical', w.B.inst.id);
    expect((await aOffice.post('/api/reps/violations/from-case', { caseId: atB, repId: offenderId })).statusCode).toBe(404);
    const staff = await signIn(env.app, 'a_staff', PASSWORD);
    expect((await staff.post('/api/reps/violations/from-case', { caseId: atB, repId: offenderId })).statusCode).toBe(403);
  });
});

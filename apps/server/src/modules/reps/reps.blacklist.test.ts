/**
 * The region-wide blacklist holds: a personal ban follows the person (by ID number) into another company
 * and another account; a rep who leaves a blacklisted company is flagged for the offices; a company
 * blacklisted at hospital A is refused at hospital B (booking and check-in); and only the institution
 * that imposed a ban, or the region, may lift it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../platform/platform.tables.ts';
import { type Client, signIn, type TestEnv } from '../../test/harness.ts';
import { PASSWORD, type World } from '../../test/world.ts';
import { captureSms, issueOf, putProfile, registerRep, signUpRep, twoHospitals } from './reps.testkit.ts';

let env: TestEnv;
let w: World;
let aOffice: Client;
let bOffice: Client;
const sms = captureSms();
const MONDAY = new Date('2030-03-04T10:00:00+08:00');
const TUESDAY = '2030-03-05';
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
let phone = 13900000100;
const newRep = () => signUpRep(env.app, sms, w.r1.id, String(phone++));

async function approveAt(office: Client, repId: string) {
  const res = await office.post(`/api/reps/reps/${repId}/decision`, { decision: 'approve' });
  expect(res.json().status).toBe('approved');
}
const book = (rep: Client, institutionId: string, departmentId: string, start = '14:00') =>
  rep.post('/api/rep/bookings', { institutionId, departmentId, date: TUESDAY, start, purpose: '学术推广', products: ['阿莫西林胶囊'] });

beforeAll(async () => {
  ({ env, w, aOffice, bOffice } = await twoHospitals(MONDAY));
});
afterAll(() => env.close());

describe('a personal ban follows the person', () => {
  it('holds after the rep moves to another company, and for a new account with the same ID number', async () => {
    const rep = await newRep();
    const repId = await registerRep(rep, { seed: 11, company: 11 }, [w.A.inst.id]);
    await approveAt(aOffice, repId);
    const bl = await aOffice.post('/api/reps/blacklist', { companyId: (await rep.get('/api/rep/me')).json().company.id, repId, reason: '冒用他人身份进入病区' });
    expect(bl.statusCode).toBe(201);
    expect((await rep.get('/api/rep/me')).json().blacklisted).toBe(true);
    // Moving to another company does not shake the ban off.
    expect((await putProfile(rep, { seed: 11, company: 12 })).statusCode).toBe(200);
    const me = (await rep.get('/api/rep/me')).json();
    expect(me.company.creditCode).not.toBe((await aOffice.get(`/api/reps/blacklist`)).json().items[0].creditCode);
    expect(me.blacklisted).toBe(true);
    expect(issueOf(await book(rep, w.A.inst.id, w.A.admin.id))).toMatchObject({ field: 'institutionId', reason: 'rep_blacklisted' });
    // The same ID number under a second account is refused outright…
    const twin = await newRep();
    expect((await putProfile(twin, { seed: 13, company: 13, idSeed: 11 })).statusCode).toBe(409);
    // …and if the banned account gives up that ID number, the ID number stays banned for whoever uses it.
    expect((await putProfile(rep, { seed: 11, company: 12, idSeed: 14 })).statusCode).toBe(200);
    expect((await rep.get('/api/rep/me')).json().blacklisted).toBe(true);
    expect((await putProfile(twin, { seed: 13, company: 13, idSeed: 11 })).statusCode).toBe(200);
    expect((await twin.get('/api/rep/me')).json().blacklisted).toBe(true);
    const bystander = await newRep();
    await registerRep(bystander, { seed: 15, company: 12 }, []);
    expect((await bystander.get('/api/rep/me')).json().blacklisted).toBe(false);
  });
});

describe('a company blacklisted at hospital A', () => {
  let mover: Client;
  let moverId: string;
  let stayer: Client;
  let stayerBooking: string;

  it('is refused at hospital B: booking and check-in', async () => {
    mover = await newRep();
    moverId = await registerRep(mover, { seed: 21, company: 21 }, [w.A.inst.id, w.B.inst.id]);
    stayer = await newRep();
    const stayerId = await registerRep(stayer, { seed: 22, company: 21 }, [w.A.inst.id, w.B.inst.id]);
    for (const id of [moverId, stayerId]) {
      await approveAt(aOffice, id);
      await approveAt(bOffice, id);
    }
    // An approved visit at B, booked before the ban.
    const res = await book(stayer, w.B.inst.id, w.B.admin.id);
    expect(res.statusCode).toBe(201);
    stayerBooking = res.json().id;
    expect((await bOffice.post(`/api/reps/bookings/${stayerBooking}/decide`, { decision: 'approve', hostIds: [w.B.doctor.id, w.B.head.id] })).json().status).toBe('approved');
    // Three confirmed violations at A: summons, suspension, blacklist.
    const sanctions = [];
    for (const kind of ['gift', 'no_booking', 'prescription_stats']) sanctions.push((await aOffice.post('/api/reps/violations', { repId: stayerId, kind, description: `HA 查实：${kind}` })).json().sanction);
    expect(sanctions).toEqual(['summon', 'suspend_products', 'blacklist_company']);
    // At B: a new booking is refused…
    expect(issueOf(await book(stayer, w.B.inst.id, w.B.admin.id, '14:30'))).toMatchObject({ field: 'institutionId', reason: 'rep_blacklisted' });
    expect(issueOf(await book(mover, w.B.inst.id, w.B.admin.id, '14:30'))).toMatchObject({ reason: 'rep_blacklisted' });
    const atB = (await stayer.get('/api/rep/institutions')).json().find((i: { id: string }) => i.id === w.B.inst.id);
    expect(atB.status).toBe('blacklisted');
    // …and the visit approved before the ban is refused at B's desk.
    env.setNow(at(TUESDAY, '13:50'));
    const { code } = (await stayer.post(`/api/rep/bookings/${stayerBooking}/code`)).json();
    const desk = await bOffice.post('/api/reps/checkin', { code });
    expect(desk.statusCode).toBe(400);
    expect(issueOf(desk)).toMatchObject({ field: 'code', reason: 'rep_blacklisted' });
    expect(issueOf(await bOffice.post('/api/reps/checkin/preview', { code }))).toMatchObject({ reason: 'rep_blacklisted' });
    // B's office sees the entry A decided.
    const list = (await bOffice.get('/api/reps/blacklist?active=true&q=企业21')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ companyName: '企业21有限公司', sourceInstitutionName: 'HA医院', repId: null });
    env.setNow(MONDAY);
  });

  it('flags a rep who moves from it to another company, for every office that received them', async () => {
    expect((await putProfile(mover, { seed: 21, company: 23 })).statusCode).toBe(200);
    const me = (await mover.get('/api/rep/me')).json();
    expect(me.blacklisted).toBe(false);
    // Back to review everywhere, flagged, and the offices are told.
    expect(me.approvals.map((a: { status: string }) => a.status)).toEqual(['pending', 'pending']);
    const flagged = (await bOffice.get('/api/reps/reps?flagged=true')).json().items;
    expect(flagged.map((r: { id: string }) => r.id)).toEqual([moverId]);
    expect(flagged[0].formerBlacklistedCompany).toBe('企业21有限公司');
    const [bOfficerAccount] = await env.platform.db.select().from(notifications).where(eq(notifications.title, '原黑名单企业代表变更了所属企业'));
    expect(bOfficerAccount).toBeDefined();
    // Admitting them again needs a reason on record.
    expect(issueOf(await bOffice.post(`/api/reps/reps/${moverId}/decision`, { decision: 'approve' }))).toMatchObject({ field: 'reason', reason: 'former_blacklisted_reason' });
    expect((await bOffice.post(`/api/reps/reps/${moverId}/decision`, { decision: 'approve', reason: '已核实离职证明，新企业与原企业无关联' })).json().status).toBe('approved');
  });

  it('still flags the person when they come back under a new account with the same ID number', async () => {
    // The old account gives up the ID number; a new one registers it with yet another company.
    expect((await putProfile(mover, { seed: 21, company: 23, idSeed: 29 })).statusCode).toBe(200);
    const again = await newRep();
    const againId = await registerRep(again, { seed: 24, company: 24, idSeed: 21 }, [w.A.inst.id]);
    expect((await again.get('/api/rep/me')).json().blacklisted).toBe(false);
    const rep = (await aOffice.get(`/api/reps/reps/${againId}`)).json();
    expect(rep.formerBlacklistedCompany).toBe('企业21有限公司');
    const notFlagged = (await aOffice.get('/api/reps/reps?flagged=false&pageSize=100')).json().items.map((r: { id: string }) => r.id);
    expect(notFlagged).not.toContain(againId);
  });
});

describe('lifting a ban', () => {
  it('is for the institution that imposed it and the region only', async () => {
    const entries = (await aOffice.get('/api/reps/blacklist?active=true&sort=createdAt&order=asc')).json().items as { id: string; repId: string | null }[];
    expect(entries).toHaveLength(2);
    const personal = entries.find((e) => e.repId)!;
    const company = entries.find((e) => !e.repId)!;
    const reason = { reason: '经复核解除' };
    expect((await bOffice.post(`/api/reps/blacklist/${company.id}/lift`, reason)).statusCode).toBe(403);
    const instAdmin = await signIn(env.app, 'a_institution_admin', PASSWORD);
    expect((await instAdmin.post(`/api/reps/blacklist/${company.id}/lift`, reason)).statusCode).toBe(403);
    const otherRegion = await signIn(env.app, 'c_region', PASSWORD);
    expect((await otherRegion.post(`/api/reps/blacklist/${company.id}/lift`, reason)).statusCode).toBe(404);
    const regionAdmin = await signIn(env.app, 'a_region_admin', PASSWORD);
    expect((await regionAdmin.post(`/api/reps/blacklist/${company.id}/lift`, reason)).json().liftedAt).not.toBeNull();
    expect((await aOffice.post(`/api/reps/blacklist/${personal.id}/lift`, reason)).json().liftedAt).not.toBeNull();
    expect((await aOffice.get('/api/reps/blacklist?active=true')).json().items).toEqual([]);
    expect((await aOffice.get('/api/reps/blacklist?active=false')).json().items).toHaveLength(2);
  });
});

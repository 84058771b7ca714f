/** Factories and clients the rep tests (and the route-table access test) share. */
import crypto from 'node:crypto';
import { creditCodeCheckChar, nationalIdCheckChar } from '@qinglian/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../platform/db.ts';
import { createAccount } from '../../seed/factories.ts';
import { type Client, createTestEnv, signIn } from '../../test/harness.ts';
import { buildWorld, PASSWORD } from '../../test/world.ts';
import { repBookings, repCompanies, reps, repViolations, repVisits } from './reps.tables.ts';
import { setSmsTransport } from './sms.ts';

/** A valid unified social credit code whose body is derived from `seed`. */
export function creditCode(seed: number): string {
  const body = `91330100MA${String(seed).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}

/** A valid national ID number for a person born on 1990-01-01 with sequence `seed`. */
export function nationalId(seed: number): string {
  const body = `33010219900101${String(seed % 1000).padStart(3, '0')}`;
  return body + nationalIdCheckChar(body);
}

/** A company and a submitted rep of it, written straight to the database (for samples). */
export async function createRepDirect(db: Db, regionId: string, seed: number) {
  const [company] = await db.insert(repCompanies).values({ regionId, name: `企业${seed}`, creditCode: creditCode(seed), kind: 'manufacturer' }).returning();
  const [rep] = await db
    .insert(reps)
    .values({ regionId, phone: `139${String(seed).padStart(8, '0')}`, passwordHash: 'x', name: `代表${seed}`, companyId: company!.id, submittedAt: new Date(), products: ['阿莫西林胶囊'] })
    .returning();
  return { company: company!, rep: rep! };
}

/** A booking, a visit and a violation at an institution, written straight to the database (for samples). */
export async function createVisitDirect(db: Db, regionId: string, institutionId: string, departmentId: string, seed: number) {
  const { company, rep } = await createRepDirect(db, regionId, seed);
  const [booking] = await db
    .insert(repBookings)
    .values({ institutionId, repId: rep.id, companyId: company.id, departmentId, date: '2030-01-01', start: '14:00', end: '14:30', purpose: '样例', products: [], status: 'done', decideBy: '2030-01-01' })
    .returning();
  const [visit] = await db
    .insert(repVisits)
    .values({ institutionId, number: `S-${seed}`, bookingId: booking!.id, repId: rep.id, companyId: company.id, departmentId, checkedInAt: new Date() })
    .returning();
  const [violation] = await db.insert(repViolations).values({ institutionId, repId: rep.id, companyId: company.id, kind: 'gift', description: '样例', occurredAt: new Date(), status: 'reported' }).returning();
  return { company, rep, booking: booking!, visit: visit!, violation: violation! };
}

/** Captures text messages instead of logging them; `lastCode(phone)` reads the newest six-digit code. */
export function captureSms() {
  const sent: { phone: string; text: string }[] = [];
  setSmsTransport({ send: async (phone, text) => void sent.push({ phone, text }) });
  return { sent, lastCode: (phone: string) => [...sent].reverse().find((m) => m.phone === phone)?.text.match(/\d{6}/)?.[0] ?? '' };
}

/** A client bound to a rep session (cookie and CSRF header). */
export function repClient(app: FastifyInstance, token: string, csrf: string): Client {
  const request = (opts: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...opts, cookies: { ql_rep_session: token }, headers: { 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, payload: body as InjectOptions['payload'] }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
    del: (url) => request({ method: 'DELETE', url }),
  };
}

/** Signs a rep up through the real routes (SMS code captured) and returns their client. */
export async function signUpRep(app: FastifyInstance, sms: ReturnType<typeof captureSms>, regionId: string, phone: string, password = 'rep-password-1') {
  await app.inject({ method: 'POST', url: '/api/rep/auth/sms', payload: { phone } });
  const res = await app.inject({ method: 'POST', url: '/api/rep/auth/signup', payload: { regionId, phone, password, smsCode: sms.lastCode(phone) } });
  if (res.statusCode !== 200) throw new Error(`signup ${phone}: ${res.statusCode} ${res.body}`);
  const token = res.cookies.find((c) => c.name === 'ql_rep_session')!.value;
  const me = await app.inject({ method: 'GET', url: '/api/rep/me', cookies: { ql_rep_session: token } });
  return repClient(app, token, me.json().csrfToken);
}

/** A multipart body with a `kind` field and one file. */
export function multipart(kind: string, filename: string, data: Buffer, mime: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ql${crypto.randomBytes(4).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The rep's profile through the real route (a company named after its credit-code seed). */
export function putProfile(client: Client, o: { seed: number; company: number; idSeed?: number; letterUntil?: string }) {
  return client.request({
    method: 'PUT',
    url: '/api/rep/profile',
    payload: {
      name: `代表${o.seed}`,
      nationalId: nationalId(o.idSeed ?? o.seed),
      filingNo: `YYDB-${o.seed}`,
      products: ['阿莫西林胶囊', '头孢克肟片'],
      letterFrom: '2030-01-01',
      letterUntil: o.letterUntil ?? '2030-12-31',
      company: { name: `企业${o.company}有限公司`, creditCode: creditCode(o.company), kind: 'manufacturer' },
    },
  });
}

/** Profile, photo, letter, pledge and submission; then applications to the given institutions. Returns the rep id. */
export async function registerRep(client: Client, o: { seed: number; company: number; idSeed?: number }, institutionIds: string[]) {
  const ok = (res: LightMyRequestResponse) => {
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  };
  ok(await putProfile(client, o));
  ok(await client.request({ method: 'POST', url: '/api/rep/uploads', ...multipart('photo', 'me.png', PNG, 'image/png') }));
  ok(await client.request({ method: 'POST', url: '/api/rep/uploads', ...multipart('letter', 'letter.pdf', PDF, 'application/pdf') }));
  ok(await client.post('/api/rep/pledge', { accept: true }));
  ok(await client.post('/api/rep/submit'));
  for (const institutionId of institutionIds) ok(await client.post('/api/rep/applications', { institutionId }));
  return (await client.get('/api/rep/me')).json().id as string;
}

/** Reception rules receiving in the given (administrative) department, Monday to Friday afternoons. */
export async function openReception(office: Client, departmentId: string) {
  const rules = (await office.get('/api/reps/rules')).json();
  const res = await office.request({ method: 'PUT', url: '/api/reps/rules', payload: { ...rules, institutionId: undefined, weekdays: [1, 2, 3, 4, 5], departmentIds: [departmentId] } });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
}

/**
 * Two hospitals of one region at a given moment, each with its discipline office signed in (A's from the
 * world, B's made here) and reception open in its finance office: the setting of the region-wide tests.
 */
export async function twoHospitals(at: Date) {
  const env = await createTestEnv();
  env.setNow(at);
  env.platform.config.sessionTtlHours = 24 * 400;
  const w = await buildWorld(env.platform);
  await createAccount(env.platform.db, { username: 'b_officer', role: 'discipline_officer', regionId: w.r1.id, institutionId: w.B.inst.id, password: PASSWORD });
  const aOffice = await signIn(env.app, 'a_discipline_officer', PASSWORD);
  const bOffice = await signIn(env.app, 'b_officer', PASSWORD);
  await openReception(aOffice, w.A.admin.id);
  await openReception(bOffice, w.B.admin.id);
  return { env, w, aOffice, bOffice };
}

/** The first field issue of a 400 answer. */
export const issueOf = (res: LightMyRequestResponse) => res.json().error.details.issues[0] as { field: string; reason: string; message: string };

/**
 * Generated from the route table: every /api route is called as nobody, as every role without its
 * permission, and as every role with it against records outside the role's scope; every list is
 * read by every permitted role and each row is checked to lie inside that role's scope.
 */
import { can, ROLE_SCOPE, ROLES, type TRole } from '@qinglian/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../modules/auth/auth.tables.ts';
import { notify } from '../modules/notifications/notifications.service.ts';
import { createRepDirect, createVisitDirect } from '../modules/reps/reps.testkit.ts';
import { createCaseRow, makeCode } from '../modules/reports/reports.testkit.ts';
import { createAlertRow, createImportAndRunRows } from '../modules/screening/screening.testkit.ts';
import { createSupervisionRecords } from '../modules/supervision/supervision.testkit.ts';
import { createTenderProcess } from '../modules/tenders/tenders.testkit.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../test/world.ts';
import { systemCtx } from './context.ts';
import { attachments } from './platform.tables.ts';

let env: TestEnv;
let world: World;
const clients = {} as Record<TRole, Client>;
/** resource → samples: which institution/department the record sits in, and its id. */
type Sample = { where: 'A-own-dept' | 'A-other-dept' | 'A-region-only' | 'B' | 'C'; id: string };
const samples: Record<string, Sample[]> = {};

const ID = '00000000-0000-4000-8000-000000000000';
/** Bodies that pass validation for :id mutations, so the scope check is what answers. */
const BODIES: Record<string, unknown> = {
  'POST /api/org/people/:id/national-id': { reason: '访问控制测试' },
  'POST /api/accounts/:id/password': { password: 'access-test-pass-1' },
  'POST /api/notifications/:id/read': undefined,
  'POST /api/reps/reps/:id/decision': { decision: 'approve' },
  'POST /api/reps/bookings/:id/decide': { decision: 'refuse', reason: '访问控制测试' },
  'PUT /api/reps/hosting/:id/record': { content: '访问控制测试' },
  'POST /api/reps/violations/:id/decide': { decision: 'dismiss' },
  'POST /api/reps/blacklist/:id/lift': { reason: '访问控制测试' },
  'POST /api/reports/cases/:id/contact': { reason: '访问控制测试' },
  'POST /api/reports/cases/:id/assign': { ownerId: ID },
  'POST /api/reports/cases/:id/triage': { result: 'not_clue', note: '访问控制测试' },
  'POST /api/reports/cases/:id/dispose': { disposal: 'hold' },
  'POST /api/reports/cases/:id/notes': { text: '访问控制测试' },
  'POST /api/reports/cases/:id/questions': { text: '访问控制测试' },
  'POST /api/reports/cases/:id/subjects': { subjectIds: [] },
  'POST /api/reports/cases/:id/conclude': { conclusion: 'partly', summary: '访问控制测试' },
  'POST /api/reports/cases/:id/feedback': { text: '访问控制测试' },
  'POST /api/reports/cases/:id/recuse': { reason: '访问控制测试' },
  'POST /api/supervision/risks/:id/measures': { description: '访问控制测试' },
  'POST /api/supervision/rounds/:id/results': { departmentId: ID, answers: [{ itemId: 'a', answer: 'yes' }] },
  'POST /api/supervision/rounds/:id/findings': { departmentId: ID, kind: 'other', description: '访问控制测试', responsibleId: ID, deadline: '2026-12-31' },
  'POST /api/supervision/rectifications/:id/submit': { evidence: '访问控制测试' },
  'POST /api/supervision/rectifications/:id/verify': { accepted: true, note: '访问控制测试' },
  'POST /api/supervision/talks/:id/follow-up': { doneOn: '2026-12-01', result: '访问控制测试' },
  'POST /api/supervision/rounds/:id/cancel': { reason: '访问控制测试' },
  'PATCH /api/supervision/rectifications/:id/letter': { suggestions: '访问控制测试' },
  'POST /api/screening/alerts/:id/dismiss': { reason: '访问控制测试' },
  'POST /api/screening/alerts/:id/escalate': {},
};

async function accountId(username: string) {
  const [a] = await env.platform.db.select().from(accounts).where(eq(accounts.username, username));
  return a!.id;
}

beforeAll(async () => {
  env = await createTestEnv();
  world = await buildWorld(env.platform);
  for (const role of ROLES) clients[role] = await signIn(env.app, world.accountsByRole[role], PASSWORD);
  const { A, B, C } = world;
  const by = (pick: (x: typeof A) => { id: string }): Sample[] => [
    { where: 'B', id: pick(B).id },
    { where: 'C', id: pick(C).id },
  ];
  samples.region = [{ where: 'C', id: world.r2.id }];
  samples.institution = by((x) => x.inst);
  samples.department = [...by((x) => x.clinical), { where: 'A-other-dept', id: A.admin.id }];
  samples.branch = by((x) => x.branch);
  samples.person = [...by((x) => x.doctor), { where: 'A-other-dept', id: A.clerk.id }];
  samples.post = by((x) => x.post);
  samples.account = [
    { where: 'B', id: await accountId('b_admin') },
    { where: 'C', id: await accountId('c_admin') },
  ];
  const ctx = systemCtx(env.platform);
  const note = async (username: string) => {
    await notify(ctx, { accountId: await accountId(username), title: 't', body: 'b' });
    const { notifications } = await import('./platform.tables.ts');
    const [n] = await env.platform.db.select().from(notifications).where(eq(notifications.accountId, await accountId(username)));
    return n!.id;
  };
  samples.notification = [
    { where: 'B', id: await note('b_admin') },
    { where: 'C', id: await note('c_admin') },
  ];
  const file = async (inst: typeof A, regionId: string, where: Sample['where']): Promise<Sample> => {
    const [row] = await env.platform.db
      .insert(attachments)
      .values({ regionId, institutionId: inst.inst.id, departmentId: inst.clinical.id, uploadedBy: ID, sha256: 'x', size: 1, mime: 'image/png', filename: 'x.png' })
      .returning();
    return { where, id: row!.id };
  };
  samples.attachment = [await file(B, world.r1.id, 'B'), await file(C, world.r2.id, 'C')];
  samples.case = [
    { where: 'B', id: await createCaseRow(env.platform.db, { regionId: world.r1.id, institutionId: B.inst.id }) },
    { where: 'C', id: await createCaseRow(env.platform.db, { regionId: world.r2.id, institutionId: C.inst.id }) },
    { where: 'A-region-only', id: await createCaseRow(env.platform.db, { regionId: world.r1.id, institutionId: A.inst.id, routedTo: 'region' }) },
  ];
  const codeId = async (inst: typeof A, dept: string) => {
    const token = await makeCode(env, inst.inst.id, dept);
    const { integrityCodes } = await import('../modules/reports/reports.tables.ts');
    return (await env.platform.db.select().from(integrityCodes).where(eq(integrityCodes.token, token)))[0]!.id;
  };
  samples.code = [
    { where: 'B', id: await codeId(B, B.clinical.id) },
    { where: 'C', id: await codeId(C, C.clinical.id) },
    { where: 'A-other-dept', id: await codeId(A, A.admin.id) },
  ];
  const sup = {
    B: await createSupervisionRecords(env.platform.db, B.inst.id, B.clinical.id, B.doctor.id),
    C: await createSupervisionRecords(env.platform.db, C.inst.id, C.clinical.id, C.doctor.id),
    other: await createSupervisionRecords(env.platform.db, A.inst.id, A.admin.id, A.clerk.id),
  };
  for (const [resource, key] of [['risk_point', 'risk'], ['round', 'round'], ['rectification', 'rectification'], ['talk', 'talk']] as const)
    samples[resource] = [
      { where: 'B', id: sup.B[key] },
      { where: 'C', id: sup.C[key] },
      { where: 'A-other-dept', id: sup.other[key] },
    ];
  samples.checklist_template = [
    { where: 'B', id: sup.B.template },
    { where: 'C', id: sup.C.template },
  ];
  // Sales reps: companies, reps and the blacklist are region-level (only region C is outside); visits are per institution.
  const repC = await createRepDirect(env.platform.db, world.r2.id, 9001);
  samples.rep = [{ where: 'C', id: repC.rep.id }];
  samples.rep_company = [{ where: 'C', id: repC.company.id }];
  const { repBlacklist } = await import('../modules/reps/reps.tables.ts');
  const [bl] = await env.platform.db.insert(repBlacklist).values({ regionId: world.r2.id, companyId: repC.company.id, reason: '样例' }).returning();
  samples.rep_blacklist = [{ where: 'C', id: bl!.id }];
  const visitB = await createVisitDirect(env.platform.db, world.r1.id, B.inst.id, B.admin.id, 9002);
  const visitC = await createVisitDirect(env.platform.db, world.r2.id, C.inst.id, C.admin.id, 9003);
  for (const [resource, key] of [['rep_booking', 'booking'], ['rep_visit', 'visit'], ['rep_violation', 'violation']] as const)
    samples[resource] = [
      { where: 'B', id: visitB[key].id },
      { where: 'C', id: visitC[key].id },
    ];
  const tender = async (regionId: string, inst: typeof A, where: Sample['where']): Promise<Sample> => ({
    where,
    id: (await createTenderProcess(env.platform.db, { regionId, institutionId: inst.inst.id, ocid: `ocds-${inst.inst.code}` })).id,
  });
  samples.tender = [await tender(world.r1.id, B, 'B'), await tender(world.r2.id, C, 'C')];
  // Screening: alerts, imports and runs belong to an institution.
  const alertB = await createAlertRow(env.platform.db, { regionId: world.r1.id, institutionId: B.inst.id });
  const alertC = await createAlertRow(env.platform.db, { regionId: world.r2.id, institutionId: C.inst.id });
  samples.screening_alert = [
    { where: 'B', id: alertB.id },
    { where: 'C', id: alertC.id },
  ];
  const scrB = await createImportAndRunRows(env.platform.db, { regionId: world.r1.id, institutionId: B.inst.id });
  const scrC = await createImportAndRunRows(env.platform.db, { regionId: world.r2.id, institutionId: C.inst.id });
  samples.screening_import = [
    { where: 'B', id: scrB.importId },
    { where: 'C', id: scrC.importId },
  ];
  samples.screening_run = [
    { where: 'B', id: scrB.runId },
    { where: 'C', id: scrC.runId },
  ];
});
afterAll(() => env.close());

/** Whether a sample lies outside the role's scope (so the role must get 404 for it). */
function outside(role: TRole, s: Sample): boolean {
  const level = ROLE_SCOPE[role];
  if (s.where === 'C') return true;
  if (s.where === 'B' || s.where === 'A-region-only') return level !== 'region';
  return level === 'department' || level === 'self';
}

const fill = (url: string, id: string) => url.replace(':id', id).replace(/:[a-zA-Z]+/g, ID);

describe('access control, generated from the route table', () => {
  it('knows every route and each :id route names a resource with samples', () => {
    const api = env.routes.filter((r) => r.access !== 'public');
    expect(api.length).toBeGreaterThan(40);
    for (const r of env.routes.filter((x) => x.url.includes(':id') && x.access !== 'public')) {
      expect(r.resource, `${r.method} ${r.url} must declare config.resource`).toBeDefined();
      expect(samples[r.resource!], `no out-of-scope samples for resource ${r.resource}`).toBeDefined();
    }
  });

  it('answers 401 to every non-public route without a session', async () => {
    for (const r of env.routes.filter((x) => x.access !== 'public')) {
      const res = await env.app.inject({ method: r.method as 'GET', url: fill(r.url, ID) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('answers 403 to every role lacking the route’s permission', async () => {
    let checked = 0;
    for (const r of env.routes) {
      if (typeof r.access !== 'object') continue;
      for (const role of ROLES) {
        if (can(role, r.access.permission)) continue;
        const res = await clients[role].request({ method: r.method as 'GET', url: fill(r.url, ID) });
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('answers 404 for another scope’s record to every role that holds the permission', async () => {
    let checked = 0;
    for (const r of env.routes.filter((x) => x.url.includes(':id') && typeof x.access === 'object')) {
      const perm = (r.access as { permission: Parameters<typeof can>[1] }).permission;
      const key = `${r.method} ${r.url}`;
      const payload = key in BODIES ? BODIES[key] : r.method === 'PATCH' ? {} : undefined;
      for (const role of ROLES) {
        if (!can(role, perm)) continue;
        for (const s of samples[r.resource!]!.filter((x) => outside(role, x))) {
          const res = await clients[role].request({ method: r.method as 'GET', url: fill(r.url, s.id), payload: payload as object });
          expect(res.statusCode, `${role} ${key} → ${r.resource} in ${s.where}: ${res.body.slice(0, 200)}`).toBe(404);
          expect(res.body).not.toContain(s.id);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('never returns a row outside the caller’s scope from any list', async () => {
    const { A, B } = world;
    let rowsChecked = 0;
    const lists = env.routes.filter((r) => r.method === 'GET' && !r.url.includes(':') && typeof r.access === 'object');
    for (const r of lists) {
      for (const role of ROLES) {
        if (!can(role, (r.access as { permission: Parameters<typeof can>[1] }).permission)) continue;
        const res = await clients[role].request({ method: 'GET', url: `${r.url}?pageSize=500` });
        if (!res.headers['content-type']?.toString().includes('json')) continue;
        const body = res.json();
        if (!Array.isArray(body.items)) continue;
        const level = ROLE_SCOPE[role];
        const insts = level === 'region' ? [A.inst.id, B.inst.id] : [A.inst.id];
        for (const item of body.items as Record<string, unknown>[]) {
          const label = `${role} ${r.url} leaked ${JSON.stringify(item).slice(0, 160)}`;
          if (typeof item.institutionId === 'string') expect(insts, label).toContain(item.institutionId);
          if (typeof item.regionId === 'string') expect(item.regionId, label).toBe(world.r1.id);
          if (r.url.endsWith('/institutions')) expect(insts, label).toContain(item.id);
          if (r.url.endsWith('/regions')) expect(item.id, label).toBe(world.r1.id);
          if (level === 'department' || level === 'self') {
            if (r.url.endsWith('/departments')) expect(item.id, label).toBe(A.clinical.id);
            else if ('departmentId' in item && !r.url.endsWith('/accounts')) expect(item.departmentId, label).toBe(A.clinical.id);
          }
          rowsChecked++;
        }
      }
    }
    expect(rowsChecked).toBeGreaterThan(50);
  });
});

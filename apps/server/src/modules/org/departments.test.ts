import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { auditOf } from './org.testkit.ts';

let env: TestEnv;
let w: World;
let regionAdmin: Client;
let instAdmin: Client;
let deptHead: Client;
let officer: Client;
let bAdmin: Client;

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
  regionAdmin = await signIn(env.app, 'a_region_admin', PASSWORD);
  instAdmin = await signIn(env.app, 'a_institution_admin', PASSWORD);
  deptHead = await signIn(env.app, 'a_dept_head', PASSWORD);
  officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
  bAdmin = await signIn(env.app, 'b_admin', PASSWORD);
});
afterAll(() => env.close());

const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code);

describe('departments', () => {
  it('lists with institution name and staff counts, scoped to the institution', async () => {
    const body = (await instAdmin.get('/api/org/departments')).json();
    expect(codes(body)).toEqual(['HA-CARD', 'HA-FIN']);
    expect(body.items[0]).toMatchObject({ institutionName: 'HA医院', name: '心内科', clinical: true, staffCount: 2 });
    expect(body.items[1]).toMatchObject({ clinical: false, staffCount: 1 });
    expect(codes((await regionAdmin.get('/api/org/departments')).json())).toEqual(['HA-CARD', 'HA-FIN', 'HB-CARD', 'HB-FIN']);
    expect(codes((await regionAdmin.get(`/api/org/departments?institutionId=${w.B.inst.id}`)).json())).toEqual(['HB-CARD', 'HB-FIN']);
  });

  it('shows a department head only their own department; others are 404', async () => {
    expect(codes((await deptHead.get('/api/org/departments')).json())).toEqual(['HA-CARD']);
    expect((await deptHead.get(`/api/org/departments/${w.A.clinical.id}`)).statusCode).toBe(200);
    expect((await deptHead.get(`/api/org/departments/${w.A.admin.id}`)).statusCode).toBe(404);
  });

  it('gives HA’s administrator 404 for HB’s department, on read and on write', async () => {
    expect((await instAdmin.get(`/api/org/departments/${w.B.clinical.id}`)).statusCode).toBe(404);
    expect((await instAdmin.patch(`/api/org/departments/${w.B.clinical.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await instAdmin.post('/api/org/departments', { institutionId: w.B.inst.id, code: 'X1', name: 'x', clinical: true })).statusCode).toBe(404);
    expect((await bAdmin.get(`/api/org/departments/${w.B.clinical.id}`)).json().code).toBe('HB-CARD');
  });

  it('creates with an audit entry; a code is unique within the institution only', async () => {
    const res = await instAdmin.post('/api/org/departments', { institutionId: w.A.inst.id, code: 'HA-ICU', name: '重症医学科', clinical: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'HA-ICU', institutionName: 'HA医院', staffCount: 0, active: true });
    const [entry] = await auditOf(env.platform.db, res.json().id);
    expect(entry).toMatchObject({ action: 'department.create', institutionId: w.A.inst.id, after: { code: 'HA-ICU', name: '重症医学科' } });
    const dup = await instAdmin.post('/api/org/departments', { institutionId: w.A.inst.id, code: 'HA-CARD', name: '心内二科', clinical: true });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'conflict', details: { issues: [{ field: 'code' }] } });
    // Same code in another institution is fine.
    expect((await bAdmin.post('/api/org/departments', { institutionId: w.B.inst.id, code: 'HA-ICU', name: 'ICU', clinical: true })).statusCode).toBe(200);
    const recode = await instAdmin.patch(`/api/org/departments/${res.json().id}`, { code: 'HA-FIN' });
    expect(recode.statusCode).toBe(409);
    expect(recode.json().error.details.issues[0].field).toBe('code');
  });

  it('deactivates and reactivates with before/after audited; filters by active', async () => {
    const off = await instAdmin.patch(`/api/org/departments/${w.A.admin.id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false, code: 'HA-FIN' });
    const [entry] = await auditOf(env.platform.db, w.A.admin.id);
    expect(entry).toMatchObject({ action: 'department.update', before: { active: true }, after: { active: false } });
    expect(codes((await instAdmin.get('/api/org/departments?active=true')).json())).not.toContain('HA-FIN');
    expect(codes((await instAdmin.get('/api/org/departments?active=false')).json())).toEqual(['HA-FIN']);
    expect((await instAdmin.patch(`/api/org/departments/${w.A.admin.id}`, { active: true })).json().active).toBe(true);
  });

  it('searches by name or code, sorts and pages', async () => {
    expect(codes((await instAdmin.get(`/api/org/departments?q=${encodeURIComponent('财务')}`)).json())).toEqual(['HA-FIN']);
    expect(codes((await instAdmin.get('/api/org/departments?q=icu')).json())).toEqual(['HA-ICU']);
    const sorted = (await instAdmin.get('/api/org/departments?sort=code&order=desc')).json();
    expect(codes(sorted)).toEqual(['HA-ICU', 'HA-FIN', 'HA-CARD']);
    const page = (await instAdmin.get('/api/org/departments?pageSize=1&page=3&sort=code')).json();
    expect(page).toMatchObject({ total: 3, page: 3, pageSize: 1 });
    expect(codes(page)).toEqual(['HA-ICU']);
  });

  it('refuses writes to roles without department.write', async () => {
    expect((await officer.post('/api/org/departments', { institutionId: w.A.inst.id, code: 'Z', name: 'z', clinical: false })).statusCode).toBe(403);
    expect((await deptHead.patch(`/api/org/departments/${w.A.clinical.id}`, { name: 'z' })).statusCode).toBe(403);
  });

  it('exports the filtered list with Chinese headers', async () => {
    const { readSheet } = await import('../../platform/sheets.ts');
    const res = await instAdmin.get('/api/org/departments/export?sort=code');
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.headers).toEqual(['机构', '科室编码', '科室名称', '临床科室', '在职人数', '状态']);
    expect(sheet.rows.map((r) => r.cells.科室编码)).toEqual(['HA-CARD', 'HA-FIN', 'HA-ICU']);
    expect(sheet.rows[0]!.cells.临床科室).toBe('是');
    const head = await readSheet((await deptHead.get('/api/org/departments/export')).rawPayload);
    expect(head.rows.map((r) => r.cells.科室编码)).toEqual(['HA-CARD']);
  });
});

describe('party branches', () => {
  it('lists with department, secretary and inspector names', async () => {
    const body = (await instAdmin.get('/api/org/branches')).json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ name: 'HA心内科党支部', departmentName: '心内科', secretaryName: 'HA主任', inspectorName: null });
  });

  it('creates and edits; people and departments of another institution are refused with 400 naming the field', async () => {
    const res = await instAdmin.post('/api/org/branches', { institutionId: w.A.inst.id, name: '行政党支部', departmentId: w.A.admin.id, inspectorId: w.A.clerk.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ departmentName: '财务科', inspectorName: 'HA会计', secretaryId: null });
    const id = res.json().id;
    const wrongDept = await instAdmin.patch(`/api/org/branches/${id}`, { departmentId: w.B.clinical.id });
    expect(wrongDept.statusCode).toBe(400);
    expect(wrongDept.json().error.details.issues[0]).toMatchObject({ field: 'departmentId', reason: 'wrong_institution' });
    const wrongPerson = await instAdmin.post('/api/org/branches', { institutionId: w.A.inst.id, name: 'x', secretaryId: w.B.head.id });
    expect(wrongPerson.statusCode).toBe(400);
    expect(wrongPerson.json().error.details.issues[0]).toMatchObject({ field: 'secretaryId', reason: 'wrong_institution' });
    const edited = await instAdmin.patch(`/api/org/branches/${id}`, { secretaryId: w.A.head.id, inspectorId: null });
    expect(edited.json()).toMatchObject({ secretaryName: 'HA主任', inspectorId: null, inspectorName: null });
    const [entry] = await auditOf(env.platform.db, id);
    expect(entry).toMatchObject({ action: 'branch.update', before: { inspectorName: 'HA会计' }, after: { inspectorName: null } });
    expect((await instAdmin.patch(`/api/org/branches/${id}`, { active: false })).json().active).toBe(false);
    expect((await instAdmin.get('/api/org/branches?active=true')).json().total).toBe(1);
  });

  it('scopes branches: a department head sees their department’s branch only; HB is 404 for HA', async () => {
    const body = (await deptHead.get('/api/org/branches')).json();
    expect(body.items.map((b: { name: string }) => b.name)).toEqual(['HA心内科党支部']);
    expect((await instAdmin.get(`/api/org/branches/${w.B.branch.id}`)).statusCode).toBe(404);
    expect((await regionAdmin.get(`/api/org/branches/${w.B.branch.id}`)).json().name).toBe('HB心内科党支部');
  });
});

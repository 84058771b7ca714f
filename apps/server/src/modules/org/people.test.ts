import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../platform/sheets.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { people } from './org.tables.ts';
import { auditByAction, auditOf, nationalIdFor } from './org.testkit.ts';

let env: TestEnv;
let w: World;
let regionAdmin: Client;
let supervisor: Client;
let instAdmin: Client;
let officer: Client;
let deptHead: Client;
let bAdmin: Client;

const WORLD_ID = '11010519491231002X';
const NEW_ID = nationalIdFor('1985-06-15', 123);

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
  regionAdmin = await signIn(env.app, 'a_region_admin', PASSWORD);
  supervisor = await signIn(env.app, 'a_region_supervisor', PASSWORD);
  instAdmin = await signIn(env.app, 'a_institution_admin', PASSWORD);
  officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
  deptHead = await signIn(env.app, 'a_dept_head', PASSWORD);
  bAdmin = await signIn(env.app, 'b_admin', PASSWORD);
});
afterAll(() => env.close());

const staffNos = (body: { items: { staffNo: string }[] }) => body.items.map((p) => p.staffNo);

describe('people', () => {
  let createdId = '';

  it('lists with institution and department names, national ID masked', async () => {
    const res = await instAdmin.get('/api/org/people');
    const body = res.json();
    expect(staffNos(body)).toEqual(['HA001', 'HA002', 'HA003']);
    expect(body.items[0]).toMatchObject({ name: 'HA医生', institutionName: 'HA医院', departmentName: '心内科', nationalIdMasked: '1101**********002X' });
    expect(res.body).not.toContain(WORLD_ID);
    expect(res.body).not.toContain('Sealed');
  });

  it('creates a person with a validated, sealed national ID; only the masked copy is returned', async () => {
    const res = await instAdmin.post('/api/org/people', {
      institutionId: w.A.inst.id,
      departmentId: w.A.clinical.id,
      staffNo: 'HA100',
      name: '王小明',
      title: '主治医师',
      specialty: 'cardiology',
      phone: '13812345678',
      nationalId: NEW_ID.toLowerCase(),
    });
    expect(res.statusCode).toBe(200);
    createdId = res.json().id;
    expect(res.json()).toMatchObject({ staffNo: 'HA100', departmentName: '心内科', nationalIdMasked: `${NEW_ID.slice(0, 4)}**********${NEW_ID.slice(-4)}` });
    expect(res.body).not.toContain(NEW_ID);
    const [row] = await env.platform.db.select().from(people).where(eq(people.id, createdId));
    expect(row!.nationalIdSealed).not.toContain(NEW_ID);
    expect(env.platform.keyring.decrypt(row!.nationalIdSealed!)).toBe(NEW_ID);
    const [entry] = await auditOf(env.platform.db, createdId);
    expect(entry).toMatchObject({ action: 'person.create', institutionId: w.A.inst.id, after: { staffNo: 'HA100', nationalIdMasked: expect.stringContaining('*') } });
    expect(JSON.stringify(entry)).not.toContain(NEW_ID);
    expect((await instAdmin.get(`/api/org/people/${createdId}`)).body).not.toContain(NEW_ID);
  });

  it('rejects a national ID with a wrong check digit, a bad phone and a duplicate staff number', async () => {
    const bad = NEW_ID.slice(0, 17) + (NEW_ID[17] === '1' ? '2' : '1');
    const res = await instAdmin.post('/api/org/people', { institutionId: w.A.inst.id, staffNo: 'HA101', name: '甲', nationalId: bad, phone: '12345' });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'nationalId', reason: 'national_id_invalid' }),
        expect.objectContaining({ field: 'phone', reason: 'phone_format' }),
      ]),
    );
    const dup = await instAdmin.post('/api/org/people', { institutionId: w.A.inst.id, staffNo: 'HA001', name: '重号' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.issues[0].field).toBe('staffNo');
    // The same staff number in another institution is fine.
    expect((await bAdmin.post('/api/org/people', { institutionId: w.B.inst.id, staffNo: 'HA001', name: '乙' })).statusCode).toBe(200);
    const renumber = await instAdmin.patch(`/api/org/people/${createdId}`, { staffNo: 'HA002' });
    expect(renumber.statusCode).toBe(409);
    expect(renumber.json().error.details.issues[0].field).toBe('staffNo');
  });

  it('refuses a department of another institution with 400 naming the field', async () => {
    const res = await instAdmin.post('/api/org/people', { institutionId: w.A.inst.id, staffNo: 'HA102', name: '丙', departmentId: w.B.clinical.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({ field: 'departmentId', reason: 'wrong_institution', message: '不属于所选机构' });
    const patch = await instAdmin.patch(`/api/org/people/${createdId}`, { departmentId: w.B.admin.id });
    expect(patch.statusCode).toBe(400);
  });

  it('edits, moves, clears the national ID, deactivates and reactivates, with before/after audited', async () => {
    const moved = await instAdmin.patch(`/api/org/people/${createdId}`, { departmentId: w.A.admin.id, title: '副主任医师', nationalId: null });
    expect(moved.json()).toMatchObject({ departmentName: '财务科', title: '副主任医师', nationalIdMasked: null });
    const [entry] = await auditOf(env.platform.db, createdId);
    expect(entry).toMatchObject({ action: 'person.update', before: { title: '主治医师', departmentName: '心内科' }, after: { title: '副主任医师', departmentName: '财务科' } });
    const off = await instAdmin.patch(`/api/org/people/${createdId}`, { active: false });
    expect(off.json().active).toBe(false);
    expect(staffNos((await instAdmin.get('/api/org/people?active=false')).json())).toEqual(['HA100']);
    expect(staffNos((await instAdmin.get('/api/org/people?active=true')).json())).not.toContain('HA100');
    expect((await instAdmin.patch(`/api/org/people/${createdId}`, { active: true, nationalId: NEW_ID })).json()).toMatchObject({ active: true, nationalIdMasked: expect.stringContaining('*') });
  });

  it('searches by name or staff number, filters by department, sorts and pages', async () => {
    expect(staffNos((await instAdmin.get(`/api/org/people?q=${encodeURIComponent('王小')}`)).json())).toEqual(['HA100']);
    expect(staffNos((await instAdmin.get('/api/org/people?q=ha00')).json())).toEqual(['HA001', 'HA002', 'HA003']);
    expect(staffNos((await instAdmin.get(`/api/org/people?departmentId=${w.A.clinical.id}`)).json())).toEqual(['HA001', 'HA003']);
    const desc = (await instAdmin.get('/api/org/people?sort=staffNo&order=desc&pageSize=2')).json();
    expect(desc).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(staffNos(desc)).toEqual(['HA100', 'HA003']);
    expect(staffNos((await instAdmin.get('/api/org/people?sort=staffNo&order=desc&pageSize=2&page=2')).json())).toEqual(['HA002', 'HA001']);
    expect((await instAdmin.get('/api/org/people?pageSize=501')).statusCode).toBe(400);
  });

  it('scopes: a department head sees only their department’s people and gets 404 for others', async () => {
    expect(staffNos((await deptHead.get('/api/org/people')).json())).toEqual(['HA001', 'HA003']);
    expect((await deptHead.get(`/api/org/people/${w.A.doctor.id}`)).statusCode).toBe(200);
    expect((await deptHead.get(`/api/org/people/${w.A.clerk.id}`)).statusCode).toBe(404);
    expect((await deptHead.get(`/api/org/people?departmentId=${w.A.admin.id}`)).json().total).toBe(0);
    expect((await instAdmin.get(`/api/org/people/${w.B.doctor.id}`)).statusCode).toBe(404);
    expect((await bAdmin.patch(`/api/org/people/${w.A.doctor.id}`, { name: 'x' })).statusCode).toBe(404);
    const region = staffNos((await regionAdmin.get('/api/org/people?pageSize=100')).json());
    expect(region).toEqual(expect.arrayContaining(['HA001', 'HB001']));
    expect(region).not.toContain('HC001');
  });

  it('reveals the national ID only with person.read_sensitive and a reason, auditing the read', async () => {
    const url = `/api/org/people/${w.A.doctor.id}/national-id`;
    expect((await instAdmin.post(url, { reason: '核查' })).statusCode).toBe(403);
    expect((await deptHead.post(url, { reason: '核查' })).statusCode).toBe(403);
    const noReason = await officer.post(url, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.issues[0].field).toBe('reason');
    const before = (await auditByAction(env.platform.db, 'person.national_id_read')).length;
    const res = await officer.post(url, { reason: '信访核查需要' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ nationalId: WORLD_ID });
    const entries = await auditByAction(env.platform.db, 'person.national_id_read');
    expect(entries.length).toBe(before + 1);
    expect(entries[0]).toMatchObject({ targetType: 'person', targetId: w.A.doctor.id, institutionId: w.A.inst.id, after: { reason: '信访核查需要' } });
    expect(entries[0]!.actorName).toContain('a_discipline_officer');
    expect((await supervisor.post(url, { reason: '督查' })).json().nationalId).toBe(WORLD_ID);
    // Outside the caller's scope: 404 and no audit entry.
    expect((await officer.post(`/api/org/people/${w.B.doctor.id}/national-id`, { reason: '越权' })).statusCode).toBe(404);
    expect((await auditByAction(env.platform.db, 'person.national_id_read')).length).toBe(before + 2);
  });

  it('exports people with the masked national ID only', async () => {
    const res = await instAdmin.get(`/api/org/people/export?departmentId=${w.A.clinical.id}`);
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.headers).toEqual(['工号', '姓名', '机构', '科室', '职称', '专业', '手机号', '身份证号（脱敏）', '状态']);
    expect(sheet.rows.map((r) => r.cells.工号)).toEqual(['HA001', 'HA003']);
    expect(sheet.rows[0]!.cells['身份证号（脱敏）']).toBe('1101**********002X');
    expect(res.rawPayload.includes(Buffer.from(WORLD_ID))).toBe(false);
    const head = await readSheet((await deptHead.get('/api/org/people/export')).rawPayload);
    expect(head.rows.map((r) => r.cells.工号)).toEqual(['HA001', 'HA003']);
  });
});

describe('posts', () => {
  let postId = '';

  it('lists with person and department names; filters by person, cadre level and key post', async () => {
    const body = (await instAdmin.get('/api/org/posts')).json();
    expect(body.items).toEqual([expect.objectContaining({ name: '科主任', personName: 'HA主任', personStaffNo: 'HA003', departmentName: '心内科', cadreLevel: 'middle', keyPost: true })]);
    expect((await instAdmin.get(`/api/org/posts?personId=${w.A.doctor.id}`)).json().total).toBe(0);
    expect((await instAdmin.get(`/api/org/posts?personId=${w.A.head.id}`)).json().total).toBe(1);
    expect((await instAdmin.get('/api/org/posts?keyPost=false')).json().total).toBe(0);
    expect((await instAdmin.get('/api/org/posts?cadreLevel=middle')).json().total).toBe(1);
  });

  it('creates a post in the person’s institution and department by default, with an audit entry', async () => {
    const res = await instAdmin.post('/api/org/posts', { personId: w.A.clerk.id, name: '采购办主任', cadreLevel: 'middle', keyPost: true, startedOn: '2024-01-01' });
    expect(res.statusCode).toBe(200);
    postId = res.json().id;
    expect(res.json()).toMatchObject({ institutionId: w.A.inst.id, departmentId: w.A.admin.id, departmentName: '财务科', personName: 'HA会计', startedOn: '2024-01-01', endedOn: null });
    const [entry] = await auditOf(env.platform.db, postId);
    expect(entry).toMatchObject({ action: 'post.create', institutionId: w.A.inst.id, after: { name: '采购办主任' } });
    expect(
      (await instAdmin.get(`/api/org/posts?q=${encodeURIComponent('采购')}`)).json().items.map((p: { name: string }) => p.name),
    ).toEqual(['采购办主任']);
    expect((await instAdmin.get('/api/org/posts?q=HA002')).json().total).toBe(1);
  });

  it('refuses another institution’s person or department, and an end before the start', async () => {
    const foreign = await instAdmin.post('/api/org/posts', { personId: w.B.clerk.id, name: 'x' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.issues[0].field).toBe('personId');
    const wrongDept = await instAdmin.post('/api/org/posts', { personId: w.A.clerk.id, name: 'x', departmentId: w.B.admin.id });
    expect(wrongDept.json().error.details.issues[0]).toMatchObject({ field: 'departmentId', reason: 'wrong_institution' });
    const dates = await instAdmin.patch(`/api/org/posts/${postId}`, { endedOn: '2023-12-31' });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().error.details.issues[0].field).toBe('endedOn');
  });

  it('ends and restores a post; scope hides other departments’ and institutions’ posts', async () => {
    const ended = await instAdmin.patch(`/api/org/posts/${postId}`, { endedOn: '2025-06-30', active: false });
    expect(ended.json()).toMatchObject({ active: false, endedOn: '2025-06-30' });
    const [entry] = await auditOf(env.platform.db, postId);
    expect(entry).toMatchObject({ action: 'post.update', before: { active: true, endedOn: null }, after: { active: false, endedOn: '2025-06-30' } });
    // A patch leaves fields it does not name alone (no defaults re-applied).
    expect((await instAdmin.patch(`/api/org/posts/${postId}`, { active: true })).json()).toMatchObject({ active: true, cadreLevel: 'middle', keyPost: true });
    expect((await deptHead.get('/api/org/posts')).json().items.map((p: { name: string }) => p.name)).toEqual(['科主任']);
    expect((await deptHead.get(`/api/org/posts/${postId}`)).statusCode).toBe(404);
    expect((await instAdmin.get(`/api/org/posts/${w.B.post.id}`)).statusCode).toBe(404);
    expect((await bAdmin.patch(`/api/org/posts/${w.A.post.id}`, { name: 'x' })).statusCode).toBe(404);
  });

  it('exports posts with Chinese headers', async () => {
    const sheet = await readSheet((await instAdmin.get('/api/org/posts/export?keyPost=true&sort=staffNo')).rawPayload);
    expect(sheet.headers).toEqual(['岗位', '工号', '姓名', '科室', '干部层级', '关键岗位', '任职日期', '离任日期', '状态']);
    expect(sheet.rows.map((r) => [r.cells.岗位, r.cells.干部层级, r.cells.关键岗位])).toEqual([
      ['采购办主任', '中层干部', '是'],
      ['科主任', '中层干部', '是'],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { auditOf } from './org.testkit.ts';

let env: TestEnv;
let w: World;
let regionAdmin: Client;
let instAdmin: Client;
let deptHead: Client;
let bAdmin: Client;
let cRegion: Client;

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
  regionAdmin = await signIn(env.app, 'a_region_admin', PASSWORD);
  instAdmin = await signIn(env.app, 'a_institution_admin', PASSWORD);
  deptHead = await signIn(env.app, 'a_dept_head', PASSWORD);
  bAdmin = await signIn(env.app, 'b_admin', PASSWORD);
  cRegion = await signIn(env.app, 'c_region', PASSWORD);
});
afterAll(() => env.close());

describe('regions', () => {
  it('lists only the caller’s region', async () => {
    const r1 = (await regionAdmin.get('/api/org/regions')).json();
    expect(r1.items.map((r: { code: string }) => r.code)).toEqual(['R1']);
    const r2 = (await cRegion.get('/api/org/regions')).json();
    expect(r2.items.map((r: { code: string }) => r.code)).toEqual(['R2']);
    expect((await instAdmin.get('/api/org/regions')).json().items.map((r: { code: string }) => r.code)).toEqual(['R1']);
  });

  it('creates, renames and refuses a duplicate code with 409 naming the field', async () => {
    const created = await regionAdmin.post('/api/org/regions', { code: 'R9', name: '九市' });
    expect(created.statusCode).toBe(200);
    const dup = await regionAdmin.post('/api/org/regions', { code: 'R1', name: '重复' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'conflict', details: { issues: [{ field: 'code' }] } });
    const renamed = await regionAdmin.patch(`/api/org/regions/${w.r1.id}`, { name: '一市（新）' });
    expect(renamed.json()).toMatchObject({ code: 'R1', name: '一市（新）' });
    const [entry] = await auditOf(env.platform.db, w.r1.id);
    expect(entry).toMatchObject({ action: 'region.update', before: { name: '一市' }, after: { name: '一市（新）' } });
  });

  it('hides another region (404) and refuses writes to roles without region.write (403)', async () => {
    expect((await cRegion.patch(`/api/org/regions/${w.r1.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await instAdmin.patch(`/api/org/regions/${w.r1.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await instAdmin.post('/api/org/regions', { code: 'RX', name: 'x' })).statusCode).toBe(403);
  });
});

describe('institutions', () => {
  it('lists the region’s institutions with region name and counts', async () => {
    const res = await regionAdmin.get('/api/org/institutions');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(body.items[0]).toMatchObject({ code: 'HA', name: 'HA医院', departmentCount: 2, staffCount: 3, active: true });
    expect(body.items[0].regionName).toMatch(/^一市/);
  });

  it('scopes: c_region cannot see R1; institution and department roles see their own institution only', async () => {
    const c = (await cRegion.get('/api/org/institutions')).json();
    expect(c.items.map((i: { code: string }) => i.code)).toEqual(['HC']);
    expect((await cRegion.get(`/api/org/institutions/${w.A.inst.id}`)).statusCode).toBe(404);
    expect((await instAdmin.get('/api/org/institutions')).json().items.map((i: { code: string }) => i.code)).toEqual(['HA']);
    expect((await deptHead.get('/api/org/institutions')).json().items.map((i: { code: string }) => i.code)).toEqual(['HA']);
    expect((await instAdmin.get(`/api/org/institutions/${w.B.inst.id}`)).statusCode).toBe(404);
    expect((await bAdmin.get(`/api/org/institutions/${w.B.inst.id}`)).json().code).toBe('HB');
  });

  it('creates in the own region only; institution roles cannot create institutions', async () => {
    const input = { regionId: w.r1.id, code: 'HN', name: '新区医院', level: 'secondary', kind: 'tcm' };
    const res = await regionAdmin.post('/api/org/institutions', input);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'HN', level: 'secondary', kind: 'tcm', departmentCount: 0, staffCount: 0, requireTotpForDiscipline: false });
    const [entry] = await auditOf(env.platform.db, res.json().id);
    expect(entry).toMatchObject({ action: 'institution.create', institutionId: res.json().id, after: { code: 'HN' } });
    expect((await cRegion.post('/api/org/institutions', { ...input, code: 'HN2' })).json().error.details.issues[0].field).toBe('regionId');
    expect((await instAdmin.post('/api/org/institutions', { ...input, code: 'HN3' })).statusCode).toBe(403);
  });

  it('refuses a duplicate code on create and on edit with 409 naming the field', async () => {
    const dup = await regionAdmin.post('/api/org/institutions', { regionId: w.r1.id, code: 'HB', name: 'x', level: 'primary', kind: 'primary' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('该值已被使用');
    expect(dup.json().error.details.issues).toEqual([expect.objectContaining({ field: 'code', reason: 'duplicate' })]);
    const edit = await instAdmin.patch(`/api/org/institutions/${w.A.inst.id}`, { code: 'HB' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.details.issues[0].field).toBe('code');
  });

  it('rejects bad input with 400 naming the field', async () => {
    const res = await regionAdmin.post('/api/org/institutions', { regionId: w.r1.id, code: 'bad code!', name: 'x', level: 'huge', kind: 'general' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'level']));
  });

  it('edits, deactivates and reactivates with before/after audited', async () => {
    expect((await instAdmin.patch(`/api/org/institutions/${w.A.inst.id}`, { requireTotpForDiscipline: true })).json().requireTotpForDiscipline).toBe(true);
    const res = await instAdmin.patch(`/api/org/institutions/${w.A.inst.id}`, { name: 'HA人民医院' });
    // Fields the patch does not name stay as they were.
    expect(res.json()).toMatchObject({ name: 'HA人民医院', departmentCount: 2, requireTotpForDiscipline: true });
    await instAdmin.patch(`/api/org/institutions/${w.A.inst.id}`, { requireTotpForDiscipline: false });
    expect((await bAdmin.patch(`/api/org/institutions/${w.A.inst.id}`, { name: 'x' })).statusCode).toBe(404);
    const off = await regionAdmin.patch(`/api/org/institutions/${w.B.inst.id}`, { active: false });
    expect(off.json().active).toBe(false);
    const [entry] = await auditOf(env.platform.db, w.B.inst.id);
    expect(entry).toMatchObject({ action: 'institution.update', before: { active: true }, after: { active: false } });
    const inactive = (await regionAdmin.get('/api/org/institutions?active=false')).json();
    expect(inactive.items.map((i: { code: string }) => i.code)).toEqual(['HB']);
    expect((await regionAdmin.patch(`/api/org/institutions/${w.B.inst.id}`, { active: true })).json().active).toBe(true);
  });

  it('searches, sorts by whitelisted keys and pages', async () => {
    const q = (await regionAdmin.get(`/api/org/institutions?q=${encodeURIComponent('人民')}`)).json();
    expect(q.items.map((i: { code: string }) => i.code)).toEqual(['HA']);
    const byCode = (await regionAdmin.get('/api/org/institutions?q=hb')).json();
    expect(byCode.items.map((i: { code: string }) => i.code)).toEqual(['HB']);
    const desc = (await regionAdmin.get('/api/org/institutions?sort=code&order=desc')).json();
    expect(desc.items.map((i: { code: string }) => i.code)).toEqual(['HN', 'HB', 'HA']);
    const page2 = (await regionAdmin.get('/api/org/institutions?sort=code&pageSize=2&page=2')).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((i: { code: string }) => i.code)).toEqual(['HN']);
    // An unknown sort key is ignored, never interpolated.
    const odd = await regionAdmin.get('/api/org/institutions?sort=id%3Bdrop%20table%20x');
    expect(odd.statusCode).toBe(200);
    // LIKE wildcards in the search text are literal.
    expect((await regionAdmin.get('/api/org/institutions?q=%25')).json().total).toBe(0);
  });

  it('exports the filtered list as .xlsx with Chinese headers', async () => {
    const res = await regionAdmin.get('/api/org/institutions/export?q=H&sort=code');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('机构'));
    const { readSheet } = await import('../../platform/sheets.ts');
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.headers.slice(0, 4)).toEqual(['机构编码', '机构名称', '所属地区', '等级']);
    expect(sheet.rows.map((r) => r.cells.机构编码)).toEqual(['HA', 'HB', 'HN']);
    expect(sheet.rows[0]!.cells.等级).toBe('三级');
    const scoped = await readSheet((await cRegion.get('/api/org/institutions/export')).rawPayload);
    expect(scoped.rows.map((r) => r.cells.机构编码)).toEqual(['HC']);
  });
});

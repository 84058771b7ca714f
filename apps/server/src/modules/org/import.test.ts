import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../platform/sheets.ts';
import { type Client, createTestEnv, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD, type World } from '../../test/world.ts';
import { people } from './org.tables.ts';
import { auditByAction, multipart, nationalIdFor, xlsxOf } from './org.testkit.ts';

let env: TestEnv;
let w: World;
let instAdmin: Client;
let regionAdmin: Client;
let deptHead: Client;
let bAdmin: Client;

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
  instAdmin = await signIn(env.app, 'a_institution_admin', PASSWORD);
  regionAdmin = await signIn(env.app, 'a_region_admin', PASSWORD);
  deptHead = await signIn(env.app, 'a_dept_head', PASSWORD);
  bAdmin = await signIn(env.app, 'b_admin', PASSWORD);
});
afterAll(() => env.close());

const ID1 = nationalIdFor('1980-02-29', 11);
const ID2 = nationalIdFor('1992-11-03', 12);

function upload(client: Client, content: Buffer | string, fields: Record<string, string> = {}, filename = 'staff.csv', headers: Record<string, string> = {}) {
  const body = multipart(fields, { filename, content });
  return client.request({ method: 'POST', url: '/api/org/people/import', payload: body.payload, headers: { ...body.headers, ...headers } });
}

const countIn = async (institutionId: string) => (await env.platform.db.select().from(people).where(eq(people.institutionId, institutionId))).length;

const GOOD_CSV = [
  '工号,姓名,科室编码,职称,专业,手机号,身份证号',
  `HA200,赵一,HA-CARD,主任医师,cardiology,13900000001,${ID1}`,
  'HA201,钱二,HA-FIN,会计师,,,',
  `HA001,HA医生,HA-CARD,副主任医师,cardiology,,`,
].join('\n');

describe('staff import over HTTP', () => {
  it('downloads the template in xlsx (with a 说明 sheet) and csv with the Chinese headers', async () => {
    const headers = ['工号', '姓名', '科室编码', '职称', '专业', '手机号', '身份证号'];
    const xlsx = await instAdmin.get('/api/org/people/import-template?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readSheet(xlsx.rawPayload);
    expect(sheet).toEqual({ headers, rows: [] });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['人员', '说明']);
    expect(wb.getWorksheet('说明')!.getCell('A2').value).toBe('工号');
    const csv = await instAdmin.get('/api/org/people/import-template?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect((await readSheet(csv.rawPayload)).headers).toEqual(headers);
    expect((await instAdmin.get('/api/org/people/import-template?format=pdf')).statusCode).toBe(400);
    expect((await deptHead.get('/api/org/people/import-template')).statusCode).toBe(403);
  });

  it('imports a good CSV with Chinese headers: creates and updates by staff number, one audit entry', async () => {
    const before = await countIn(w.A.inst.id);
    const res = await upload(instAdmin, `\uFEFF${GOOD_CSV}`, { institutionId: w.A.inst.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, created: 2, updated: 1, unchanged: 0, errors: [] });
    expect(await countIn(w.A.inst.id)).toBe(before + 2);
    const [zhao] = await env.platform.db.select().from(people).where(and(eq(people.institutionId, w.A.inst.id), eq(people.staffNo, 'HA200')));
    expect(zhao).toMatchObject({ name: '赵一', departmentId: w.A.clinical.id, title: '主任医师', phone: '13900000001', nationalIdMasked: expect.stringContaining('*') });
    expect(env.platform.keyring.decrypt(zhao!.nationalIdSealed!)).toBe(ID1);
    const [doctor] = await env.platform.db.select().from(people).where(eq(people.id, w.A.doctor.id));
    // An empty national ID cell leaves the stored number alone.
    expect(doctor).toMatchObject({ title: '副主任医师', nationalIdMasked: '1101**********002X' });
    const [entry] = await auditByAction(env.platform.db, 'person.import');
    expect(entry).toMatchObject({ institutionId: w.A.inst.id, after: { created: 2, updated: 1, unchanged: 0 } });
    expect(JSON.stringify(entry)).not.toContain(ID1);
  });

  it('re-importing the same file changes nothing', async () => {
    const audits = (await auditByAction(env.platform.db, 'person.import')).length;
    const res = await upload(instAdmin, GOOD_CSV, { institutionId: w.A.inst.id });
    expect(res.json()).toEqual({ ok: true, created: 0, updated: 0, unchanged: 3, errors: [] });
    expect((await auditByAction(env.platform.db, 'person.import')).length).toBe(audits + 1);
  });

  it('rejects a file with several bad rows as a whole, listing every problem with spreadsheet row numbers', async () => {
    const before = await countIn(w.A.inst.id);
    const bad = [
      'staff_no,name,dept_code,title,specialty,phone,national_id', // row 1
      'HA300,孙三,HA-CARD,,,13900000003,', // row 2: fine
      'HA301,,NOPE,,,12345,', // row 3: name missing, unknown dept, bad phone
      `HA302,李四,HA-CARD,,,,${ID2.slice(0, 17)}${ID2[17] === '0' ? '1' : '0'}`, // row 4: bad check digit
      '', // row 5: empty, skipped
      'HA300,周五,HA-FIN,,,,', // row 6: duplicate staff number of row 2
      'bad no!,吴六,HA-FIN,,,,', // row 7: staff number characters
    ].join('\n');
    const res = await upload(instAdmin, bad, { institutionId: w.A.inst.id });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('import_failed');
    expect(error.message).toContain('未导入任何数据');
    expect(error.details.errors).toEqual([
      { row: 3, column: 'name', message: '必填' },
      { row: 3, column: 'dept_code', message: '科室编码不存在（NOPE）' },
      { row: 3, column: 'phone', message: '手机号或座机号格式不正确' },
      { row: 4, column: 'national_id', message: expect.stringContaining('身份证号码无效') },
      { row: 6, column: 'staff_no', message: '文件中重复出现（HA300，见第 2 行）' },
      { row: 7, column: 'staff_no', message: '只能包含字母、数字、下划线和连字符' },
    ]);
    expect(await countIn(w.A.inst.id)).toBe(before);
    const en = await upload(instAdmin, bad, { institutionId: w.A.inst.id }, 'staff.csv', { 'accept-language': 'en-US' });
    expect(en.json().error.details.errors[0]).toEqual({ row: 3, column: 'name', message: 'required' });
  });

  it('names missing columns, a wrong institution code and duplicate national IDs', async () => {
    const noDept = await upload(instAdmin, '工号,姓名\nHA400,甲', { institutionId: w.A.inst.id });
    expect(noDept.json().error.details.errors).toEqual([{ row: 1, column: '科室编码', message: '缺少列' }]);
    const csv = ['staff_no,name,dept_code,institution_code,national_id', `HA401,甲,HA-CARD,HB,${ID2}`, `HA402,乙,HA-CARD,HA,${ID2}`].join('\n');
    const errors = (await upload(instAdmin, csv, { institutionId: w.A.inst.id })).json().error.details.errors;
    expect(errors).toEqual([
      { row: 2, column: 'institution_code', message: '不属于所选机构（HB）' },
      { row: 3, column: 'national_id', message: '文件中重复出现（见第 2 行）' },
    ]);
    const empty = await upload(instAdmin, '工号,姓名,科室编码\n', { institutionId: w.A.inst.id });
    expect(empty.json().error.details.errors).toEqual([{ row: 1, column: '', message: '文件中没有数据行' }]);
  });

  it('refuses an unreadable file with 422 unreadable_file', async () => {
    const gbk = Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0a]);
    const res = await upload(instAdmin, gbk, { institutionId: w.A.inst.id }, 'staff.xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'import_failed', details: { reason: 'unreadable_file' } });
    expect(res.json().error.message).toContain('UTF-8');
  });

  it('round-trips an .xlsx built with exceljs (numbers, leading zeros, English and Chinese headers)', async () => {
    const file = await xlsxOf([
      ['工号', '姓名', '科室编码', '职称', '手机号', '身份证号'],
      ['007', '郑七', 'HA-FIN', '会计', 13900000007, ID2],
      ['HA500', '王八', 'HA-CARD', null, null, null],
    ]);
    const res = await upload(instAdmin, file, { institutionId: w.A.inst.id }, 'whatever.bin');
    expect(res.json()).toMatchObject({ ok: true, created: 2, updated: 0, unchanged: 0 });
    const [zheng] = await env.platform.db.select().from(people).where(and(eq(people.institutionId, w.A.inst.id), eq(people.staffNo, '007')));
    expect(zheng).toMatchObject({ name: '郑七', departmentId: w.A.admin.id, phone: '13900000007' });
    expect(env.platform.keyring.decrypt(zheng!.nationalIdSealed!)).toBe(ID2);
    expect((await upload(instAdmin, file, { institutionId: w.A.inst.id }, 'again.xlsx')).json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const errs = await upload(instAdmin, await xlsxOf([['staff_no', 'name', 'dept_code'], ['HA501', '甲', 'X'], [], ['HA502', '', 'HA-FIN']]), { institutionId: w.A.inst.id });
    expect(errs.json().error.details.errors).toEqual([
      { row: 2, column: 'dept_code', message: '科室编码不存在（X）' },
      { row: 4, column: 'name', message: '必填' },
    ]);
  });

  it('scopes the import: own institution by default, 404 for another’s, institutionId required for region roles', async () => {
    const csv = '工号,姓名,科室编码\nHB900,冯九,HB-CARD';
    expect((await upload(instAdmin, csv, { institutionId: w.B.inst.id })).statusCode).toBe(404);
    expect((await upload(bAdmin, csv)).json()).toMatchObject({ ok: true, created: 1 });
    const noInst = await upload(regionAdmin, csv);
    expect(noInst.statusCode).toBe(400);
    expect(noInst.json().error.details.issues[0].field).toBe('institutionId');
    expect((await upload(regionAdmin, csv, { institutionId: w.B.inst.id })).json()).toMatchObject({ unchanged: 1 });
    expect((await upload(deptHead, csv)).statusCode).toBe(403);
    const noFile = await instAdmin.request({ method: 'POST', url: '/api/org/people/import', ...multipart({ institutionId: w.A.inst.id }) });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details.issues[0].field).toBe('file');
  });
});

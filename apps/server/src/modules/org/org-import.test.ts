/** importOrgFile: the screening-data contract files (institutions, departments, staff) as the CLI imports them. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFromAccount } from '../auth/auth.service.ts';
import { accounts } from '../auth/auth.tables.ts';
import type { AppError } from '../../platform/errors.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { importOrgFile } from './index.ts';
import { departments, institutions, people, regions } from './org.tables.ts';
import { auditByAction, xlsxOf } from './org.testkit.ts';

let env: TestEnv;
let w: World;

beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
});
afterAll(() => env.close());

const csv = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

async function failure(p: Promise<unknown>): Promise<AppError & { details: { errors: { row: number; column: string; message: string }[] } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected the import to fail');
}

const INSTITUTIONS = csv(
  'institution_code,name,region_code,level',
  'H001,桂林市第一人民医院,GL,tertiary',
  'H002,桂林市中医医院,GL,secondary',
  'HA,HA医院（更名）,R1,tertiary',
);

describe('importOrgFile', () => {
  it('imports institutions: creates unknown regions, updates known codes, kind defaults to general', async () => {
    const res = await importOrgFile(env.ctx, 'institutions', INSTITUTIONS);
    expect(res).toEqual({ ok: true, created: 2, updated: 1, unchanged: 0, errors: [] });
    const [gl] = await env.platform.db.select().from(regions).where(eq(regions.code, 'GL'));
    expect(gl).toMatchObject({ name: 'GL', active: true });
    const [h1] = await env.platform.db.select().from(institutions).where(eq(institutions.code, 'H001'));
    expect(h1).toMatchObject({ regionId: gl!.id, level: 'tertiary', kind: 'general', name: '桂林市第一人民医院' });
    const [ha] = await env.platform.db.select().from(institutions).where(eq(institutions.id, w.A.inst.id));
    expect(ha!.name).toBe('HA医院（更名）');
    const [entry] = await auditByAction(env.platform.db, 'institution.import');
    expect(entry).toMatchObject({ actorId: null, after: { created: 2, updated: 1, createdRegions: ['GL'] } });
    expect(await importOrgFile(env.ctx, 'institutions', INSTITUTIONS)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('rejects bad institution rows as a whole', async () => {
    const e = await failure(
      importOrgFile(
        env.ctx,
        'institutions',
        csv('institution_code,name,region_code,level,kind', 'H003,新院,GL,quaternary,', 'H004,,GL,primary,clinic', 'H003,重复,GL,primary,', 'H005,好院,NEWREGION,primary,tcm'),
      ),
    );
    expect(e.code).toBe('import_failed');
    expect(e.details.errors).toEqual([
      { row: 2, column: 'level', message: '取值不在允许范围内（quaternary）' },
      { row: 3, column: 'name', message: '必填' },
      { row: 3, column: 'kind', message: '取值不在允许范围内（clinic）' },
      { row: 4, column: 'institution_code', message: '文件中重复出现（H003，见第 2 行）' },
    ]);
    expect(await env.platform.db.select().from(regions).where(eq(regions.code, 'NEWREGION'))).toEqual([]);
    expect(await env.platform.db.select().from(institutions).where(eq(institutions.code, 'H005'))).toEqual([]);
  });

  it('imports departments from an .xlsx with the contract headers, clinical as 1/0', async () => {
    const file = await xlsxOf([
      ['institution_code', 'dept_code', 'name', 'clinical'],
      ['H001', '0101', '心血管内科', 1],
      ['H001', '0901', '财务科', 0],
      ['HA', 'HA-FIN', '财务部', '0'],
    ]);
    expect(await importOrgFile(env.ctx, 'departments', file)).toEqual({ ok: true, created: 2, updated: 1, unchanged: 0, errors: [] });
    const [h1] = await env.platform.db.select().from(institutions).where(eq(institutions.code, 'H001'));
    const list = await env.platform.db.select().from(departments).where(eq(departments.institutionId, h1!.id));
    expect(list.map((d) => [d.code, d.clinical]).sort()).toEqual([
      ['0101', true],
      ['0901', false],
    ]);
    expect(await importOrgFile(env.ctx, 'departments', file)).toMatchObject({ unchanged: 3 });
    const e = await failure(importOrgFile(env.ctx, 'departments', csv('institution_code,dept_code,name,clinical', 'NOPE,01,内科,1', 'H001,02,外科,maybe')));
    expect(e.details.errors).toEqual([
      { row: 2, column: 'institution_code', message: '机构编码不存在（NOPE）' },
      { row: 3, column: 'clinical', message: '应为 1 或 0（maybe）' },
    ]);
  });

  it('imports staff rows naming their institution (staff.csv of the contract)', async () => {
    const file = csv(
      'staff_no,name,institution_code,dept_code,title,specialty',
      'D0001,陈医生,H001,0101,主任医师,cardiology',
      'D0002,林会计,H001,0901,会计师,',
      'HB001,HB医生,HB,HB-CARD,主治医师,cardiology',
    );
    expect(await importOrgFile(env.ctx, 'staff', file)).toEqual({ ok: true, created: 2, updated: 1, unchanged: 0, errors: [] });
    const [chen] = await env.platform.db.select().from(people).where(eq(people.staffNo, 'D0001'));
    expect(chen).toMatchObject({ name: '陈医生', title: '主任医师', specialty: 'cardiology' });
    expect(await importOrgFile(env.ctx, 'staff', file)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const e = await failure(importOrgFile(env.ctx, 'staff', csv('staff_no,name,dept_code', 'X1,甲,0101')));
    expect(e.details.errors).toEqual([{ row: 1, column: 'institution_code', message: '缺少列' }]);
    const e2 = await failure(importOrgFile(env.ctx, 'staff', csv('staff_no,name,institution_code,dept_code', 'X1,甲,H001,HA-CARD', 'X2,乙,ZZ,0101')));
    expect(e2.details.errors).toEqual([
      { row: 2, column: 'dept_code', message: '科室编码不存在（HA-CARD）' },
      { row: 3, column: 'institution_code', message: '机构编码不存在（ZZ）' },
    ]);
  });

  it('refuses a file that is not a table', async () => {
    const e = await failure(importOrgFile(env.ctx, 'staff', Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(50)])));
    expect(e.code).toBe('import_failed');
    expect(e.messageKey).toBe('unreadable_file');
  });

  it('limits an import run as an actor to the actor’s scope', async () => {
    const [b] = await env.platform.db.select().from(accounts).where(eq(accounts.username, 'b_admin'));
    const ctx = { ...env.ctx, actor: actorFromAccount(b!, null) };
    const e = await failure(importOrgFile(ctx, 'departments', csv('institution_code,dept_code,name,clinical', 'HA,X9,越权科,1', 'HB,HB-NEW,新科,1')));
    expect(e.details.errors).toEqual([{ row: 2, column: 'institution_code', message: '机构编码不存在（HA）' }]);
    expect(await importOrgFile(ctx, 'departments', csv('institution_code,dept_code,name,clinical', 'HB,HB-NEW,新科,1'))).toMatchObject({ created: 1 });
    await expect(importOrgFile(ctx, 'institutions', INSTITUTIONS)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

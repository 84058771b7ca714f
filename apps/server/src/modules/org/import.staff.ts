/**
 * Staff import: people upserted by staff number within their institution. From the console the
 * institution is chosen (an institution_code column may be present and must match); from the CLI
 * (`staff.csv` of the screening data contract) each row names its institution.
 */
import { ZPersonInput, type TImportResult } from '@qinglian/contracts';
import { eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Sheet } from '../../platform/sheets.ts';
import { chunks, type ColumnSpec, institutionsByCode, mayWrite, okResult, openColumns, Problems, reasonOf } from './import.common.ts';
import { type InstitutionRow, withTx } from './org.common.ts';
import { departments, people } from './org.tables.ts';
import { sealNationalId } from './people.service.ts';

/** Columns of the staff file, in template order; Chinese and contract (English) headers are both accepted. */
export const STAFF_COLUMNS = {
  staffNo: { zh: '工号', en: 'staff_no', aliases: ['职工号', '员工编号'], required: true, help: '必填。本院唯一的职工编号，字母、数字、下划线或连字符；已存在的工号将更新该人员信息' },
  name: { zh: '姓名', en: 'name', required: true, help: '必填。最多 50 字' },
  deptCode: { zh: '科室编码', en: 'dept_code', aliases: ['科室代码'], required: true, help: '必填。须为本院已建立的科室编码（见“科室”页面）' },
  title: { zh: '职称', en: 'title', help: '选填。如：主任医师、副主任药师、会计师' },
  specialty: { zh: '专业', en: 'specialty', help: '选填。处方比较的同行组，如 cardiology（心血管）' },
  phone: { zh: '手机号', en: 'phone', aliases: ['手机', '联系电话'], help: '选填。11 位手机号或带区号的座机号' },
  nationalId: {
    zh: '身份证号',
    en: 'national_id',
    aliases: ['身份证号码', '身份证'],
    help: '选填。18 位居民身份证号，系统校验出生日期与校验位，加密保存，页面仅显示脱敏号码；留空不会清除已保存的号码',
  },
  institutionCode: { zh: '机构编码', en: 'institution_code', help: '选填。如填写，须与导入时所选机构一致' },
} satisfies Record<string, ColumnSpec>;
type StaffKey = keyof typeof STAFF_COLUMNS;

interface Plan {
  institutionId: string;
  staffNo: string;
  name: string;
  departmentId: string;
  /** undefined: the column is absent, keep the stored value. */
  title?: string | null;
  specialty?: string | null;
  phone?: string | null;
  nationalId?: string;
}

/** Validates every row, then upserts all of them in one transaction with one audit entry; fixed = the chosen institution. */
export async function importStaffSheet(ctx: Ctx, sheet: Sheet, fixed: InstitutionRow | null): Promise<TImportResult> {
  const problems = new Problems(ctx.locale);
  const cols = openColumns<StaffKey>(sheet, STAFF_COLUMNS, problems);
  if (!fixed && !cols.has('institutionCode')) problems.add(1, cols.label('institutionCode'), 'missing_column');
  problems.failIfAny();

  return withTx(ctx, async (c) => {
    const insts = fixed ? new Map([[fixed.code, fixed]]) : await institutionsByCode(c, cols.rows.map((r) => cols.get(r, 'institutionCode')));
    const instIds = [...insts.values()].map((i) => i.id);
    const depts = new Map(
      (await c.db.select().from(departments).where(inArray(departments.institutionId, instIds))).map((d) => [`${d.institutionId}|${d.code}`, d]),
    );
    const existing = new Map(
      (await c.db.select().from(people).where(inArray(people.institutionId, instIds))).map((p) => [`${p.institutionId}|${p.staffNo}`, p]),
    );
    const plans = validateRows(c, cols, problems, fixed, insts, depts);
    problems.failIfAny();

    let updated = 0;
    let unchanged = 0;
    const inserts: (typeof people.$inferInsert)[] = [];
    for (const p of plans) {
      const was = existing.get(`${p.institutionId}|${p.staffNo}`);
      if (!was) {
        const { nationalId, ...rest } = p;
        inserts.push({ ...rest, ...sealNationalId(c, nationalId ?? null) });
        continue;
      }
      const set: Partial<typeof people.$inferInsert> = {};
      if (was.name !== p.name) set.name = p.name;
      if (was.departmentId !== p.departmentId) set.departmentId = p.departmentId;
      for (const k of ['title', 'specialty', 'phone'] as const) if (p[k] !== undefined && was[k] !== p[k]) set[k] = p[k];
      if (p.nationalId && (!was.nationalIdSealed || c.platform.keyring.decrypt(was.nationalIdSealed) !== p.nationalId))
        Object.assign(set, sealNationalId(c, p.nationalId));
      if (!Object.keys(set).length) {
        unchanged++;
        continue;
      }
      await c.db
        .update(people)
        .set({ ...set, updatedAt: c.platform.now() })
        .where(eq(people.id, was.id));
      updated++;
    }
    for (const part of chunks(inserts)) await c.db.insert(people).values(part);
    const single = insts.size === 1 ? [...insts.values()][0]! : null;
    await writeAudit(c, {
      action: 'person.import',
      targetType: 'institution',
      targetId: single?.id ?? null,
      institutionId: single?.id ?? null,
      regionId: single?.regionId ?? null,
      after: { rows: plans.length, created: inserts.length, updated, unchanged, createdStaffNos: inserts.map((p) => p.staffNo) },
    });
    return okResult(inserts.length, updated, unchanged);
  });
}

function validateRows(
  c: Ctx,
  cols: ReturnType<typeof openColumns<StaffKey>>,
  problems: Problems,
  fixed: InstitutionRow | null,
  insts: Map<string, InstitutionRow>,
  depts: Map<string, { id: string }>,
): Plan[] {
  const plans: Plan[] = [];
  const seenStaff = new Map<string, number>();
  const seenId = new Map<string, number>();
  const shape = ZPersonInput.shape;
  for (const row of cols.rows) {
    const r = row.rowNumber;
    const v = (k: StaffKey) => cols.get(row, k);
    const before = problems.list.length;
    const check = (k: StaffKey, schema: Parameters<typeof reasonOf>[0], value: unknown) => {
      const reason = reasonOf(schema, value);
      if (reason) problems.add(r, cols.label(k), reason);
      return !reason;
    };
    const required = (k: StaffKey) => {
      if (v(k)) return true;
      problems.add(r, cols.label(k), 'required');
      return false;
    };

    let inst: InstitutionRow | null | undefined = fixed;
    const instCode = v('institutionCode');
    if (fixed) {
      if (instCode && instCode !== fixed.code) problems.add(r, cols.label('institutionCode'), 'wrong_institution', instCode);
    } else if (required('institutionCode')) {
      inst = insts.get(instCode);
      // An institution outside the caller's scope is reported as unknown: its existence is not revealed.
      if (!inst || !mayWrite(c.actor, inst)) {
        problems.add(r, cols.label('institutionCode'), 'unknown_institution', instCode);
        inst = null;
      }
    }
    const staffNo = v('staffNo');
    if (required('staffNo') && check('staffNo', shape.staffNo, staffNo) && inst) {
      const key = `${inst.id}|${staffNo}`;
      const first = seenStaff.get(key);
      if (first) problems.add(r, cols.label('staffNo'), 'duplicate_in_file', `${staffNo}，${problems.rowRef(first)}`);
      else seenStaff.set(key, r);
    }
    if (required('name')) check('name', shape.name, v('name'));
    const deptCode = v('deptCode');
    const dept = inst ? depts.get(`${inst.id}|${deptCode}`) : undefined;
    if (required('deptCode') && inst && !dept) problems.add(r, cols.label('deptCode'), 'unknown_department', deptCode);
    const opt = (k: 'title' | 'specialty' | 'phone') => (cols.has(k) ? v(k) || null : undefined);
    if (opt('title')) check('title', shape.title, v('title'));
    if (opt('specialty')) check('specialty', shape.specialty, v('specialty'));
    if (opt('phone')) check('phone', shape.phone, v('phone'));
    const nationalId = v('nationalId').toUpperCase();
    if (nationalId && check('nationalId', shape.nationalId, nationalId)) {
      const first = seenId.get(nationalId);
      if (first) problems.add(r, cols.label('nationalId'), 'duplicate_in_file', problems.rowRef(first));
      else seenId.set(nationalId, r);
    }
    if (problems.list.length > before || !inst || !dept) continue;
    plans.push({
      institutionId: inst.id,
      staffNo,
      name: v('name'),
      departmentId: dept.id,
      title: opt('title'),
      specialty: opt('specialty'),
      phone: opt('phone'),
      ...(nationalId ? { nationalId } : {}),
    });
  }
  return plans;
}


/**
 * Reference-data imports of the screening data contract: `institutions.csv` (unknown region codes create
 * the region, known institution codes are updated) and `departments.csv` (upserted by code within the
 * institution). Same all-or-nothing rule as the staff import.
 */
import { INSTITUTION_KINDS, INSTITUTION_LEVELS, type TImportResult, ZInstitutionInput } from '@qinglian/contracts';
import { eq, inArray } from 'drizzle-orm';
import { requirePermission, scopeOf } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Sheet } from '../../platform/sheets.ts';
import { type ColumnSpec, institutionsByCode, mayWrite, okResult, openColumns, parseBool, Problems, reasonOf } from './import.common.ts';
import { withTx } from './org.common.ts';
import { departments, institutions, regions } from './org.tables.ts';

export const INSTITUTION_COLUMNS = {
  code: { zh: '机构编码', en: 'institution_code', required: true },
  name: { zh: '机构名称', en: 'name', aliases: ['名称'], required: true },
  regionCode: { zh: '地区编码', en: 'region_code', required: true },
  level: { zh: '等级', en: 'level', aliases: ['机构等级'], required: true },
  kind: { zh: '类别', en: 'kind', aliases: ['机构类别'] },
  regionName: { zh: '地区名称', en: 'region_name' },
} satisfies Record<string, ColumnSpec>;

export const DEPARTMENT_COLUMNS = {
  institutionCode: { zh: '机构编码', en: 'institution_code', required: true },
  code: { zh: '科室编码', en: 'dept_code', aliases: ['科室代码'], required: true },
  name: { zh: '科室名称', en: 'name', aliases: ['名称'], required: true },
  clinical: { zh: '临床科室', en: 'clinical', aliases: ['是否临床科室', '是否临床'], required: true },
} satisfies Record<string, ColumnSpec>;

const LEVELS: Record<string, (typeof INSTITUTION_LEVELS)[number]> = {
  ...Object.fromEntries(INSTITUTION_LEVELS.map((l) => [l, l])),
  三级: 'tertiary',
  二级: 'secondary',
  一级: 'primary',
};
const KINDS: Record<string, (typeof INSTITUTION_KINDS)[number]> = {
  ...Object.fromEntries(INSTITUTION_KINDS.map((k) => [k, k])),
  综合: 'general',
  中医: 'tcm',
  妇幼: 'maternal_child',
  专科: 'specialist',
  基层: 'primary',
};

/** Imports institutions; region roles may import into their own region only, the CLI anywhere. */
export async function importInstitutionsSheet(ctx: Ctx, sheet: Sheet): Promise<TImportResult> {
  const actor = ctx.actor;
  if (actor) {
    requirePermission(actor, 'institution.write');
    if (scopeOf(actor) !== 'region') throw forbidden();
  }
  const problems = new Problems(ctx.locale);
  const cols = openColumns(sheet, INSTITUTION_COLUMNS, problems);
  problems.failIfAny();
  return withTx(ctx, async (c) => {
    const existing = await institutionsByCode(c, cols.rows.map((r) => cols.get(r, 'code')));
    const knownRegions = new Map((await c.db.select().from(regions)).map((r) => [r.code, r]));
    const seen = new Map<string, number>();
    const plans: { code: string; name: string; regionCode: string; regionName: string; level: string; kind: string | null }[] = [];
    for (const row of cols.rows) {
      const r = row.rowNumber;
      const before = problems.list.length;
      const cell = (k: keyof typeof INSTITUTION_COLUMNS) => cols.get(row, k);
      const need = (k: keyof typeof INSTITUTION_COLUMNS, schema = ZInstitutionInput.shape.code as Parameters<typeof reasonOf>[0]) => {
        const reason = cell(k) ? reasonOf(schema, cell(k)) : 'required';
        if (reason) problems.add(r, cols.label(k), reason);
      };
      need('code');
      need('name', ZInstitutionInput.shape.name);
      need('regionCode');
      const code = cell('code');
      const first = seen.get(code);
      if (code && first) problems.add(r, cols.label('code'), 'duplicate_in_file', `${code}，${problems.rowRef(first)}`);
      else seen.set(code, r);
      const level = LEVELS[cell('level').toLowerCase()] ?? LEVELS[cell('level')];
      if (!cell('level')) problems.add(r, cols.label('level'), 'required');
      else if (!level) problems.add(r, cols.label('level'), 'invalid_value', cell('level'));
      const kind = cell('kind') ? (KINDS[cell('kind').toLowerCase()] ?? KINDS[cell('kind')]) : null;
      if (cell('kind') && !kind) problems.add(r, cols.label('kind'), 'invalid_value', cell('kind'));
      const region = knownRegions.get(cell('regionCode'));
      if (actor && cell('regionCode') && region?.id !== actor.regionId) problems.add(r, cols.label('regionCode'), 'wrong_region', cell('regionCode'));
      const inst = existing.get(code);
      // A code already used in another region's institution is not the caller's to change.
      if (inst && !mayWrite(actor, inst)) problems.add(r, cols.label('code'), 'duplicate', code);
      if (problems.list.length > before) continue;
      plans.push({ code, name: cell('name'), regionCode: cell('regionCode'), regionName: cell('regionName'), level: level!, kind: kind ?? null });
    }
    problems.failIfAny();

    const createdRegions: string[] = [];
    for (const p of plans) {
      if (knownRegions.has(p.regionCode)) continue;
      const [reg] = await c.db
        .insert(regions)
        .values({ code: p.regionCode, name: p.regionName || p.regionCode })
        .returning();
      knownRegions.set(p.regionCode, reg!);
      createdRegions.push(p.regionCode);
    }
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const p of plans) {
      const regionId = knownRegions.get(p.regionCode)!.id;
      const level = p.level as (typeof INSTITUTION_LEVELS)[number];
      const kind = p.kind as (typeof INSTITUTION_KINDS)[number] | null;
      const was = existing.get(p.code);
      if (!was) {
        await c.db.insert(institutions).values({ code: p.code, name: p.name, regionId, level, kind: kind ?? 'general' });
        created++;
      } else if (was.name !== p.name || was.regionId !== regionId || was.level !== level || (kind && was.kind !== kind)) {
        await c.db
          .update(institutions)
          .set({ name: p.name, regionId, level, ...(kind ? { kind } : {}), updatedAt: c.platform.now() })
          .where(eq(institutions.id, was.id));
        updated++;
      } else unchanged++;
    }
    await writeAudit(c, {
      action: 'institution.import',
      targetType: 'institution',
      after: { rows: plans.length, created, updated, unchanged, createdRegions, codes: plans.map((p) => p.code) },
    });
    return okResult(created, updated, unchanged);
  });
}

/** Imports departments, upserted by (institution, dept_code). */
export async function importDepartmentsSheet(ctx: Ctx, sheet: Sheet): Promise<TImportResult> {
  if (ctx.actor) requirePermission(ctx.actor, 'department.write');
  const problems = new Problems(ctx.locale);
  const cols = openColumns(sheet, DEPARTMENT_COLUMNS, problems);
  problems.failIfAny();
  return withTx(ctx, async (c) => {
    const insts = await institutionsByCode(c, cols.rows.map((r) => cols.get(r, 'institutionCode')));
    const instIds = [...insts.values()].map((i) => i.id);
    const existing = new Map(
      (await c.db.select().from(departments).where(inArray(departments.institutionId, instIds))).map((d) => [`${d.institutionId}|${d.code}`, d]),
    );
    const seen = new Map<string, number>();
    const plans: { institutionId: string; code: string; name: string; clinical: boolean }[] = [];
    for (const row of cols.rows) {
      const r = row.rowNumber;
      const before = problems.list.length;
      const cell = (k: keyof typeof DEPARTMENT_COLUMNS) => cols.get(row, k);
      const instCode = cell('institutionCode');
      const inst = insts.get(instCode);
      if (!instCode) problems.add(r, cols.label('institutionCode'), 'required');
      else if (!inst || !mayWrite(ctx.actor, inst)) problems.add(r, cols.label('institutionCode'), 'unknown_institution', instCode);
      const code = cell('code');
      const codeReason = code ? reasonOf(ZInstitutionInput.shape.code, code) : 'required';
      if (codeReason) problems.add(r, cols.label('code'), codeReason);
      else if (inst) {
        const first = seen.get(`${inst.id}|${code}`);
        if (first) problems.add(r, cols.label('code'), 'duplicate_in_file', `${code}，${problems.rowRef(first)}`);
        else seen.set(`${inst.id}|${code}`, r);
      }
      const nameReason = cell('name') ? reasonOf(ZInstitutionInput.shape.name, cell('name')) : 'required';
      if (nameReason) problems.add(r, cols.label('name'), nameReason);
      const clinical = parseBool(cell('clinical'));
      if (!cell('clinical')) problems.add(r, cols.label('clinical'), 'required');
      else if (clinical === null) problems.add(r, cols.label('clinical'), 'bad_boolean', cell('clinical'));
      if (problems.list.length > before || !inst || clinical === null) continue;
      plans.push({ institutionId: inst.id, code, name: cell('name'), clinical });
    }
    problems.failIfAny();

    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const p of plans) {
      const was = existing.get(`${p.institutionId}|${p.code}`);
      if (!was) {
        await c.db.insert(departments).values(p);
        created++;
      } else if (was.name !== p.name || was.clinical !== p.clinical) {
        await c.db
          .update(departments)
          .set({ name: p.name, clinical: p.clinical, updatedAt: c.platform.now() })
          .where(eq(departments.id, was.id));
        updated++;
      } else unchanged++;
    }
    const single = insts.size === 1 ? [...insts.values()][0]! : null;
    await writeAudit(c, {
      action: 'department.import',
      targetType: 'institution',
      targetId: single?.id ?? null,
      institutionId: single?.id ?? null,
      regionId: single?.regionId ?? null,
      after: { rows: plans.length, created, updated, unchanged, codes: plans.map((p) => p.code) },
    });
    return okResult(created, updated, unchanged);
  });
}

/**
 * The small reference kinds of the screening data contract that screening owns: suppliers and products
 * (a catalogue keyed by code), declared relations, committee votes and rep visits (per institution).
 * Files are read whole (they are small), every row is checked, and a file with a problem writes nothing
 * unless `partial`. Re-importing the same file changes nothing (upserts by natural key).
 */
import { isValidCreditCode } from '@qinglian/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import type { Sheet, SheetRow } from '../../platform/sheets.ts';
import { chunks, type ColumnSpec, institutions, institutionsByCode, mayWrite, openColumns, parseBool, Problems, people } from '../org/index.ts';
import { screeningCommitteeVotes, screeningProducts, screeningRelations, screeningRepVisits, screeningSuppliers } from './screening.tables.ts';

export type ReferenceKind = 'suppliers' | 'products' | 'relations' | 'committee_decisions' | 'rep_visits';
export interface RefOutcome {
  rowsRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems: { row: number; column: string; message: string }[];
}

const INST = { zh: '机构编码', en: 'institution_code', aliases: ['医疗机构编码'], required: true };
const SUP = { zh: '供应商编码', en: 'supplier_code', aliases: ['企业编码'], required: true };
export const REFERENCE_COLUMNS = {
  suppliers: {
    code: SUP,
    name: { zh: '供应商名称', en: 'name', aliases: ['名称', '企业名称'], required: true },
    creditCode: { zh: '统一社会信用代码', en: 'credit_code', aliases: ['信用代码'] },
    kind: { zh: '类型', en: 'kind', aliases: ['企业类型'], required: true },
  },
  products: {
    code: { zh: '商品编码', en: 'product_code', aliases: ['产品编码', '药品编码'], required: true },
    genericName: { zh: '通用名', en: 'generic_name', aliases: ['通用名称'], required: true },
    brandName: { zh: '商品名', en: 'brand_name', aliases: ['商品名称'] },
    spec: { zh: '规格', en: 'spec' },
    manufacturerCode: { zh: '生产企业编码', en: 'manufacturer_code', aliases: ['生产企业'] },
    category: { zh: '类别', en: 'category', required: true },
    platformPrice: { zh: '挂网价', en: 'platform_price', aliases: ['平台价格', '挂网价格'] },
    vbp: { zh: '集采中选', en: 'vbp', aliases: ['是否集采'] },
    keyMonitored: { zh: '重点监控', en: 'key_monitored', aliases: ['是否重点监控'] },
  },
  relations: {
    staffNo: { zh: '工号', en: 'staff_no', required: true },
    supplierCode: SUP,
    relation: { zh: '关系', en: 'relation', aliases: ['关系类型'], required: true },
    declaredOn: { zh: '申报日期', en: 'declared_on' },
  },
  committee_decisions: {
    decisionId: { zh: '决议编号', en: 'decision_id', required: true },
    institutionCode: INST,
    decidedOn: { zh: '决议日期', en: 'decided_on', required: true },
    productCode: { zh: '商品编码', en: 'product_code', aliases: ['产品编码'], required: true },
    outcome: { zh: '结果', en: 'outcome', aliases: ['决议结果'], required: true },
    memberStaffNo: { zh: '委员工号', en: 'member_staff_no', required: true },
    vote: { zh: '投票', en: 'vote', aliases: ['表决'], required: true },
  },
  rep_visits: {
    visitId: { zh: '接待编号', en: 'visit_id', aliases: ['来访编号'], required: true },
    institutionCode: INST,
    supplierCode: SUP,
    repId: { zh: '代表编号', en: 'rep_id', aliases: ['医药代表编号'], required: true },
    visitedOn: { zh: '来访日期', en: 'visited_on', aliases: ['接待日期'], required: true },
    deptCode: { zh: '科室编码', en: 'dept_code' },
    hostStaffNo: { zh: '接待人工号', en: 'host_staff_no' },
  },
} satisfies Record<ReferenceKind, Record<string, ColumnSpec>>;

const ENUMS: Record<string, Record<string, string>> = {
  kind: { manufacturer: 'manufacturer', distributor: 'distributor', 生产企业: 'manufacturer', 配送企业: 'distributor' },
  category: { drug: 'drug', consumable: 'consumable', device: 'device', 药品: 'drug', 耗材: 'consumable', 器械: 'device' },
  relation: { family: 'family', shareholding: 'shareholding', former_employee: 'former_employee', other: 'other', 亲属: 'family', 持股: 'shareholding', 曾任职: 'former_employee', 其他: 'other' },
  outcome: { admitted: 'admitted', rejected: 'rejected', 准入: 'admitted', 通过: 'admitted', 不准入: 'rejected', 否决: 'rejected' },
  vote: { for: 'for', against: 'against', abstain: 'abstain', 赞成: 'for', 反对: 'against', 弃权: 'abstain' },
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const CODE = /^[A-Za-z0-9_.\-/]{1,64}$/;
/** Yuan with up to 2 decimals → fen, exactly. */
export function yuanToFen(s: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Imports one reference file; the CLI passes a context without an actor (anywhere). */
export async function importReferenceSheet(ctx: Ctx, kind: ReferenceKind, sheet: Sheet, partial: boolean): Promise<RefOutcome> {
  const problems = new Problems(ctx.locale);
  const spec: Record<string, ColumnSpec> = REFERENCE_COLUMNS[kind];
  const cols = openColumns(sheet, spec, problems);
  if (problems.any) return { rowsRead: sheet.rows.length, imported: 0, updated: 0, unchanged: 0, rejected: 0, problems: problems.list };
  const insts = await institutionsByCode(ctx, cols.has('institutionCode') ? cols.rows.map((r) => cols.get(r, 'institutionCode')) : []);
  const bad = new Set<number>();
  const check = (row: SheetRow, key: string, ok: boolean, reason: string, detail?: string) => {
    if (ok) return;
    problems.add(row.rowNumber, cols.label(key), reason, detail);
    bad.add(row.rowNumber);
  };
  const required = (row: SheetRow) => {
    for (const k of Object.keys(spec)) if (spec[k]!.required) check(row, k, cols.get(row, k) !== '', 'required');
  };
  const enumOf = (row: SheetRow, key: string, e: string) => {
    const v = cols.get(row, key);
    const out = ENUMS[e]![v] ?? ENUMS[e]![v.toLowerCase()];
    if (v) check(row, key, !!out, 'invalid_value', v);
    return out;
  };
  const codeOf = (row: SheetRow, key: string) => {
    const v = cols.get(row, key);
    if (v) check(row, key, CODE.test(v), 'code_chars', v);
    return v;
  };
  const dateOf = (row: SheetRow, key: string) => {
    const v = cols.get(row, key);
    if (v) check(row, key, validDate(v), 'date_format', v);
    return v || null;
  };
  const instOf = (row: SheetRow) => {
    const code = cols.get(row, 'institutionCode');
    const inst = insts.get(code);
    if (code) check(row, 'institutionCode', !!inst && mayWrite(ctx.actor, inst), 'unknown_institution', code);
    return inst;
  };
  const seen = new Map<string, number>();
  const once = (row: SheetRow, key: string, id: string) => {
    const first = seen.get(id);
    check(row, key, first === undefined, 'duplicate_in_file', first === undefined ? undefined : `${cols.get(row, key)}，${problems.rowRef(first)}`);
    if (first === undefined) seen.set(id, row.rowNumber);
  };
  const known = async <T>(codes: string[], load: (codes: string[]) => Promise<T[]>, key: (t: T) => string) =>
    new Set((codes.length ? await load([...new Set(codes)]) : []).map(key));

  let write: (c: Ctx) => Promise<{ imported: number; updated: number; unchanged: number }>;
  if (kind === 'suppliers') {
    const plans: (typeof screeningSuppliers.$inferInsert)[] = [];
    for (const row of cols.rows) {
      required(row);
      const code = codeOf(row, 'code');
      once(row, 'code', code);
      const credit = cols.get(row, 'creditCode').toUpperCase();
      if (credit) check(row, 'creditCode', isValidCreditCode(credit), 'credit_code_invalid', credit);
      const k = enumOf(row, 'kind', 'kind');
      if (!bad.has(row.rowNumber)) plans.push({ code, name: cols.get(row, 'name'), creditCode: credit || null, kind: k as 'manufacturer' });
    }
    write = (c) => upsertByCode(c, screeningSuppliers, screeningSuppliers.code, plans, ['name', 'creditCode', 'kind']);
  } else if (kind === 'products') {
    const plans: (typeof screeningProducts.$inferInsert)[] = [];
    for (const row of cols.rows) {
      required(row);
      const code = codeOf(row, 'code');
      once(row, 'code', code);
      const category = enumOf(row, 'category', 'category');
      const priceText = cols.get(row, 'platformPrice');
      const price = priceText ? yuanToFen(priceText) : null;
      if (priceText) check(row, 'platformPrice', price !== null, 'money_format', priceText);
      const flag = (key: string) => {
        const v = cols.get(row, key);
        const b = v ? parseBool(v) : false;
        check(row, key, b !== null, 'bad_boolean', v);
        return !!b;
      };
      const vbp = flag('vbp');
      const keyMonitored = flag('keyMonitored');
      if (bad.has(row.rowNumber)) continue;
      const opt = (key: string) => cols.get(row, key) || null;
      plans.push({ code, genericName: cols.get(row, 'genericName'), brandName: opt('brandName'), spec: opt('spec'), manufacturerCode: opt('manufacturerCode'), category: category as 'drug', platformPriceFen: price, vbp, keyMonitored });
    }
    write = (c) => upsertByCode(c, screeningProducts, screeningProducts.code, plans, ['genericName', 'brandName', 'spec', 'manufacturerCode', 'category', 'platformPriceFen', 'vbp', 'keyMonitored']);
  } else if (kind === 'relations') {
    const staffNos = cols.rows.map((r) => cols.get(r, 'staffNo'));
    const staff = staffNos.length ? await ctx.db.select().from(people).where(inArray(people.staffNo, [...new Set(staffNos)])) : [];
    const byNo = new Map<string, (typeof staff)[number][]>();
    for (const p of staff) byNo.set(p.staffNo, [...(byNo.get(p.staffNo) ?? []), p]);
    const suppliers = await known(cols.rows.map((r) => cols.get(r, 'supplierCode')), (codes) => ctx.db.select().from(screeningSuppliers).where(inArray(screeningSuppliers.code, codes)), (s) => s.code);
    const placed = await institutionPlacement(ctx, staff.map((p) => p.institutionId));
    const plans: (typeof screeningRelations.$inferInsert)[] = [];
    for (const row of cols.rows) {
      required(row);
      const no = cols.get(row, 'staffNo');
      // Staff numbers are unique within an institution; a number used in two institutions the caller can write is ambiguous.
      const matches = (byNo.get(no) ?? []).filter((p) => mayWrite(ctx.actor, placed.get(p.institutionId)!));
      if (no) check(row, 'staffNo', matches.length === 1, matches.length ? 'ambiguous_staff' : 'unknown_staff', no);
      const sup = cols.get(row, 'supplierCode');
      if (sup) check(row, 'supplierCode', suppliers.has(sup), 'unknown_supplier', sup);
      const relation = enumOf(row, 'relation', 'relation');
      const declaredOn = dateOf(row, 'declaredOn');
      once(row, 'staffNo', `${no}|${sup}|${relation}`);
      if (bad.has(row.rowNumber)) continue;
      const p = matches[0]!;
      plans.push({ institutionId: p.institutionId, personId: p.id, staffNo: no, supplierCode: sup, relation: relation as 'family', declaredOn });
    }
    write = async (c) => {
      let imported = 0;
      for (const part of chunks(plans)) imported += (await c.db.insert(screeningRelations).values(part).onConflictDoNothing().returning({ id: screeningRelations.id })).length;
      return { imported, updated: 0, unchanged: plans.length - imported };
    };
  } else if (kind === 'committee_decisions') {
    const products = await known(cols.rows.map((r) => cols.get(r, 'productCode')), (codes) => ctx.db.select().from(screeningProducts).where(inArray(screeningProducts.code, codes)), (p) => p.code);
    const staff = insts.size ? await ctx.db.select().from(people).where(inArray(people.institutionId, [...insts.values()].map((i) => i.id))) : [];
    const staffBy = new Map(staff.map((p) => [`${p.institutionId}|${p.staffNo}`, p]));
    const plans: (typeof screeningCommitteeVotes.$inferInsert)[] = [];
    for (const row of cols.rows) {
      required(row);
      const inst = instOf(row);
      const decisionId = codeOf(row, 'decisionId');
      const decidedOn = dateOf(row, 'decidedOn');
      const product = cols.get(row, 'productCode');
      if (product) check(row, 'productCode', products.has(product), 'unknown_product', product);
      const outcome = enumOf(row, 'outcome', 'outcome');
      const vote = enumOf(row, 'vote', 'vote');
      const member = cols.get(row, 'memberStaffNo');
      const person = inst ? staffBy.get(`${inst.id}|${member}`) : undefined;
      if (member && inst) check(row, 'memberStaffNo', !!person, 'unknown_staff', member);
      once(row, 'memberStaffNo', `${inst?.id}|${decisionId}|${member}`);
      if (bad.has(row.rowNumber) || !inst) continue;
      plans.push({ institutionId: inst.id, decisionId, decidedOn: decidedOn!, productCode: product, outcome: outcome as 'admitted', memberStaffNo: member, personId: person?.id ?? null, vote: vote as 'for' });
    }
    write = async (c) => {
      let imported = 0;
      for (const part of chunks(plans)) imported += (await c.db.insert(screeningCommitteeVotes).values(part).onConflictDoNothing().returning({ id: screeningCommitteeVotes.id })).length;
      return { imported, updated: 0, unchanged: plans.length - imported };
    };
  } else {
    const suppliers = await known(cols.rows.map((r) => cols.get(r, 'supplierCode')), (codes) => ctx.db.select().from(screeningSuppliers).where(inArray(screeningSuppliers.code, codes)), (s) => s.code);
    const plans: (typeof screeningRepVisits.$inferInsert)[] = [];
    for (const row of cols.rows) {
      required(row);
      const inst = instOf(row);
      const visitId = codeOf(row, 'visitId');
      const sup = cols.get(row, 'supplierCode');
      if (sup) check(row, 'supplierCode', suppliers.has(sup), 'unknown_supplier', sup);
      const visitedOn = dateOf(row, 'visitedOn');
      once(row, 'visitId', `${inst?.id}|${visitId}`);
      if (bad.has(row.rowNumber) || !inst) continue;
      plans.push({
        institutionId: inst.id,
        visitId,
        supplierCode: sup,
        repId: cols.get(row, 'repId'),
        visitedOn: visitedOn!,
        deptCode: cols.get(row, 'deptCode') || null,
        hostStaffNo: cols.get(row, 'hostStaffNo') || null,
      });
    }
    write = async (c) => {
      let imported = 0;
      for (const part of chunks(plans)) imported += (await c.db.insert(screeningRepVisits).values(part).onConflictDoNothing().returning({ id: screeningRepVisits.id })).length;
      return { imported, updated: 0, unchanged: plans.length - imported };
    };
  }
  const rowsRead = cols.rows.length;
  if (problems.any && !partial) return { rowsRead, imported: 0, updated: 0, unchanged: 0, rejected: bad.size, problems: sorted(problems) };
  const counts = await inTx(ctx.db, async (tx) => {
    const c = { ...ctx, db: tx };
    const res = await write(c);
    const single = insts.size === 1 ? [...insts.values()][0]! : null;
    await writeAudit(c, {
      action: 'screening.import',
      targetType: 'screening_import',
      institutionId: single?.id ?? null,
      regionId: single?.regionId ?? null,
      after: { kind, rows: rowsRead, ...res, rejected: bad.size },
    });
    return res;
  });
  return { rowsRead, ...counts, rejected: bad.size, problems: sorted(problems) };
}

const sorted = (p: Problems) => [...p.list].sort((a, b) => a.row - b.row);

async function institutionPlacement(ctx: Ctx, ids: string[]) {
  const list = ids.length ? await ctx.db.select().from(institutions).where(inArray(institutions.id, [...new Set(ids)])) : [];
  return new Map(list.map((i) => [i.id, i]));
}

/** Inserts new codes and updates changed ones; counts what happened. */
async function upsertByCode<R extends { code: string }>(
  c: Ctx,
  table: typeof screeningSuppliers | typeof screeningProducts,
  codeCol: typeof screeningSuppliers.code | typeof screeningProducts.code,
  plans: R[],
  fields: string[],
): Promise<{ imported: number; updated: number; unchanged: number }> {
  const existing = new Map<string, Record<string, unknown>>();
  for (const part of chunks(plans.map((p) => p.code), 1000))
    for (const r of (await c.db.select().from(table).where(inArray(codeCol, part))) as Record<string, unknown>[]) existing.set(r.code as string, r);
  let imported = 0;
  let updated = 0;
  const inserts: R[] = [];
  for (const p of plans) {
    const was = existing.get(p.code);
    if (!was) {
      inserts.push(p);
      continue;
    }
    const rec = p as unknown as Record<string, unknown>;
    const changed = fields.filter((f) => (was[f] ?? null) !== (rec[f] ?? null));
    if (!changed.length) continue;
    await c.db
      .update(table)
      .set({ ...Object.fromEntries(changed.map((f) => [f, rec[f]])), updatedAt: c.platform.now() })
      .where(and(eq(codeCol, p.code)));
    updated++;
  }
  for (const part of chunks(inserts)) imported += (await c.db.insert(table).values(part as never).returning()).length;
  return { imported, updated, unchanged: plans.length - imported - updated };
}

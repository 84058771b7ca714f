/**
 * Figures of the visit ledger (by company, rep, department; on site now; unusual patterns) and its
 * exports: the 台账 as .xlsx, and the screening contract's `rep_visits` CSV.
 */
import type { TRepFigures, TVisitQuery } from '@qinglian/contracts';
import { and, count, countDistinct, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/xlsx.ts';
import { formatShanghai, shanghaiDate } from '../../platform/time.ts';
import { departments, people } from '../org/org.tables.ts';
import { addDays, todayOf } from './reps.common.ts';
import { DEFAULT_RULES, institutionFor, rulesOf } from './rules.service.ts';
import { repCompanies, reps, repVisitHosts, repVisits } from './reps.tables.ts';
import { exportVisits, visitFilters } from './visits.service.ts';


/** The figures for a period (default: this month so far). */
export async function figures(ctx: Ctx, q: { from?: string; to?: string; institutionId?: string }): Promise<TRepFigures> {
  const today = todayOf(ctx);
  const from = q.from ?? `${today.slice(0, 7)}-01`;
  const to = q.to ?? today;
  const inst = q.institutionId ? await institutionFor(ctx, q.institutionId) : null;
  const where = and(visitFilters(ctx, { from, to }), inst ? eq(repVisits.institutionId, inst.id) : undefined);
  const n = count();
  const by = async (idCol: AnyPgColumn, nameCol: AnyPgColumn, table: PgTable, joinCol: AnyPgColumn) =>
    (
      await ctx.db
        .select({ id: sql<string>`${idCol}`, name: sql<string | null>`${nameCol}`, visits: n })
        .from(repVisits)
        .innerJoin(table, eq(joinCol, idCol))
        .where(where)
        .groupBy(idCol, nameCol)
        .orderBy(desc(n))
        .limit(50)
    ).map((r) => ({ id: r.id, name: r.name ?? '', visits: r.visits }));
  const [byCompany, byRep, byDepartment, [total], [onSite]] = await Promise.all([
    by(repVisits.companyId, repCompanies.name, repCompanies, repCompanies.id),
    by(repVisits.repId, reps.name, reps, reps.id),
    by(repVisits.departmentId, departments.name, departments, departments.id),
    ctx.db.select({ n: count() }).from(repVisits).where(where),
    ctx.db
      .select({ n: count() })
      .from(repVisits)
      .where(and(scopeWhere(actorOf(ctx), { institutionId: repVisits.institutionId }), inst ? eq(repVisits.institutionId, inst.id) : undefined, isNull(repVisits.checkedOutAt))),
  ]);
  // The monthly limit scales with the period's length in months (at least one).
  const limitInst = inst?.id ?? actorOf(ctx).institutionId;
  // Thresholds from the institution's reception rules (the defaults for a region-wide view).
  const rules = limitInst ? await rulesOf(ctx.db, limitInst) : DEFAULT_RULES;
  const monthly = rules.monthlyLimit;
  const { manyDepartments, hostSharePercent, hostMin } = rules.unusual;
  const months = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / (30.4 * 86_400_000)));
  const perRep = await ctx.db
    .select({ repId: repVisits.repId, repName: reps.name, companyName: repCompanies.name, visits: count(), depts: countDistinct(repVisits.departmentId) })
    .from(repVisits)
    .innerJoin(reps, eq(reps.id, repVisits.repId))
    .innerJoin(repCompanies, eq(repCompanies.id, repVisits.companyId))
    .where(where)
    .groupBy(repVisits.repId, reps.name, repCompanies.name);
  const hostShare = await ctx.db
    .select({
      companyName: repCompanies.name,
      hostName: people.name,
      visits: count(),
      companyVisits: sql<number>`(select count(*) from ${repVisits} v2 where v2.company_id = ${repVisits.companyId} and v2.institution_id = ${repVisits.institutionId} and v2.checked_in_at >= ${new Date(`${from}T00:00:00+08:00`)} and v2.checked_in_at < ${new Date(`${addDays(to, 1)}T00:00:00+08:00`)})`.mapWith(Number),
    })
    .from(repVisits)
    .innerJoin(repVisitHosts, eq(repVisitHosts.visitId, repVisits.id))
    .innerJoin(people, eq(people.id, repVisitHosts.personId))
    .innerJoin(repCompanies, eq(repCompanies.id, repVisits.companyId))
    .where(where)
    .groupBy(repVisits.companyId, repVisits.institutionId, repCompanies.name, people.id, people.name);
  const unusual: TRepFigures['unusual'] = [];
  for (const r of perRep) {
    if (r.visits > monthly * months) unusual.push({ kind: 'too_many_visits', repId: r.repId, repName: r.repName, companyName: r.companyName, hostName: null, value: r.visits, limit: monthly * months });
    if (r.depts >= manyDepartments) unusual.push({ kind: 'many_departments', repId: r.repId, repName: r.repName, companyName: r.companyName, hostName: null, value: r.depts, limit: manyDepartments });
  }
  for (const h of hostShare)
    if (h.visits >= hostMin && (h.visits * 100) / Math.max(1, h.companyVisits) >= hostSharePercent)
      unusual.push({ kind: 'host_cluster', repId: null, repName: null, companyName: h.companyName, hostName: h.hostName, value: h.visits, limit: hostMin });
  return { from, to, visits: total?.n ?? 0, onSite: onSite?.n ?? 0, byCompany, byRep, byDepartment, unusual };
}

const STATUS_LABEL = { on_site: '在院', left: '已离院', recorded: '待确认', confirmed: '已确认' } as const;

/** The ledger as .xlsx; the export itself is audited. */
export async function ledgerXlsx(ctx: Ctx, q: Partial<TVisitQuery>): Promise<Buffer> {
  const list = await exportVisits(ctx, q);
  await writeAudit(ctx, { action: 'rep.ledger_export', targetType: 'rep_visit', institutionId: actorOf(ctx).institutionId, after: { ...q, rows: list.length } });
  return buildXlsx(
    '医药代表接待台账',
    [
      { header: '来访编号', width: 22, value: (r) => r.visit.number },
      { header: '来访日期', width: 12, value: (r) => shanghaiDate(r.row.v.checkedInAt) },
      { header: '签到时间', width: 20, value: (r) => formatShanghai(r.row.v.checkedInAt) },
      { header: '签退时间', width: 20, value: (r) => (r.row.v.checkedOutAt ? formatShanghai(r.row.v.checkedOutAt) : '') },
      { header: '医疗机构', width: 18, value: (r) => r.row.institutionName },
      { header: '企业', width: 24, value: (r) => r.visit.companyName },
      { header: '医药代表', width: 10, value: (r) => r.visit.repName },
      { header: '接待科室', width: 12, value: (r) => r.visit.departmentName },
      { header: '接待地点', width: 14, value: (r) => r.visit.room },
      { header: '来访事由', width: 30, value: (r) => r.visit.purpose },
      { header: '推介产品', width: 30, value: (r) => r.visit.products.join('、') },
      { header: '接待人员', width: 20, value: (r) => r.visit.hosts.map((h) => h.name).join('、') },
      { header: '接待内容', width: 40, value: (r) => r.visit.content },
      { header: '资料', width: 20, value: (r) => r.visit.materials },
      { header: '状态', width: 10, value: (r) => STATUS_LABEL[r.visit.status] },
    ],
    list,
  );
}

/** RFC 4180 field quoting. */
const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The screening contract's rep_visits.csv header. */
export const REP_VISITS_COLUMNS = ['visit_id', 'institution_code', 'supplier_code', 'rep_id', 'visited_on', 'dept_code', 'host_staff_no'] as const;

/**
 * Visits in the screening contract's `rep_visits` columns: one row per host (a visit with two hosts
 * gives two rows with the same visit_id); supplier_code is the company's supplier code where the
 * office set one, else its credit code.
 */
export async function repVisitsCsv(ctx: Ctx, q: Partial<TVisitQuery>): Promise<string> {
  const list = await exportVisits(ctx, q);
  const [supplierCodes] = await Promise.all([
    ctx.db.select({ id: repCompanies.id, code: sql<string>`coalesce(${repCompanies.supplierCode}, ${repCompanies.creditCode})` }).from(repCompanies).where(scopeWhere(actorOf(ctx), { regionId: repCompanies.regionId })),
  ]);
  const lines = [REP_VISITS_COLUMNS.join(',')];
  for (const { row, visit } of list) {
    const supplier = supplierCodes.find((s) => s.id === row.v.companyId)?.code ?? '';
    const hosts = visit.hosts.length ? visit.hosts : [{ staffNo: '' }];
    for (const h of hosts)
      lines.push([row.v.id, row.institutionCode, supplier, row.v.repId, shanghaiDate(row.v.checkedInAt), row.departmentCode, h.staffNo].map(csvField).join(','));
  }
  await writeAudit(ctx, { action: 'rep.visits_export', targetType: 'rep_visit', institutionId: actorOf(ctx).institutionId, after: { ...q, format: 'csv', rows: list.length } });
  return `${lines.join('\r\n')}\r\n`;
}

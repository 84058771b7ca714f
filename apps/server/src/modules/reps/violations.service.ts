/**
 * Violations and sanctions. Staff report what they saw (a rep in a clinical area…); the office
 * records or confirms violations, and each confirmed violation of a company's reps at the institution
 * climbs the institution's sanction ladder: by default a summons, then the rep's products suspended,
 * then the company blacklisted — region-wide, so no institution of the region receives it.
 */
import {
  SUSPENSION_MONTHS,
  type TBlacklistEntry,
  type TBlacklistQuery,
  type TLadderPreview,
  type TPage,
  type TPurchaseSuspension,
  type TSanction,
  type TSightingInput,
  type TSuspensionQuery,
  type TViolation,
  type TViolationDecision,
  type TViolationFromCase,
  type TViolationInput,
  type TViolationQuery,
} from '@qinglian/contracts';
import { and, asc, count, desc, eq, gte, ilike, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import { formatShanghai } from '../../platform/time.ts';
import { buildXlsx } from '../../platform/xlsx.ts';
import { visibleCase } from '../reports/cases.access.ts';
import { departments, institutions } from '../org/org.tables.ts';
import { activeBlacklist, addMonths, todayOf, withTx } from './reps.common.ts';
import { rulesOf } from './rules.service.ts';
import { repBlacklist, repCompanies, repSanctions, reps, repViolations, repVisits } from './reps.tables.ts';

type Row = typeof repViolations.$inferSelect & { repName: string | null; companyName: string | null };
const present = (v: Row): TViolation => ({
  id: v.id,
  institutionId: v.institutionId,
  repId: v.repId,
  repName: v.repName ?? v.reportedRepName,
  companyId: v.companyId,
  companyName: v.companyName ?? v.reportedCompanyName,
  visitId: v.visitId,
  kind: v.kind,
  description: v.description,
  occurredAt: v.occurredAt.toISOString(),
  status: v.status,
  bookingId: v.bookingId,
  caseId: v.caseId,
  step: v.step,
  sanction: v.sanction,
  createdAt: v.createdAt.toISOString(),
});

const select = (c: Ctx) =>
  c.db
    .select({ v: repViolations, repName: reps.name, companyName: repCompanies.name })
    .from(repViolations)
    .leftJoin(reps, eq(reps.id, repViolations.repId))
    .leftJoin(repCompanies, eq(repCompanies.id, repViolations.companyId));

function violationWhere(ctx: Ctx, q: Partial<TViolationQuery>) {
  const conds: (SQL | undefined)[] = [scopeWhere(actorOf(ctx), { institutionId: repViolations.institutionId })];
  if (q.status) conds.push(eq(repViolations.status, q.status));
  if (q.companyId) conds.push(eq(repViolations.companyId, q.companyId));
  if (q.kind) conds.push(eq(repViolations.kind, q.kind));
  if (q.caseId) conds.push(eq(repViolations.caseId, q.caseId));
  if (q.q) {
    const like = likeOf(q.q);
    conds.push(or(ilike(reps.name, like), ilike(repViolations.reportedRepName, like), ilike(repCompanies.name, like), ilike(repViolations.reportedCompanyName, like), ilike(repViolations.description, like)));
  }
  return and(...conds);
}
const VIOLATION_SORT = { occurredAt: repViolations.occurredAt, repName: reps.name, companyName: repCompanies.name, kind: repViolations.kind, status: repViolations.status };

/** Violations at the caller's institution (region users: the region's); search and sort as every list. */
export async function listViolations(ctx: Ctx, q: TViolationQuery): Promise<TPage<TViolation>> {
  const where = violationWhere(ctx, q);
  const { limit, offset } = pageOf(q);
  const order = q.sort ? orderOf(q, VIOLATION_SORT, repViolations.occurredAt) : [desc(repViolations.occurredAt)];
  const [items, [total]] = await Promise.all([
    select(ctx)
      .where(where)
      .orderBy(...order, asc(repViolations.id))
      .limit(limit)
      .offset(offset),
    ctx.db
      .select({ n: count() })
      .from(repViolations)
      .leftJoin(reps, eq(reps.id, repViolations.repId))
      .leftJoin(repCompanies, eq(repCompanies.id, repViolations.companyId))
      .where(where),
  ]);
  return { items: items.map((r) => present({ ...r.v, repName: r.repName, companyName: r.companyName })), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function violationRow(ctx: Ctx, id: string): Promise<Row> {
  const [r] = await select(ctx).where(eq(repViolations.id, id));
  if (!r) throw notFound('violation');
  assertInScope(actorOf(ctx), { institutionId: r.v.institutionId });
  return { ...r.v, repName: r.repName, companyName: r.companyName };
}

/** A rep of the caller's region, for linking a violation. */
async function repOfRegion(ctx: Ctx, repId: string, field = 'repId') {
  const [rep] = await ctx.db.select().from(reps).where(eq(reps.id, repId));
  if (!rep || rep.regionId !== actorOf(ctx).regionId) throw invalid(field, 'unknown_rep');
  if (!rep.companyId) throw invalid(field, 'rep_not_submitted');
  return rep;
}

/** The office records a violation; confirmed at once unless `confirm` is false. */
export async function recordViolation(ctx: Ctx, input: TViolationInput): Promise<TViolation> {
  const actor = actorOf(ctx);
  const inst = actor.institutionId;
  if (!inst) throw invalid('institutionId', 'required');
  const id = await withTx(ctx, async (c) => {
    const rep = await repOfRegion(c, input.repId);
    if (input.visitId) {
      const [v] = await c.db.select().from(repVisits).where(eq(repVisits.id, input.visitId));
      if (!v || v.institutionId !== inst || v.repId !== rep.id) throw invalid('visitId', 'unknown_visit');
    }
    const [row] = await c.db
      .insert(repViolations)
      .values({
        institutionId: inst,
        repId: rep.id,
        companyId: rep.companyId,
        visitId: input.visitId ?? null,
        kind: input.kind,
        description: input.description,
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : c.platform.now(),
        status: 'reported',
        reportedBy: actor.accountId,
        createdAt: c.platform.now(),
      })
      .returning();
    await writeAudit(c, { action: 'rep.violation_record', targetType: 'rep_violation', targetId: row!.id, institutionId: inst, after: input });
    if (input.confirm) await confirm(c, row!.id, rep.id);
    return row!.id;
  });
  return present(await violationRow(ctx, id));
}

/** A member of staff reports a rep seen where reps may not be (the office confirms or dismisses it). */
export async function reportSighting(ctx: Ctx, input: TSightingInput): Promise<TViolation> {
  const actor = actorOf(ctx);
  const inst = actor.institutionId;
  if (!inst) throw invalid('institutionId', 'required');
  if (!input.repId && !input.repName && !input.companyName) throw invalid('repName', 'required');
  const id = await withTx(ctx, async (c) => {
    const rep = input.repId ? await repOfRegion(c, input.repId) : null;
    if (input.departmentId) {
      const [d] = await c.db.select().from(departments).where(eq(departments.id, input.departmentId));
      if (!d || d.institutionId !== inst) throw invalid('departmentId', 'wrong_institution');
    }
    const [row] = await c.db
      .insert(repViolations)
      .values({
        institutionId: inst,
        repId: rep?.id ?? null,
        companyId: rep?.companyId ?? null,
        departmentId: input.departmentId ?? null,
        kind: input.kind,
        description: input.description,
        reportedRepName: input.repName ?? null,
        reportedCompanyName: input.companyName ?? null,
        occurredAt: c.platform.now(),
        status: 'reported',
        reportedBy: actor.accountId,
        createdAt: c.platform.now(),
      })
      .returning();
    await writeAudit(c, { action: 'rep.sighting', targetType: 'rep_violation', targetId: row!.id, institutionId: inst, after: input });
    return row!.id;
  });
  const [r] = await select(ctx).where(eq(repViolations.id, id));
  return present({ ...r!.v, repName: r!.repName, companyName: r!.companyName });
}

/** The office confirms (linking the rep when the report named them only in words) or dismisses a report. */
export async function decideViolation(ctx: Ctx, id: string, input: TViolationDecision): Promise<TViolation> {
  await withTx(ctx, async (c) => {
    const v = await violationRow(c, id);
    if (v.institutionId !== actorOf(c).institutionId) throw notFound('violation');
    if (v.status !== 'reported') throw invalid('decision', 'violation_decided');
    if (input.decision === 'dismiss') {
      await c.db.update(repViolations).set({ status: 'dismissed', decidedAt: c.platform.now(), decidedBy: actorOf(c).accountId }).where(eq(repViolations.id, id));
      await writeAudit(c, { action: 'rep.violation_dismiss', targetType: 'rep_violation', targetId: id, institutionId: v.institutionId, after: { reason: input.reason ?? null } });
      return;
    }
    const repId = input.repId ?? v.repId;
    if (!repId) throw invalid('repId', 'required');
    await confirm(c, id, (await repOfRegion(c, repId)).id);
  });
  return present(await violationRow(ctx, id));
}

/** Confirms a violation and applies the ladder's next rung for the rep's company at this institution. */
async function confirm(c: Ctx, id: string, repId: string): Promise<void> {
  const actor = actorOf(c);
  const [v] = await c.db.select().from(repViolations).where(eq(repViolations.id, id));
  const [rep] = await c.db.select().from(reps).where(eq(reps.id, repId));
  const companyId = rep!.companyId!;
  // Serialise confirmations per company, so two at once cannot both be "the second".
  await c.db.select({ id: repCompanies.id }).from(repCompanies).where(eq(repCompanies.id, companyId)).for('update');
  const [prior] = await c.db
    .select({ n: count() })
    .from(repViolations)
    .where(and(eq(repViolations.institutionId, v!.institutionId), eq(repViolations.companyId, companyId), eq(repViolations.status, 'confirmed')));
  const step = (prior?.n ?? 0) + 1;
  const ladder = (await rulesOf(c.db, v!.institutionId)).ladder;
  const rung = ladder[Math.min(step, ladder.length) - 1]!;
  const today = todayOf(c);
  const now = c.platform.now();
  await c.db
    .update(repViolations)
    .set({ status: 'confirmed', repId, companyId, step, sanction: rung.kind, decidedAt: now, decidedBy: actor.accountId })
    .where(eq(repViolations.id, id));
  const endsOn = rung.kind === 'suspend_products' ? addMonths(today, suspensionMonths(rung.months)) : null;
  const [s] = await c.db
    .insert(repSanctions)
    .values({ institutionId: v!.institutionId, companyId, repId, violationId: id, kind: rung.kind, products: rung.kind === 'suspend_products' ? rep!.products : [], startsOn: today, endsOn, createdAt: now })
    .returning();
  let blacklistId: string | null = null;
  if (rung.kind === 'blacklist_company') {
    const [existing] = await c.db.select().from(repBlacklist).where(and(activeBlacklist(companyId), isNull(repBlacklist.repId)));
    if (!existing) {
      const [b] = await c.db
        .insert(repBlacklist)
        .values({ regionId: rep!.regionId, companyId, reason: `第 ${step} 次违规：${v!.description}`.slice(0, 500), sourceInstitutionId: v!.institutionId, violationId: id, createdBy: actor.accountId, createdAt: now })
        .returning();
      blacklistId = b!.id;
    }
  }
  await writeAudit(c, {
    action: 'rep.violation_confirm',
    targetType: 'rep_violation',
    targetId: id,
    institutionId: v!.institutionId,
    after: { repId, companyId, step, sanction: rung.kind, sanctionId: s!.id, endsOn, blacklistId },
  });
}

/** Sanctions imposed by the caller's institution (region users: the region's). */
export async function listSanctions(ctx: Ctx, q: { page: number; pageSize: number }): Promise<TPage<TSanction>> {
  const where = scopeWhere(actorOf(ctx), { institutionId: repSanctions.institutionId });
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({ s: repSanctions, companyName: repCompanies.name, repName: reps.name })
      .from(repSanctions)
      .innerJoin(repCompanies, eq(repCompanies.id, repSanctions.companyId))
      .leftJoin(reps, eq(reps.id, repSanctions.repId))
      .where(where)
      .orderBy(desc(repSanctions.createdAt))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(repSanctions).where(where),
  ]);
  const out = items.map(({ s, companyName, repName }) => ({ ...s, companyName, repName, createdAt: s.createdAt.toISOString() }));
  return { items: out, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

const blacklistSelect = (c: Ctx) =>
  c.db
    .select({ e: repBlacklist, companyName: repCompanies.name, creditCode: repCompanies.creditCode, repName: reps.name, sourceInstitutionName: institutions.name })
    .from(repBlacklist)
    .innerJoin(repCompanies, eq(repCompanies.id, repBlacklist.companyId))
    .leftJoin(reps, eq(reps.id, repBlacklist.repId))
    .leftJoin(institutions, eq(institutions.id, repBlacklist.sourceInstitutionId));
type BlRow = Awaited<ReturnType<ReturnType<typeof blacklistSelect>['where']>>[number];
const presentBl = ({ e, ...r }: BlRow): TBlacklistEntry => ({
  id: e.id,
  regionId: e.regionId,
  companyId: e.companyId,
  companyName: r.companyName,
  creditCode: r.creditCode,
  repId: e.repId,
  repName: r.repName,
  reason: e.reason,
  sourceInstitutionId: e.sourceInstitutionId,
  sourceInstitutionName: r.sourceInstitutionName,
  createdAt: e.createdAt.toISOString(),
  liftedAt: e.liftedAt?.toISOString() ?? null,
});

const BLACKLIST_SORT = { createdAt: repBlacklist.createdAt, companyName: repCompanies.name, liftedAt: repBlacklist.liftedAt };
function blacklistWhere(ctx: Ctx, q: Partial<TBlacklistQuery>) {
  const conds: (SQL | undefined)[] = [scopeWhere(actorOf(ctx), { regionId: repBlacklist.regionId })];
  if (q.active) conds.push(q.active === 'true' ? isNull(repBlacklist.liftedAt) : isNotNull(repBlacklist.liftedAt));
  if (q.q) {
    const like = likeOf(q.q);
    conds.push(or(ilike(repCompanies.name, like), ilike(repCompanies.creditCode, like), ilike(reps.name, like), ilike(repBlacklist.reason, like)));
  }
  return and(...conds);
}

/** The region's blacklist, visible to every institution of the region; search and sort as every list. */
export async function listBlacklist(ctx: Ctx, q: TBlacklistQuery): Promise<TPage<TBlacklistEntry>> {
  const where = blacklistWhere(ctx, q);
  const { limit, offset } = pageOf(q);
  const order = q.sort ? orderOf(q, BLACKLIST_SORT, repBlacklist.createdAt) : [desc(repBlacklist.createdAt)];
  const [items, [total]] = await Promise.all([
    blacklistSelect(ctx)
      .where(where)
      .orderBy(...order, asc(repBlacklist.id))
      .limit(limit)
      .offset(offset),
    ctx.db
      .select({ n: count() })
      .from(repBlacklist)
      .innerJoin(repCompanies, eq(repCompanies.id, repBlacklist.companyId))
      .leftJoin(reps, eq(reps.id, repBlacklist.repId))
      .where(where),
  ]);
  return { items: items.map(presentBl), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Blacklists a company (or one of its reps: the ban then follows the person by ID number) for the whole region. */
export async function addToBlacklist(ctx: Ctx, input: { companyId: string; repId?: string | null; reason: string }): Promise<TBlacklistEntry> {
  const actor = actorOf(ctx);
  const id = await withTx(ctx, async (c) => {
    const [company] = await c.db.select().from(repCompanies).where(eq(repCompanies.id, input.companyId));
    if (!company || company.regionId !== actor.regionId) throw invalid('companyId', 'unknown_company');
    let nationalIdHash: string | null = null;
    if (input.repId) {
      const [rep] = await c.db.select().from(reps).where(eq(reps.id, input.repId));
      if (!rep || rep.companyId !== company.id) throw invalid('repId', 'unknown_rep');
      nationalIdHash = rep.nationalIdHash;
    }
    const [b] = await c.db
      .insert(repBlacklist)
      .values({ regionId: company.regionId, companyId: company.id, repId: input.repId ?? null, nationalIdHash, reason: input.reason, sourceInstitutionId: actor.institutionId, createdBy: actor.accountId, createdAt: c.platform.now() })
      .returning();
    await writeAudit(c, { action: 'rep.blacklist_add', targetType: 'rep_blacklist', targetId: b!.id, regionId: company.regionId, institutionId: actor.institutionId, after: input });
    return b!.id;
  });
  const [row] = await blacklistSelect(ctx).where(eq(repBlacklist.id, id));
  return presentBl(row!);
}

/**
 * Lifts a blacklist entry, with a reason. Only the institution that imposed it, or the region's
 * supervisors and administrators, may lift it: another institution of the region gets a 403, anyone
 * outside the region a 404.
 */
export async function liftBlacklist(ctx: Ctx, id: string, reason: string): Promise<TBlacklistEntry> {
  const actor = actorOf(ctx);
  await withTx(ctx, async (c) => {
    const [e] = await c.db.select().from(repBlacklist).where(eq(repBlacklist.id, id));
    if (!e) throw notFound('blacklist');
    assertInScope(actor, { regionId: e.regionId });
    const regionUser = scopeOf(actor) === 'region';
    if (!regionUser && (!actor.institutionId || actor.institutionId !== e.sourceInstitutionId)) throw forbidden();
    if (e.liftedAt) throw invalid('id', 'already_lifted');
    await c.db.update(repBlacklist).set({ liftedAt: c.platform.now(), liftedBy: actor.accountId, liftReason: reason }).where(eq(repBlacklist.id, id));
    await writeAudit(c, { action: 'rep.blacklist_lift', targetType: 'rep_blacklist', targetId: id, regionId: e.regionId, institutionId: actor.institutionId, after: { reason } });
  });
  const [row] = await blacklistSelect(ctx).where(eq(repBlacklist.id, id));
  return presentBl(row!);
}

/** The blacklist as .xlsx (same filters as the list); the export is audited. */
export async function blacklistXlsx(ctx: Ctx, q: Partial<TBlacklistQuery>): Promise<Buffer> {
  const rows = (await blacklistSelect(ctx).where(blacklistWhere(ctx, q)).orderBy(desc(repBlacklist.createdAt)).limit(50_000)).map(presentBl);
  await writeAudit(ctx, { action: 'rep.blacklist_export', targetType: 'rep_blacklist', regionId: actorOf(ctx).regionId, institutionId: actorOf(ctx).institutionId, after: { ...q, rows: rows.length } });
  return buildXlsx('医药代表黑名单', [
    { header: '企业', width: 28, value: (r: TBlacklistEntry) => r.companyName },
    { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
    { header: '范围', width: 10, value: (r) => (r.repId ? `个人：${r.repName ?? ''}` : '整个企业') },
    { header: '原因', width: 40, value: (r) => r.reason },
    { header: '决定机构', width: 18, value: (r) => r.sourceInstitutionName ?? '本地区' },
    { header: '列入时间', width: 20, value: (r) => formatShanghai(new Date(r.createdAt)) },
    { header: '解除时间', width: 20, value: (r) => (r.liftedAt ? formatShanghai(new Date(r.liftedAt)) : '') },
  ], rows);
}

const KIND_LABEL: Record<TViolation['kind'], string> = {
  no_booking: '未预约来访',
  identity_mismatch: '身份不符',
  clinical_area: '进入临床区域',
  prescription_stats: '统方',
  gift: '送礼',
  wrong_place: '未在规定地点',
  other: '其他',
};
const STATUS_LABEL: Record<TViolation['status'], string> = { reported: '待确认', confirmed: '已确认', dismissed: '不予认定' };
const SANCTION_LABEL: Record<TSanction['kind'], string> = { summon: '约谈企业', suspend_products: '暂停采购', blacklist_company: '列入黑名单' };

/** Violations as .xlsx (same filters as the list); the export is audited. */
export async function violationsXlsx(ctx: Ctx, q: Partial<TViolationQuery>): Promise<Buffer> {
  const list = (await select(ctx).where(violationWhere(ctx, q)).orderBy(desc(repViolations.occurredAt)).limit(50_000)).map((r) => present({ ...r.v, repName: r.repName, companyName: r.companyName }));
  await writeAudit(ctx, { action: 'rep.violations_export', targetType: 'rep_violation', institutionId: actorOf(ctx).institutionId, after: { ...q, rows: list.length } });
  return buildXlsx('医药代表违规记录', [
    { header: '发生时间', width: 20, value: (r: TViolation) => formatShanghai(new Date(r.occurredAt)) },
    { header: '医药代表', width: 12, value: (r) => r.repName },
    { header: '企业', width: 28, value: (r) => r.companyName },
    { header: '类型', width: 14, value: (r) => KIND_LABEL[r.kind] },
    { header: '情况', width: 40, value: (r) => r.description },
    { header: '状态', width: 10, value: (r) => STATUS_LABEL[r.status] },
    { header: '第几次', width: 8, value: (r) => r.step },
    { header: '处理', width: 12, value: (r) => (r.sanction ? SANCTION_LABEL[r.sanction] : '') },
  ], list);
}

/** What confirming a violation of this rep would trigger at the caller's institution (the next rung of the ladder). */
export async function ladderPreview(ctx: Ctx, repId: string): Promise<TLadderPreview> {
  const inst = actorOf(ctx).institutionId;
  if (!inst) throw invalid('institutionId', 'required');
  const rep = await repOfRegion(ctx, repId);
  const [company] = await ctx.db.select().from(repCompanies).where(eq(repCompanies.id, rep.companyId!));
  const [prior] = await ctx.db
    .select({ n: count() })
    .from(repViolations)
    .where(and(eq(repViolations.institutionId, inst), eq(repViolations.companyId, rep.companyId!), eq(repViolations.status, 'confirmed')));
  const step = (prior?.n ?? 0) + 1;
  const ladder = (await rulesOf(ctx.db, inst)).ladder;
  const rung = ladder[Math.min(step, ladder.length) - 1]!;
  return { companyId: company!.id, companyName: company!.name, step, kind: rung.kind, months: rung.kind === 'suspend_products' ? suspensionMonths(rung.months) : 0 };
}

/** A suspension's length within the three to six months the rules allow. */
const suspensionMonths = (m: number) => Math.min(SUSPENSION_MONTHS.max, Math.max(SUSPENSION_MONTHS.min, m || SUSPENSION_MONTHS.min));

function suspensionWhere(ctx: Ctx, q: Partial<TSuspensionQuery>) {
  const actor = actorOf(ctx);
  const conds: (SQL | undefined)[] = [
    scopeWhere(actor, { institutionId: repSanctions.institutionId }),
    eq(repSanctions.kind, 'suspend_products'),
    gte(repSanctions.endsOn, todayOf(ctx)),
  ];
  if (q.institutionId) conds.push(eq(repSanctions.institutionId, q.institutionId));
  if (q.q) {
    const like = likeOf(q.q);
    conds.push(or(ilike(repCompanies.name, like), ilike(repCompanies.creditCode, like), sql`${repSanctions.products}::text ilike ${like}`));
  }
  return and(...conds);
}
const suspensionSelect = (c: Ctx) =>
  c.db
    .select({ s: repSanctions, companyName: repCompanies.name, creditCode: repCompanies.creditCode, repName: reps.name, institutionName: institutions.name })
    .from(repSanctions)
    .innerJoin(repCompanies, eq(repCompanies.id, repSanctions.companyId))
    .innerJoin(institutions, eq(institutions.id, repSanctions.institutionId))
    .leftJoin(reps, eq(reps.id, repSanctions.repId));
type SusRow = Awaited<ReturnType<ReturnType<typeof suspensionSelect>['where']>>[number];
const presentSus = ({ s, ...r }: SusRow): TPurchaseSuspension => ({
  id: s.id,
  institutionId: s.institutionId,
  institutionName: r.institutionName,
  companyId: s.companyId,
  companyName: r.companyName,
  creditCode: r.creditCode,
  repName: r.repName,
  products: s.products,
  startsOn: s.startsOn,
  endsOn: s.endsOn!,
  violationId: s.violationId,
});
const SUSPENSION_SORT = { endsOn: repSanctions.endsOn, startsOn: repSanctions.startsOn, companyName: repCompanies.name };

/** Purchase suspensions in force (products, company, until) at the caller's institution (region users: the region's). */
export async function listSuspensions(ctx: Ctx, q: TSuspensionQuery): Promise<TPage<TPurchaseSuspension>> {
  const where = suspensionWhere(ctx, q);
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    suspensionSelect(ctx)
      .where(where)
      .orderBy(...orderOf(q, SUSPENSION_SORT, repSanctions.endsOn), asc(repSanctions.id))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(repSanctions).innerJoin(repCompanies, eq(repCompanies.id, repSanctions.companyId)).where(where),
  ]);
  return { items: items.map(presentSus), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The suspensions in force as .xlsx for procurement; the export is audited. */
export async function suspensionsXlsx(ctx: Ctx, q: Partial<TSuspensionQuery>): Promise<Buffer> {
  const rows = (await suspensionSelect(ctx).where(suspensionWhere(ctx, q)).orderBy(asc(repSanctions.endsOn)).limit(50_000)).map(presentSus);
  await writeAudit(ctx, { action: 'rep.suspensions_export', targetType: 'rep_sanction', institutionId: actorOf(ctx).institutionId, after: { ...q, rows: rows.length } });
  return buildXlsx('暂停采购清单', [
    { header: '医疗机构', width: 18, value: (r: TPurchaseSuspension) => r.institutionName },
    { header: '企业', width: 28, value: (r) => r.companyName },
    { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
    { header: '暂停采购的产品', width: 40, value: (r) => r.products.join('、') },
    { header: '起始日', width: 12, value: (r) => r.startsOn },
    { header: '截止日', width: 12, value: (r) => r.endsOn },
    { header: '违规代表', width: 12, value: (r) => r.repName },
  ], rows);
}

/**
 * The office turns a patient's integrity-code report of a rep in a clinical area into a violation
 * (kind `clinical_area`) of the rep it picked, linked to the case; once per case.
 */
export async function violationFromCase(ctx: Ctx, input: TViolationFromCase): Promise<TViolation> {
  const actor = actorOf(ctx);
  const inst = actor.institutionId;
  if (!inst) throw invalid('institutionId', 'required');
  const id = await withTx(ctx, async (c) => {
    const kase = await visibleCase(c.db, actor, input.caseId);
    if (kase.institutionId !== inst) throw notFound('case');
    if (kase.category !== 'rep_in_clinical') throw invalid('caseId', 'case_not_rep_report');
    const [dup] = await c.db.select({ id: repViolations.id }).from(repViolations).where(eq(repViolations.caseId, kase.id));
    if (dup) throw conflict('caseId', 'case_already_recorded');
    const rep = await repOfRegion(c, input.repId);
    const description = input.description ?? `患者通过医廉码反映（${kase.number}）：${kase.text}`.slice(0, 2000);
    const [row] = await c.db
      .insert(repViolations)
      .values({
        institutionId: inst,
        repId: rep.id,
        companyId: rep.companyId,
        departmentId: kase.departmentId,
        caseId: kase.id,
        kind: 'clinical_area',
        description,
        occurredAt: kase.receivedAt,
        status: 'reported',
        reportedBy: actor.accountId,
        createdAt: c.platform.now(),
      })
      .returning();
    await writeAudit(c, { action: 'rep.violation_from_case', targetType: 'rep_violation', targetId: row!.id, institutionId: inst, after: { caseId: kase.id, caseNumber: kase.number, repId: rep.id } });
    if (input.confirm) await confirm(c, row!.id, rep.id);
    return row!.id;
  });
  return present(await violationRow(ctx, id));
}

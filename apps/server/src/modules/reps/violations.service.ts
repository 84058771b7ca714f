/**
 * Violations and sanctions. Staff report what they saw (a rep in a clinical area…); the office
 * records or confirms violations, and each confirmed violation of a company's reps at the institution
 * climbs the institution's sanction ladder: by default a summons, then the rep's products suspended,
 * then the company blacklisted — region-wide, so no institution of the region receives it.
 */
import type { TBlacklistEntry, TPage, TSanction, TSightingInput, TViolation, TViolationDecision, TViolationInput } from '@qinglian/contracts';
import { and, asc, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/pagination.ts';
import { departments, institutions } from '../org/org.tables.ts';
import { activeBlacklist, addDays, todayOf, withTx } from './reps.common.ts';
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

/** Violations at the caller's institution (region users: the region's). */
export async function listViolations(ctx: Ctx, q: { page: number; pageSize: number; status?: TViolation['status']; companyId?: string }): Promise<TPage<TViolation>> {
  const conds: (SQL | undefined)[] = [scopeWhere(actorOf(ctx), { institutionId: repViolations.institutionId })];
  if (q.status) conds.push(eq(repViolations.status, q.status));
  if (q.companyId) conds.push(eq(repViolations.companyId, q.companyId));
  const where = and(...conds);
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    select(ctx).where(where).orderBy(desc(repViolations.occurredAt), asc(repViolations.id)).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(repViolations).where(where),
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
  const endsOn = rung.kind === 'suspend_products' ? addDays(today, Math.round((rung.months || 3) * 30.4)) : null;
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
  sourceInstitutionName: r.sourceInstitutionName,
  createdAt: e.createdAt.toISOString(),
  liftedAt: e.liftedAt?.toISOString() ?? null,
});

/** The region's blacklist, visible to every institution of the region. */
export async function listBlacklist(ctx: Ctx, q: { page: number; pageSize: number; active?: 'true' | 'false' }): Promise<TPage<TBlacklistEntry>> {
  const conds: (SQL | undefined)[] = [scopeWhere(actorOf(ctx), { regionId: repBlacklist.regionId })];
  if (q.active) conds.push(q.active === 'true' ? isNull(repBlacklist.liftedAt) : undefined);
  const where = and(...conds);
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    blacklistSelect(ctx).where(where).orderBy(desc(repBlacklist.createdAt)).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(repBlacklist).where(where),
  ]);
  return { items: items.map(presentBl), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Blacklists a company (or one of its reps) for the whole region. */
export async function addToBlacklist(ctx: Ctx, input: { companyId: string; repId?: string | null; reason: string }): Promise<TBlacklistEntry> {
  const actor = actorOf(ctx);
  const id = await withTx(ctx, async (c) => {
    const [company] = await c.db.select().from(repCompanies).where(eq(repCompanies.id, input.companyId));
    if (!company || company.regionId !== actor.regionId) throw invalid('companyId', 'unknown_company');
    if (input.repId) {
      const [rep] = await c.db.select().from(reps).where(eq(reps.id, input.repId));
      if (!rep || rep.companyId !== company.id) throw invalid('repId', 'unknown_rep');
    }
    const [b] = await c.db
      .insert(repBlacklist)
      .values({ regionId: company.regionId, companyId: company.id, repId: input.repId ?? null, reason: input.reason, sourceInstitutionId: actor.institutionId, createdBy: actor.accountId, createdAt: c.platform.now() })
      .returning();
    await writeAudit(c, { action: 'rep.blacklist_add', targetType: 'rep_blacklist', targetId: b!.id, regionId: company.regionId, institutionId: actor.institutionId, after: input });
    return b!.id;
  });
  const [row] = await blacklistSelect(ctx).where(eq(repBlacklist.id, id));
  return presentBl(row!);
}

/** Lifts a blacklist entry of the caller's region, with a reason. */
export async function liftBlacklist(ctx: Ctx, id: string, reason: string): Promise<TBlacklistEntry> {
  const actor = actorOf(ctx);
  await withTx(ctx, async (c) => {
    const [e] = await c.db.select().from(repBlacklist).where(eq(repBlacklist.id, id));
    if (!e) throw notFound('blacklist');
    assertInScope(actor, { regionId: e.regionId });
    if (e.liftedAt) throw invalid('id', 'already_lifted');
    await c.db.update(repBlacklist).set({ liftedAt: c.platform.now(), liftedBy: actor.accountId, liftReason: reason }).where(eq(repBlacklist.id, id));
    await writeAudit(c, { action: 'rep.blacklist_lift', targetType: 'rep_blacklist', targetId: id, regionId: e.regionId, institutionId: actor.institutionId, after: { reason } });
  });
  const [row] = await blacklistSelect(ctx).where(eq(repBlacklist.id, id));
  return presentBl(row!);
}

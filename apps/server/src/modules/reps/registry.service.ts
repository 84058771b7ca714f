/**
 * The office's view of the region-wide registry: companies and reps (scoped by region), each rep's
 * standing at the caller's institution, and the institution's decisions on them.
 */
import { outer } from '../../platform/db.ts';
import type { TCompanyInput, TPage, TRepCompany, TRepDecision, TRepDetail, TRepQuery, TRepStatus } from '@qinglian/contracts';
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { getBlob } from '../../platform/blobs.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { likeOf, pageOf } from '../../platform/pagination.ts';
import { attachments } from '../../platform/platform.tables.ts';
import { institutions } from '../org/org.tables.ts';
import { companyBlacklistedSql, formerBlacklistedCompanySql, presentSummary, regionStatus, statusAt, summaryColumns, todayOf, withTx } from './reps.common.ts';
import { repApprovals, repCompanies, repViolations, reps } from './reps.tables.ts';

const repCount = sql<number>`(select count(*) from ${reps} where ${reps.companyId} = ${repCompanies.id})`.mapWith(Number);
const companyColumns = {
  id: repCompanies.id,
  regionId: repCompanies.regionId,
  name: repCompanies.name,
  creditCode: repCompanies.creditCode,
  supplierCode: repCompanies.supplierCode,
  kind: repCompanies.kind,
  licenceNo: repCompanies.licenceNo,
  licenceFileId: repCompanies.licenceFileId,
  blacklisted: companyBlacklistedSql.mapWith(Boolean),
  repCount,
  createdAt: repCompanies.createdAt,
};
type CompanyRow = { licenceFileId: string | null; createdAt: Date } & Omit<TRepCompany, 'hasLicence' | 'createdAt'>;
const presentCompany = ({ licenceFileId, createdAt, ...c }: CompanyRow): TRepCompany => ({ ...c, hasLicence: !!licenceFileId, createdAt: createdAt.toISOString() });

/** Companies of the caller's region. */
export async function listCompanies(ctx: Ctx, q: { page: number; pageSize: number; q?: string; blacklisted?: 'true' | 'false' }): Promise<TPage<TRepCompany>> {
  const conds: (SQL | undefined)[] = [scopeWhere(actorOf(ctx), { regionId: repCompanies.regionId })];
  if (q.q) conds.push(or(ilike(repCompanies.name, likeOf(q.q)), ilike(repCompanies.creditCode, likeOf(q.q))));
  if (q.blacklisted) conds.push(q.blacklisted === 'true' ? companyBlacklistedSql : sql`not ${companyBlacklistedSql}`);
  const where = and(...conds);
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    ctx.db.select(companyColumns).from(repCompanies).where(where).orderBy(asc(repCompanies.name), asc(repCompanies.id)).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(repCompanies).where(where),
  ]);
  return { items: items.map(presentCompany), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** One company of the caller's region; 404 otherwise. */
export async function getCompany(ctx: Ctx, id: string): Promise<TRepCompany> {
  const [row] = await ctx.db.select(companyColumns).from(repCompanies).where(eq(repCompanies.id, id));
  if (!row) throw notFound('company');
  assertInScope(actorOf(ctx), { regionId: row.regionId });
  return presentCompany(row);
}

/** Registers a company in the caller's region; the credit code is unique there. */
export async function createCompany(ctx: Ctx, input: TCompanyInput): Promise<TRepCompany> {
  const actor = actorOf(ctx);
  const id = await withTx(ctx, async (c) => {
    const [dup] = await c.db.select({ id: repCompanies.id }).from(repCompanies).where(and(eq(repCompanies.regionId, actor.regionId), eq(repCompanies.creditCode, input.creditCode)));
    if (dup) throw conflict('creditCode');
    const [row] = await c.db.insert(repCompanies).values({ ...input, regionId: actor.regionId }).returning();
    await writeAudit(c, { action: 'rep.company_create', targetType: 'rep_company', targetId: row!.id, regionId: actor.regionId, after: input });
    return row!.id;
  });
  return getCompany(ctx, id);
}

/** Edits a company's name, kind, licence number or supplier code. */
export async function updateCompany(ctx: Ctx, id: string, patch: Partial<TCompanyInput>): Promise<TRepCompany> {
  await withTx(ctx, async (c) => {
    const before = await getCompany(c, id);
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (!Object.keys(set).length) return;
    await c.db.update(repCompanies).set({ ...set, updatedAt: c.platform.now() }).where(eq(repCompanies.id, id));
    await writeAudit(c, { action: 'rep.company_update', targetType: 'rep_company', targetId: id, regionId: before.regionId, before, after: set });
  });
  return getCompany(ctx, id);
}

/** The standing column for the caller: at their institution, or region-wide for region users. */
function statusFor(ctx: Ctx) {
  const actor = actorOf(ctx);
  const today = todayOf(ctx);
  if (scopeOf(actor) === 'region' || !actor.institutionId) return { status: regionStatus(today), until: sql<string | null>`null` };
  const until = sql<string | null>`(select a.suspended_until::text from ${repApprovals} a where a.rep_id = ${outer(reps.id)} and a.institution_id = ${actor.institutionId})`;
  return { status: statusAt(actor.institutionId, today), until };
}

/**
 * Reps in the caller's region. An institution's office lists the reps who applied to it (filter
 * `status`), with their standing there; region users list the whole registry.
 */
export async function listReps(ctx: Ctx, q: TRepQuery) {
  const actor = actorOf(ctx);
  const { status, until } = statusFor(ctx);
  const conds: (SQL | undefined)[] = [scopeWhere(actor, { regionId: reps.regionId })];
  if (scopeOf(actor) !== 'region' && actor.institutionId)
    conds.push(sql`(exists (select 1 from ${repApprovals} a where a.rep_id = ${outer(reps.id)} and a.institution_id = ${actor.institutionId}) or ${status} = 'blacklisted')`);
  if (q.q) conds.push(or(ilike(reps.name, likeOf(q.q)), ilike(repCompanies.name, likeOf(q.q)), ilike(reps.filingNo, likeOf(q.q))));
  if (q.companyId) conds.push(eq(reps.companyId, q.companyId));
  if (q.status) conds.push(sql`${status} = ${q.status}`);
  if (q.flagged) conds.push(q.flagged === 'true' ? sql`${formerBlacklistedCompanySql} is not null` : sql`${formerBlacklistedCompanySql} is null`);
  const where = and(...conds);
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(summaryColumns(status, until))
      .from(reps)
      .leftJoin(repCompanies, eq(repCompanies.id, reps.companyId))
      .where(where)
      .orderBy(desc(reps.submittedAt), asc(reps.id))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(reps).leftJoin(repCompanies, eq(repCompanies.id, reps.companyId)).where(where),
  ]);
  return { items: items.map(presentSummary), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** One rep of the caller's region with the approvals the caller may see; 404 otherwise. */
export async function getRep(ctx: Ctx, id: string): Promise<TRepDetail> {
  const actor = actorOf(ctx);
  const { status, until } = statusFor(ctx);
  const [row] = await ctx.db.select(summaryColumns(status, until)).from(reps).leftJoin(repCompanies, eq(repCompanies.id, reps.companyId)).where(eq(reps.id, id));
  if (!row) throw notFound('rep');
  assertInScope(actor, { regionId: row.regionId });
  const approvals = await ctx.db
    .select({ a: repApprovals, institutionName: institutions.name })
    .from(repApprovals)
    .innerJoin(institutions, eq(institutions.id, repApprovals.institutionId))
    .where(and(eq(repApprovals.repId, id), scopeWhere(actor, { institutionId: repApprovals.institutionId })));
  const [v] = await ctx.db
    .select({ n: count() })
    .from(repViolations)
    .where(and(eq(repViolations.repId, id), eq(repViolations.status, 'confirmed'), scopeWhere(actor, { institutionId: repViolations.institutionId })));
  return {
    ...presentSummary(row),
    approvals: approvals.map(({ a, institutionName }) => ({
      institutionId: a.institutionId,
      institutionName,
      status: a.status,
      reason: a.reason,
      suspendedUntil: a.suspendedUntil,
      decidedAt: a.decidedAt?.toISOString() ?? null,
    })),
    violations: v?.n ?? 0,
  };
}

const REFUSE_APPROVAL: Partial<Record<TRepStatus, string>> = { draft: 'rep_not_submitted', expired: 'rep_expired', blacklisted: 'rep_blacklisted' };

/** The office approves, rejects, suspends or reinstates a rep at its own institution. */
export async function decideRep(ctx: Ctx, id: string, input: TRepDecision): Promise<TRepDetail> {
  const actor = actorOf(ctx);
  const inst = actor.institutionId;
  if (!inst) throw notFound('rep');
  await withTx(ctx, async (c) => {
    const rep = await getRep(c, id);
    if (input.decision !== 'reject' && input.decision !== 'suspend' && REFUSE_APPROVAL[rep.status]) throw invalid('decision', REFUSE_APPROVAL[rep.status]!);
    if ((input.decision === 'reject' || input.decision === 'suspend') && !input.reason) throw invalid('reason', 'required');
    // Receiving someone who came over from a blacklisted company is a decision the office explains.
    if ((input.decision === 'approve' || input.decision === 'reinstate') && rep.formerBlacklistedCompany && !input.reason) throw invalid('reason', 'former_blacklisted_reason');
    if (input.decision === 'suspend' && !input.until) throw invalid('until', 'required');
    if (input.decision === 'suspend' && input.until! < todayOf(c)) throw invalid('until', 'date_past');
    const status = ({ approve: 'approved', reinstate: 'approved', reject: 'rejected', suspend: 'suspended' } as const)[input.decision];
    const now = c.platform.now();
    const values = { status, reason: input.reason ?? null, suspendedUntil: input.decision === 'suspend' ? input.until! : null, decidedAt: now, decidedBy: actor.accountId };
    await c.db
      .insert(repApprovals)
      .values({ repId: id, institutionId: inst, createdAt: now, ...values })
      .onConflictDoUpdate({ target: [repApprovals.repId, repApprovals.institutionId], set: values });
    await writeAudit(c, { action: `rep.${input.decision}`, targetType: 'rep', targetId: id, institutionId: inst, before: { status: rep.status }, after: values });
  });
  return getRep(ctx, id);
}

/** A rep's photo or authorisation letter, or their company's licence, for an office of the region. */
export async function repFile(ctx: Ctx, id: string, kind: 'photo' | 'letter' | 'licence') {
  const [row] = await ctx.db
    .select({ regionId: reps.regionId, photo: reps.photoFileId, letter: reps.letterFileId, licence: repCompanies.licenceFileId })
    .from(reps)
    .leftJoin(repCompanies, eq(repCompanies.id, reps.companyId))
    .where(eq(reps.id, id));
  if (!row) throw notFound('rep');
  assertInScope(actorOf(ctx), { regionId: row.regionId });
  return fileById(ctx, row[kind]);
}

/** The bytes and type of a stored rep document. */
export async function fileById(ctx: Ctx, fileId: string | null) {
  if (!fileId) throw notFound('file');
  const [f] = await ctx.db.select().from(attachments).where(eq(attachments.id, fileId));
  if (!f) throw notFound('file');
  return { mime: f.mime, filename: f.filename, data: await getBlob(ctx.platform.config.dataDir, f.sha256) };
}

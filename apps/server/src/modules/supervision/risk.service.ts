/** Integrity risk points (廉政风险点): likelihood × impact on the institution's matrix, control measures, reviews. */
import type { TRiskPoint } from '@qinglian/contracts';
import { and, asc, count, eq, ilike, inArray, lt, max, or, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { type Db, inTx } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { cancelJobsWithPrefix, registerJobHandler, scheduleJob } from '../../platform/jobs.ts';
import { likeOf, pageOf } from '../../platform/pagination.ts';
import { attachments } from '../../platform/platform.tables.ts';
import { notify } from '../notifications/notifications.service.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { RISK_LIBRARY } from './risk.library.ts';
import { accountsWithRole, checkDepartments, checkPeople, morningOf, targetInstitution, todayShanghai } from './supervision.common.ts';
import { riskMatrix, riskMeasures, riskPoints } from './supervision.tables.ts';

type Point = typeof riskPoints.$inferSelect;
type Level = TRiskPoint['level'];

/** The level of a score on a matrix (defaults 5 / 10 / 17 on the 5×5 grid). */
export function levelOf(score: number, m: { medium: number; high: number; critical: number }): Level {
  return score >= m.critical ? 'critical' : score >= m.high ? 'high' : score >= m.medium ? 'medium' : 'low';
}

/** The default matrix: 5×5, levels from 5 / 10 / 17. */
export const DEFAULT_MATRIX = { likelihoodLevels: 5, impactLevels: 5, medium: 5, high: 10, critical: 17 };
type Matrix = typeof DEFAULT_MATRIX & { institutionId: string };

async function matrixOf(db: Db, institutionId: string): Promise<Matrix> {
  const [m] = await db.select().from(riskMatrix).where(eq(riskMatrix.institutionId, institutionId));
  return m ?? { institutionId, ...DEFAULT_MATRIX };
}

/** A 400 naming the axis when a likelihood or impact is beyond the institution's scale. */
async function checkScale(db: Db, institutionId: string, v: { likelihood?: number; impact?: number }) {
  const m = await matrixOf(db, institutionId);
  if (v.likelihood !== undefined && v.likelihood > m.likelihoodLevels) throw invalid('likelihood', 'above_scale');
  if (v.impact !== undefined && v.impact > m.impactLevels) throw invalid('impact', 'above_scale');
}

/** A 400 naming `attachmentIds` unless every file was uploaded in the institution (or by the caller). */
async function checkAttachments(ctx: Ctx, institutionId: string, ids: string[] | undefined) {
  if (!ids?.length) return;
  const actor = actorOf(ctx);
  const found = await ctx.db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(inArray(attachments.id, ids), or(eq(attachments.institutionId, institutionId), actor.accountId ? eq(attachments.uploadedBy, actor.accountId) : undefined)));
  if (found.length !== new Set(ids).size) throw invalid('attachmentIds', 'wrong_institution');
}

const scope = (ctx: Ctx) => scopeWhere(actorOf(ctx), { institutionId: riskPoints.institutionId, departmentId: riskPoints.departmentId });

async function present(ctx: Ctx, rows: (Point & { departmentName: string | null })[]): Promise<TRiskPoint[]> {
  if (!rows.length) return [];
  const measures = await ctx.db
    .select({ m: riskMeasures, ownerName: people.name })
    .from(riskMeasures)
    .leftJoin(people, eq(people.id, riskMeasures.ownerId))
    .where(inArray(riskMeasures.riskPointId, rows.map((r) => r.id)))
    .orderBy(asc(riskMeasures.createdAt));
  const matrices = new Map<string, Matrix>();
  const today = todayShanghai(ctx.platform.now());
  const out: TRiskPoint[] = [];
  for (const r of rows) {
    if (!matrices.has(r.institutionId)) matrices.set(r.institutionId, await matrixOf(ctx.db, r.institutionId));
    const score = r.likelihood * r.impact;
    out.push({
      id: r.id,
      institutionId: r.institutionId,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      postName: r.postName,
      process: r.process as TRiskPoint['process'],
      title: r.title,
      description: r.description,
      likelihood: r.likelihood,
      impact: r.impact,
      score,
      level: levelOf(score, matrices.get(r.institutionId)!),
      reviewOn: r.reviewOn,
      reviewOverdue: !!r.reviewOn && r.reviewOn < today,
      libraryKey: r.libraryKey,
      active: r.active,
      measures: measures
        .filter((m) => m.m.riskPointId === r.id)
        .map((m) => ({ id: m.m.id, description: m.m.description, ownerId: m.m.ownerId, ownerName: m.ownerName, status: m.m.status, dueOn: m.m.dueOn, evidence: m.m.evidence, attachmentIds: m.m.attachmentIds })),
    });
  }
  return out;
}

const select = (db: Db) =>
  db
    .select({ p: riskPoints, departmentName: departments.name })
    .from(riskPoints)
    .leftJoin(departments, eq(departments.id, riskPoints.departmentId));

type RiskQuery = {
  page: number;
  pageSize: number;
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  institutionId?: string;
  departmentId?: string;
  process?: string;
  level?: Level;
  reviewOverdue?: boolean;
  active?: boolean;
  all?: boolean;
};

const LEVEL_RANK: Record<Level, number> = { low: 0, medium: 1, high: 2, critical: 3 };
/** Sort keys of the list (level and measures are computed, so the list sorts after scoring). */
const SORTS: Record<string, (a: TRiskPoint, b: TRiskPoint) => number> = {
  title: (a, b) => a.title.localeCompare(b.title, 'zh-CN'),
  department: (a, b) => (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'zh-CN'),
  process: (a, b) => a.process.localeCompare(b.process),
  score: (a, b) => a.score - b.score,
  level: (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.score - b.score,
  measures: (a, b) => a.measures.length - b.measures.length,
  reviewOn: (a, b) => (a.reviewOn ?? '9999').localeCompare(b.reviewOn ?? '9999'),
};

/** Risk points in scope with their measures: search, filters (active by default), sorting. */
export async function listRisks(ctx: Ctx, q: RiskQuery) {
  const w = and(
    scope(ctx),
    q.all ? undefined : eq(riskPoints.active, q.active ?? true),
    q.institutionId ? eq(riskPoints.institutionId, q.institutionId) : undefined,
    q.departmentId ? eq(riskPoints.departmentId, q.departmentId) : undefined,
    q.process ? eq(riskPoints.process, q.process) : undefined,
    q.reviewOverdue ? lt(riskPoints.reviewOn, todayShanghai(ctx.platform.now())) : undefined,
    q.q ? or(ilike(riskPoints.title, likeOf(q.q)), ilike(riskPoints.description, likeOf(q.q))) : undefined,
  ) as SQL;
  const { limit, offset } = pageOf(q);
  // Without a level filter or a sort, the database pages and counts (the home page's to-do count asks
  // every minute). Level depends on each institution's matrix, so those are applied after scoring.
  if (!q.level && !q.sort) {
    const [rows, [total]] = await Promise.all([
      select(ctx.db).where(w).orderBy(asc(departments.code), asc(riskPoints.title), asc(riskPoints.id)).limit(limit).offset(offset),
      ctx.db.select({ n: count() }).from(riskPoints).where(w),
    ]);
    const page = await present(ctx, rows.map((r) => ({ ...r.p, departmentName: r.departmentName })));
    return { items: page, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  }
  const rows = await select(ctx.db).where(w).orderBy(asc(departments.code), asc(riskPoints.title), asc(riskPoints.id));
  let items = await present(ctx, rows.map((r) => ({ ...r.p, departmentName: r.departmentName })));
  if (q.level) items = items.filter((i) => i.level === q.level);
  const by = q.sort ? SORTS[q.sort] : undefined;
  if (by) items = items.sort((a, b) => (q.order === 'desc' ? -by(a, b) : by(a, b)));
  return { items: items.slice(offset, offset + limit), total: items.length, page: q.page, pageSize: q.pageSize };
}

async function loadPoint(ctx: Ctx, id: string): Promise<Point> {
  const [p] = await ctx.db.select().from(riskPoints).where(eq(riskPoints.id, id));
  if (!p) throw notFound('risk_point');
  assertInScope(actorOf(ctx), { institutionId: p.institutionId, departmentId: p.departmentId });
  return p;
}

/** One risk point. */
export async function getRisk(ctx: Ctx, id: string): Promise<TRiskPoint> {
  const p = await loadPoint(ctx, id);
  const [d] = p.departmentId ? await ctx.db.select({ name: departments.name }).from(departments).where(eq(departments.id, p.departmentId)) : [];
  return (await present(ctx, [{ ...p, departmentName: d?.name ?? null }]))[0]!;
}

/**
 * The review reminder: on the review date, then every week while the review is overdue. Reviewing,
 * moving the date or deactivating the point cancels what is pending (every reminder's key starts alike).
 */
async function scheduleReview(ctx: Ctx, p: Pick<Point, 'id' | 'reviewOn' | 'institutionId' | 'active'>) {
  await cancelJobsWithPrefix(ctx.db, `risk:${p.id}:review`);
  if (p.reviewOn && p.active) await scheduleJob(ctx.db, { kind: 'risk.review', runAt: morningOf(p.reviewOn), dedupeKey: `risk:${p.id}:review`, payload: { riskPointId: p.id, reviewOn: p.reviewOn } });
}

/** Overdue reviews are reminded again every this many days until done. */
export const REVIEW_REPEAT_DAYS = 7;

type RiskInput = { institutionId?: string; departmentId?: string | null; postName?: string | null; process: string; title: string; description: string; likelihood: number; impact: number; reviewOn?: string | null };

/** Creates a risk point (department heads only in their own department). */
export async function createRisk(ctx: Ctx, input: RiskInput) {
  const inst = await targetInstitution(ctx, input.institutionId);
  await checkDepartments(ctx, inst.id, input.departmentId ? [input.departmentId] : [], 'departmentId');
  assertInScope(actorOf(ctx), { institutionId: inst.id, departmentId: input.departmentId ?? null });
  await checkScale(ctx.db, inst.id, input);
  const id = await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const [p] = await tx
      .insert(riskPoints)
      .values({ ...input, institutionId: inst.id, departmentId: input.departmentId ?? null, postName: input.postName ?? null, reviewOn: input.reviewOn ?? null })
      .returning();
    await scheduleReview(t, p!);
    await writeAudit(t, { action: 'risk.create', targetType: 'risk_point', targetId: p!.id, institutionId: inst.id, after: p });
    return p!.id;
  });
  return getRisk(ctx, id);
}

/** Edits a risk point; `reviewed: true` records today's review and sets the next one a year on. */
export async function updateRisk(ctx: Ctx, id: string, patch: Partial<RiskInput> & { active?: boolean; reviewed?: boolean }) {
  const before = await loadPoint(ctx, id);
  if (patch.departmentId) {
    await checkDepartments(ctx, before.institutionId, [patch.departmentId], 'departmentId');
    assertInScope(actorOf(ctx), { institutionId: before.institutionId, departmentId: patch.departmentId });
  }
  await checkScale(ctx.db, before.institutionId, patch);
  const { reviewed, institutionId: _, ...rest } = patch;
  const set: Partial<Point> = { ...rest, updatedAt: ctx.platform.now() };
  if (reviewed) {
    const next = new Date(ctx.platform.now().getTime() + 365 * 86_400_000);
    set.reviewOn = todayShanghai(next);
  }
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const [after] = await tx.update(riskPoints).set(set).where(eq(riskPoints.id, id)).returning();
    await scheduleReview(t, after!);
    await writeAudit(t, { action: reviewed ? 'risk.review' : 'risk.update', targetType: 'risk_point', targetId: id, institutionId: before.institutionId, before, after });
  });
  return getRisk(ctx, id);
}

type MeasureInput = { description: string; ownerId?: string | null; status: 'planned' | 'in_progress' | 'done'; dueOn?: string | null; evidence?: string | null; attachmentIds: string[] };

/** Adds a control measure to a risk point. */
export async function addMeasure(ctx: Ctx, pointId: string, input: MeasureInput) {
  const p = await loadPoint(ctx, pointId);
  await checkPeople(ctx, p.institutionId, input.ownerId ? [input.ownerId] : [], 'ownerId');
  await checkAttachments(ctx, p.institutionId, input.attachmentIds);
  await inTx(ctx.db, async (tx) => {
    const [m] = await tx.insert(riskMeasures).values({ ...input, riskPointId: p.id, institutionId: p.institutionId, ownerId: input.ownerId ?? null }).returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'risk.measure_add', targetType: 'risk_point', targetId: p.id, institutionId: p.institutionId, after: m });
  });
  return getRisk(ctx, pointId);
}

/** Updates a measure (status, evidence…). */
export async function updateMeasure(ctx: Ctx, pointId: string, measureId: string, input: Partial<MeasureInput>) {
  const p = await loadPoint(ctx, pointId);
  if (input.ownerId) await checkPeople(ctx, p.institutionId, [input.ownerId], 'ownerId');
  await checkAttachments(ctx, p.institutionId, input.attachmentIds);
  await inTx(ctx.db, async (tx) => {
    const [m] = await tx.update(riskMeasures).set(input).where(and(eq(riskMeasures.id, measureId), eq(riskMeasures.riskPointId, p.id))).returning();
    if (!m) throw notFound('measure');
    await writeAudit({ ...ctx, db: tx }, { action: 'risk.measure_update', targetType: 'risk_point', targetId: p.id, institutionId: p.institutionId, after: m });
  });
  return getRisk(ctx, pointId);
}

/** Deletes a control measure (the console confirms first); the audit entry keeps what it said. */
export async function deleteMeasure(ctx: Ctx, pointId: string, measureId: string) {
  const p = await loadPoint(ctx, pointId);
  await inTx(ctx.db, async (tx) => {
    const [m] = await tx.delete(riskMeasures).where(and(eq(riskMeasures.id, measureId), eq(riskMeasures.riskPointId, p.id))).returning();
    if (!m) throw notFound('measure');
    await writeAudit({ ...ctx, db: tx }, { action: 'risk.measure_delete', targetType: 'risk_point', targetId: p.id, institutionId: p.institutionId, before: m });
  });
  return getRisk(ctx, pointId);
}

/** Library keys already adopted (active points) for a department, or for the whole institution without one. */
export async function adoptedKeys(ctx: Ctx, q: { institutionId?: string; departmentId?: string }) {
  const inst = await targetInstitution(ctx, q.institutionId);
  const rows = await ctx.db
    .selectDistinct({ key: riskPoints.libraryKey })
    .from(riskPoints)
    .where(
      and(
        eq(riskPoints.institutionId, inst.id),
        eq(riskPoints.active, true),
        q.departmentId ? eq(riskPoints.departmentId, q.departmentId) : sql`${riskPoints.departmentId} is null`,
        sql`${riskPoints.libraryKey} is not null`,
        scope(ctx),
      ),
    );
  return rows.map((r) => r.key!).sort();
}

/** Every point matching the list's filters (up to 10,000) for the spreadsheet; the export is audited. */
export async function exportRisks(ctx: Ctx, q: Omit<RiskQuery, 'page' | 'pageSize'>) {
  const { items } = await listRisks(ctx, { ...q, page: 1, pageSize: 10_000 });
  const ids = [...new Set(items.map((i) => i.institutionId))];
  const names = new Map((ids.length ? await ctx.db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, ids)) : []).map((i) => [i.id, i.name]));
  const actor = actorOf(ctx);
  await writeAudit(ctx, { action: 'risk.export', targetType: 'risk_point', regionId: actor.regionId, institutionId: actor.institutionId, after: { ...q, rows: items.length } });
  return items.map((i) => ({ ...i, institutionName: names.get(i.institutionId) ?? '' }));
}

/** The starter library. */
export const library = () => RISK_LIBRARY;

/** Copies library entries (with their measures) into the institution, optionally for one department. */
export async function adopt(ctx: Ctx, input: { institutionId?: string; keys: string[]; departmentId?: string | null }) {
  const inst = await targetInstitution(ctx, input.institutionId);
  const entries = input.keys.map((k) => RISK_LIBRARY.find((e) => e.key === k));
  if (entries.some((e) => !e)) throw invalid('keys', 'unknown_library_key');
  await checkDepartments(ctx, inst.id, input.departmentId ? [input.departmentId] : [], 'departmentId');
  assertInScope(actorOf(ctx), { institutionId: inst.id, departmentId: input.departmentId ?? null });
  const reviewOn = todayShanghai(new Date(ctx.platform.now().getTime() + 365 * 86_400_000));
  const ids = await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const made: string[] = [];
    for (const e of entries as NonNullable<(typeof entries)[number]>[]) {
      const [p] = await tx
        .insert(riskPoints)
        .values({ institutionId: inst.id, departmentId: input.departmentId ?? null, process: e.process, title: e.title, description: e.description, likelihood: e.likelihood, impact: e.impact, libraryKey: e.key, reviewOn })
        .returning();
      await tx.insert(riskMeasures).values(e.measures.map((d) => ({ riskPointId: p!.id, institutionId: inst.id, description: d })));
      await scheduleReview(t, p!);
      made.push(p!.id);
    }
    await writeAudit(t, { action: 'risk.adopt', targetType: 'institution', targetId: inst.id, institutionId: inst.id, after: { keys: input.keys, departmentId: input.departmentId ?? null } });
    return made;
  });
  return { adopted: ids.length, ids };
}

/** Counts of points and measures, a heat map by department and the likelihood × impact matrix. */
export async function riskSummary(ctx: Ctx, q: { institutionId?: string }) {
  const all = (await listRisks(ctx, { page: 1, pageSize: 100_000, institutionId: q.institutionId })).items;
  const heat = new Map<string, { institutionId: string; departmentId: string | null; departmentName: string; low: number; medium: number; high: number; critical: number; measures: number }>();
  const scale = await summaryScale(ctx, q.institutionId, all);
  const matrix = Array.from({ length: scale.likelihoodLevels }, () => Array(scale.impactLevels).fill(0) as number[]);
  const units = new Map<string, { institutionId: string; institutionName: string; points: number; measures: number; high: number; critical: number }>();
  for (const p of all) {
    const u = units.get(p.institutionId) ?? { institutionId: p.institutionId, institutionName: '', points: 0, measures: 0, high: 0, critical: 0 };
    u.points++;
    u.measures += p.measures.length;
    if (p.level === 'high' || p.level === 'critical') u[p.level]++;
    units.set(p.institutionId, u);
    const key = p.departmentId ?? `hospital:${p.institutionId}`;
    const h = heat.get(key) ?? { institutionId: p.institutionId, departmentId: p.departmentId, departmentName: p.departmentName ?? '全院', low: 0, medium: 0, high: 0, critical: 0, measures: 0 };
    h[p.level]++;
    h.measures += p.measures.length;
    heat.set(key, h);
    const row = matrix[p.likelihood - 1];
    if (row && p.impact <= row.length) row[p.impact - 1]!++;
  }
  if (units.size) {
    const names = await ctx.db.select({ id: institutions.id, name: institutions.name, code: institutions.code }).from(institutions).where(inArray(institutions.id, [...units.keys()]));
    for (const n of names) units.get(n.id)!.institutionName = n.name;
  }
  const byLevel = (['low', 'medium', 'high', 'critical'] as const).map((level) => ({ level, count: all.filter((p) => p.level === level).length }));
  return {
    points: all.length,
    measures: all.reduce((n, p) => n + p.measures.length, 0),
    byLevel,
    // Across several institutions a department is named with its institution (every hospital has a 心血管内科).
    heat: [...heat.values()]
      .map(({ institutionId, ...h }) => (units.size > 1 ? { ...h, departmentName: `${units.get(institutionId)?.institutionName ?? ''} · ${h.departmentName}` } : h))
      .sort((a, b) => b.critical + b.high - (a.critical + a.high)),
    matrix,
    reviewOverdue: all.filter((p) => p.reviewOverdue).length,
    scale,
    byInstitution: [...units.values()].sort((a, b) => b.points - a.points || a.institutionName.localeCompare(b.institutionName, 'zh-CN')),
  };
}

/** The grid of the summary: the one institution's matrix, or across a region the largest scale any point needs. */
async function summaryScale(ctx: Ctx, institutionId: string | undefined, all: TRiskPoint[]) {
  const one = institutionId ?? actorOf(ctx).institutionId;
  if (one) {
    const { institutionId: _, ...m } = await matrixOf(ctx.db, one);
    return m;
  }
  const ids = [...new Set(all.map((p) => p.institutionId))];
  const [widest] = ids.length
    ? await ctx.db.select({ l: max(riskMatrix.likelihoodLevels), i: max(riskMatrix.impactLevels) }).from(riskMatrix).where(inArray(riskMatrix.institutionId, ids))
    : [];
  return {
    ...DEFAULT_MATRIX,
    likelihoodLevels: Math.max(DEFAULT_MATRIX.likelihoodLevels, widest?.l ?? 0, ...all.map((p) => p.likelihood)),
    impactLevels: Math.max(DEFAULT_MATRIX.impactLevels, widest?.i ?? 0, ...all.map((p) => p.impact)),
  };
}

registerJobHandler('risk.review', async (ctx, payload) => {
  const [p] = await ctx.db.select().from(riskPoints).where(eq(riskPoints.id, String(payload.riskPointId)));
  if (!p?.active || !p.reviewOn || p.reviewOn !== payload.reviewOn) return; // reviewed, moved or deactivated since
  const today = todayShanghai(ctx.platform.now());
  const overdueDays = Math.round((Date.parse(today) - Date.parse(p.reviewOn)) / 86_400_000);
  const recipients = await accountsWithRole(ctx, p.institutionId, ['discipline_officer', 'dept_head']);
  const note =
    overdueDays > 0
      ? { title: '廉政风险点复核逾期', body: `“${p.title}”应于 ${p.reviewOn} 复核，已逾期 ${overdueDays} 天` }
      : { title: '廉政风险点待复核', body: `“${p.title}”应于 ${p.reviewOn} 复核` };
  for (const a of recipients.filter((r) => r.role === 'discipline_officer' || r.departmentId === p.departmentId))
    await notify(ctx, { accountId: a.id, institutionId: p.institutionId, ...note, link: `/supervision/risks/${p.id}` });
  // Again in a week while it stays unreviewed; the key carries the date (this run's key is still held).
  const next = todayShanghai(new Date(Date.parse(today) + REVIEW_REPEAT_DAYS * 86_400_000 + 12 * 3_600_000));
  await scheduleJob(ctx.db, { kind: 'risk.review', runAt: morningOf(next), dedupeKey: `risk:${p.id}:review:${next}`, payload: { riskPointId: p.id, reviewOn: p.reviewOn } });
});

/** The institution's risk matrix: the scale of each axis and the level thresholds (score = likelihood × impact). */
export async function getMatrix(ctx: Ctx, institutionId?: string) {
  const inst = await targetInstitution(ctx, institutionId);
  const { likelihoodLevels, impactLevels, medium, high, critical } = await matrixOf(ctx.db, inst.id);
  return { institutionId: inst.id, likelihoodLevels, impactLevels, medium, high, critical };
}

type MatrixPatch = { institutionId?: string; likelihoodLevels?: number; impactLevels?: number; medium?: number; high?: number; critical?: number };

/**
 * Changes the scale and thresholds; every point's level follows at once (levels are computed, not stored).
 * A scale smaller than a likelihood or impact some point of the institution uses (active or not) is refused,
 * naming the axis, so no point is left off the grid.
 */
export async function setMatrix(ctx: Ctx, input: MatrixPatch) {
  const inst = await targetInstitution(ctx, input.institutionId);
  const { institutionId: _, ...current } = await matrixOf(ctx.db, inst.id);
  const next = { ...current, ...Object.fromEntries(Object.entries(input).filter(([k, v]) => k !== 'institutionId' && v !== undefined)) } as typeof DEFAULT_MATRIX;
  if (!(next.medium < next.high && next.high < next.critical)) throw invalid('high', 'matrix_order');
  if (next.critical > next.likelihoodLevels * next.impactLevels) throw invalid('critical', 'threshold_above_max');
  const [used] = await ctx.db.select({ l: max(riskPoints.likelihood), i: max(riskPoints.impact) }).from(riskPoints).where(eq(riskPoints.institutionId, inst.id));
  if ((used?.l ?? 0) > next.likelihoodLevels) throw invalid('likelihoodLevels', 'scale_below_use');
  if ((used?.i ?? 0) > next.impactLevels) throw invalid('impactLevels', 'scale_below_use');
  const values = { institutionId: inst.id, ...next };
  await inTx(ctx.db, async (tx) => {
    const before = await matrixOf(tx, inst.id);
    await tx.insert(riskMatrix).values(values).onConflictDoUpdate({ target: riskMatrix.institutionId, set: next });
    await writeAudit({ ...ctx, db: tx }, { action: 'risk.matrix', targetType: 'institution', targetId: inst.id, institutionId: inst.id, before, after: values });
  });
  return values;
}

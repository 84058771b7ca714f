/** Integrity risk points (廉政风险点): likelihood × impact on the institution's matrix, control measures, reviews. */
import type { TRiskPoint } from '@qinglian/contracts';
import { and, asc, eq, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { type Db, inTx } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { cancelJob, registerJobHandler, scheduleJob } from '../../platform/jobs.ts';
import { likeOf, pageOf } from '../../platform/pagination.ts';
import { notify } from '../notifications/notifications.service.ts';
import { departments, people } from '../org/org.tables.ts';
import { RISK_LIBRARY } from './risk.library.ts';
import { accountsWithRole, checkDepartments, checkPeople, morningOf, targetInstitution, todayShanghai } from './supervision.common.ts';
import { riskMatrix, riskMeasures, riskPoints } from './supervision.tables.ts';

type Point = typeof riskPoints.$inferSelect;
type Level = TRiskPoint['level'];

/** The level of a score on a matrix (defaults 5 / 10 / 17 on the 5×5 grid). */
export function levelOf(score: number, m: { medium: number; high: number; critical: number }): Level {
  return score >= m.critical ? 'critical' : score >= m.high ? 'high' : score >= m.medium ? 'medium' : 'low';
}

async function matrixOf(db: Db, institutionId: string) {
  const [m] = await db.select().from(riskMatrix).where(eq(riskMatrix.institutionId, institutionId));
  return m ?? { institutionId, medium: 5, high: 10, critical: 17 };
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
  const matrices = new Map<string, Awaited<ReturnType<typeof matrixOf>>>();
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

/** Risk points in scope with their measures. */
export async function listRisks(ctx: Ctx, q: { page: number; pageSize: number; q?: string; institutionId?: string; departmentId?: string; process?: string; level?: Level; reviewOverdue?: boolean }) {
  const w = and(
    scope(ctx),
    eq(riskPoints.active, true),
    q.institutionId ? eq(riskPoints.institutionId, q.institutionId) : undefined,
    q.departmentId ? eq(riskPoints.departmentId, q.departmentId) : undefined,
    q.process ? eq(riskPoints.process, q.process) : undefined,
    q.reviewOverdue ? lt(riskPoints.reviewOn, todayShanghai(ctx.platform.now())) : undefined,
    q.q ? or(ilike(riskPoints.title, likeOf(q.q)), ilike(riskPoints.description, likeOf(q.q))) : undefined,
  ) as SQL;
  // Level depends on each institution's matrix, so a level filter is applied after scoring.
  const rows = await select(ctx.db).where(w).orderBy(asc(departments.code), asc(riskPoints.title));
  let items = await present(ctx, rows.map((r) => ({ ...r.p, departmentName: r.departmentName })));
  if (q.level) items = items.filter((i) => i.level === q.level);
  const { limit, offset } = pageOf(q);
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

async function scheduleReview(ctx: Ctx, p: Pick<Point, 'id' | 'reviewOn' | 'institutionId'>) {
  await cancelJob(ctx.db, `risk:${p.id}:review`);
  if (p.reviewOn) await scheduleJob(ctx.db, { kind: 'risk.review', runAt: morningOf(p.reviewOn), dedupeKey: `risk:${p.id}:review`, payload: { riskPointId: p.id, reviewOn: p.reviewOn } });
}

type RiskInput = { institutionId?: string; departmentId?: string | null; postName?: string | null; process: string; title: string; description: string; likelihood: number; impact: number; reviewOn?: string | null };

/** Creates a risk point (department heads only in their own department). */
export async function createRisk(ctx: Ctx, input: RiskInput) {
  const inst = await targetInstitution(ctx, input.institutionId);
  await checkDepartments(ctx, inst.id, input.departmentId ? [input.departmentId] : [], 'departmentId');
  assertInScope(actorOf(ctx), { institutionId: inst.id, departmentId: input.departmentId ?? null });
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
  await inTx(ctx.db, async (tx) => {
    const [m] = await tx.update(riskMeasures).set(input).where(and(eq(riskMeasures.id, measureId), eq(riskMeasures.riskPointId, p.id))).returning();
    if (!m) throw notFound('measure');
    await writeAudit({ ...ctx, db: tx }, { action: 'risk.measure_update', targetType: 'risk_point', targetId: p.id, institutionId: p.institutionId, after: m });
  });
  return getRisk(ctx, pointId);
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
  const heat = new Map<string, { departmentId: string | null; departmentName: string; low: number; medium: number; high: number; critical: number; measures: number }>();
  const matrix = Array.from({ length: 5 }, () => Array(5).fill(0) as number[]);
  for (const p of all) {
    const key = p.departmentId ?? 'none';
    const h = heat.get(key) ?? { departmentId: p.departmentId, departmentName: p.departmentName ?? '全院', low: 0, medium: 0, high: 0, critical: 0, measures: 0 };
    h[p.level]++;
    h.measures += p.measures.length;
    heat.set(key, h);
    matrix[p.likelihood - 1]![p.impact - 1]!++;
  }
  const byLevel = (['low', 'medium', 'high', 'critical'] as const).map((level) => ({ level, count: all.filter((p) => p.level === level).length }));
  return {
    points: all.length,
    measures: all.reduce((n, p) => n + p.measures.length, 0),
    byLevel,
    heat: [...heat.values()].sort((a, b) => b.critical + b.high - (a.critical + a.high)),
    matrix,
    reviewOverdue: all.filter((p) => p.reviewOverdue).length,
  };
}

registerJobHandler('risk.review', async (ctx, payload) => {
  const [p] = await ctx.db.select().from(riskPoints).where(eq(riskPoints.id, String(payload.riskPointId)));
  if (!p || !p.active || p.reviewOn !== payload.reviewOn) return; // reviewed or moved since
  const recipients = await accountsWithRole(ctx, p.institutionId, ['discipline_officer', 'dept_head']);
  for (const a of recipients.filter((r) => r.role === 'discipline_officer' || r.departmentId === p.departmentId))
    await notify(ctx, { accountId: a.id, institutionId: p.institutionId, title: '廉政风险点待复核', body: `“${p.title}”应于 ${p.reviewOn} 复核`, link: `/supervision/risks/${p.id}` });
});

/** The institution's risk matrix thresholds (score = likelihood × impact; defaults 5 / 10 / 17). */
export async function getMatrix(ctx: Ctx, institutionId?: string) {
  const inst = await targetInstitution(ctx, institutionId);
  const { medium, high, critical } = await matrixOf(ctx.db, inst.id);
  return { institutionId: inst.id, medium, high, critical };
}

/** Changes the thresholds; every point's level follows at once (levels are computed, not stored). */
export async function setMatrix(ctx: Ctx, input: { institutionId?: string; medium: number; high: number; critical: number }) {
  const inst = await targetInstitution(ctx, input.institutionId);
  if (!(input.medium < input.high && input.high < input.critical)) throw invalid('high', 'matrix_order');
  const values = { institutionId: inst.id, medium: input.medium, high: input.high, critical: input.critical };
  await inTx(ctx.db, async (tx) => {
    const before = await matrixOf(tx, inst.id);
    await tx.insert(riskMatrix).values(values).onConflictDoUpdate({ target: riskMatrix.institutionId, set: values });
    await writeAudit({ ...ctx, db: tx }, { action: 'risk.matrix', targetType: 'institution', targetId: inst.id, institutionId: inst.id, before, after: values });
  });
  return values;
}

/** Inspection rounds (清廉查房): checklist templates with weighted scoring, plans, results per department, findings. */
import type { TRound, TRoundQuery } from '@qinglian/contracts';
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import { notify, notifyMany } from '../notifications/notifications.service.ts';
import { cases } from '../reports/reports.tables.ts';
import { departments, people } from '../org/org.tables.ts';
import { accountsOfPeople, accountsWithRole, checkDepartments, checkPeople, dayAfter, morningOf, targetInstitution } from './supervision.common.ts';
import { checklistTemplates, inspectionResults, inspectionRounds, rectifications } from './supervision.tables.ts';

type Section = (typeof checklistTemplates.$inferSelect)['sections'][number];
type Answer = { itemId: string; answer: 'yes' | 'no' | 'na'; score?: number; note?: string; photoIds: string[] };

/**
 * Scores answers against a template: an item earns 100 for yes, 0 for no, or its custom score; "not
 * applicable" items leave the denominator. A section passes at its pass mark; the round passes when
 * every section does. The total weighs sections by their applicable item weights.
 */
export function scoreAnswers(sections: Section[], answers: Answer[]) {
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  let totalEarned = 0;
  let totalWeight = 0;
  const result = sections.map((s) => {
    let earned = 0;
    let weight = 0;
    for (const item of s.items) {
      const a = byItem.get(item.id);
      if (!a) throw invalid(`answers.${item.id}`, 'required');
      if (a.answer === 'na') continue;
      const pts = a.score ?? (a.answer === 'yes' ? 100 : 0);
      earned += item.weight * pts;
      weight += item.weight;
    }
    totalEarned += earned;
    totalWeight += weight;
    const score = weight ? Math.round((earned / weight) * 100) / 100 : 100;
    return { title: s.title, score, passed: score >= s.passMark };
  });
  const known = new Set(sections.flatMap((s) => s.items.map((i) => i.id)));
  const stray = answers.find((a) => !known.has(a.itemId));
  if (stray) throw invalid(`answers.${stray.itemId}`, 'unknown_item');
  const score = totalWeight ? Math.round((totalEarned / totalWeight) * 100) / 100 : 100;
  return { score, passed: result.every((r) => r.passed), sections: result };
}

type Tpl = typeof checklistTemplates.$inferSelect;
const presentTemplate = (t: Tpl, usedBy: number) => ({ id: t.id, institutionId: t.institutionId, name: t.name, sections: t.sections, version: t.version, active: t.active, usedBy });

function checkItemIds(sections: Section[]) {
  const ids = sections.flatMap((s) => s.items.map((i) => i.id));
  if (new Set(ids).size !== ids.length) throw invalid('sections', 'duplicate_item_id');
}

/** Templates in scope, active first; each says how many rounds use it. */
export async function listTemplates(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(checklistTemplates)
    .where(scopeWhere(actorOf(ctx), { institutionId: checklistTemplates.institutionId }))
    .orderBy(desc(checklistTemplates.active), asc(checklistTemplates.name));
  const used = rows.length
    ? await ctx.db
        .select({ id: inspectionRounds.templateId, n: count() })
        .from(inspectionRounds)
        .where(inArray(inspectionRounds.templateId, rows.map((r) => r.id)))
        .groupBy(inspectionRounds.templateId)
    : [];
  return rows.map((r) => presentTemplate(r, Number(used.find((u) => u.id === r.id)?.n ?? 0)));
}

export async function createTemplate(ctx: Ctx, input: { institutionId?: string; name: string; sections: Section[] }) {
  const inst = await targetInstitution(ctx, input.institutionId);
  checkItemIds(input.sections);
  return inTx(ctx.db, async (tx) => {
    const [t] = await tx.insert(checklistTemplates).values({ institutionId: inst.id, name: input.name, sections: input.sections }).returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'inspection.template_create', targetType: 'checklist_template', targetId: t!.id, institutionId: inst.id, after: t });
    return presentTemplate(t!, 0);
  });
}

async function loadTemplate(ctx: Ctx, id: string) {
  const [t] = await ctx.db.select().from(checklistTemplates).where(and(eq(checklistTemplates.id, id), scopeWhere(actorOf(ctx), { institutionId: checklistTemplates.institutionId })));
  if (!t) throw notFound('checklist_template');
  return t;
}

/**
 * Edits a template. Changed sections make a new version; rounds already planned keep the checklist
 * they were planned with (their snapshot), so their results still match their items.
 */
export async function updateTemplate(ctx: Ctx, id: string, input: { name?: string; sections?: Section[]; active?: boolean }) {
  const t = await loadTemplate(ctx, id);
  if (input.sections) checkItemIds(input.sections);
  const sectionsChanged = input.sections !== undefined && JSON.stringify(input.sections) !== JSON.stringify(t.sections);
  return inTx(ctx.db, async (tx) => {
    const [u] = await tx
      .update(checklistTemplates)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(sectionsChanged ? { sections: input.sections, version: t.version + 1 } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updatedAt: ctx.platform.now(),
      })
      .where(eq(checklistTemplates.id, id))
      .returning();
    const action = input.active === false && t.active ? 'inspection.template_deactivate' : 'inspection.template_update';
    await writeAudit({ ...ctx, db: tx }, { action, targetType: 'checklist_template', targetId: id, institutionId: t.institutionId, before: t, after: u });
    const [n] = await tx.select({ n: count() }).from(inspectionRounds).where(eq(inspectionRounds.templateId, id));
    return presentTemplate(u!, Number(n?.n ?? 0));
  });
}

/** Copies a template (to start a variant); the copy is a new template at version 1. */
export async function copyTemplate(ctx: Ctx, id: string) {
  const t = await loadTemplate(ctx, id);
  return inTx(ctx.db, async (tx) => {
    const [c] = await tx.insert(checklistTemplates).values({ institutionId: t.institutionId, name: `${t.name}（副本）`.slice(0, 100), sections: t.sections }).returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'inspection.template_copy', targetType: 'checklist_template', targetId: c!.id, institutionId: t.institutionId, after: { from: id, name: c!.name } });
    return presentTemplate(c!, 0);
  });
}

/** Rounds visible to the caller: department users see the rounds that visit their department. */
function roundScope(ctx: Ctx): SQL {
  const actor = actorOf(ctx);
  if (scopeOf(actor) === 'department')
    return and(eq(inspectionRounds.institutionId, actor.institutionId ?? ''), sql`${inspectionRounds.departmentIds} @> ${JSON.stringify([actor.departmentId])}::jsonb`) as SQL;
  return scopeWhere(actor, { institutionId: inspectionRounds.institutionId });
}
export { roundScope };

/** A department user sees only their own department's results and findings in a shared round. */
const ownDepartment = (ctx: Ctx) => {
  const actor = actorOf(ctx);
  return scopeOf(actor) === 'department' ? (actor.departmentId ?? '') : null;
};

async function present(ctx: Ctx, r: typeof inspectionRounds.$inferSelect): Promise<TRound> {
  const own = ownDepartment(ctx);
  const [tpl] = await ctx.db.select().from(checklistTemplates).where(eq(checklistTemplates.id, r.templateId));
  const team = r.teamIds.length ? await ctx.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, r.teamIds)) : [];
  const depts = r.departmentIds.length ? await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, r.departmentIds)) : [];
  const results = await ctx.db
    .select()
    .from(inspectionResults)
    .where(and(eq(inspectionResults.roundId, r.id), own !== null ? eq(inspectionResults.departmentId, own) : undefined));
  const [f] = await ctx.db
    .select({ n: count() })
    .from(rectifications)
    .where(and(eq(rectifications.roundId, r.id), own !== null ? eq(rectifications.departmentId, own) : undefined));
  const name = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? '';
  return {
    id: r.id,
    institutionId: r.institutionId,
    title: r.title,
    plannedOn: r.plannedOn,
    methods: r.methods as TRound['methods'],
    teamIds: r.teamIds,
    teamNames: r.teamIds.map((id) => name(team, id)),
    departmentIds: r.departmentIds,
    departmentNames: r.departmentIds.map((id) => name(depts, id)),
    templateId: r.templateId,
    templateName: tpl?.name ?? '',
    templateVersion: r.templateVersion ?? tpl?.version ?? 1,
    checklist: r.templateSnapshot ?? tpl?.sections ?? [],
    status: r.status,
    cancelReason: r.cancelReason,
    findings: Number(f?.n ?? 0),
    results: results.map((x) => ({
      departmentId: x.departmentId,
      departmentName: name(depts, x.departmentId),
      score: Number(x.score),
      passed: x.passed,
      sections: x.sections,
      answers: x.answers.map((a) => ({ itemId: a.itemId, answer: a.answer, score: a.score ?? null, note: a.note ?? null, photoIds: a.photoIds ?? [] })),
      filledAt: x.filledAt.toISOString(),
    })),
  };
}

function roundFilter(ctx: Ctx, q: Omit<TRoundQuery, 'page' | 'pageSize' | 'order'>): SQL {
  return and(
    roundScope(ctx),
    q.institutionId ? eq(inspectionRounds.institutionId, q.institutionId) : undefined,
    q.status ? eq(inspectionRounds.status, q.status) : undefined,
    q.method ? sql`${inspectionRounds.methods} @> ${JSON.stringify([q.method])}::jsonb` : undefined,
    q.departmentId ? sql`${inspectionRounds.departmentIds} @> ${JSON.stringify([q.departmentId])}::jsonb` : undefined,
    q.from ? gte(inspectionRounds.plannedOn, q.from) : undefined,
    q.to ? lte(inspectionRounds.plannedOn, q.to) : undefined,
    q.q ? ilike(inspectionRounds.title, likeOf(q.q)) : undefined,
  ) as SQL;
}

const ROUND_SORT = { plannedOn: inspectionRounds.plannedOn, title: inspectionRounds.title, status: inspectionRounds.status, createdAt: inspectionRounds.createdAt };

export async function listRounds(ctx: Ctx, q: TRoundQuery) {
  const w = roundFilter(ctx, q);
  const { limit, offset } = pageOf(q);
  const order = q.sort ? orderOf(q, ROUND_SORT, inspectionRounds.plannedOn) : [desc(inspectionRounds.plannedOn)];
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(inspectionRounds)
      .where(w)
      .orderBy(...order, desc(inspectionRounds.createdAt))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(inspectionRounds).where(w),
  ]);
  const items: TRound[] = [];
  for (const r of rows) items.push(await present(ctx, r));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The filtered round list for a spreadsheet (all pages, up to 10,000 rows); audited. */
export async function exportRounds(ctx: Ctx, q: TRoundQuery) {
  const { items } = await listRounds(ctx, { ...q, page: 1, pageSize: 10_000 });
  const actor = actorOf(ctx);
  const { page: _p, pageSize: _s, ...filters } = q;
  await writeAudit(ctx, { action: 'inspection.round_export', targetType: 'inspection_round', regionId: actor.regionId, institutionId: actor.institutionId, after: { ...filters, rows: items.length } });
  return items;
}

async function loadRound(ctx: Ctx, id: string) {
  const [r] = await ctx.db.select().from(inspectionRounds).where(and(eq(inspectionRounds.id, id), roundScope(ctx)));
  if (!r) throw notFound('round');
  return r;
}

export const getRound = async (ctx: Ctx, id: string) => present(ctx, await loadRound(ctx, id));

type RoundInput = { institutionId?: string; title: string; plannedOn: string; methods: string[]; teamIds: string[]; departmentIds: string[]; templateId: string };

async function activeTemplate(ctx: Ctx, institutionId: string, templateId: string) {
  const [tpl] = await ctx.db.select().from(checklistTemplates).where(and(eq(checklistTemplates.id, templateId), eq(checklistTemplates.institutionId, institutionId)));
  if (!tpl) throw invalid('templateId', 'wrong_institution');
  if (!tpl.active) throw invalid('templateId', 'template_inactive');
  return tpl;
}

/**
 * Tells the team and the visited departments' heads that a round is planned, changed or cancelled.
 * An unannounced visit (突击检查) is not announced to the departments it visits.
 */
async function announce(ctx: Ctx, r: typeof inspectionRounds.$inferSelect, title: string, body: string) {
  const team = await accountsOfPeople(ctx, r.teamIds);
  const heads = r.methods.includes('unannounced')
    ? []
    : (await accountsWithRole(ctx, r.institutionId, ['dept_head'])).filter((h) => h.departmentId && r.departmentIds.includes(h.departmentId));
  const ids = [...new Set([...team, ...heads].map((a) => a.id))].filter((id) => id !== actorOf(ctx).accountId);
  await notifyMany(
    ctx,
    ids.map((accountId) => ({ accountId, institutionId: r.institutionId, title, body, link: `/supervision/rounds/${r.id}` })),
  );
}

/** Plans a round: a team from several departments, the departments to visit, methods and a checklist. */
export async function createRound(ctx: Ctx, input: RoundInput) {
  const inst = await targetInstitution(ctx, input.institutionId);
  await checkPeople(ctx, inst.id, input.teamIds, 'teamIds');
  await checkDepartments(ctx, inst.id, input.departmentIds, 'departmentIds');
  const tpl = await activeTemplate(ctx, inst.id, input.templateId);
  const id = await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const [r] = await tx
      .insert(inspectionRounds)
      .values({ ...input, institutionId: inst.id, templateVersion: tpl.version, templateSnapshot: tpl.sections })
      .returning();
    await writeAudit(t, { action: 'inspection.round_create', targetType: 'inspection_round', targetId: r!.id, institutionId: inst.id, after: r });
    await announce(t, r!, '清廉查房已安排', `${r!.title}，计划于 ${r!.plannedOn} 开展`);
    return r!.id;
  });
  return getRound(ctx, id);
}

/** Changes a planned round; the team and the visited departments hear of it. */
export async function updateRound(ctx: Ctx, id: string, input: Partial<Omit<RoundInput, 'institutionId'>>) {
  const r = await loadRound(ctx, id);
  if (r.status !== 'planned') throw new AppError('conflict', 'round_not_planned', { status: r.status });
  if (input.teamIds) await checkPeople(ctx, r.institutionId, input.teamIds, 'teamIds');
  if (input.departmentIds) await checkDepartments(ctx, r.institutionId, input.departmentIds, 'departmentIds');
  const tpl = input.templateId && input.templateId !== r.templateId ? await activeTemplate(ctx, r.institutionId, input.templateId) : null;
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const [u] = await tx
      .update(inspectionRounds)
      .set({ ...input, ...(tpl ? { templateVersion: tpl.version, templateSnapshot: tpl.sections } : {}), updatedAt: ctx.platform.now() })
      .where(eq(inspectionRounds.id, id))
      .returning();
    await writeAudit(t, { action: 'inspection.round_update', targetType: 'inspection_round', targetId: id, institutionId: r.institutionId, before: r, after: u });
    // Everyone on the old or the new list hears of the change.
    await announce(t, { ...u!, teamIds: [...new Set([...r.teamIds, ...u!.teamIds])], departmentIds: [...new Set([...r.departmentIds, ...u!.departmentIds])] }, '清廉查房安排有变更', `${u!.title}，现计划于 ${u!.plannedOn} 开展`);
  });
  return getRound(ctx, id);
}

/** Cancels a planned round with a reason. */
export async function cancelRound(ctx: Ctx, id: string, input: { reason: string }) {
  const r = await loadRound(ctx, id);
  if (r.status !== 'planned') throw new AppError('conflict', 'round_not_planned', { status: r.status });
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    await tx.update(inspectionRounds).set({ status: 'cancelled', cancelReason: input.reason, updatedAt: ctx.platform.now() }).where(eq(inspectionRounds.id, id));
    await writeAudit(t, { action: 'inspection.round_cancel', targetType: 'inspection_round', targetId: id, institutionId: r.institutionId, before: { status: r.status }, after: { status: 'cancelled', reason: input.reason } });
    await announce(t, r, '清廉查房已取消', `${r.title}（原定 ${r.plannedOn}）已取消：${input.reason.slice(0, 60)}`);
  });
  return getRound(ctx, id);
}

async function roundChecklist(ctx: Ctx, r: typeof inspectionRounds.$inferSelect) {
  if (r.templateSnapshot) return r.templateSnapshot;
  const [tpl] = await ctx.db.select().from(checklistTemplates).where(eq(checklistTemplates.id, r.templateId));
  return tpl!.sections;
}

/** Records a department's checklist, scored against the round's own checklist; a round with results is in progress. */
export async function submitResult(ctx: Ctx, roundId: string, input: { departmentId: string; answers: Answer[] }) {
  const r = await loadRound(ctx, roundId);
  if (r.status === 'completed' || r.status === 'cancelled') throw new AppError('conflict', 'round_completed');
  if (!r.departmentIds.includes(input.departmentId)) throw invalid('departmentId', 'not_in_round');
  const scored = scoreAnswers(await roundChecklist(ctx, r), input.answers);
  await inTx(ctx.db, async (tx) => {
    const values = { roundId, institutionId: r.institutionId, departmentId: input.departmentId, answers: input.answers, score: scored.score.toFixed(2), passed: scored.passed, sections: scored.sections, filledBy: actorOf(ctx).accountId, filledAt: ctx.platform.now() };
    await tx.insert(inspectionResults).values(values).onConflictDoUpdate({ target: [inspectionResults.roundId, inspectionResults.departmentId], set: values });
    await tx.update(inspectionRounds).set({ status: 'in_progress' }).where(and(eq(inspectionRounds.id, roundId), eq(inspectionRounds.status, 'planned')));
    await writeAudit({ ...ctx, db: tx }, { action: 'inspection.result', targetType: 'inspection_round', targetId: roundId, institutionId: r.institutionId, after: { departmentId: input.departmentId, ...scored } });
  });
  return scored;
}

/** Completes a round. */
export async function completeRound(ctx: Ctx, roundId: string) {
  const r = await loadRound(ctx, roundId);
  if (r.status === 'cancelled') throw new AppError('conflict', 'round_not_planned', { status: r.status });
  await inTx(ctx.db, async (tx) => {
    await tx.update(inspectionRounds).set({ status: 'completed' }).where(eq(inspectionRounds.id, roundId));
    await writeAudit({ ...ctx, db: tx }, { action: 'inspection.round_complete', targetType: 'inspection_round', targetId: roundId, institutionId: r.institutionId });
  });
  return getRound(ctx, roundId);
}

/**
 * A finding becomes a rectification order to the department, with a responsible person and a deadline.
 * The overdue check runs the morning after the deadline (Asia/Shanghai): on the deadline day the order is still on time.
 */
export async function addFinding(
  ctx: Ctx,
  roundId: string,
  input: { departmentId: string; kind: string; description: string; responsibleId: string; deadline: string; attachmentIds: string[]; caseId?: string | null },
) {
  const r = await loadRound(ctx, roundId);
  if (r.status === 'cancelled') throw new AppError('conflict', 'round_not_planned', { status: r.status });
  if (!r.departmentIds.includes(input.departmentId)) throw invalid('departmentId', 'not_in_round');
  const [p] = await checkPeople(ctx, r.institutionId, [input.responsibleId], 'responsibleId');
  if (p!.departmentId !== input.departmentId) throw invalid('responsibleId', 'not_in_department');
  if (input.caseId) {
    // A case of the round's institution the caller can see (a case routed to the region is not the hospital office's).
    const [c] = await ctx.db.select({ id: cases.id, routedTo: cases.routedTo }).from(cases).where(and(eq(cases.id, input.caseId), eq(cases.institutionId, r.institutionId)));
    if (!c || (c.routedTo === 'region' && scopeOf(actorOf(ctx)) !== 'region')) throw invalid('caseId', 'wrong_institution');
  }
  return inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const [row] = await tx
      .insert(rectifications)
      .values({ ...input, caseId: input.caseId ?? null, roundId, institutionId: r.institutionId })
      .returning();
    await scheduleJob(tx, { kind: 'rectification.overdue', runAt: morningOf(dayAfter(input.deadline)), dedupeKey: `rect:${row!.id}:overdue`, payload: { id: row!.id } });
    for (const a of await accountsOfPeople(t, [input.responsibleId]))
      await notify(t, { accountId: a.id, institutionId: r.institutionId, title: '收到整改通知', body: `${r.title}：${input.description.slice(0, 60)}，整改期限 ${input.deadline}`, link: `/supervision/rectifications/${row!.id}` });
    await writeAudit(t, { action: 'inspection.finding', targetType: 'rectification', targetId: row!.id, institutionId: r.institutionId, after: row });
    return { id: row!.id };
  });
}

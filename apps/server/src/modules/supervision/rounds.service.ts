/** Inspection rounds (清廉查房): checklist templates with weighted scoring, plans, results per department, findings. */
import type { TRound } from '@qinglian/contracts';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { pageOf } from '../../platform/pagination.ts';
import { notify } from '../notifications/notifications.service.ts';
import { departments, people } from '../org/org.tables.ts';
import { accountsOfPeople, checkDepartments, checkPeople, morningOf, targetInstitution } from './supervision.common.ts';
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

export async function listTemplates(ctx: Ctx) {
  const rows = await ctx.db.select().from(checklistTemplates).where(scopeWhere(actorOf(ctx), { institutionId: checklistTemplates.institutionId }));
  return rows.map((r) => ({ id: r.id, institutionId: r.institutionId, name: r.name, sections: r.sections }));
}

export async function createTemplate(ctx: Ctx, input: { institutionId?: string; name: string; sections: Section[] }) {
  const inst = await targetInstitution(ctx, input.institutionId);
  const ids = input.sections.flatMap((s) => s.items.map((i) => i.id));
  if (new Set(ids).size !== ids.length) throw invalid('sections', 'duplicate_item_id');
  return inTx(ctx.db, async (tx) => {
    const [t] = await tx.insert(checklistTemplates).values({ institutionId: inst.id, name: input.name, sections: input.sections }).returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'inspection.template_create', targetType: 'checklist_template', targetId: t!.id, institutionId: inst.id, after: t });
    return { id: t!.id, institutionId: t!.institutionId, name: t!.name, sections: t!.sections };
  });
}

/** Rounds visible to the caller: department users see the rounds that visit their department. */
function roundScope(ctx: Ctx): SQL {
  const actor = actorOf(ctx);
  if (scopeOf(actor) === 'department')
    return and(eq(inspectionRounds.institutionId, actor.institutionId ?? ''), sql`${inspectionRounds.departmentIds} @> ${JSON.stringify([actor.departmentId])}::jsonb`) as SQL;
  return scopeWhere(actor, { institutionId: inspectionRounds.institutionId });
}

async function present(ctx: Ctx, r: typeof inspectionRounds.$inferSelect): Promise<TRound> {
  const [tpl] = await ctx.db.select().from(checklistTemplates).where(eq(checklistTemplates.id, r.templateId));
  const team = r.teamIds.length ? await ctx.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, r.teamIds)) : [];
  const depts = r.departmentIds.length ? await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, r.departmentIds)) : [];
  const results = await ctx.db.select().from(inspectionResults).where(eq(inspectionResults.roundId, r.id));
  const [f] = await ctx.db.select({ n: count() }).from(rectifications).where(eq(rectifications.roundId, r.id));
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
    status: r.status,
    findings: Number(f?.n ?? 0),
    results: results.map((x) => ({ departmentId: x.departmentId, departmentName: name(depts, x.departmentId), score: Number(x.score), passed: x.passed, sections: x.sections })),
  };
}

export async function listRounds(ctx: Ctx, q: { page: number; pageSize: number; institutionId?: string }) {
  const w = and(roundScope(ctx), q.institutionId ? eq(inspectionRounds.institutionId, q.institutionId) : undefined) as SQL;
  const { limit, offset } = pageOf(q);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(inspectionRounds).where(w).orderBy(desc(inspectionRounds.plannedOn)).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(inspectionRounds).where(w),
  ]);
  const items: TRound[] = [];
  for (const r of rows) items.push(await present(ctx, r));
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadRound(ctx: Ctx, id: string) {
  const [r] = await ctx.db.select().from(inspectionRounds).where(and(eq(inspectionRounds.id, id), roundScope(ctx)));
  if (!r) throw notFound('round');
  return r;
}

export const getRound = async (ctx: Ctx, id: string) => present(ctx, await loadRound(ctx, id));

/** Plans a round: a team from several departments, the departments to visit, methods and a checklist. */
export async function createRound(ctx: Ctx, input: { institutionId?: string; title: string; plannedOn: string; methods: string[]; teamIds: string[]; departmentIds: string[]; templateId: string }) {
  const inst = await targetInstitution(ctx, input.institutionId);
  await checkPeople(ctx, inst.id, input.teamIds, 'teamIds');
  await checkDepartments(ctx, inst.id, input.departmentIds, 'departmentIds');
  const [tpl] = await ctx.db.select().from(checklistTemplates).where(and(eq(checklistTemplates.id, input.templateId), eq(checklistTemplates.institutionId, inst.id)));
  if (!tpl) throw invalid('templateId', 'wrong_institution');
  const id = await inTx(ctx.db, async (tx) => {
    const [r] = await tx.insert(inspectionRounds).values({ ...input, institutionId: inst.id }).returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'inspection.round_create', targetType: 'inspection_round', targetId: r!.id, institutionId: inst.id, after: r });
    return r!.id;
  });
  return getRound(ctx, id);
}

/** Records a department's checklist, scored; a round with results is in progress. */
export async function submitResult(ctx: Ctx, roundId: string, input: { departmentId: string; answers: Answer[] }) {
  const r = await loadRound(ctx, roundId);
  if (r.status === 'completed') throw new AppError('conflict', 'round_completed');
  if (!r.departmentIds.includes(input.departmentId)) throw invalid('departmentId', 'not_in_round');
  const [tpl] = await ctx.db.select().from(checklistTemplates).where(eq(checklistTemplates.id, r.templateId));
  const scored = scoreAnswers(tpl!.sections, input.answers);
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
  await inTx(ctx.db, async (tx) => {
    await tx.update(inspectionRounds).set({ status: 'completed' }).where(eq(inspectionRounds.id, roundId));
    await writeAudit({ ...ctx, db: tx }, { action: 'inspection.round_complete', targetType: 'inspection_round', targetId: roundId, institutionId: r.institutionId });
  });
  return getRound(ctx, roundId);
}

/** A finding becomes a rectification order to the department, with a responsible person and a deadline. */
export async function addFinding(
  ctx: Ctx,
  roundId: string,
  input: { departmentId: string; kind: string; description: string; responsibleId: string; deadline: string; attachmentIds: string[] },
) {
  const r = await loadRound(ctx, roundId);
  if (!r.departmentIds.includes(input.departmentId)) throw invalid('departmentId', 'not_in_round');
  const [p] = await checkPeople(ctx, r.institutionId, [input.responsibleId], 'responsibleId');
  if (p!.departmentId !== input.departmentId) throw invalid('responsibleId', 'not_in_department');
  return inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const [row] = await tx.insert(rectifications).values({ ...input, roundId, institutionId: r.institutionId }).returning();
    await scheduleJob(tx, { kind: 'rectification.overdue', runAt: morningOf(input.deadline), dedupeKey: `rect:${row!.id}:overdue`, payload: { id: row!.id } });
    for (const a of await accountsOfPeople(t, [input.responsibleId]))
      await notify(t, { accountId: a.id, institutionId: r.institutionId, title: '收到整改通知', body: `${r.title}：${input.description.slice(0, 60)}，整改期限 ${input.deadline}`, link: `/supervision/rectifications/${row!.id}` });
    await writeAudit(t, { action: 'inspection.finding', targetType: 'rectification', targetId: row!.id, institutionId: r.institutionId, after: row });
    return { id: row!.id };
  });
}


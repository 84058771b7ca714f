/**
 * Talks (谈话) — reminder, criticism, admonishment, summons, rectification within a deadline: the first
 * of the four forms of supervision. Visible to the discipline office and the leadership, to the head
 * of the subject's department, and to the subject; never to the subject's peers.
 */
import { TALK_KINDS, type TTalk } from '@qinglian/contracts';
import { alias } from 'drizzle-orm/pg-core';
import { and, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { cancelJobsWithPrefix, registerJobHandler, scheduleJob } from '../../platform/jobs.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import { notify } from '../notifications/notifications.service.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { cases } from '../reports/index.ts';
import { accountsOfPeople, accountsWithRole, checkPeople, morningOf, targetInstitution, todayShanghai } from './supervision.common.ts';
import { rectifications, talks } from './supervision.tables.ts';

function talkScope(ctx: Ctx): SQL {
  const actor = actorOf(ctx);
  const level = scopeOf(actor);
  if (level === 'region' || level === 'institution') return scopeWhere(actor, { institutionId: talks.institutionId });
  const own = actor.personId ? eq(talks.subjectId, actor.personId) : sql`false`;
  if (level === 'department' && actor.departmentId && actor.role === 'dept_head')
    return and(eq(talks.institutionId, actor.institutionId ?? ''), or(eq(talks.subjectDepartmentId, actor.departmentId), own)) as SQL;
  return own;
}

type Row = typeof talks.$inferSelect;

async function present(ctx: Ctx, list: Row[]): Promise<TTalk[]> {
  const ids = [...new Set(list.flatMap((t) => [t.subjectId, ...t.talkerIds]))];
  const ps = ids.length
    ? await ctx.db.select({ id: people.id, name: people.name, dept: departments.name }).from(people).leftJoin(departments, eq(departments.id, people.departmentId)).where(inArray(people.id, ids))
    : [];
  const byId = new Map(ps.map((p) => [p.id, p]));
  const instIds = [...new Set(list.map((t) => t.institutionId))];
  const insts = new Map(
    (instIds.length ? await ctx.db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, instIds)) : []).map((i) => [i.id, i.name]),
  );
  const today = todayShanghai(ctx.platform.now());
  return list.map((t) => ({
    id: t.id,
    institutionId: t.institutionId,
    subjectId: t.subjectId,
    subjectName: byId.get(t.subjectId)?.name ?? '',
    subjectDepartment: byId.get(t.subjectId)?.dept ?? null,
    kind: t.kind,
    reasonKind: t.reasonKind,
    reasonRef: t.reasonRef,
    reason: t.reason,
    talkerNames: t.talkerIds.map((id) => byId.get(id)?.name ?? ''),
    talkedOn: t.talkedOn,
    record: t.record,
    followUp: t.followUp,
    followUpDue: t.followUpDue,
    followUpDoneOn: t.followUpDoneOn,
    followUpResult: t.followUpResult,
    followUpOverdue: !!t.followUpDue && !t.followUpDoneOn && t.followUpDue < today,
    subjectDepartmentId: t.subjectDepartmentId,
    talkerIds: t.talkerIds,
    institutionName: insts.get(t.institutionId) ?? '',
  }));
}

const subject = alias(people, 'talk_subject');

type TalkFilters = { institutionId?: string; departmentId?: string; kind?: Row['kind']; subjectId?: string; from?: string; to?: string; q?: string; followUpPending?: boolean };

function filters(ctx: Ctx, q: TalkFilters): SQL {
  return and(
    talkScope(ctx),
    q.institutionId ? eq(talks.institutionId, q.institutionId) : undefined,
    q.departmentId ? eq(talks.subjectDepartmentId, q.departmentId) : undefined,
    q.followUpPending ? and(isNotNull(talks.followUpDue), isNull(talks.followUpDoneOn)) : undefined,
    q.q ? or(ilike(talks.reason, likeOf(q.q)), ilike(subject.name, likeOf(q.q))) : undefined,
    q.kind ? eq(talks.kind, q.kind) : undefined,
    q.subjectId ? eq(talks.subjectId, q.subjectId) : undefined,
    q.from ? gte(talks.talkedOn, q.from) : undefined,
    q.to ? lte(talks.talkedOn, q.to) : undefined,
  ) as SQL;
}

type TalkQuery = TalkFilters & { page: number; pageSize: number; sort?: string; order?: 'asc' | 'desc' };
const SORTABLE = { talkedOn: talks.talkedOn, kind: talks.kind, subject: subject.name, followUpDue: talks.followUpDue };

/** Talks in scope: search (subject, reason), filters, sorting (newest first by default). */
export async function listTalks(ctx: Ctx, q: TalkQuery) {
  const w = filters(ctx, q);
  const { limit, offset } = pageOf(q);
  const order = q.sort ? [...orderOf({ sort: q.sort, order: q.order ?? 'asc' }, SORTABLE, talks.talkedOn), desc(talks.talkedOn), desc(talks.createdAt)] : [desc(talks.talkedOn), desc(talks.createdAt)];
  const [list, [total]] = await Promise.all([
    ctx.db.select({ t: talks }).from(talks).leftJoin(subject, eq(subject.id, talks.subjectId)).where(w).orderBy(...order).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(talks).leftJoin(subject, eq(subject.id, talks.subjectId)).where(w),
  ]);
  return { items: await present(ctx, list.map((r) => r.t)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every talk matching the list's filters (up to 10,000) for the spreadsheet; the export is audited. */
export async function exportTalks(ctx: Ctx, q: Omit<TalkQuery, 'page' | 'pageSize'>) {
  const { items } = await listTalks(ctx, { ...q, page: 1, pageSize: 10_000 });
  const actor = actorOf(ctx);
  await writeAudit(ctx, { action: 'talk.export', targetType: 'talk', regionId: actor.regionId, institutionId: actor.institutionId, after: { ...q, rows: items.length } });
  return items;
}

/** Counts by kind for any period and scope ("79 reminder, 35 criticism, 7 summons, 3 deadlines"). */
export async function talkCounts(ctx: Ctx, q: { institutionId?: string; departmentId?: string; from?: string; to?: string }) {
  const list = await ctx.db.select({ kind: talks.kind, n: count() }).from(talks).where(filters(ctx, q)).groupBy(talks.kind);
  const byKind = TALK_KINDS.map((kind) => ({ kind, count: Number(list.find((l) => l.kind === kind)?.n ?? 0) }));
  return { total: byKind.reduce((a, b) => a + b.count, 0), byKind };
}

async function loadTalk(ctx: Ctx, id: string): Promise<Row> {
  const [t] = await ctx.db.select().from(talks).where(and(eq(talks.id, id), talkScope(ctx)));
  if (!t) throw notFound('talk');
  return t;
}

/** One talk with its record; reading the record is audited. */
export async function getTalk(ctx: Ctx, id: string): Promise<TTalk> {
  const t = await loadTalk(ctx, id);
  await writeAudit(ctx, { action: 'talk.read', targetType: 'talk', targetId: t.id, institutionId: t.institutionId });
  return (await present(ctx, [t]))[0]!;
}

/** The follow-up reminder: on the due date, then weekly while not recorded as done. */
async function scheduleFollowUp(ctx: Ctx, t: Pick<Row, 'id' | 'followUpDue' | 'followUpDoneOn'>) {
  await cancelJobsWithPrefix(ctx.db, `talk:${t.id}:follow_up`);
  if (t.followUpDue && !t.followUpDoneOn)
    await scheduleJob(ctx.db, { kind: 'talk.follow_up', runAt: morningOf(t.followUpDue), dedupeKey: `talk:${t.id}:follow_up`, payload: { talkId: t.id, due: t.followUpDue } });
}

type TalkInput = { subjectId: string; kind: Row['kind']; reasonKind: Row['reasonKind']; reasonRef?: string | null; reason: string; talkerIds: string[]; talkedOn: string; record: string; followUp: string; followUpDue?: string | null };

/** Checks people and the reason's reference against the institution; returns the subject. */
async function checkTalk(ctx: Ctx, institutionId: string, input: TalkInput) {
  const [subject] = await checkPeople(ctx, institutionId, [input.subjectId], 'subjectId');
  await checkPeople(ctx, institutionId, input.talkerIds, 'talkerIds');
  if (input.talkerIds.includes(input.subjectId)) throw invalid('talkerIds', 'subject_cannot_talk');
  if (input.reasonKind === 'case' || input.reasonKind === 'finding') {
    if (!input.reasonRef) throw invalid('reasonRef', 'required');
    const table = input.reasonKind === 'case' ? cases : rectifications;
    const [ref] = await ctx.db.select({ id: table.id }).from(table).where(and(eq(table.id, input.reasonRef), eq(table.institutionId, institutionId)));
    if (!ref) throw invalid('reasonRef', 'wrong_institution');
  }
  return subject!;
}

const redact = (t: Row) => ({ ...t, record: t.record ? '[record]' : '' });

/** Edits a talk (the office); a changed follow-up date reschedules its reminder. */
export async function updateTalk(ctx: Ctx, id: string, patch: Partial<TalkInput>) {
  const before = await loadTalk(ctx, id);
  const merged: TalkInput = { ...before, ...patch };
  if (merged.reasonKind === 'free' || merged.reasonKind === 'assessment') merged.reasonRef = patch.reasonRef ?? null;
  const subject = await checkTalk(ctx, before.institutionId, merged);
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const [after] = await tx
      .update(talks)
      .set({ ...patch, reasonRef: merged.reasonRef ?? null, subjectDepartmentId: subject.departmentId, updatedAt: ctx.platform.now() })
      .where(eq(talks.id, id))
      .returning();
    await scheduleFollowUp(t, after!);
    await writeAudit(t, { action: 'talk.update', targetType: 'talk', targetId: id, institutionId: before.institutionId, before: redact(before), after: redact(after!) });
  });
  return present(ctx, [await loadTalk(ctx, id)]).then((l) => l[0]!);
}

/** Records the follow-up as done (once); pending reminders stop. */
export async function recordFollowUp(ctx: Ctx, id: string, input: { doneOn: string; result: string }) {
  const before = await loadTalk(ctx, id);
  if (before.followUpDoneOn) throw conflict('doneOn', 'follow_up_done');
  if (input.doneOn < before.talkedOn) throw invalid('doneOn', 'before_talk');
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const [after] = await tx.update(talks).set({ followUpDoneOn: input.doneOn, followUpResult: input.result, updatedAt: ctx.platform.now() }).where(eq(talks.id, id)).returning();
    await scheduleFollowUp(t, after!);
    await writeAudit(t, { action: 'talk.follow_up', targetType: 'talk', targetId: id, institutionId: before.institutionId, after: { followUpDoneOn: input.doneOn, followUpResult: input.result } });
  });
  return present(ctx, [await loadTalk(ctx, id)]).then((l) => l[0]!);
}

registerJobHandler('talk.follow_up', async (ctx, payload) => {
  const [t] = await ctx.db.select().from(talks).where(eq(talks.id, String(payload.talkId)));
  if (!t || t.followUpDoneOn || !t.followUpDue || t.followUpDue !== payload.due) return; // done or moved since
  const today = todayShanghai(ctx.platform.now());
  const late = Math.round((Date.parse(today) - Date.parse(t.followUpDue)) / 86_400_000);
  const [who] = await ctx.db.select({ name: people.name }).from(people).where(eq(people.id, t.subjectId));
  const body = late > 0 ? `对${who?.name ?? ''}谈话后的跟进事项应于 ${t.followUpDue} 完成，已逾期 ${late} 天` : `对${who?.name ?? ''}谈话后的跟进事项应于今天（${t.followUpDue}）完成`;
  const talkers = await accountsOfPeople(ctx, t.talkerIds);
  const office = await accountsWithRole(ctx, t.institutionId, ['discipline_officer']);
  for (const id of new Set([...talkers, ...office].map((a) => a.id)))
    await notify(ctx, { accountId: id, institutionId: t.institutionId, title: late > 0 ? '谈话跟进逾期' : '谈话跟进到期', body, link: `/supervision/talks/${t.id}` });
  const next = todayShanghai(new Date(Date.parse(today) + 7 * 86_400_000 + 12 * 3_600_000));
  await scheduleJob(ctx.db, { kind: 'talk.follow_up', runAt: morningOf(next), dedupeKey: `talk:${t.id}:follow_up:${next}`, payload: { talkId: t.id, due: t.followUpDue } });
});

/** Records a talk; a reason that names a case or a finding must be one of the institution's. */
export async function createTalk(ctx: Ctx, input: TalkInput & { institutionId?: string }) {
  const inst = await targetInstitution(ctx, input.institutionId);
  const subject = await checkTalk(ctx, inst.id, input);
  const id = await inTx(ctx.db, async (tx) => {
    const [t] = await tx
      .insert(talks)
      .values({ ...input, institutionId: inst.id, subjectDepartmentId: subject.departmentId, reasonRef: input.reasonRef ?? null, followUpDue: input.followUpDue ?? null })
      .returning();
    await scheduleFollowUp({ ...ctx, db: tx }, t!);
    await writeAudit({ ...ctx, db: tx }, { action: 'talk.create', targetType: 'talk', targetId: t!.id, institutionId: inst.id, after: redact(t!) });
    return t!.id;
  });
  return present(ctx, [await loadTalk(ctx, id)]).then((l) => l[0]!);
}

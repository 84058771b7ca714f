/**
 * Rectification orders from inspection findings: the department's responsible person submits evidence
 * of the fix, the office verifies (accepts or sends back), an order past its deadline is escalated to
 * the office and the leadership, and a numbered supervision suggestion letter (监察建议书) can be issued.
 */
import { can, type TRectification } from '@qinglian/contracts';
import { and, count, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { type Db, inTx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { registerJobHandler, scheduleJob } from '../../platform/jobs.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { notify } from '../notifications/notifications.service.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { cases } from '../reports/reports.tables.ts';
import { roundScope } from './rounds.service.ts';
import { accountsWithRole, dayAfter, morningOf, todayShanghai } from './supervision.common.ts';
import { inspectionRounds, letterCounters, rectifications } from './supervision.tables.ts';

type Row = typeof rectifications.$inferSelect;

const select = (db: Db) =>
  db
    .select({ r: rectifications, roundTitle: inspectionRounds.title, roundDate: inspectionRounds.plannedOn, departmentName: departments.name, responsibleName: people.name, caseNumber: cases.number })
    .from(rectifications)
    .innerJoin(inspectionRounds, eq(inspectionRounds.id, rectifications.roundId))
    .innerJoin(departments, eq(departments.id, rectifications.departmentId))
    .innerJoin(people, eq(people.id, rectifications.responsibleId))
    .leftJoin(cases, and(eq(cases.id, rectifications.caseId), eq(cases.institutionId, rectifications.institutionId)));

type Joined = { r: Row; roundTitle: string; roundDate: string; departmentName: string; responsibleName: string; caseNumber: string | null };

const present = (x: Joined, today: string, showCase: boolean): TRectification => ({
  id: x.r.id,
  institutionId: x.r.institutionId,
  roundId: x.r.roundId,
  roundTitle: x.roundTitle,
  departmentId: x.r.departmentId,
  departmentName: x.departmentName,
  kind: x.r.kind as TRectification['kind'],
  description: x.r.description,
  responsibleId: x.r.responsibleId,
  responsibleName: x.responsibleName,
  deadline: x.r.deadline,
  status: x.r.status,
  overdue: x.r.status !== 'accepted' && x.r.deadline < today,
  escalated: x.r.escalated,
  evidence: x.r.evidence,
  evidenceAttachmentIds: x.r.evidenceAttachmentIds,
  verificationNote: x.r.verificationNote,
  letterNumber: x.r.letterNumber,
  createdAt: x.r.createdAt.toISOString(),
  attachmentIds: x.r.attachmentIds,
  // The linked case only for those who may read cases outside a department (a department is not told of a case about it).
  caseId: showCase ? x.r.caseId : null,
  caseNumber: showCase ? x.caseNumber : null,
  submittedAt: x.r.submittedAt?.toISOString() ?? null,
  acceptedAt: x.r.acceptedAt?.toISOString() ?? null,
  letterIssuedOn: x.r.letterIssuedOn,
});

const seesCases = (ctx: Ctx) => {
  const actor = actorOf(ctx);
  return can(actor.role, 'case.read') && scopeOf(actor) !== 'department' && scopeOf(actor) !== 'self';
};

const scope = (ctx: Ctx) => scopeWhere(actorOf(ctx), { institutionId: rectifications.institutionId, departmentId: rectifications.departmentId });

type ListQuery = { page: number; pageSize: number; q?: string; sort?: string; order?: 'asc' | 'desc'; institutionId?: string; departmentId?: string; roundId?: string; status?: Row['status']; overdue?: boolean };

const RECT_SORT = { deadline: rectifications.deadline, createdAt: rectifications.createdAt, status: rectifications.status, kind: rectifications.kind, departmentName: departments.name };

/** Orders in scope: a department head sees only their own department's. Searches the finding, department, round and responsible person. */
export async function listRectifications(ctx: Ctx, q: ListQuery) {
  const today = todayShanghai(ctx.platform.now());
  const like = q.q ? likeOf(q.q) : null;
  const w = and(
    scope(ctx),
    q.institutionId ? eq(rectifications.institutionId, q.institutionId) : undefined,
    q.departmentId ? eq(rectifications.departmentId, q.departmentId) : undefined,
    q.roundId ? eq(rectifications.roundId, q.roundId) : undefined,
    q.status ? eq(rectifications.status, q.status) : undefined,
    q.overdue ? and(lt(rectifications.deadline, today), sql`${rectifications.status} <> 'accepted'`) : undefined,
    like ? or(ilike(rectifications.description, like), ilike(departments.name, like), ilike(inspectionRounds.title, like), ilike(people.name, like), ilike(rectifications.letterNumber, like)) : undefined,
  ) as SQL;
  const { limit, offset } = pageOf(q);
  const order = q.sort ? orderOf({ sort: q.sort, order: q.order ?? 'asc' }, RECT_SORT, rectifications.createdAt) : [desc(rectifications.createdAt)];
  const [items, [total]] = await Promise.all([
    select(ctx.db)
      .where(w)
      .orderBy(...order, desc(rectifications.createdAt))
      .limit(limit)
      .offset(offset),
    ctx.db
      .select({ n: count() })
      .from(rectifications)
      .innerJoin(inspectionRounds, eq(inspectionRounds.id, rectifications.roundId))
      .innerJoin(departments, eq(departments.id, rectifications.departmentId))
      .innerJoin(people, eq(people.id, rectifications.responsibleId))
      .where(w),
  ]);
  return { items: items.map((x) => present(x, today, seesCases(ctx))), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The filtered order list for a spreadsheet (all pages, up to 10,000 rows); audited. */
export async function exportRectifications(ctx: Ctx, q: ListQuery) {
  const { items } = await listRectifications(ctx, { ...q, page: 1, pageSize: 10_000 });
  const actor = actorOf(ctx);
  const { page: _p, pageSize: _s, ...filters } = q;
  await writeAudit(ctx, { action: 'rectification.export', targetType: 'rectification', regionId: actor.regionId, institutionId: actor.institutionId, after: { ...filters, rows: items.length } });
  return items;
}

async function load(ctx: Ctx, id: string) {
  const [x] = await select(ctx.db).where(eq(rectifications.id, id));
  if (!x) throw notFound('rectification');
  assertInScope(actorOf(ctx), { institutionId: x.r.institutionId, departmentId: x.r.departmentId });
  return x;
}

export const getRectification = async (ctx: Ctx, id: string) => present(await load(ctx, id), todayShanghai(ctx.platform.now()), seesCases(ctx));

/** The department submits the evidence of its fix. */
export async function submitRectification(ctx: Ctx, id: string, input: { evidence: string; attachmentIds: string[] }) {
  const x = await load(ctx, id);
  if (x.r.status !== 'open' && x.r.status !== 'returned') throw new AppError('conflict', 'rectification_wrong_status', { status: x.r.status });
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const now = ctx.platform.now();
    await tx.update(rectifications).set({ status: 'submitted', evidence: input.evidence, evidenceAttachmentIds: input.attachmentIds, submittedAt: now, updatedAt: now }).where(eq(rectifications.id, id));
    for (const a of await accountsWithRole(t, x.r.institutionId, ['discipline_officer']))
      await notify(t, { accountId: a.id, institutionId: x.r.institutionId, title: '整改材料待验收', body: `${x.departmentName}：${x.r.description.slice(0, 60)}`, link: `/supervision/rectifications/${id}` });
    await writeAudit(t, { action: 'rectification.submit', targetType: 'rectification', targetId: id, institutionId: x.r.institutionId, before: { status: x.r.status }, after: { status: 'submitted', evidence: input.evidence } });
  });
  return getRectification(ctx, id);
}

/** The next 09:00 in Shanghai at or after `now` (when a re-armed overdue check runs). */
function nextMorning(now: Date) {
  const today = shanghaiDate(now);
  const m = morningOf(today);
  return m >= now ? m : morningOf(dayAfter(today));
}

/**
 * The office accepts the fix or sends it back with a note. An order sent back after its deadline is
 * overdue again: its overdue check is re-armed for the next morning.
 */
export async function verifyRectification(ctx: Ctx, id: string, input: { accepted: boolean; note: string }) {
  const x = await load(ctx, id);
  if (x.r.status !== 'submitted') throw new AppError('conflict', 'rectification_wrong_status', { status: x.r.status });
  const status = input.accepted ? 'accepted' : 'returned';
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const now = ctx.platform.now();
    await tx
      .update(rectifications)
      .set({ status, verificationNote: input.note, updatedAt: now, ...(input.accepted ? { acceptedAt: now } : {}) })
      .where(eq(rectifications.id, id));
    if (!input.accepted) {
      const afterDeadline = x.r.deadline < todayShanghai(now);
      const runAt = afterDeadline ? nextMorning(now) : morningOf(dayAfter(x.r.deadline));
      await scheduleJob(tx, { kind: 'rectification.overdue', runAt, dedupeKey: `rect:${id}:overdue`, payload: { id } });
    }
    const heads = await accountsWithRole(t, x.r.institutionId, ['dept_head']);
    for (const a of heads.filter((h) => h.departmentId === x.r.departmentId))
      await notify(t, { accountId: a.id, institutionId: x.r.institutionId, title: input.accepted ? '整改已验收通过' : '整改被退回', body: input.note, link: `/supervision/rectifications/${id}` });
    await writeAudit(t, { action: `rectification.${status}`, targetType: 'rectification', targetId: id, institutionId: x.r.institutionId, before: { status: x.r.status }, after: { status, note: input.note } });
  });
  return getRectification(ctx, id);
}

/** The letter's default suggestions, drawn from the finding, until the office edits them. */
function defaultSuggestions(x: Joined) {
  return [
    `一、针对“${x.r.description}”的问题，请于 ${x.r.deadline} 前完成整改，并将整改情况书面报送纪检监察室。`,
    '二、举一反三，全面排查本科室同类问题，完善相关制度和工作流程，堵塞管理漏洞。',
    '三、加强对本科室工作人员的廉洁从业教育，严格落实“九项准则”，防止类似问题再次发生。',
  ].join('\n');
}

async function letterOf(ctx: Ctx, x: Joined) {
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, x.r.institutionId));
  return {
    id: x.r.id,
    number: x.r.letterNumber,
    issued: x.r.letterNumber !== null,
    institutionName: inst!.name,
    departmentName: x.departmentName,
    responsibleName: x.responsibleName,
    roundTitle: x.roundTitle,
    roundDate: x.roundDate,
    finding: x.r.description,
    suggestions: x.r.letterSuggestions ?? defaultSuggestions(x),
    deadline: x.r.deadline,
    issuedOn: x.r.letterIssuedOn,
  };
}

/**
 * Reads the supervision suggestion letter (never issues a number). The addressed department's head
 * sees it once it is issued; before that it is the office's draft.
 */
export async function getLetter(ctx: Ctx, id: string) {
  const x = await load(ctx, id);
  if (!x.r.letterNumber && scopeOf(actorOf(ctx)) === 'department') throw notFound('letter');
  return letterOf(ctx, x);
}

/** Edits the suggestions of a letter not yet issued. */
export async function updateLetter(ctx: Ctx, id: string, input: { suggestions: string }) {
  const x = await load(ctx, id);
  if (x.r.letterNumber) throw new AppError('conflict', 'letter_issued');
  await inTx(ctx.db, async (tx) => {
    await tx.update(rectifications).set({ letterSuggestions: input.suggestions }).where(eq(rectifications.id, id));
    await writeAudit({ ...ctx, db: tx }, { action: 'rectification.letter_edit', targetType: 'rectification', targetId: id, institutionId: x.r.institutionId, before: { suggestions: x.r.letterSuggestions }, after: { suggestions: input.suggestions } });
  });
  return letterOf(ctx, await load(ctx, id));
}

/** Issues the numbered letter: an explicit action, once; issuing again returns the same number. */
export async function issueLetter(ctx: Ctx, id: string) {
  const x = await load(ctx, id);
  if (!x.r.letterNumber) {
    const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, x.r.institutionId));
    const today = todayShanghai(ctx.platform.now());
    const year = Number(today.slice(0, 4));
    await inTx(ctx.db, async (tx) => {
      const [c] = await tx
        .insert(letterCounters)
        .values({ institutionId: inst!.id, year, last: 1 })
        .onConflictDoUpdate({ target: [letterCounters.institutionId, letterCounters.year], set: { last: sql`${letterCounters.last} + 1` } })
        .returning();
      const number = `${inst!.code}监建〔${year}〕${c!.last}号`;
      const suggestions = x.r.letterSuggestions ?? defaultSuggestions(x);
      const [u] = await tx
        .update(rectifications)
        .set({ letterNumber: number, letterIssuedOn: today, letterSuggestions: suggestions })
        .where(and(eq(rectifications.id, id), sql`${rectifications.letterNumber} is null`))
        .returning({ id: rectifications.id });
      if (!u) throw new AppError('conflict', 'letter_issued');
      const heads = await accountsWithRole({ ...ctx, db: tx }, x.r.institutionId, ['dept_head']);
      for (const a of heads.filter((h) => h.departmentId === x.r.departmentId))
        await notify({ ...ctx, db: tx }, { accountId: a.id, institutionId: x.r.institutionId, title: '收到监察建议书', body: `${number}：${x.r.description.slice(0, 60)}`, link: `/supervision/rectifications/${id}/letter` });
      await writeAudit({ ...ctx, db: tx }, { action: 'rectification.letter', targetType: 'rectification', targetId: id, institutionId: inst!.id, after: { number, suggestions } });
    });
  }
  return letterOf(ctx, await load(ctx, id));
}

/**
 * Rounds, findings by kind and the on-time rectification rate for the caller's scope and a period
 * (Shanghai dates: rounds held (under way or completed) by their date, findings by the day they were recorded). An order is
 * on time when the department submitted the fix that was accepted by its deadline.
 */
export async function inspectionFigures(ctx: Ctx, q: { institutionId?: string; from?: string; to?: string }) {
  const today = todayShanghai(ctx.platform.now());
  const w = and(scope(ctx), q.institutionId ? eq(rectifications.institutionId, q.institutionId) : undefined) as SQL;
  const all = await ctx.db.select().from(rectifications).where(w);
  const inRange = all.filter((r) => {
    const d = shanghaiDate(r.createdAt);
    return (!q.from || d >= q.from) && (!q.to || d <= q.to);
  });
  const kinds = new Map<string, number>();
  for (const r of inRange) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  const due = inRange.filter((r) => r.deadline < today || r.status === 'accepted');
  const onTime = due.filter((r) => r.status === 'accepted' && r.submittedAt && shanghaiDate(r.submittedAt) <= r.deadline).length;
  const [rounds] = await ctx.db
    .select({ n: count() })
    .from(inspectionRounds)
    .where(
      and(
        roundScope(ctx),
        // Rounds held: under way or completed (not merely planned, not cancelled).
        inArray(inspectionRounds.status, ['in_progress', 'completed']),
        q.institutionId ? eq(inspectionRounds.institutionId, q.institutionId) : undefined,
        q.from ? gte(inspectionRounds.plannedOn, q.from) : undefined,
        q.to ? lte(inspectionRounds.plannedOn, q.to) : undefined,
      ),
    );
  return {
    rounds: Number(rounds?.n ?? 0),
    findings: inRange.length,
    byKind: [...kinds].map(([kind, n]) => ({ kind, count: n })),
    accepted: inRange.filter((r) => r.status === 'accepted').length,
    overdue: inRange.filter((r) => r.status !== 'accepted' && r.deadline < today).length,
    due: due.length,
    onTime,
    onTimeRate: due.length ? Math.round((onTime / due.length) * 1000) / 1000 : null,
  };
}

/**
 * The overdue check, the morning after the deadline: an order not accepted and not awaiting
 * verification is escalated to the office, the leadership and the department's head.
 */
registerJobHandler('rectification.overdue', async (ctx, payload) => {
  const [r] = await ctx.db.select().from(rectifications).where(eq(rectifications.id, String(payload.id)));
  if (!r || r.status === 'accepted' || r.status === 'submitted') return;
  if (r.deadline >= todayShanghai(ctx.platform.now())) {
    // Not yet overdue (a job scheduled before this rule): look again the morning after the deadline,
    // under a key of its own so it does not collide with this running job's.
    await scheduleJob(ctx.db, { kind: 'rectification.overdue', runAt: morningOf(dayAfter(r.deadline)), dedupeKey: `rect:${r.id}:overdue:${r.deadline}`, payload });
    return;
  }
  await ctx.db.update(rectifications).set({ escalated: true }).where(eq(rectifications.id, r.id));
  await writeAudit(ctx, { action: 'rectification.escalate', targetType: 'rectification', targetId: r.id, institutionId: r.institutionId, after: { deadline: r.deadline, status: r.status } });
  const recipients = await accountsWithRole(ctx, r.institutionId, ['discipline_officer', 'leader', 'dept_head']);
  for (const a of recipients.filter((x) => x.role !== 'dept_head' || x.departmentId === r.departmentId))
    await notify(ctx, { accountId: a.id, institutionId: r.institutionId, title: '整改逾期', body: `整改事项已超过期限 ${r.deadline}：${r.description.slice(0, 60)}`, link: `/supervision/rectifications/${r.id}` });
});

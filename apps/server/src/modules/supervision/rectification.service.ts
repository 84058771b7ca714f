/**
 * Rectification orders from inspection findings: the department's responsible person submits evidence
 * of the fix, the office verifies (accepts or sends back), an order past its deadline is escalated to
 * the office and the leadership, and a numbered supervision suggestion letter (监察建议书) can be issued.
 */
import type { TRectification } from '@qinglian/contracts';
import { and, count, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { type Db, inTx, rows } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { registerJobHandler, scheduleJob } from '../../platform/jobs.ts';
import { pageOf } from '../../platform/pagination.ts';
import { notify } from '../notifications/notifications.service.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { accountsWithRole, morningOf, todayShanghai } from './supervision.common.ts';
import { inspectionRounds, letterCounters, rectifications } from './supervision.tables.ts';

type Row = typeof rectifications.$inferSelect;

const select = (db: Db) =>
  db
    .select({ r: rectifications, roundTitle: inspectionRounds.title, departmentName: departments.name, responsibleName: people.name })
    .from(rectifications)
    .innerJoin(inspectionRounds, eq(inspectionRounds.id, rectifications.roundId))
    .innerJoin(departments, eq(departments.id, rectifications.departmentId))
    .innerJoin(people, eq(people.id, rectifications.responsibleId));

const present = (x: { r: Row; roundTitle: string; departmentName: string; responsibleName: string }, today: string): TRectification => ({
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
});

const scope = (ctx: Ctx) => scopeWhere(actorOf(ctx), { institutionId: rectifications.institutionId, departmentId: rectifications.departmentId });

/** Orders in scope: a department head sees only their own department's. */
export async function listRectifications(ctx: Ctx, q: { page: number; pageSize: number; institutionId?: string; departmentId?: string; roundId?: string; status?: Row['status']; overdue?: boolean }) {
  const today = todayShanghai(ctx.platform.now());
  const w = and(
    scope(ctx),
    q.institutionId ? eq(rectifications.institutionId, q.institutionId) : undefined,
    q.departmentId ? eq(rectifications.departmentId, q.departmentId) : undefined,
    q.roundId ? eq(rectifications.roundId, q.roundId) : undefined,
    q.status ? eq(rectifications.status, q.status) : undefined,
    q.overdue ? and(lt(rectifications.deadline, today), sql`${rectifications.status} <> 'accepted'`) : undefined,
  ) as SQL;
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    select(ctx.db).where(w).orderBy(desc(rectifications.createdAt)).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(rectifications).where(w),
  ]);
  return { items: items.map((x) => present(x, today)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function load(ctx: Ctx, id: string) {
  const [x] = await select(ctx.db).where(eq(rectifications.id, id));
  if (!x) throw notFound('rectification');
  assertInScope(actorOf(ctx), { institutionId: x.r.institutionId, departmentId: x.r.departmentId });
  return x;
}

export const getRectification = async (ctx: Ctx, id: string) => present(await load(ctx, id), todayShanghai(ctx.platform.now()));

/** The department submits the evidence of its fix. */
export async function submitRectification(ctx: Ctx, id: string, input: { evidence: string; attachmentIds: string[] }) {
  const x = await load(ctx, id);
  if (x.r.status !== 'open' && x.r.status !== 'returned') throw new AppError('conflict', 'rectification_wrong_status', { status: x.r.status });
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    await tx.update(rectifications).set({ status: 'submitted', evidence: input.evidence, evidenceAttachmentIds: input.attachmentIds, updatedAt: ctx.platform.now() }).where(eq(rectifications.id, id));
    for (const a of await accountsWithRole(t, x.r.institutionId, ['discipline_officer']))
      await notify(t, { accountId: a.id, institutionId: x.r.institutionId, title: '整改材料待验收', body: `${x.departmentName}：${x.r.description.slice(0, 60)}`, link: `/supervision/rectifications/${id}` });
    await writeAudit(t, { action: 'rectification.submit', targetType: 'rectification', targetId: id, institutionId: x.r.institutionId, before: { status: x.r.status }, after: { status: 'submitted', evidence: input.evidence } });
  });
  return getRectification(ctx, id);
}

/** The office accepts the fix or sends it back with a note. */
export async function verifyRectification(ctx: Ctx, id: string, input: { accepted: boolean; note: string }) {
  const x = await load(ctx, id);
  if (x.r.status !== 'submitted') throw new AppError('conflict', 'rectification_wrong_status', { status: x.r.status });
  const status = input.accepted ? 'accepted' : 'returned';
  await inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    await tx.update(rectifications).set({ status, verificationNote: input.note, updatedAt: ctx.platform.now() }).where(eq(rectifications.id, id));
    const heads = await accountsWithRole(t, x.r.institutionId, ['dept_head']);
    for (const a of heads.filter((h) => h.departmentId === x.r.departmentId))
      await notify(t, { accountId: a.id, institutionId: x.r.institutionId, title: input.accepted ? '整改已验收通过' : '整改被退回', body: input.note, link: `/supervision/rectifications/${id}` });
    await writeAudit(t, { action: `rectification.${status}`, targetType: 'rectification', targetId: id, institutionId: x.r.institutionId, before: { status: x.r.status }, after: { status, note: input.note } });
  });
  return getRectification(ctx, id);
}

/** Issues (once) the numbered supervision suggestion letter for an order and returns its printable content. */
export async function issueLetter(ctx: Ctx, id: string) {
  const x = await load(ctx, id);
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, x.r.institutionId));
  let number = x.r.letterNumber;
  let issuedOn = x.r.letterIssuedOn;
  if (!number) {
    const today = todayShanghai(ctx.platform.now());
    const year = Number(today.slice(0, 4));
    await inTx(ctx.db, async (tx) => {
      const [c] = await tx
        .insert(letterCounters)
        .values({ institutionId: inst!.id, year, last: 1 })
        .onConflictDoUpdate({ target: [letterCounters.institutionId, letterCounters.year], set: { last: sql`${letterCounters.last} + 1` } })
        .returning();
      number = `${inst!.code}监建〔${year}〕${c!.last}号`;
      issuedOn = today;
      await tx.update(rectifications).set({ letterNumber: number, letterIssuedOn: today }).where(eq(rectifications.id, id));
      await writeAudit({ ...ctx, db: tx }, { action: 'rectification.letter', targetType: 'rectification', targetId: id, institutionId: inst!.id, after: { number } });
    });
  }
  return { number: number!, institutionName: inst!.name, departmentName: x.departmentName, roundTitle: x.roundTitle, finding: x.r.description, deadline: x.r.deadline, issuedOn: issuedOn! };
}

/** Rounds, findings by kind and the on-time rectification rate for the caller's scope. */
export async function inspectionFigures(ctx: Ctx, q: { institutionId?: string; from?: string; to?: string }) {
  const actor = actorOf(ctx);
  const w = and(scope(ctx), q.institutionId ? eq(rectifications.institutionId, q.institutionId) : undefined) as SQL;
  const today = todayShanghai(ctx.platform.now());
  const all = await ctx.db.select().from(rectifications).where(w);
  const inRange = all.filter((r) => (!q.from || r.createdAt.toISOString().slice(0, 10) >= q.from) && (!q.to || r.createdAt.toISOString().slice(0, 10) <= q.to));
  const kinds = new Map<string, number>();
  for (const r of inRange) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  const due = inRange.filter((r) => r.deadline < today || r.status === 'accepted');
  const onTime = due.filter((r) => r.status === 'accepted' && r.updatedAt.toISOString().slice(0, 10) <= r.deadline).length;
  const [rounds] = await rows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from ${inspectionRounds} where ${scopeWhere(actor, { institutionId: inspectionRounds.institutionId })} ${q.institutionId ? sql`and institution_id = ${q.institutionId}` : sql``}`,
  );
  return {
    rounds: Number(rounds?.n ?? 0),
    findings: inRange.length,
    byKind: [...kinds].map(([kind, n]) => ({ kind, count: n })),
    accepted: inRange.filter((r) => r.status === 'accepted').length,
    overdue: inRange.filter((r) => r.status !== 'accepted' && r.deadline < today).length,
    onTimeRate: due.length ? Math.round((onTime / due.length) * 1000) / 1000 : null,
  };
}

registerJobHandler('rectification.overdue', async (ctx, payload) => {
  const [r] = await ctx.db.select().from(rectifications).where(eq(rectifications.id, String(payload.id)));
  if (!r || r.status === 'accepted' || r.status === 'submitted') return;
  if (r.deadline >= todayShanghai(ctx.platform.now())) {
    // The deadline moved: look again then.
    await scheduleJob(ctx.db, { kind: 'rectification.overdue', runAt: morningOf(r.deadline), dedupeKey: `rect:${r.id}:overdue2`, payload });
    return;
  }
  await ctx.db.update(rectifications).set({ escalated: true }).where(eq(rectifications.id, r.id));
  const recipients = await accountsWithRole(ctx, r.institutionId, ['discipline_officer', 'leader', 'dept_head']);
  for (const a of recipients.filter((x) => x.role !== 'dept_head' || x.departmentId === r.departmentId))
    await notify(ctx, { accountId: a.id, institutionId: r.institutionId, title: '整改逾期', body: `整改事项已超过期限 ${r.deadline}：${r.description.slice(0, 60)}`, link: `/supervision/rectifications/${r.id}` });
});

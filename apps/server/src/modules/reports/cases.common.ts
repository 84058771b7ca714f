/** Pieces every case step shares: numbering, the timeline, deadlines and their reminders, leadership routing. */
import { type TCaseStatus, type TReportSettings, OPEN_STATUSES } from '@qinglian/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { cancelJob, registerJobHandler, type ScheduleInput, scheduleJob } from '../../platform/jobs.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { accounts } from '../auth/index.ts';
import { notify } from '../notifications/notifications.service.ts';
import { posts } from '../org/org.tables.ts';
import { caseCounters, caseEvents, caseRecusals, caseSubjects, cases } from './reports.tables.ts';
import { settingsOf } from './settings.service.ts';

export type CaseRow = typeof cases.$inferSelect;
const DAY = 86_400_000;

/** `count` consecutive case numbers (QY001-2026-0007: institution code, Shanghai year, sequence), in one statement. */
export async function nextNumbers(db: Db, institution: { id: string; code: string }, now: Date, count: number): Promise<string[]> {
  const year = Number(shanghaiDate(now).slice(0, 4));
  const [row] = await db
    .insert(caseCounters)
    .values({ institutionId: institution.id, year, last: count })
    .onConflictDoUpdate({ target: [caseCounters.institutionId, caseCounters.year], set: { last: sql`${caseCounters.last} + ${count}` } })
    .returning();
  const first = row!.last - count + 1;
  return Array.from({ length: count }, (_, i) => `${institution.code}-${year}-${String(first + i).padStart(4, '0')}`);
}

/** Numbers a case created with a placeholder number; call it last in the creating transaction. */
export async function assignNumber(db: Db, caseId: string, institution: { id: string; code: string }, now: Date): Promise<string> {
  const number = (await nextNumbers(db, institution, now, 1))[0]!;
  await db.update(cases).set({ number }).where(eq(cases.id, caseId));
  return number;
}

export interface EventInput {
  kind: string;
  text?: string | null;
  visibleToReporter?: boolean;
  data?: unknown;
  attachmentIds?: string[];
}

/** The timeline row of an event (what `addEvent` inserts; bulk work inserts many at once). */
export function eventRow(ctx: Ctx, c: Pick<CaseRow, 'id' | 'institutionId'>, e: EventInput): typeof caseEvents.$inferInsert {
  return {
    caseId: c.id,
    institutionId: c.institutionId,
    at: ctx.platform.now(),
    kind: e.kind,
    actorId: ctx.actor?.accountId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    text: e.text ?? null,
    data: e.data ?? null,
    visibleToReporter: e.visibleToReporter ?? false,
    attachmentIds: e.attachmentIds ?? [],
  };
}

/** Appends to a case's timeline. */
export async function addEvent(ctx: Ctx, c: Pick<CaseRow, 'id' | 'institutionId'>, e: EventInput): Promise<void> {
  await ctx.db.insert(caseEvents).values(eventRow(ctx, c, e));
}

type DeadlineFields = Pick<CaseRow, 'status' | 'receivedAt' | 'acceptedAt' | 'concludedAt'>;

/** The deadline of the stage a case is in under these settings (null when nothing is due). */
export function deadlineUnder(s: TReportSettings, c: DeadlineFields, holdUntil?: string): Date | null {
  switch (c.status) {
    case 'received':
      return new Date(c.receivedAt.getTime() + s.acceptDays * DAY);
    case 'investigating':
      return new Date((c.acceptedAt ?? c.receivedAt).getTime() + s.concludeDays * DAY);
    case 'on_hold':
      return holdUntil ? new Date(`${holdUntil}T23:59:59+08:00`) : new Date((c.acceptedAt ?? c.receivedAt).getTime() + s.concludeDays * DAY);
    case 'concluded':
      return new Date((c.concludedAt ?? new Date()).getTime() + s.feedbackDays * DAY);
    default:
      return null;
  }
}

/** The deadline of the stage a case is in (null when nothing is due). */
export async function stageDeadline(db: Db, c: DeadlineFields & Pick<CaseRow, 'institutionId'>, holdUntil?: string): Promise<Date | null> {
  return deadlineUnder(await settingsOf(db, c.institutionId), c, holdUntil);
}

/** The reminder jobs of a deadline: one three days before it (unless that has passed), one at it. */
export function reminderJobs(c: Pick<CaseRow, 'id' | 'status'>, deadline: Date | null, now: Date): ScheduleInput[] {
  if (!deadline) return [];
  const soon = new Date(deadline.getTime() - 3 * DAY);
  const job = (when: 'soon' | 'overdue', runAt: Date): ScheduleInput => ({ kind: 'case.deadline', runAt, dedupeKey: `case:${c.id}:${when}`, payload: { caseId: c.id, status: c.status, when } });
  return [...(soon > now ? [job('soon', soon)] : []), job('overdue', deadline)];
}

/** Replaces the case's reminder jobs. */
export async function scheduleReminders(ctx: Ctx, c: Pick<CaseRow, 'id' | 'status'>, deadline: Date | null): Promise<void> {
  await cancelJob(ctx.db, `case:${c.id}:soon`);
  await cancelJob(ctx.db, `case:${c.id}:overdue`);
  for (const job of reminderJobs(c, deadline, ctx.platform.now())) await scheduleJob(ctx.db, job);
}

/** Moves a case to a status, recomputing its deadline and reminders. */
export async function enterStage(ctx: Ctx, c: CaseRow, status: TCaseStatus, extra: Partial<CaseRow> = {}, holdUntil?: string): Promise<CaseRow> {
  const next = { ...c, ...extra, status };
  const deadline = OPEN_STATUSES.includes(status) ? await stageDeadline(ctx.db, next, holdUntil) : null;
  const [row] = await ctx.db
    .update(cases)
    .set({ ...extra, status, stageDeadline: deadline, updatedAt: ctx.platform.now() })
    .where(eq(cases.id, c.id))
    .returning();
  await scheduleReminders(ctx, row!, deadline);
  return row!;
}

/** True when any of these people holds an active hospital-leadership post. */
export async function anyLeader(db: Db, personIds: string[]): Promise<boolean> {
  return (await leadersAmong(db, personIds)).size > 0;
}

/** Which of these people hold an active hospital-leadership post. */
export async function leadersAmong(db: Db, personIds: string[]): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const rows = await db
    .selectDistinct({ personId: posts.personId })
    .from(posts)
    .where(and(inArray(posts.personId, personIds), eq(posts.active, true), eq(posts.cadreLevel, 'leader')));
  return new Set(rows.map((r) => r.personId));
}

/** Who handles a case when nobody owns it: the institution's discipline officers, or the region's group. */
export async function handlers(db: Db, c: CaseRow): Promise<string[]> {
  const role = c.routedTo === 'region' ? 'region_supervisor' : 'discipline_officer';
  const rows = await db
    .select({ id: accounts.id, personId: accounts.personId })
    .from(accounts)
    .where(
      and(
        eq(accounts.role, role),
        eq(accounts.active, true),
        c.routedTo === 'region' ? eq(accounts.regionId, c.regionId) : eq(accounts.institutionId, c.institutionId),
        sql`${accounts.id} not in (select account_id from ${caseRecusals} where case_id = ${c.id})`,
        sql`(${accounts.personId} is null or ${accounts.personId} not in (select person_id from ${caseSubjects} where case_id = ${c.id}))`,
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * The same, for new cases in bulk: the candidate officers of each (routing, institution or region) are
 * read once; a new case has no recusals yet, and its subjects are given.
 */
export async function handlersOfNew(db: Db, list: { c: CaseRow; subjectIds: string[] }[]): Promise<string[][]> {
  const groups = new Map<string, Promise<{ id: string; personId: string | null }[]>>();
  const candidates = (c: CaseRow) => {
    const key = c.routedTo === 'region' ? `r:${c.regionId}` : `i:${c.institutionId}`;
    if (!groups.has(key))
      groups.set(
        key,
        db
          .select({ id: accounts.id, personId: accounts.personId })
          .from(accounts)
          .where(
            and(
              eq(accounts.role, c.routedTo === 'region' ? 'region_supervisor' : 'discipline_officer'),
              eq(accounts.active, true),
              c.routedTo === 'region' ? eq(accounts.regionId, c.regionId) : eq(accounts.institutionId, c.institutionId),
            ),
          ),
      );
    return groups.get(key)!;
  };
  const out: string[][] = [];
  for (const { c, subjectIds } of list) out.push((await candidates(c)).filter((a) => !a.personId || !subjectIds.includes(a.personId)).map((a) => a.id));
  return out;
}

const STAGE_LABEL: Partial<Record<TCaseStatus, string>> = { received: '受理', investigating: '办结', on_hold: '暂存复查', concluded: '反馈' };

registerJobHandler('case.deadline', async (ctx, payload) => {
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, String(payload.caseId)));
  if (!c || c.status !== payload.status || !c.stageDeadline) return; // moved on since: nothing to remind
  const recipients = c.ownerId ? [c.ownerId] : await handlers(ctx.db, c);
  const due = shanghaiDate(c.stageDeadline);
  const overdue = payload.when === 'overdue';
  for (const accountId of recipients)
    await notify(ctx, {
      accountId,
      institutionId: c.institutionId,
      title: overdue ? `线索 ${c.number} 已逾期` : `线索 ${c.number} 即将到期`,
      body: `${STAGE_LABEL[c.status] ?? ''}期限：${due}${overdue ? '，已超期，请尽快办理' : '，请按期办理'}`,
      link: `/cases/${c.id}`,
    });
});

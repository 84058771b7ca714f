/**
 * The public report inbox. Answering a phone takes one durable insert (`report_inbox`); registering
 * the case — number, timeline, deadline, routing, notifications, audit — happens in the drain, which
 * runs right after (nudged by the submission), every 30 s through the scheduler (after a crash, the
 * rows are still there), and on demand when a reporter looks up a receipt that is still in the inbox.
 * A burst of submissions therefore costs the phones one round trip each, and the registration work is
 * done in batches, one transaction per batch.
 */
import type { TReportSettings } from '@qinglian/contracts';
import { and, asc, count, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit, writeAudits } from '../../platform/audit.ts';
import { actorOf, type Ctx, type Platform } from '../../platform/context.ts';
import { systemCtx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { registerJobHandler, scheduleJobs } from '../../platform/jobs.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { institutions, people, posts } from '../org/org.tables.ts';
import { type CaseRow, deadlineUnder, eventRow, handlersOfNew, leadersAmong, nextNumbers, reminderJobs } from './cases.common.ts';
import { caseEvents, caseSubjects, cases, integrityCodes, reportInbox } from './reports.tables.ts';
import { settingsOf } from './settings.service.ts';

type InboxRow = typeof reportInbox.$inferSelect;
const BATCH = 200;
/** A row that failed this often stays in the inbox with its error for an administrator to look at. */
const MAX_ATTEMPTS = 5;
const DRAIN_LOCK = 7_310_002;

/**
 * Registers inbox rows as cases, in bulk: a handful of statements for the whole batch instead of a
 * dozen per case. Does what `createCase` + `enterStage('received')` do for one case: the case with its
 * number and stage deadline, subjects, the timeline's first event, deadline reminders, the handlers'
 * notifications and the audit entry.
 */
async function registerReports(ctx: Ctx, rows: InboxRow[]): Promise<void> {
  const tx = ctx.db;
  const now = ctx.platform.now();
  // Retries of reports registered earlier (their inbox row was gone, so the retry inserted a new one).
  const known = new Set(
    (await tx.select({ h: cases.idempotencyHash }).from(cases).where(inArray(cases.idempotencyHash, rows.map((r) => r.idempotencyHash)))).map((r) => r.h),
  );
  const fresh = rows.filter((r) => !known.has(r.idempotencyHash));
  if (!fresh.length) return;
  const codes = new Map(
    (
      await tx
        .select({ c: integrityCodes, inst: institutions, person: people })
        .from(integrityCodes)
        .innerJoin(institutions, eq(institutions.id, integrityCodes.institutionId))
        .leftJoin(people, eq(people.id, integrityCodes.personId))
        .where(inArray(integrityCodes.id, [...new Set(fresh.map((r) => r.codeId))]))
    ).map((r) => [r.c.id, r]),
  );
  const codeOf = (r: InboxRow) => {
    const code = codes.get(r.codeId);
    if (!code) throw new Error(`integrity code ${r.codeId} is gone`);
    return code;
  };
  const leaders = await leadersAmong(tx, [...new Set(fresh.flatMap((r) => (codeOf(r).person ? [codeOf(r).person!.id] : [])))]);
  const settings = new Map<string, TReportSettings>();
  for (const id of new Set(fresh.map((r) => codeOf(r).inst.id))) settings.set(id, await settingsOf(tx, id));

  // Numbers: one counter statement per institution and year, handed out in order of receipt.
  const numbers = new Map<string, string>();
  const byCounter = new Map<string, InboxRow[]>();
  for (const r of [...fresh].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
    const key = `${codeOf(r).inst.id}|${shanghaiDate(r.receivedAt).slice(0, 4)}`;
    byCounter.set(key, [...(byCounter.get(key) ?? []), r]);
  }
  for (const group of byCounter.values()) {
    const taken = await nextNumbers(tx, codeOf(group[0]!).inst, group[0]!.receivedAt, group.length);
    for (const [i, r] of group.entries()) numbers.set(r.id, taken[i]!);
  }

  const created = await tx
    .insert(cases)
    .values(
      fresh.map((r) => {
        const code = codeOf(r);
        const toRegion = r.report.aboutLeadership || (!!code.person && leaders.has(code.person.id));
        return {
          id: r.id,
          regionId: code.inst.regionId,
          institutionId: code.inst.id,
          routedTo: toRegion ? ('region' as const) : ('institution' as const),
          number: numbers.get(r.id)!,
          channel: 'integrity_code' as const,
          category: r.report.category as CaseRow['category'],
          text: r.report.text,
          departmentId: code.c.departmentId,
          codeId: code.c.id,
          subjectHint: r.report.subjectName,
          anonymous: r.report.anonymous || !r.contactSealed,
          contactSealed: r.contactSealed,
          receiptHash: r.receiptHash,
          idempotencyHash: r.idempotencyHash,
          receivedAt: r.receivedAt,
          status: 'received' as const,
          stageDeadline: deadlineUnder(settings.get(code.inst.id)!, { status: 'received', receivedAt: r.receivedAt, acceptedAt: null, concludedAt: null }),
          updatedAt: now,
        };
      }),
    )
    .returning();
  const subjectsOf = (c: CaseRow) => {
    const person = codeOf(fresh.find((r) => r.id === c.id)!).person;
    return person ? [person] : [];
  };
  const subjects = created.flatMap((c) => subjectsOf(c).map((p) => ({ caseId: c.id, personId: p.id, institutionId: p.institutionId, departmentId: p.departmentId })));
  if (subjects.length) await tx.insert(caseSubjects).values(subjects);
  const report = new Map(fresh.map((r) => [r.id, r.report]));
  await tx.insert(caseEvents).values(
    created.map((c) =>
      eventRow(ctx, c, { kind: 'created', text: c.text, visibleToReporter: true, attachmentIds: report.get(c.id)!.photos, data: { channel: 'integrity_code', routedTo: c.routedTo } }),
    ),
  );
  await scheduleJobs(tx, created.flatMap((c) => reminderJobs(c, c.stageDeadline, now)));
  const recipients = await handlersOfNew(tx, created.map((c) => ({ c, subjectIds: subjectsOf(c).map((p) => p.id) })));
  await notifyMany(
    ctx,
    created.flatMap((c, i) =>
      recipients[i]!.map((accountId) => ({ accountId, institutionId: c.institutionId, title: '新的举报', body: '来自医廉码，请在受理期限内处理', link: `/cases/${c.id}` })),
    ),
  );
  await writeAudits(
    ctx,
    created.map((c) => ({ action: 'case.create', targetType: 'case', targetId: c.id, institutionId: c.institutionId, regionId: c.regionId, after: { number: c.number, channel: 'integrity_code', routedTo: c.routedTo } })),
  );
}

/** Registers every waiting report, a batch per transaction; returns how many rows it handled. */
export async function drainInbox(platform: Platform): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await inTx(platform.db, async (tx) => {
      // One drain at a time (the nudge, the periodic job, a receipt lookup, other server processes): two
      // batches would take institutions' case counters in different orders and deadlock.
      await tx.execute(sql`select pg_advisory_xact_lock(${DRAIN_LOCK})`);
      const rows = await tx
        .select()
        .from(reportInbox)
        .where(lt(reportInbox.attempts, MAX_ATTEMPTS))
        .orderBy(asc(reportInbox.receivedAt))
        .limit(BATCH);
      const ctx = { ...systemCtx(platform, null, 'report-inbox'), db: tx };
      if (!rows.length) return 0;
      try {
        await inTx(tx, (sp) => registerReports({ ...ctx, db: sp }, rows));
        await tx.delete(reportInbox).where(inArray(reportInbox.id, rows.map((r) => r.id)));
      } catch {
        // Something in the batch cannot be registered: one report at a time (a savepoint each), so the
        // others go through and the culprit stays in the inbox with its error.
        for (const row of rows) {
          try {
            await inTx(tx, (sp) => registerReports({ ...ctx, db: sp }, [row]));
            await tx.delete(reportInbox).where(eq(reportInbox.id, row.id));
          } catch (err) {
            await tx
              .update(reportInbox)
              .set({ attempts: row.attempts + 1, lastError: String(err instanceof Error ? err.message : err).slice(0, 2000) })
              .where(eq(reportInbox.id, row.id));
          }
        }
      }
      return rows.length;
    });
    total += handled;
    if (handled < BATCH) return total;
  }
}

const draining = new WeakMap<Platform, { again: boolean }>();

/**
 * Starts a drain soon unless one is running; a nudge during a drain makes it run once more, so a
 * report stored while the last batch was being read is not left for the periodic job.
 */
export function nudgeInbox(platform: Platform, onError: (err: unknown) => void = () => {}): void {
  const running = draining.get(platform);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false };
  draining.set(platform, state);
  const run = async () => {
    do {
      state.again = false;
      await drainInbox(platform).catch(onError);
    } while (state.again);
    draining.delete(platform);
  };
  setTimeout(run, 5);
}

registerJobHandler('reports.inbox', async (ctx) => void (await drainInbox(ctx.platform)), { everyMs: 30_000 });

/**
 * Reports the drain gave up on (MAX_ATTEMPTS failures) that the caller would see once registered. They
 * are safe in the inbox; an institution's office does not see those that will go to the region (about
 * its leadership), so even their number does not reach the people they are about.
 */
function stuckWhere(ctx: Ctx): SQL {
  const actor = actorOf(ctx);
  return and(
    gte(reportInbox.attempts, MAX_ATTEMPTS),
    scopeWhere(actor, { institutionId: integrityCodes.institutionId }),
    scopeOf(actor) === 'region'
      ? undefined
      : sql`not coalesce((${reportInbox.report}->>'aboutLeadership')::boolean, false)
            and not exists (select 1 from ${posts} p where p.person_id = ${integrityCodes.personId} and p.active and p.cadre_level = 'leader')`,
  ) as SQL;
}

/** How many acknowledged reports in the caller's scope could not be registered as cases. */
export async function countUnregistered(ctx: Ctx): Promise<number> {
  const [r] = await ctx.db
    .select({ n: count() })
    .from(reportInbox)
    .innerJoin(integrityCodes, eq(integrityCodes.id, reportInbox.codeId))
    .where(stuckWhere(ctx));
  return r?.n ?? 0;
}

/** Gives the caller's stuck reports another full set of attempts and starts a drain; returns how many. */
export async function retryUnregistered(ctx: Ctx): Promise<{ retried: number }> {
  const ids = (
    await ctx.db.select({ id: reportInbox.id }).from(reportInbox).innerJoin(integrityCodes, eq(integrityCodes.id, reportInbox.codeId)).where(stuckWhere(ctx))
  ).map((r) => r.id);
  if (!ids.length) return { retried: 0 };
  await inTx(ctx.db, async (tx) => {
    await tx.update(reportInbox).set({ attempts: 0 }).where(inArray(reportInbox.id, ids));
    await writeAudit({ ...ctx, db: tx }, { action: 'case.inbox.retry', targetType: 'report_inbox', institutionId: actorOf(ctx).institutionId, after: { count: ids.length } });
  });
  nudgeInbox(ctx.platform);
  return { retried: ids.length };
}

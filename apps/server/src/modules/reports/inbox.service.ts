/**
 * The public report inbox. Answering a phone takes one durable insert (`report_inbox`); registering
 * the case — number, timeline, deadline, routing, notifications, audit — happens in the drain, which
 * runs right after (nudged by the submission), every 30 s through the scheduler (after a crash, the
 * rows are still there), and on demand when a reporter looks up a receipt that is still in the inbox.
 * A burst of submissions therefore costs the phones one round trip each, and the registration work is
 * done in batches, one transaction per batch.
 */
import { asc, eq, lt, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx, Platform } from '../../platform/context.ts';
import { systemCtx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { registerJobHandler } from '../../platform/jobs.ts';
import { notify } from '../notifications/notifications.service.ts';
import { institutions, people } from '../org/org.tables.ts';
import { addEvent, anyLeader, assignNumber, enterStage, handlers } from './cases.common.ts';
import { caseSubjects, cases, integrityCodes, reportInbox } from './reports.tables.ts';

type InboxRow = typeof reportInbox.$inferSelect;
const BATCH = 200;
/** A row that failed this often stays in the inbox with its error for an administrator to look at. */
const MAX_ATTEMPTS = 5;
const DRAIN_LOCK = 7_310_002;

/** Registers one inbox row as a case (inside the drain's transaction). */
async function registerReport(ctx: Ctx, row: InboxRow): Promise<void> {
  const tx = ctx.db;
  // A retry of a report registered earlier (its inbox row was gone, so the retry inserted a new one).
  const [dup] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.idempotencyHash, row.idempotencyHash));
  if (dup) return;
  const [code] = await tx
    .select({ c: integrityCodes, inst: institutions, person: people })
    .from(integrityCodes)
    .innerJoin(institutions, eq(institutions.id, integrityCodes.institutionId))
    .leftJoin(people, eq(people.id, integrityCodes.personId))
    .where(eq(integrityCodes.id, row.codeId));
  if (!code) throw new Error(`integrity code ${row.codeId} is gone`);
  const r = row.report;
  const subjects = code.person ? [code.person] : [];
  const toRegion = r.aboutLeadership || (await anyLeader(tx, subjects.map((p) => p.id)));
  const [c] = await tx
    .insert(cases)
    .values({
      id: row.id,
      regionId: code.inst.regionId,
      institutionId: code.inst.id,
      routedTo: toRegion ? 'region' : 'institution',
      number: row.id, // the real number is taken last, see below
      channel: 'integrity_code',
      category: r.category as (typeof cases.$inferInsert)['category'],
      text: r.text,
      departmentId: code.c.departmentId,
      codeId: code.c.id,
      subjectHint: r.subjectName,
      anonymous: r.anonymous || !row.contactSealed,
      contactSealed: row.contactSealed,
      receiptHash: row.receiptHash,
      idempotencyHash: row.idempotencyHash,
      receivedAt: row.receivedAt,
    })
    .returning();
  if (subjects.length)
    await tx.insert(caseSubjects).values(subjects.map((p) => ({ caseId: row.id, personId: p.id, institutionId: p.institutionId, departmentId: p.departmentId })));
  await addEvent(ctx, c!, { kind: 'created', text: r.text, visibleToReporter: true, attachmentIds: r.photos, data: { channel: 'integrity_code', routedTo: c!.routedTo } });
  const staged = await enterStage(ctx, c!, 'received');
  for (const accountId of await handlers(tx, staged))
    await notify(ctx, { accountId, institutionId: staged.institutionId, title: '新的举报', body: '来自医廉码，请在受理期限内处理', link: `/cases/${row.id}` });
  // The per-institution counter is the one serialised step, so it comes last.
  const number = await assignNumber(tx, row.id, code.inst, row.receivedAt);
  await writeAudit(ctx, { action: 'case.create', targetType: 'case', targetId: row.id, institutionId: staged.institutionId, regionId: staged.regionId, after: { number, channel: 'integrity_code', routedTo: staged.routedTo } });
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
      for (const row of rows) {
        try {
          // A savepoint per report: one that cannot be registered does not hold up the others.
          await inTx(tx, (sp) => registerReport({ ...ctx, db: sp }, row));
          await tx.delete(reportInbox).where(eq(reportInbox.id, row.id));
        } catch (err) {
          await tx
            .update(reportInbox)
            .set({ attempts: row.attempts + 1, lastError: String(err instanceof Error ? err.message : err).slice(0, 2000) })
            .where(eq(reportInbox.id, row.id));
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

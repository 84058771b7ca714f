/**
 * A durable scheduler: jobs are rows, so they survive restarts. A worker claims due jobs with
 * FOR UPDATE SKIP LOCKED (safe with several server processes), runs the handler registered for the
 * job's kind, and retries failures with backoff. A job's `dedupeKey` keeps one pending copy per key,
 * which is how deadlines schedule exactly one reminder and recurring jobs exactly one next run.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx, Platform } from './context.ts';
import { systemCtx } from './context.ts';
import type { Db } from './db.ts';
import { every } from './loop.ts';
import { jobs } from './platform.tables.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobHandler = (ctx: Ctx, payload: Record<string, unknown>, job: JobRow) => Promise<void>;

const handlers = new Map<string, JobHandler>();
const recurring = new Map<string, number>();

/** Registers the code that runs jobs of `kind`; modules call this when they load. */
export function registerJobHandler(kind: string, handler: JobHandler, opts: { everyMs?: number } = {}): void {
  handlers.set(kind, handler);
  if (opts.everyMs) recurring.set(kind, opts.everyMs);
}

export interface ScheduleInput {
  kind: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Schedules a job (in the caller's transaction); with a dedupeKey an already pending copy is kept instead. */
export async function scheduleJob(db: Db, input: ScheduleInput): Promise<void> {
  await scheduleJobs(db, [input]);
}

/** Schedules several jobs in one statement. */
export async function scheduleJobs(db: Db, inputs: ScheduleInput[]): Promise<void> {
  if (!inputs.length) return;
  await db
    .insert(jobs)
    .values(inputs.map((input) => ({ kind: input.kind, runAt: input.runAt, payload: input.payload ?? {}, dedupeKey: input.dedupeKey ?? null, maxAttempts: input.maxAttempts ?? 5 })))
    .onConflictDoNothing();
}

/** Cancels the pending job with this key (e.g. a reminder whose deadline was met). */
export async function cancelJob(db: Db, dedupeKey: string): Promise<void> {
  await db.delete(jobs).where(and(eq(jobs.dedupeKey, dedupeKey), eq(jobs.status, 'pending')));
}

/** Cancels every pending job whose key starts with `prefix` (a reminder that repeats under dated keys). */
export async function cancelJobsWithPrefix(db: Db, prefix: string): Promise<void> {
  await db.delete(jobs).where(and(sql`${jobs.dedupeKey} like ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`, eq(jobs.status, 'pending')));
}

/** Makes sure each recurring kind has its next run scheduled. */
export async function ensureRecurring(platform: Platform): Promise<void> {
  for (const [kind, every] of recurring)
    await scheduleJob(platform.db, { kind, runAt: new Date(platform.now().getTime() + every), dedupeKey: `recurring:${kind}` });
}

/** Claims and runs due jobs once; returns how many ran. Tests call it directly after moving the clock. */
export async function runDueJobs(platform: Platform, limit = 20): Promise<number> {
  const now = platform.now();
  const lease = new Date(now.getTime() + 5 * 60_000);
  const claimed = (await platform.db
    .update(jobs)
    .set({ status: 'running', lockedUntil: lease, attempts: sql`${jobs.attempts} + 1` })
    .where(
      sql`${jobs.id} in (select id from jobs where (status = 'pending' and run_at <= ${now}) or (status = 'running' and locked_until < ${now}) order by run_at limit ${limit} for update skip locked)`,
    )
    .returning()) as JobRow[];
  for (const job of claimed) {
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(systemCtx(platform, null, `job:${job.id}`), job.payload as Record<string, unknown>, job);
      await platform.db.update(jobs).set({ status: 'done', finishedAt: platform.now(), lockedUntil: null }).where(eq(jobs.id, job.id));
      const every = recurring.get(job.kind);
      if (every && job.dedupeKey === `recurring:${job.kind}`)
        await scheduleJob(platform.db, { kind: job.kind, runAt: new Date(platform.now().getTime() + every), dedupeKey: job.dedupeKey });
    } catch (err) {
      const last = job.attempts >= job.maxAttempts;
      const backoff = Math.min(60 * 60_000, 30_000 * 2 ** (job.attempts - 1));
      await platform.db
        .update(jobs)
        .set({
          status: last ? 'failed' : 'pending',
          lastError: String(err instanceof Error ? err.message : err).slice(0, 2000),
          runAt: last ? job.runAt : new Date(platform.now().getTime() + backoff),
          finishedAt: last ? platform.now() : null,
          lockedUntil: null,
        })
        .where(eq(jobs.id, job.id));
    }
  }
  return claimed.length;
}

/** Polls for due jobs until stopped; one poll at a time. */
export function startScheduler(platform: Platform, onError: (err: unknown) => void = () => {}): () => Promise<void> {
  return every(
    async (stopped) => {
      await ensureRecurring(platform);
      while (!stopped() && (await runDueJobs(platform)) > 0);
    },
    { everyMs: platform.config.jobPollMs, firstMs: 10, onError },
  );
}

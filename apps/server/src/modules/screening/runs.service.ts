/**
 * Screening runs: on demand (CLI, API) and monthly (the `screening.monthly` job), for one institution or
 * every institution in a region. An API run is queued as a job (`screening.run`) so the request returns at
 * once and the console follows its progress; DuckDB does the work on its own threads.
 */
import type { TScreeningRun, TScreeningRunInput } from '@qinglian/contracts';
import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type Actor, assertInScope, scopeOf } from '../../platform/access.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { registerJobHandler, scheduleJob } from '../../platform/jobs.ts';
import { pageOf } from '../../platform/pagination.ts';
import { institutions } from '../org/index.ts';
import { paramsForRun } from './rules.params.ts';
import { executeRun } from './runs.engine.ts';
import { screeningRuns } from './screening.tables.ts';

type RunRow = typeof screeningRuns.$inferSelect;
type Trigger = RunRow['trigger'];

/** The API shape of a run. */
export function runView(r: RunRow, institutionName: string | null = null): TScreeningRun {
  return {
    id: r.id,
    regionId: r.regionId,
    institutionId: r.institutionId,
    institutionName,
    from: r.fromPeriod || null,
    to: r.toPeriod || null,
    trigger: r.trigger,
    status: r.status,
    paramVersion: r.paramVersion,
    progress: r.progress as TScreeningRun['progress'],
    ruleTimes: r.ruleTimes as Record<string, number>,
    alertsFound: r.alertsFound,
    alertsNew: r.alertsNew,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** The institutions a run covers: one, a region's, or (no region, CLI) all. */
async function runInstitutions(ctx: Ctx, run: Pick<RunRow, 'institutionId' | 'regionId'>) {
  if (run.institutionId) return ctx.db.select().from(institutions).where(eq(institutions.id, run.institutionId));
  if (run.regionId) return ctx.db.select().from(institutions).where(eq(institutions.regionId, run.regionId));
  return ctx.db.select().from(institutions);
}

/** Creates a run row with the parameters' version; the window may be left open (filled in when it runs). */
async function createRun(ctx: Ctx, input: { institutionId: string | null; regionId: string | null; from?: string; to?: string; trigger: Trigger; overrides?: unknown; status: RunRow['status'] }) {
  if (input.from && input.to && input.from > input.to) throw invalid('from', 'period_order');
  const { version } = await paramsForRun(ctx, input.overrides);
  const [run] = await ctx.db
    .insert(screeningRuns)
    .values({
      institutionId: input.institutionId,
      regionId: input.regionId,
      fromPeriod: input.from ?? '',
      toPeriod: input.to ?? '',
      trigger: input.trigger,
      status: input.status,
      paramVersion: version,
      createdBy: ctx.actor?.username ?? input.trigger,
      createdAt: ctx.platform.now(),
    })
    .returning();
  return run!;
}

/** Runs a created run to the end, recording success or failure on it. */
export async function performRun(ctx: Ctx, run: RunRow, overrides?: unknown) {
  const { params } = await paramsForRun(ctx, overrides);
  await ctx.db.update(screeningRuns).set({ status: 'running' }).where(eq(screeningRuns.id, run.id));
  try {
    const insts = await runInstitutions(ctx, run);
    const res = await executeRun(ctx, run, insts, params);
    const [done] = await ctx.db
      .update(screeningRuns)
      .set({ status: 'done', alertsFound: res.found, alertsNew: res.created, finishedAt: ctx.platform.now() })
      .where(eq(screeningRuns.id, run.id))
      .returning();
    return { run: done!, alerts: res.alerts };
  } catch (err) {
    await ctx.db
      .update(screeningRuns)
      .set({ status: 'failed', error: String((err as Error).message ?? err).slice(0, 1000), finishedAt: ctx.platform.now() })
      .where(eq(screeningRuns.id, run.id));
    throw err;
  }
}

/** The CLI's run: synchronous, any institution (by code) or all. */
export async function screenNow(ctx: Ctx, input: { institutionCode?: string; from?: string; to?: string; overrides?: unknown; trigger?: Trigger }) {
  let inst: typeof institutions.$inferSelect | undefined;
  if (input.institutionCode) {
    [inst] = await ctx.db.select().from(institutions).where(eq(institutions.code, input.institutionCode));
    if (!inst) throw invalid('institution', 'unknown_institution');
  }
  const run = await createRun(ctx, { institutionId: inst?.id ?? null, regionId: inst?.regionId ?? null, from: input.from, to: input.to, trigger: input.trigger ?? 'cli', overrides: input.overrides, status: 'running' });
  return performRun(ctx, run, input.overrides);
}

/** POST /api/screening/runs: queues a run of one institution or the caller's whole scope. */
export async function requestRun(ctx: Ctx, input: TScreeningRunInput): Promise<TScreeningRun> {
  const actor = actorOf(ctx);
  let institutionId: string | null = null;
  let name: string | null = null;
  if (input.institutionId) {
    const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, input.institutionId));
    if (!inst) throw invalid('institutionId', 'unknown_institution');
    assertInScope(actor, { institutionId: inst.id, regionId: inst.regionId }, inst.regionId);
    institutionId = inst.id;
    name = inst.name;
  } else if (scopeOf(actor) !== 'region') {
    institutionId = actor.institutionId;
  }
  const run = await createRun(ctx, { institutionId, regionId: actor.regionId, from: input.from, to: input.to, trigger: 'api', status: 'queued' });
  await scheduleJob(ctx.db, { kind: 'screening.run', runAt: ctx.platform.now(), payload: { runId: run.id }, dedupeKey: `screening.run:${run.id}`, maxAttempts: 1 });
  return runView(run, name);
}

function scope(actor: Actor): SQL {
  if (scopeOf(actor) === 'region') return eq(screeningRuns.regionId, actor.regionId);
  return actor.institutionId ? eq(screeningRuns.institutionId, actor.institutionId) : sql`false`;
}

/** Runs in the caller's scope, newest first. */
export async function listRuns(ctx: Ctx, q: { page: number; pageSize: number }) {
  const where = scope(actorOf(ctx));
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(screeningRuns).where(where);
  const rows = await ctx.db
    .select({ r: screeningRuns, name: institutions.name })
    .from(screeningRuns)
    .leftJoin(institutions, eq(institutions.id, screeningRuns.institutionId))
    .where(where)
    .orderBy(desc(screeningRuns.createdAt))
    .limit(pageOf(q).limit)
    .offset(pageOf(q).offset);
  return { items: rows.map((x) => runView(x.r, x.name)), total, page: q.page, pageSize: q.pageSize };
}

/** One run with its progress. */
export async function getRun(ctx: Ctx, id: string) {
  const [x] = await ctx.db
    .select({ r: screeningRuns, name: institutions.name })
    .from(screeningRuns)
    .leftJoin(institutions, eq(institutions.id, screeningRuns.institutionId))
    .where(and(eq(screeningRuns.id, id), scope(actorOf(ctx))));
  if (!x) throw notFound();
  return runView(x.r, x.name);
}

/** The month before `now` (Asia/Shanghai calendar is within a day of UTC; the monthly job runs on day 1+). */
const lastMonth = (now: Date) => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
};

registerJobHandler('screening.run', async (ctx, payload) => {
  const [run] = await ctx.db.select().from(screeningRuns).where(eq(screeningRuns.id, String(payload.runId)));
  if (run && run.status === 'queued') await performRun(ctx, run);
});

/** Once a day: when last month has not been screened region-wide yet, screen every region's window ending with it. */
registerJobHandler(
  'screening.monthly',
  async (ctx) => {
    const month = lastMonth(ctx.platform.now());
    const regions = await ctx.db.selectDistinct({ regionId: institutions.regionId }).from(institutions);
    for (const { regionId } of regions) {
      const [had] = await ctx.db
        .select({ id: screeningRuns.id })
        .from(screeningRuns)
        .where(and(eq(screeningRuns.regionId, regionId), isNull(screeningRuns.institutionId), eq(screeningRuns.trigger, 'schedule'), eq(screeningRuns.toPeriod, month)));
      if (had) continue;
      const run = await createRun(ctx, { institutionId: null, regionId, to: month, trigger: 'schedule', status: 'running' });
      await performRun(ctx, run);
    }
  },
  { everyMs: 24 * 60 * 60_000 },
);

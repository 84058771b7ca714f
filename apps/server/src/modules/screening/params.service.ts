/** Rule parameter versions for the console, and the screening home's summary. */
import { SCREENING_RULES, type TParamVersion, type TRuleParams, type TScreeningRule, type TScreeningSummary } from '@qinglian/contracts';
import { desc } from 'drizzle-orm';
import { scopeOf } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { institutions } from '../org/index.ts';
import { alertCounts } from './alerts.service.ts';
import { factCounts, withFacts } from './facts.store.ts';
import { currentParams, effectiveParams, versionOf } from './rules.params.ts';
import { listRuns } from './runs.service.ts';
import { screeningParamVersions } from './screening.tables.ts';
import { eq } from 'drizzle-orm';

/** Every version, newest first, with the one in force marked. */
export async function listParamVersions(ctx: Ctx) {
  actorOf(ctx);
  const cur = await currentParams(ctx);
  const rows = await ctx.db.select().from(screeningParamVersions).orderBy(desc(screeningParamVersions.version)).limit(200);
  const items: TParamVersion[] = rows.map((r) => ({ version: r.version, params: r.params as Record<string, unknown>, note: r.note, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), current: r.version === cur.version }));
  return { items, total: items.length, page: 1, pageSize: 200 };
}

/** Adopts parameters (overrides over the defaults); the same parameters are the same version. */
export async function setParams(ctx: Ctx, input: { params: TRuleParams; note?: string }): Promise<TParamVersion> {
  actorOf(ctx);
  const params = effectiveParams(input.params);
  const version = await versionOf(ctx, params, { note: input.note ?? null, adopt: true });
  await writeAudit(ctx, { action: 'screening.params', targetType: 'screening_params', targetId: null, after: { version, note: input.note ?? null } });
  const [row] = await ctx.db.select().from(screeningParamVersions).where(eq(screeningParamVersions.version, version));
  return { version, params: row!.params as Record<string, unknown>, note: row!.note, createdBy: row!.createdBy, createdAt: row!.createdAt.toISOString(), current: true };
}

/** Open/dismissed/escalated per rule, the last run and the fact counts in the caller's scope. */
export async function screeningSummary(ctx: Ctx): Promise<TScreeningSummary> {
  const actor = actorOf(ctx);
  const counts = await alertCounts(ctx);
  const rules = SCREENING_RULES.map((rule) => {
    const of = (status: string) => counts.filter((c) => c.rule === rule && c.status === status).reduce((a, c) => a + c.n, 0);
    return { rule: rule as TScreeningRule, open: of('open'), dismissed: of('dismissed'), escalated: of('escalated') };
  });
  const runs = await listRuns(ctx, { page: 1, pageSize: 1 });
  const codes = (
    await ctx.db
      .select({ code: institutions.code })
      .from(institutions)
      .where(scopeOf(actor) === 'region' ? eq(institutions.regionId, actor.regionId) : eq(institutions.id, actor.institutionId ?? '00000000-0000-0000-0000-000000000000'))
  ).map((r) => r.code);
  const facts = await withFacts(ctx.platform.config.dataDir, (con) => factCounts(con, codes));
  return { rules, lastRun: runs.items[0] ?? null, facts };
}

/**
 * Rule parameters: documented defaults (docs/rules.md), overrides from `--config rules.json` or the API,
 * and versions. The effective parameters are stored once per distinct value (hash) with an increasing
 * version number; every run and every alert records the version that produced it.
 */
import crypto from 'node:crypto';
import { SCREENING_RULES, type TRuleParams, type TScreeningRule, ZRuleParams } from '@qinglian/contracts';
import { desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { screeningParamVersions } from './screening.tables.ts';

export const DEFAULT_PARAMS = {
  enabled: Object.fromEntries(SCREENING_RULES.map((r) => [r, true])) as Record<TScreeningRule, boolean>,
  off_platform_purchase: { matchDays: 3, minAmountYuan: 0 },
  price_above_platform: { tolerance: 0.01, minExcessYuan: 100, matchDays: 3 },
  split_purchase: { thresholdYuan: 100_000, lowerShare: 0.6, minOrders: 3 },
  supplier_concentration: { minShare: 0.4, factor: 3, minCategoryYuan: 100_000 },
  usage_spike: { historyMonths: 6, minHistoryMonths: 3, factor: 2.5, zScore: 3, minQuantity: 30 },
  prescriber_concentration: { minLines: 30, minPeers: 4, minShare: 0.6, marginOverP90: 0.15 },
  post_visit_uplift: { windowDays: 60, factor: 2, minAfterLines: 12 },
  committee_conflict: { relations: ['family', 'shareholding', 'former_employee', 'other'] as string[] },
  vbp_bypass: { minLines: 30, minPeers: 4, minNonVbpShare: 0.6, marginOverP90: 0.15 },
  reopen: { scoreDelta: 0.1, amountGrowth: 0.5 },
};
export type Params = typeof DEFAULT_PARAMS;

/** Defaults with the overrides laid over them, member by member; unknown members are refused. */
export function effectiveParams(overrides: unknown): Params {
  const parsed = ZRuleParams.strict().safeParse(overrides ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.path.join('.') || 'params', issue.code === 'unrecognized_keys' ? 'invalid_value' : 'invalid_value');
  }
  const o = parsed.data as TRuleParams & Record<string, unknown>;
  const out = structuredClone(DEFAULT_PARAMS) as Params & Record<string, Record<string, unknown>>;
  for (const [k, v] of Object.entries(o)) if (v && typeof v === 'object') Object.assign(out[k]!, v);
  return out;
}

/** Stable JSON: keys sorted, so equal parameters hash equally. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The version number of these parameters, creating the next version when they are new. */
export async function versionOf(ctx: Ctx, params: Params, opts: { note?: string | null; adopt?: boolean } = {}): Promise<number> {
  const hash = crypto.createHash('sha256').update(canonical(params)).digest('hex');
  return inTx(ctx.db, async (tx) => {
    const [had] = await tx.select().from(screeningParamVersions).where(eq(screeningParamVersions.hash, hash));
    if (had) {
      if (opts.adopt && !had.adopted) await tx.update(screeningParamVersions).set({ adopted: true, createdAt: ctx.platform.now() }).where(eq(screeningParamVersions.version, had.version));
      return had.version;
    }
    // Serialise version numbering between concurrent writers.
    await tx.execute(sql`select pg_advisory_xact_lock(84217)`);
    const [last] = await tx.select().from(screeningParamVersions).orderBy(desc(screeningParamVersions.version)).limit(1);
    const version = (last?.version ?? 0) + 1;
    const [row] = await tx
      .insert(screeningParamVersions)
      .values({ version, params, hash, note: opts.note ?? null, adopted: !!opts.adopt, createdBy: ctx.actor?.username ?? 'cli', createdAt: ctx.platform.now() })
      .onConflictDoNothing()
      .returning();
    if (row) return row.version;
    const [again] = await tx.select().from(screeningParamVersions).where(eq(screeningParamVersions.hash, hash));
    return again!.version;
  });
}

/** The parameters in force: the most recently adopted version, or the defaults. */
export async function currentParams(ctx: Ctx): Promise<{ version: number; params: Params }> {
  const [last] = await ctx.db
    .select()
    .from(screeningParamVersions)
    .where(eq(screeningParamVersions.adopted, true))
    .orderBy(desc(screeningParamVersions.createdAt), desc(screeningParamVersions.version))
    .limit(1);
  if (last) return { version: last.version, params: effectiveParams(last.params) };
  const params = effectiveParams({});
  return { version: await versionOf(ctx, params, { note: 'defaults', adopt: true }), params };
}

/** Parameters for one run: the adopted ones, or the overrides laid over them (recorded as a version, not adopted). */
export async function paramsForRun(ctx: Ctx, overrides?: unknown): Promise<{ version: number; params: Params }> {
  const cur = await currentParams(ctx);
  if (!overrides) return cur;
  const params = effectiveParams(merge(cur.params, overrides));
  return { version: await versionOf(ctx, params, { note: 'override' }), params };
}

function merge(base: Params, over: unknown): unknown {
  const out = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
  for (const [k, v] of Object.entries((over ?? {}) as Record<string, unknown>)) out[k] = v && typeof v === 'object' && !Array.isArray(v) ? { ...(out[k] ?? {}), ...v } : (v as Record<string, unknown>);
  return out;
}

/**
 * The documented defaults of the rule parameters (docs/rules.md; the server's rules.params.ts holds the same
 * values): the parameters page shows each value beside its default and lists what a version changed.
 */
import type { TScreeningRule } from '@qinglian/contracts';

export type ParamGroup = TScreeningRule | 'reopen';
export const PARAM_DEFAULTS: Record<ParamGroup, Record<string, number | string[]>> = {
  off_platform_purchase: { matchDays: 3, minAmountYuan: 0 },
  price_above_platform: { tolerance: 0.01, minExcessYuan: 100, matchDays: 3 },
  split_purchase: { thresholdYuan: 100_000, lowerShare: 0.6, minOrders: 3 },
  supplier_concentration: { minShare: 0.4, factor: 3, minCategoryYuan: 100_000 },
  usage_spike: { historyMonths: 6, minHistoryMonths: 3, factor: 2.5, zScore: 3, minQuantity: 30 },
  prescriber_concentration: { minLines: 30, minPeers: 4, minShare: 0.6, marginOverP90: 0.15 },
  post_visit_uplift: { windowDays: 60, factor: 2, minAfterLines: 12 },
  committee_conflict: { relations: ['family', 'shareholding', 'former_employee', 'other'] },
  vbp_bypass: { minLines: 30, minPeers: 4, minNonVbpShare: 0.6, marginOverP90: 0.15 },
  reopen: { scoreDelta: 0.1, amountGrowth: 0.5 },
};
export const PARAM_GROUPS = Object.keys(PARAM_DEFAULTS) as ParamGroup[];
/** Parameters that must be whole numbers (the server refuses fractions). */
export const INTEGER_PARAMS = new Set(['matchDays', 'minOrders', 'historyMonths', 'minHistoryMonths', 'minLines', 'minPeers', 'windowDays', 'minAfterLines']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** "group.param" → value for every parameter that differs from its default, plus disabled rules. */
export function changesFromDefaults(params: Record<string, unknown>): { key: string; value: unknown }[] {
  const out: { key: string; value: unknown }[] = [];
  for (const g of PARAM_GROUPS) {
    const got = (params[g] ?? {}) as Record<string, unknown>;
    for (const [k, def] of Object.entries(PARAM_DEFAULTS[g])) if (got[k] !== undefined && !same(got[k], def)) out.push({ key: `${g}.${k}`, value: got[k] });
  }
  const enabled = (params.enabled ?? {}) as Record<string, boolean>;
  for (const [rule, on] of Object.entries(enabled)) if (on === false) out.push({ key: `enabled.${rule}`, value: false });
  return out;
}

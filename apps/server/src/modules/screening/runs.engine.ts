/**
 * Executing a screening run: open the analytics store, copy the reference data in, run every enabled
 * rule for the run's institutions and months (progress and per-rule time recorded on the run), then store
 * the alerts. An alert's identity is institution + rule + keys + period, so re-running never duplicates;
 * a dismissed alert stays dismissed unless its evidence grows materially (params.reopen), and a new period
 * of a dismissed rule + keys inherits the dismissal on the same condition.
 */
import { ALERT_RULE_KEYS, SCREENING_RULE_KEYS, SCREENING_RULES, type TAlertRule, type TScreeningRule } from '@qinglian/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { chunks, type institutions } from '../org/index.ts';
import { all, withFacts } from './facts.store.ts';
import { syncReference } from './reference.sync.ts';
import type { Params } from './rules.params.ts';
import { type RuleScope, ruleSql } from './rules.sql.ts';
import { summaryOf } from './rules.summary.ts';
import { screeningAlerts, screeningRuns } from './screening.tables.ts';
import { tenderFlagAlerts } from './tender.alerts.ts';

/** One alert as the contract prints it (JSON Lines of `qinglian screen --format json`). */
export interface AlertOut {
  rule: TAlertRule;
  institution: string;
  period: string;
  keys: Record<string, string>;
  score: number;
  summary: string;
  evidence: Record<string, unknown>;
  amount: string | null;
}

type InstRow = typeof institutions.$inferSelect;
const monthShift = (m: string, by: number) => {
  const n = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

/** Runs the rules; returns the alerts found (already stored) and counts. */
export async function executeRun(
  ctx: Ctx,
  run: typeof screeningRuns.$inferSelect,
  insts: InstRow[],
  params: Params,
): Promise<{ alerts: AlertOut[]; found: number; created: number; from: string; to: string }> {
  const rules = SCREENING_RULES.filter((r) => params.enabled[r] !== false);
  const setRun = (v: Partial<typeof screeningRuns.$inferSelect>) => ctx.db.update(screeningRuns).set(v).where(eq(screeningRuns.id, run.id));
  const codes = insts.map((i) => i.code);
  const { rows, from, to } = await withFacts(ctx.platform.config.dataDir, async (con) => {
    await syncReference(ctx.db, con);
    let to = run.toPeriod;
    if (!to) {
      // By default the window ends with the last month that has data.
      const [last] = await all<{ m: string | null }>(
        con,
        `SELECT strftime(max(d), '%Y-%m') m FROM (SELECT max(ordered_on) d FROM purchase_orders WHERE institution_code IN (${codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(',') || "''"})
          UNION ALL SELECT max(prescribed_on) FROM prescriptions WHERE institution_code IN (${codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(',') || "''"}))`,
      );
      to = last?.m ?? ctx.platform.now().toISOString().slice(0, 7);
    }
    const from = run.fromPeriod || monthShift(to, -11);
    await setRun({ fromPeriod: from, toPeriod: to, progress: { done: 0, total: rules.length, current: rules[0] ?? null } });
    const scope: RuleScope = { institutions: codes, from, to };
    const out: { rule: TScreeningRule; row: Record<string, unknown> }[] = [];
    const times: Record<string, number> = {};
    for (const [i, rule] of rules.entries()) {
      const started = performance.now();
      const found = await all(con, ruleSql(rule, params, scope));
      times[rule] = Math.round(performance.now() - started);
      for (const row of found) out.push({ rule, row });
      await setRun({ progress: { done: i + 1, total: rules.length, current: rules[i + 1] ?? null }, ruleTimes: { ...times } });
    }
    return { rows: out, from, to };
  });

  const instByCode = new Map(insts.map((i) => [i.code, i]));
  const alerts: AlertOut[] = rows.map(({ rule, row }) => {
    const names = SCREENING_RULE_KEYS[rule];
    const keys = Object.fromEntries(names.map((k, i) => [k, String(row[`k${i + 1}`])]));
    const evidence = row.evidence as Record<string, unknown>;
    const score = Math.round(Math.min(1, Math.max(0, Number(row.score))) * 1000) / 1000;
    return { rule, institution: String(row.institution_code), period: String(row.period), keys, score, summary: summaryOf(rule, { ...row, evidence }), evidence, amount: (row.amount as string | null) ?? null };
  });
  // The tenders module's red flags join the same list (tender.alerts.ts).
  alerts.push(...(await tenderFlagAlerts(ctx, insts)));
  const created = await storeAlerts(ctx, run, alerts, instByCode, params);
  return { alerts, found: alerts.length, created, from, to };
}

/** Upserts alerts by identity; applies the dismissal rule. Returns how many were new. */
async function storeAlerts(ctx: Ctx, run: typeof screeningRuns.$inferSelect, alerts: AlertOut[], instByCode: Map<string, InstRow>, params: Params): Promise<number> {
  if (!alerts.length) return 0;
  const instIds = [...new Set(alerts.map((a) => instByCode.get(a.institution)?.id).filter(Boolean))] as string[];
  const existing = await ctx.db
    .select()
    .from(screeningAlerts)
    .where(and(inArray(screeningAlerts.institutionId, instIds), inArray(screeningAlerts.rule, [...new Set(alerts.map((a) => a.rule))])));
  const byIdentity = new Map(existing.map((e) => [`${e.institutionId}|${e.rule}|${e.keyText}|${e.period}`, e]));
  // The latest dismissal per institution + rule + keys, for new periods of an alert already judged a false positive.
  const dismissed = new Map<string, (typeof existing)[number]>();
  for (const e of existing)
    if (e.status === 'dismissed') {
      const k = `${e.institutionId}|${e.rule}|${e.keyText}`;
      const had = dismissed.get(k);
      if (!had || (had.dismissedAt ?? had.firstSeenAt) < (e.dismissedAt ?? e.firstSeenAt)) dismissed.set(k, e);
    }
  const grown = (base: { dismissedScore: number | null; dismissedAmount: string | null }, a: AlertOut) =>
    a.score >= (base.dismissedScore ?? 0) + params.reopen.scoreDelta ||
    (a.amount !== null && base.dismissedAmount !== null && Number(base.dismissedAmount) > 0 && Number(a.amount) >= Number(base.dismissedAmount) * (1 + params.reopen.amountGrowth));
  const now = ctx.platform.now();
  const inserts: (typeof screeningAlerts.$inferInsert)[] = [];
  for (const a of alerts) {
    const inst = instByCode.get(a.institution);
    if (!inst) continue;
    const keyText = ALERT_RULE_KEYS[a.rule].map((k) => a.keys[k]).join('|');
    const had = byIdentity.get(`${inst.id}|${a.rule}|${keyText}|${a.period}`);
    const common = { score: a.score, summary: a.summary, evidence: a.evidence, amount: a.amount, paramVersion: run.paramVersion, runId: run.id, lastSeenAt: now };
    if (had) {
      const reopen = had.status === 'dismissed' && grown(had, a);
      const history = reopen ? [...(had.history as unknown[]), { at: now.toISOString(), action: 'reopened', by: null, note: `score ${had.dismissedScore} → ${a.score}` }] : had.history;
      await ctx.db
        .update(screeningAlerts)
        .set({ ...common, ...(reopen ? { status: 'open' as const } : {}), history })
        .where(eq(screeningAlerts.id, had.id));
      continue;
    }
    const prior = dismissed.get(`${inst.id}|${a.rule}|${keyText}`);
    const carry = prior && !grown(prior, a);
    inserts.push({
      ...common,
      regionId: inst.regionId,
      institutionId: inst.id,
      rule: a.rule,
      keys: a.keys,
      keyText,
      period: a.period,
      firstSeenAt: now,
      status: carry ? 'dismissed' : 'open',
      ...(carry
        ? {
            dismissedReason: prior.dismissedReason,
            dismissedBy: prior.dismissedBy,
            dismissedAt: now,
            dismissedScore: prior.dismissedScore,
            dismissedAmount: prior.dismissedAmount,
            history: [{ at: now.toISOString(), action: 'dismissal_carried', by: null, note: `${prior.period}` }],
          }
        : {}),
    });
  }
  let created = 0;
  for (const part of chunks(inserts, 200)) created += (await ctx.db.insert(screeningAlerts).values(part).onConflictDoNothing().returning({ id: screeningAlerts.id })).length;
  await writeAudit(ctx, {
    action: 'screening.run',
    targetType: 'screening_run',
    targetId: run.id,
    institutionId: run.institutionId,
    regionId: run.regionId,
    after: { alerts: alerts.length, created, paramVersion: run.paramVersion },
  });
  return created;
}

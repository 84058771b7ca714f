/**
 * Tender red flags as alerts. The tenders module computes its Cardinal indicators and hospital flags when
 * processes are imported; a screening run mirrors the flags of its institutions into the alert list, so
 * the office dismisses or escalates them like any other alert. The identity is the process (ocid), the
 * indicator and the flagged subject, with the month bidding opened as the period: re-running never
 * duplicates, and a dismissed flag stays dismissed. Flags are taken whatever the run's window, because
 * the window is about the imported facts, not about when a tender was held.
 */
import { TENDER_ALERT_RULE } from '@qinglian/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { institutions } from '../org/index.ts';
import type { JsonObject } from '../tenders/engine/ocds.ts';
import { explainFlag } from '../tenders/tenders.reasons.ts';
import { tenderFlags, tenderProcesses } from '../tenders/tenders.tables.ts';
import type { AlertOut } from './runs.engine.ts';

type InstRow = typeof institutions.$inferSelect;

/** How much a flag weighs: the Cardinal indicators are the established ones. */
const scoreOf = (code: string) => (code.startsWith('R') ? 0.7 : 0.6);

/** The alerts of every tender flag raised on the institutions' processes. */
export async function tenderFlagAlerts(ctx: Ctx, insts: InstRow[]): Promise<AlertOut[]> {
  if (!insts.length) return [];
  const codeOf = new Map(insts.map((i) => [i.id, i.code]));
  const rows = await ctx.db
    .select({ f: tenderFlags, p: tenderProcesses })
    .from(tenderFlags)
    .innerJoin(tenderProcesses, eq(tenderProcesses.id, tenderFlags.processId))
    .where(inArray(tenderProcesses.institutionId, [...codeOf.keys()]));
  return rows.map(({ f, p }) => {
    const stored = { code: f.code, subject: f.subject, subjectId: f.subjectId, value: f.value ?? 0, detail: f.detail };
    const explained = explainFlag('zh-CN', stored, p.release as JsonObject);
    const english = explainFlag('en-US', stored, p.release as JsonObject);
    const opened = p.tenderStart ?? p.createdAt;
    return {
      rule: TENDER_ALERT_RULE,
      institution: codeOf.get(p.institutionId!)!,
      period: shanghaiDate(opened).slice(0, 7),
      keys: { ocid: p.ocid, indicator: f.code, subject_id: f.subjectId },
      score: scoreOf(f.code),
      summary: `${p.title ?? p.ocid}：${explained.reason}`,
      evidence: {
        indicator: f.code,
        title: explained.title,
        reason: explained.reason,
        // English for English readers (alerts.service.ts picks them; they are not shown as evidence).
        title_en: english.title,
        reason_en: english.reason,
        summary_en: `${p.title ?? p.ocid}: ${english.reason}`,
        values: explained.detail,
        process: {
          id: p.id,
          ocid: p.ocid,
          title: p.title,
          buyer: p.buyerName,
          method: p.procurementMethod,
          tender_start: p.tenderStart ? shanghaiDate(p.tenderStart) : null,
          amount: p.tenderValue,
        },
      },
      amount: p.tenderValue,
    } satisfies AlertOut;
  });
}

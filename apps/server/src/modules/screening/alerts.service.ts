/**
 * Alerts: the list (filters, search, paging, sorting, Excel export), one alert with its evidence, dismissal
 * as a false positive (reason required) and escalation into a case. Alerts carry doctor-level prescription
 * figures (统方), so only the discipline office and region supervisors reach them (screening.view) and every
 * list, view and export is written to the audit trail.
 */
import type { TScreeningAlert, TScreeningAlertDetail, TScreeningAlertQuery, TAlertRule, TScreeningRule } from '@qinglian/contracts';
import { ALERT_RULE_LABELS_ZH, DOCTOR_LEVEL_RULES, TENDER_ALERT_RULE } from '@qinglian/contracts';
import { and, count, eq, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import type { Locale } from '../../platform/i18n.ts';
import { buildXlsx } from '../../platform/xlsx.ts';
import { institutions, people } from '../org/index.ts';
import { cases, createCase } from '../reports/index.ts';
import { rowOf, summaryOf } from './rules.summary.ts';
import { screeningAlerts } from './screening.tables.ts';

type AlertRow = typeof screeningAlerts.$inferSelect;
type InstRow = typeof institutions.$inferSelect;

const STATUS_LABELS = { open: '待处理', dismissed: '已排除', escalated: '已转线索' } as const;

/** The alert's summary in the reader's language (the stored one is Chinese). */
function summaryIn(a: AlertRow, locale: Locale): string {
  if (locale !== 'en-US') return a.summary;
  const e = a.evidence as Record<string, unknown>;
  if (a.rule === TENDER_ALERT_RULE) return typeof e.summary_en === 'string' ? e.summary_en : a.summary;
  const rule = a.rule as TScreeningRule;
  return summaryOf(rule, rowOf(rule, a.keys as Record<string, string>, e), 'en-US');
}

/** The evidence as shown: a tender flag's reasoning in the reader's language, without the other language's copy. */
function evidenceIn(a: AlertRow, locale: Locale): Record<string, unknown> {
  const { title_en, reason_en, summary_en, ...e } = a.evidence as Record<string, unknown>;
  if (a.rule !== TENDER_ALERT_RULE || locale !== 'en-US') return e;
  return { ...e, title: title_en ?? e.title, reason: reason_en ?? e.reason };
}

function view(a: AlertRow, inst: Pick<InstRow, 'code' | 'name'>, locale: Locale = 'zh-CN'): TScreeningAlert {
  return {
    id: a.id,
    rule: a.rule as TAlertRule,
    regionId: a.regionId,
    institutionId: a.institutionId,
    institutionCode: inst.code,
    institutionName: inst.name,
    period: a.period,
    keys: a.keys as Record<string, string>,
    score: a.score,
    summary: summaryIn(a, locale),
    amount: a.amount,
    status: a.status,
    paramVersion: a.paramVersion,
    caseId: a.caseId,
    firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
  };
}

function where(actor: Actor, q: Partial<TScreeningAlertQuery>): SQL {
  const parts: (SQL | undefined)[] = [
    scopeWhere(actor, { institutionId: screeningAlerts.institutionId }),
    q.rule ? eq(screeningAlerts.rule, q.rule) : undefined,
    q.institutionId ? eq(screeningAlerts.institutionId, q.institutionId) : undefined,
    q.status ? eq(screeningAlerts.status, q.status) : undefined,
    q.period ? eq(screeningAlerts.period, q.period) : undefined,
    q.from ? gte(screeningAlerts.period, q.from) : undefined,
    q.to ? lte(screeningAlerts.period, q.to) : undefined,
    q.runId ? eq(screeningAlerts.runId, q.runId) : undefined,
    q.q ? or(ilike(screeningAlerts.summary, likeOf(q.q)), ilike(screeningAlerts.keyText, likeOf(q.q))) : undefined,
  ];
  return and(...parts.filter(Boolean)) as SQL;
}

const SORTABLE = { score: screeningAlerts.score, period: screeningAlerts.period, rule: screeningAlerts.rule, firstSeenAt: screeningAlerts.firstSeenAt, amount: screeningAlerts.amount, status: screeningAlerts.status };

/** How many alerts match, without their contents (so, unlike a list, not a sensitive read). */
export async function countAlerts(ctx: Ctx, q: Partial<TScreeningAlertQuery>): Promise<number> {
  const [r] = await ctx.db.select({ n: count() }).from(screeningAlerts).where(where(actorOf(ctx), q));
  return r?.n ?? 0;
}

/** A page of alerts in the caller's scope; audit-logged (the summaries carry doctor-level figures). */
export async function listAlerts(ctx: Ctx, q: TScreeningAlertQuery) {
  const actor = actorOf(ctx);
  const w = where(actor, q);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(screeningAlerts).where(w);
  const order = q.sort ? orderOf(q, SORTABLE, screeningAlerts.score) : [sql`${screeningAlerts.score} desc`, sql`${screeningAlerts.id}`];
  const rows = await ctx.db
    .select({ a: screeningAlerts, code: institutions.code, name: institutions.name })
    .from(screeningAlerts)
    .innerJoin(institutions, eq(institutions.id, screeningAlerts.institutionId))
    .where(w)
    .orderBy(...order)
    .limit(pageOf(q).limit)
    .offset(pageOf(q).offset);
  await writeAudit(ctx, {
    action: 'screening.alert.list',
    targetType: 'screening_alert',
    institutionId: actor.institutionId,
    after: { filters: { rule: q.rule, institutionId: q.institutionId, status: q.status, period: q.period, from: q.from, to: q.to, q: q.q }, page: q.page, shown: rows.length, ids: rows.map((r) => r.a.id) },
  });
  return { items: rows.map((r) => view(r.a, r, ctx.locale)), total, page: q.page, pageSize: q.pageSize };
}

/** Every alert matching the filters as an .xlsx (capped at 20,000 rows); audit-logged. */
export async function exportAlerts(ctx: Ctx, q: TScreeningAlertQuery): Promise<Buffer> {
  const actor = actorOf(ctx);
  const rows = await ctx.db
    .select({ a: screeningAlerts, code: institutions.code, name: institutions.name })
    .from(screeningAlerts)
    .innerJoin(institutions, eq(institutions.id, screeningAlerts.institutionId))
    .where(where(actor, q))
    .orderBy(sql`${screeningAlerts.score} desc`, screeningAlerts.id)
    .limit(20_000);
  await writeAudit(ctx, {
    action: 'screening.alert.export',
    targetType: 'screening_alert',
    institutionId: actor.institutionId,
    after: { filters: { rule: q.rule, institutionId: q.institutionId, status: q.status, period: q.period, from: q.from, to: q.to, q: q.q }, rows: rows.length },
  });
  return buildXlsx(
    '筛查预警',
    [
      { header: '规则', width: 22, value: (r) => ALERT_RULE_LABELS_ZH[r.a.rule as TAlertRule] },
      { header: '规则代码', width: 24, value: (r) => r.a.rule },
      { header: '机构', width: 22, value: (r) => r.name },
      { header: '期间', width: 10, value: (r) => r.a.period },
      { header: '对象', width: 26, value: (r) => Object.entries(r.a.keys as Record<string, string>).map(([k, v]) => `${k}=${v}`).join('; ') },
      { header: '评分', width: 8, value: (r) => r.a.score },
      { header: '金额（元）', width: 14, value: (r) => r.a.amount },
      { header: '状态', width: 10, value: (r) => STATUS_LABELS[r.a.status] },
      { header: '说明', width: 80, value: (r) => r.a.summary },
      { header: '排除理由', width: 30, value: (r) => r.a.dismissedReason },
      { header: '参数版本', width: 8, value: (r) => r.a.paramVersion },
    ],
    rows,
  );
}

async function visible(ctx: Ctx, id: string) {
  const actor = actorOf(ctx);
  const [row] = await ctx.db
    .select({ a: screeningAlerts, inst: institutions })
    .from(screeningAlerts)
    .innerJoin(institutions, eq(institutions.id, screeningAlerts.institutionId))
    .where(eq(screeningAlerts.id, id));
  if (!row) throw notFound();
  assertInScope(actor, { institutionId: row.a.institutionId, regionId: row.a.regionId }, row.inst.regionId);
  return row;
}

async function detail(ctx: Ctx, a: AlertRow, inst: InstRow): Promise<TScreeningAlertDetail> {
  const [c] = a.caseId ? await ctx.db.select({ number: cases.number }).from(cases).where(eq(cases.id, a.caseId)) : [];
  return {
    ...view(a, inst, ctx.locale),
    evidence: evidenceIn(a, ctx.locale),
    runId: a.runId,
    dismissedReason: a.dismissedReason,
    dismissedBy: a.dismissedBy,
    dismissedAt: a.dismissedAt?.toISOString() ?? null,
    caseNumber: c?.number ?? null,
    history: a.history as TScreeningAlertDetail['history'],
  };
}

/** One alert with its evidence; the view is audit-logged. */
export async function getAlert(ctx: Ctx, id: string): Promise<TScreeningAlertDetail> {
  const { a, inst } = await visible(ctx, id);
  await writeAudit(ctx, {
    action: 'screening.alert.view',
    targetType: 'screening_alert',
    targetId: a.id,
    institutionId: a.institutionId,
    regionId: a.regionId,
    after: { rule: a.rule, keys: a.keys, doctorLevel: (DOCTOR_LEVEL_RULES as readonly string[]).includes(a.rule) },
  });
  return detail(ctx, a, inst);
}

/** Dismisses an open alert as a false positive; it stays quiet on re-runs unless its evidence grows materially. */
export async function dismissAlert(ctx: Ctx, id: string, reason: string): Promise<TScreeningAlertDetail> {
  const actor = actorOf(ctx);
  const { a, inst } = await visible(ctx, id);
  if (a.status !== 'open') throw new AppError('conflict', 'alert_wrong_status');
  const now = ctx.platform.now();
  return inTx(ctx.db, async (tx) => {
    const [row] = await tx
      .update(screeningAlerts)
      .set({
        status: 'dismissed',
        dismissedReason: reason,
        dismissedBy: actor.displayName,
        dismissedAt: now,
        dismissedScore: a.score,
        dismissedAmount: a.amount,
        history: [...(a.history as unknown[]), { at: now.toISOString(), action: 'dismissed', by: actor.displayName, note: reason }],
      })
      .where(and(eq(screeningAlerts.id, id), eq(screeningAlerts.status, 'open')))
      .returning();
    if (!row) throw new AppError('conflict', 'alert_wrong_status');
    await writeAudit({ ...ctx, db: tx }, { action: 'screening.alert.dismiss', targetType: 'screening_alert', targetId: id, institutionId: a.institutionId, regionId: a.regionId, before: { status: a.status }, after: { status: 'dismissed', reason } });
    return detail({ ...ctx, db: tx }, row, inst);
  });
}

/** Opens a case (channel 'screening') from an open alert and links the two; doctors named by the keys become the case's subjects. */
export async function escalateAlert(ctx: Ctx, id: string, input: { text?: string; category: 'kickback' | 'red_envelope' | 'improper_charge' | 'over_treatment' | 'other' }) {
  const actor = actorOf(ctx);
  const { a } = await visible(ctx, id);
  if (a.status === 'escalated') throw new AppError('conflict', 'alert_wrong_status');
  const keys = a.keys as Record<string, string>;
  const staffNos = [keys.doctor_staff_no, keys.member_staff_no].filter(Boolean) as string[];
  const subjects = staffNos.length
    ? await ctx.db.select({ id: people.id }).from(people).where(and(eq(people.institutionId, a.institutionId), inArray(people.staffNo, staffNos)))
    : [];
  const text = input.text ?? `【筛查预警·${ALERT_RULE_LABELS_ZH[a.rule as TAlertRule]}】${a.summary}`;
  const now = ctx.platform.now();
  return inTx(ctx.db, async (tx) => {
    const t = { ...ctx, db: tx };
    const made = await createCase(t, { institutionId: a.institutionId, channel: 'screening', category: input.category, text, subjectIds: subjects.map((s) => s.id), anonymous: true });
    const [row] = await tx
      .update(screeningAlerts)
      .set({ status: 'escalated', caseId: made.id, history: [...(a.history as unknown[]), { at: now.toISOString(), action: 'escalated', by: actor.displayName, note: made.number }] })
      .where(and(eq(screeningAlerts.id, id), inArray(screeningAlerts.status, ['open', 'dismissed'])))
      .returning();
    if (!row) throw new AppError('conflict', 'alert_wrong_status');
    await writeAudit(t, { action: 'screening.alert.escalate', targetType: 'screening_alert', targetId: id, institutionId: a.institutionId, regionId: a.regionId, after: { caseId: made.id, caseNumber: made.number } });
    return { caseId: made.id, caseNumber: made.number };
  });
}

/** Counts per rule and status in the caller's scope. */
export async function alertCounts(ctx: Ctx) {
  const actor = actorOf(ctx);
  return ctx.db
    .select({ rule: screeningAlerts.rule, status: screeningAlerts.status, n: count() })
    .from(screeningAlerts)
    .where(scopeWhere(actor, { institutionId: screeningAlerts.institutionId }))
    .groupBy(screeningAlerts.rule, screeningAlerts.status);
}

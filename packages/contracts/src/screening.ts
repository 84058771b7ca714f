/**
 * Procurement and prescribing screening (数据碰撞): the import file kinds and rule names of the screening
 * data contract (docs/screening-data.md), imports, rule parameter versions, runs and alerts.
 */
import { z } from 'zod';
import { ZId, ZListQuery } from './common.ts';

/** The eleven file kinds, in import order (reference data first, then the facts). */
export const SCREENING_KINDS = [
  'institutions',
  'departments',
  'staff',
  'suppliers',
  'products',
  'relations',
  'committee_decisions',
  'rep_visits',
  'purchase_orders',
  'platform_records',
  'prescriptions',
] as const;
export const ZScreeningKind = z.enum(SCREENING_KINDS);
export type TScreeningKind = z.infer<typeof ZScreeningKind>;
/** Kinds stored in the analytics store (DuckDB) rather than the application database. */
export const SCREENING_FACT_KINDS = ['purchase_orders', 'platform_records', 'prescriptions'] as const;

export const SCREENING_RULES = [
  'off_platform_purchase',
  'price_above_platform',
  'split_purchase',
  'supplier_concentration',
  'usage_spike',
  'prescriber_concentration',
  'post_visit_uplift',
  'committee_conflict',
  'vbp_bypass',
] as const;
export const ZScreeningRule = z.enum(SCREENING_RULES);
export type TScreeningRule = z.infer<typeof ZScreeningRule>;

/** The members of `keys` per rule, fixed by the contract. */
export const SCREENING_RULE_KEYS: Record<TScreeningRule, readonly string[]> = {
  off_platform_purchase: ['order_id', 'line_no'],
  price_above_platform: ['order_id', 'line_no'],
  split_purchase: ['supplier_code', 'period'],
  supplier_concentration: ['supplier_code'],
  usage_spike: ['product_code', 'period'],
  prescriber_concentration: ['doctor_staff_no', 'product_code'],
  post_visit_uplift: ['doctor_staff_no', 'supplier_code'],
  committee_conflict: ['decision_id', 'member_staff_no'],
  vbp_bypass: ['doctor_staff_no', 'product_code'],
};
/**
 * Tender red flags (the tenders module's Cardinal indicators and hospital flags) feed the same alert list,
 * dismissal and escalation as the nine rules, under one more rule name. They are not part of the
 * screening data contract, so `qinglian screen` does not print them.
 */
export const TENDER_ALERT_RULE = 'tender_red_flag' as const;
export const ALERT_RULES = [...SCREENING_RULES, TENDER_ALERT_RULE] as const;
export const ZAlertRule = z.enum(ALERT_RULES);
export type TAlertRule = z.infer<typeof ZAlertRule>;
/** Each rule's Chinese name: in the console, and in what the server writes (Excel exports, case text, the CLI). */
export const ALERT_RULE_LABELS_ZH: Record<TAlertRule, string> = {
  off_platform_purchase: '线下采购（平台无记录）',
  price_above_platform: '采购价高于挂网价',
  split_purchase: '拆分采购规避招标',
  supplier_concentration: '供应商集中度异常',
  usage_spike: '用量异常增长',
  prescriber_concentration: '医生处方集中',
  post_visit_uplift: '代表到访后用量上升',
  committee_conflict: '药事会委员利益冲突',
  vbp_bypass: '绕开集采中选产品',
  tender_red_flag: '招投标红旗指标',
};
export const ALERT_RULE_KEYS: Record<TAlertRule, readonly string[]> = { ...SCREENING_RULE_KEYS, tender_red_flag: ['ocid', 'indicator', 'subject_id'] };

/** Rules whose alerts carry doctor-level prescription figures (统方): the most confidential. */
export const DOCTOR_LEVEL_RULES: readonly TScreeningRule[] = ['prescriber_concentration', 'post_visit_uplift', 'vbp_bypass'];

const ZPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month_format');
export { ZPeriod as ZScreeningPeriod };

/** One problem of a rejected file: the row as a spreadsheet shows it (header = 1), the column as written, the reason. */
export const ZScreeningProblem = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const SCREENING_IMPORT_STATUSES = ['running', 'done', 'failed'] as const;
export const ZScreeningImport = z.object({
  id: ZId,
  kind: ZScreeningKind,
  filename: z.string(),
  sha256: z.string(),
  status: z.enum(SCREENING_IMPORT_STATUSES),
  /** Whether good rows were imported despite problems (CLI `--partial`). */
  partial: z.boolean(),
  regionId: ZId.nullable(),
  institutionId: ZId.nullable(),
  /** Data rows read so far / in the file. */
  rowsRead: z.number().int(),
  /** Rows newly stored. */
  imported: z.number().int(),
  /** Rows updated in place (reference kinds). */
  updated: z.number().int(),
  /** Rows already present with the same natural key (re-imports). */
  unchanged: z.number().int(),
  /** Rows rejected (only with partial). */
  rejected: z.number().int(),
  bytesRead: z.number().int(),
  bytesTotal: z.number().int(),
  /** Every problem up to a cap; problemsTotal counts them all. */
  problems: z.array(ZScreeningProblem),
  problemsTotal: z.number().int(),
  /** A short reason when the file could not be read at all. */
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TScreeningImport = z.infer<typeof ZScreeningImport>;

export const ZScreeningImportQuery = ZListQuery.extend({ kind: ZScreeningKind.optional(), status: z.enum(SCREENING_IMPORT_STATUSES).optional() });
export type TScreeningImportQuery = z.infer<typeof ZScreeningImportQuery>;

/** Multipart fields of POST /api/screening/imports besides `file`. */
export const ZScreeningImportFields = z.object({ kind: ZScreeningKind });

/** Rule parameters; every member has a documented default (docs/rules.md). */
export const ZRuleParams = z.object({
  enabled: z.record(ZScreeningRule, z.boolean()).optional(),
  off_platform_purchase: z.object({ matchDays: z.number().int().min(0).max(60), minAmountYuan: z.number().min(0) }).partial().optional(),
  price_above_platform: z.object({ tolerance: z.number().min(0).max(10), minExcessYuan: z.number().min(0), matchDays: z.number().int().min(0).max(365) }).partial().optional(),
  split_purchase: z.object({ thresholdYuan: z.number().positive(), lowerShare: z.number().min(0).max(1), minOrders: z.number().int().min(2) }).partial().optional(),
  supplier_concentration: z.object({ minShare: z.number().min(0).max(1), factor: z.number().min(1), minCategoryYuan: z.number().min(0) }).partial().optional(),
  usage_spike: z.object({ historyMonths: z.number().int().min(2).max(36), minHistoryMonths: z.number().int().min(1), factor: z.number().min(1), zScore: z.number().min(0), minQuantity: z.number().min(0) }).partial().optional(),
  prescriber_concentration: z.object({ minLines: z.number().int().min(1), minPeers: z.number().int().min(1), minShare: z.number().min(0).max(1), marginOverP90: z.number().min(0).max(1) }).partial().optional(),
  post_visit_uplift: z.object({ windowDays: z.number().int().min(7).max(365), factor: z.number().min(1), minAfterLines: z.number().int().min(1) }).partial().optional(),
  committee_conflict: z.object({ relations: z.array(z.enum(['family', 'shareholding', 'former_employee', 'other'])) }).partial().optional(),
  vbp_bypass: z.object({ minLines: z.number().int().min(1), minPeers: z.number().int().min(1), minNonVbpShare: z.number().min(0).max(1), marginOverP90: z.number().min(0).max(1) }).partial().optional(),
  /** When a dismissed alert reopens: its score grows by this much, or its amount by this share. */
  reopen: z.object({ scoreDelta: z.number().min(0).max(1), amountGrowth: z.number().min(0) }).partial().optional(),
});
export type TRuleParams = z.infer<typeof ZRuleParams>;

export const ZParamVersion = z.object({
  version: z.number().int(),
  params: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  current: z.boolean(),
});
export type TParamVersion = z.infer<typeof ZParamVersion>;
export const ZParamVersionInput = z.object({ params: ZRuleParams, note: z.string().trim().max(500).optional() });

export const SCREENING_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const ZScreeningRun = z.object({
  id: ZId,
  regionId: ZId.nullable(),
  institutionId: ZId.nullable(),
  institutionName: z.string().nullable(),
  /** The months screened; null until a run with an open window starts (it then ends with the last month with data). */
  from: ZPeriod.nullable(),
  to: ZPeriod.nullable(),
  trigger: z.enum(['api', 'cli', 'schedule', 'seed']),
  status: z.enum(SCREENING_RUN_STATUSES),
  paramVersion: z.number().int(),
  /** Rules finished / rules to run, and the rule running now. */
  progress: z.object({ done: z.number().int(), total: z.number().int(), current: z.string().nullable() }),
  ruleTimes: z.record(z.string(), z.number()),
  alertsFound: z.number().int(),
  alertsNew: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TScreeningRun = z.infer<typeof ZScreeningRun>;
export const ZScreeningRunInput = z.object({
  /** One institution; omitted: every institution in the caller's scope (region-wide for region roles). */
  institutionId: ZId.optional(),
  from: ZPeriod.optional(),
  to: ZPeriod.optional(),
});
export type TScreeningRunInput = z.infer<typeof ZScreeningRunInput>;

export const ALERT_STATUSES = ['open', 'dismissed', 'escalated'] as const;
export const ZAlertStatus = z.enum(ALERT_STATUSES);

export const ZScreeningAlert = z.object({
  id: ZId,
  rule: ZAlertRule,
  regionId: ZId,
  institutionId: ZId,
  institutionCode: z.string(),
  institutionName: z.string(),
  period: z.string(),
  keys: z.record(z.string(), z.string()),
  score: z.number(),
  summary: z.string(),
  /** Yuan as an exact decimal string, when the rule has an amount at stake. */
  amount: z.string().nullable(),
  status: ZAlertStatus,
  paramVersion: z.number().int(),
  caseId: ZId.nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type TScreeningAlert = z.infer<typeof ZScreeningAlert>;

export const ZScreeningAlertDetail = ZScreeningAlert.extend({
  evidence: z.record(z.string(), z.unknown()),
  runId: ZId.nullable(),
  dismissedReason: z.string().nullable(),
  dismissedBy: z.string().nullable(),
  dismissedAt: z.string().nullable(),
  caseNumber: z.string().nullable(),
  /** Earlier states (dismissed, reopened, escalated) with who and when. */
  history: z.array(z.object({ at: z.string(), action: z.string(), by: z.string().nullable(), note: z.string().nullable() })),
});
export type TScreeningAlertDetail = z.infer<typeof ZScreeningAlertDetail>;

export const ZScreeningAlertQuery = ZListQuery.extend({
  rule: ZAlertRule.optional(),
  institutionId: ZId.optional(),
  status: ZAlertStatus.optional(),
  period: ZPeriod.optional(),
  /** A range of periods (inclusive), for the console's month range filter. */
  from: ZPeriod.optional(),
  to: ZPeriod.optional(),
  runId: ZId.optional(),
});
export type TScreeningAlertQuery = z.infer<typeof ZScreeningAlertQuery>;

export const ZDismissInput = z.object({ reason: z.string().trim().min(2).max(1000) });
export const ZEscalateInput = z.object({
  /** The case text; defaults to the alert's summary. */
  text: z.string().trim().min(2).max(5000).optional(),
  category: z.enum(['kickback', 'red_envelope', 'improper_charge', 'over_treatment', 'other']).default('kickback'),
});
export const ZEscalateResult = z.object({ caseId: ZId, caseNumber: z.string() });

/** Counts per rule and status for the screening home. */
export const ZScreeningSummary = z.object({
  rules: z.array(z.object({ rule: ZAlertRule, open: z.number().int(), dismissed: z.number().int(), escalated: z.number().int() })),
  lastRun: ZScreeningRun.nullable(),
  facts: z.object({ purchaseLines: z.number().int(), platformRecords: z.number().int(), prescriptionLines: z.number().int() }),
});
export type TScreeningSummary = z.infer<typeof ZScreeningSummary>;

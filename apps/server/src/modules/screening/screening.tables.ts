/**
 * Screening tables in the application database: the small reference kinds of the screening data contract
 * (suppliers and products are a province-wide catalogue keyed by code; relations, committee votes and rep
 * visits belong to an institution), the import history, rule parameter versions, runs and alerts. The
 * large facts live in DuckDB (facts.store.ts, docs/decisions/012).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { institutions, people, regions } from '../org/org.tables.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const screeningSuppliers = pgTable('screening_suppliers', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  creditCode: text('credit_code'),
  kind: text('kind', { enum: ['manufacturer', 'distributor'] }).notNull(),
  updatedAt: updatedAt(),
});

export const screeningProducts = pgTable(
  'screening_products',
  {
    code: text('code').primaryKey(),
    genericName: text('generic_name').notNull(),
    brandName: text('brand_name'),
    spec: text('spec'),
    manufacturerCode: text('manufacturer_code'),
    category: text('category', { enum: ['drug', 'consumable', 'device'] }).notNull(),
    /** The provincial platform's listed unit price in fen; null when not listed. */
    platformPriceFen: bigint('platform_price_fen', { mode: 'number' }),
    vbp: boolean('vbp').notNull().default(false),
    keyMonitored: boolean('key_monitored').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [index('screening_products_generic_idx').on(t.genericName)],
);

export const screeningRelations = pgTable(
  'screening_relations',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    staffNo: text('staff_no').notNull(),
    supplierCode: text('supplier_code').notNull(),
    relation: text('relation', { enum: ['family', 'shareholding', 'former_employee', 'other'] }).notNull(),
    declaredOn: date('declared_on'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('screening_relations_uq').on(t.personId, t.supplierCode, t.relation)],
);

export const screeningCommitteeVotes = pgTable(
  'screening_committee_votes',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    decisionId: text('decision_id').notNull(),
    decidedOn: date('decided_on').notNull(),
    productCode: text('product_code').notNull(),
    outcome: text('outcome', { enum: ['admitted', 'rejected'] }).notNull(),
    memberStaffNo: text('member_staff_no').notNull(),
    personId: uuid('person_id').references(() => people.id),
    vote: text('vote', { enum: ['for', 'against', 'abstain'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('screening_committee_votes_uq').on(t.institutionId, t.decisionId, t.memberStaffNo)],
);

export const screeningRepVisits = pgTable(
  'screening_rep_visits',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    visitId: text('visit_id').notNull(),
    supplierCode: text('supplier_code').notNull(),
    repId: text('rep_id').notNull(),
    visitedOn: date('visited_on').notNull(),
    deptCode: text('dept_code'),
    hostStaffNo: text('host_staff_no'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('screening_rep_visits_uq').on(t.institutionId, t.visitId)],
);

export const screeningImports = pgTable(
  'screening_imports',
  {
    id: id(),
    kind: text('kind').notNull(),
    filename: text('filename').notNull(),
    sha256: text('sha256').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    partial: boolean('partial').notNull().default(false),
    /** Where an upload came from: null for the CLI (the whole database). */
    regionId: uuid('region_id').references(() => regions.id),
    institutionId: uuid('institution_id').references(() => institutions.id),
    rowsRead: bigint('rows_read', { mode: 'number' }).notNull().default(0),
    imported: bigint('imported', { mode: 'number' }).notNull().default(0),
    updated: bigint('updated', { mode: 'number' }).notNull().default(0),
    unchanged: bigint('unchanged', { mode: 'number' }).notNull().default(0),
    rejected: bigint('rejected', { mode: 'number' }).notNull().default(0),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    bytesTotal: bigint('bytes_total', { mode: 'number' }).notNull().default(0),
    problems: jsonb('problems').notNull().default([]),
    problemsTotal: integer('problems_total').notNull().default(0),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('screening_imports_created_idx').on(t.createdAt)],
);

export const screeningParamVersions = pgTable('screening_param_versions', {
  version: integer('version').primaryKey(),
  params: jsonb('params').notNull(),
  /** sha256 of the canonical JSON: the same parameters are the same version. */
  hash: text('hash').notNull().unique(),
  note: text('note'),
  /** Adopted versions are the ones in force (set from the console); a one-off `--config` run records its version without adopting it. */
  adopted: boolean('adopted').notNull().default(false),
  createdBy: text('created_by'),
  createdAt: createdAt(),
});

export const screeningRuns = pgTable(
  'screening_runs',
  {
    id: id(),
    regionId: uuid('region_id').references(() => regions.id),
    institutionId: uuid('institution_id').references(() => institutions.id),
    fromPeriod: text('from_period').notNull(),
    toPeriod: text('to_period').notNull(),
    trigger: text('trigger', { enum: ['api', 'cli', 'schedule', 'seed'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    paramVersion: integer('param_version').notNull(),
    progress: jsonb('progress').notNull().default({ done: 0, total: 0, current: null }),
    ruleTimes: jsonb('rule_times').notNull().default({}),
    alertsFound: integer('alerts_found').notNull().default(0),
    alertsNew: integer('alerts_new').notNull().default(0),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('screening_runs_created_idx').on(t.createdAt)],
);

export const screeningAlerts = pgTable(
  'screening_alerts',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    rule: text('rule').notNull(),
    keys: jsonb('keys').notNull(),
    /** The keys in the contract's order joined by '|': the identity with rule, period and institution. */
    keyText: text('key_text').notNull(),
    period: text('period').notNull(),
    score: doublePrecision('score').notNull(),
    summary: text('summary').notNull(),
    evidence: jsonb('evidence').notNull(),
    amount: numeric('amount', { precision: 20, scale: 2 }),
    status: text('status', { enum: ['open', 'dismissed', 'escalated'] }).notNull().default('open'),
    paramVersion: integer('param_version').notNull(),
    runId: uuid('run_id'),
    dismissedReason: text('dismissed_reason'),
    dismissedBy: text('dismissed_by'),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    /** Score and amount when dismissed: the baseline "grows materially" is measured against. */
    dismissedScore: doublePrecision('dismissed_score'),
    dismissedAmount: numeric('dismissed_amount', { precision: 20, scale: 2 }),
    caseId: uuid('case_id'),
    history: jsonb('history').notNull().default([]),
    firstSeenAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('screening_alerts_identity_uq').on(t.institutionId, t.rule, t.keyText, t.period),
    index('screening_alerts_list_idx').on(t.institutionId, t.status, t.rule),
  ],
);

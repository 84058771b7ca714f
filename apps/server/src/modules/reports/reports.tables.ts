/** Integrity codes, public feedback, and cases (every channel's reports and clues) with their timeline. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments, institutions, people, regions } from '../org/org.tables.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const at = (name: string) => timestamp(name, { withTimezone: true });

export const integrityCodes = pgTable(
  'integrity_codes',
  {
    id: id(),
    /** The short random token in the public URL (/r/<token>). */
    token: text('token').notNull().unique(),
    kind: text('kind', { enum: ['institution', 'department', 'clinician'] }).notNull(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    departmentId: uuid('department_id').references(() => departments.id),
    personId: uuid('person_id').references(() => people.id),
    active: boolean('active').notNull().default(true),
    scans: integer('scans').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('integrity_codes_inst_idx').on(t.institutionId, t.kind)],
);

/** Per-institution settings of the report channel (deadlines follow the petition rules by default). */
export const reportSettings = pgTable('report_settings', {
  institutionId: uuid('institution_id')
    .primaryKey()
    .references(() => institutions.id),
  hotline: text('hotline'),
  acceptDays: smallint('accept_days').notNull().default(15),
  concludeDays: smallint('conclude_days').notNull().default(60),
  feedbackDays: smallint('feedback_days').notNull().default(15),
  retentionDays: integer('retention_days').notNull().default(1825),
  clinicianCodes: boolean('clinician_codes').notNull().default(false),
});

/** Ratings and praise from the public pages (and praise letters and banners entered by staff). No IP is kept. */
export const feedback = pgTable(
  'feedback',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    departmentId: uuid('department_id').references(() => departments.id),
    personId: uuid('person_id').references(() => people.id),
    codeId: uuid('code_id').references(() => integrityCodes.id),
    kind: text('kind', { enum: ['rating', 'praise'] }).notNull(),
    stars: smallint('stars'),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    praiseForm: text('praise_form', { enum: ['online', 'letter', 'banner'] }),
    text: text('text').notNull().default(''),
    idempotencyHash: text('idempotency_hash').notNull().unique(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('feedback_inst_idx').on(t.institutionId, t.createdAt), index('feedback_dept_idx').on(t.departmentId)],
);

export const cases = pgTable(
  'cases',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    /** 'region' when the matter concerns the hospital's leadership: only the region's discipline group handles it. */
    routedTo: text('routed_to', { enum: ['institution', 'region'] })
      .notNull()
      .default('institution'),
    number: text('number').notNull().unique(),
    channel: text('channel', { enum: ['integrity_code', 'hotline', 'letter', 'visit', 'suggestion_box', 'referral', 'screening', 'inspection'] }).notNull(),
    category: text('category', { enum: ['red_envelope', 'kickback', 'improper_charge', 'over_treatment', 'attitude', 'rep_in_clinical', 'other'] }),
    text: text('text').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    codeId: uuid('code_id').references(() => integrityCodes.id),
    subjectHint: text('subject_hint'),
    anonymous: boolean('anonymous').notNull().default(true),
    /** AES-GCM sealed {name, phone}; reading it needs a reason and is audited. */
    contactSealed: text('contact_sealed'),
    /** HMAC of the receipt: the only way back in for the reporter. */
    receiptHash: text('receipt_hash').unique(),
    idempotencyHash: text('idempotency_hash').unique(),
    status: text('status', { enum: ['received', 'investigating', 'on_hold', 'concluded', 'closed', 'referred', 'merged'] })
      .notNull()
      .default('received'),
    disposal: text('disposal', { enum: ['talk_inquiry', 'preliminary_verification', 'hold', 'close'] }),
    conclusion: text('conclusion', { enum: ['substantiated', 'partly', 'unsubstantiated'] }),
    conclusionSummary: text('conclusion_summary'),
    actions: text('actions'),
    mergedIntoId: uuid('merged_into_id'),
    ownerId: uuid('owner_id'),
    stageDeadline: at('stage_deadline'),
    receivedAt: at('received_at').notNull().defaultNow(),
    acceptedAt: at('accepted_at'),
    concludedAt: at('concluded_at'),
    closedAt: at('closed_at'),
    reporterChecks: integer('reporter_checks').notNull().default(0),
    purgedAt: at('purged_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('cases_inst_status_idx').on(t.institutionId, t.status),
    index('cases_region_idx').on(t.regionId, t.routedTo),
    index('cases_deadline_idx').on(t.stageDeadline),
  ],
);

export const caseSubjects = pgTable(
  'case_subjects',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    institutionId: uuid('institution_id').notNull(),
    departmentId: uuid('department_id'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.personId] }), index('case_subjects_person_idx').on(t.personId), index('case_subjects_dept_idx').on(t.departmentId)],
);

export const caseRecusals = pgTable(
  'case_recusals',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.accountId] })],
);

/** The timeline: every step, note, question and answer; `visibleToReporter` marks what the receipt shows. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id').notNull(),
    at: at('at').notNull().defaultNow(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    text: text('text'),
    data: jsonb('data'),
    visibleToReporter: boolean('visible_to_reporter').notNull().default(false),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** Per-institution, per-year counters for case numbers (QY001-2026-0001). */
export const caseCounters = pgTable(
  'case_counters',
  {
    institutionId: uuid('institution_id').notNull(),
    year: smallint('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.year] })],
);

/** What a public report carries from the phone page into its case. */
export interface InboxReport {
  category: string;
  text: string;
  subjectName: string | null;
  anonymous: boolean;
  aboutLeadership: boolean;
  photos: string[];
}

/**
 * Public reports acknowledged but not yet registered as cases: one durable insert answers the phone,
 * and the inbox drain registers the case (number, timeline, deadline, notifications, audit) right after.
 */
export const reportInbox = pgTable(
  'report_inbox',
  {
    /** Becomes the case's id. */
    id: uuid('id').primaryKey(),
    idempotencyHash: text('idempotency_hash').notNull().unique(),
    receiptHash: text('receipt_hash').notNull().unique(),
    codeId: uuid('code_id')
      .notNull()
      .references(() => integrityCodes.id),
    report: jsonb('report').$type<InboxReport>().notNull(),
    contactSealed: text('contact_sealed'),
    receivedAt: at('received_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('report_inbox_received_idx').on(t.receivedAt)],
);


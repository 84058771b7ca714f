/** Supervision workbench tables: risk points and measures, checklists, rounds, findings and rectification, talks, assessments. */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, institutions, people } from '../org/org.tables.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const at = (name: string) => timestamp(name, { withTimezone: true });
const inst = () =>
  uuid('institution_id')
    .notNull()
    .references(() => institutions.id);

export const riskPoints = pgTable(
  'risk_points',
  {
    id: id(),
    institutionId: inst(),
    departmentId: uuid('department_id').references(() => departments.id),
    postName: text('post_name'),
    process: text('process').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    likelihood: smallint('likelihood').notNull(),
    impact: smallint('impact').notNull(),
    reviewOn: date('review_on'),
    libraryKey: text('library_key'),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('risk_points_inst_idx').on(t.institutionId, t.departmentId)],
);

export const riskMeasures = pgTable(
  'risk_measures',
  {
    id: id(),
    riskPointId: uuid('risk_point_id')
      .notNull()
      .references(() => riskPoints.id, { onDelete: 'cascade' }),
    institutionId: inst(),
    description: text('description').notNull(),
    ownerId: uuid('owner_id').references(() => people.id),
    status: text('status', { enum: ['planned', 'in_progress', 'done'] })
      .notNull()
      .default('planned'),
    dueOn: date('due_on'),
    evidence: text('evidence'),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('risk_measures_point_idx').on(t.riskPointId)],
);

/** Per-institution risk matrix: score = likelihood × impact; a level starts at its threshold. */
export const riskMatrix = pgTable('risk_matrix', {
  institutionId: uuid('institution_id')
    .primaryKey()
    .references(() => institutions.id),
  medium: smallint('medium').notNull().default(5),
  high: smallint('high').notNull().default(10),
  critical: smallint('critical').notNull().default(17),
  /** The scale of each axis (3–10 steps; 5×5 by default). */
  likelihoodLevels: smallint('likelihood_levels').notNull().default(5),
  impactLevels: smallint('impact_levels').notNull().default(5),
});

export const checklistTemplates = pgTable('checklist_templates', {
  id: id(),
  institutionId: inst(),
  name: text('name').notNull(),
  sections: jsonb('sections').$type<{ title: string; passMark: number; items: { id: string; text: string; weight: number }[] }[]>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  // rounds: templates are edited in versions and retired, never deleted
  version: integer('version').notNull().default(1),
  active: boolean('active').notNull().default(true),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const inspectionRounds = pgTable(
  'inspection_rounds',
  {
    id: id(),
    institutionId: inst(),
    title: text('title').notNull(),
    plannedOn: date('planned_on').notNull(),
    methods: jsonb('methods').$type<string[]>().notNull(),
    teamIds: jsonb('team_ids').$type<string[]>().notNull(),
    departmentIds: jsonb('department_ids').$type<string[]>().notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => checklistTemplates.id),
    status: text('status', { enum: ['planned', 'in_progress', 'completed', 'cancelled'] })
      .notNull()
      .default('planned'),
    createdAt: at('created_at').notNull().defaultNow(),
    // rounds: the checklist as it was when the round was planned (a later template edit leaves it alone)
    templateVersion: integer('template_version'),
    templateSnapshot: jsonb('template_snapshot').$type<{ title: string; passMark: number; items: { id: string; text: string; weight: number }[] }[]>(),
    cancelReason: text('cancel_reason'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('inspection_rounds_inst_idx').on(t.institutionId, t.plannedOn)],
);

export const inspectionResults = pgTable(
  'inspection_results',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => inspectionRounds.id, { onDelete: 'cascade' }),
    institutionId: inst(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    answers: jsonb('answers').$type<{ itemId: string; answer: 'yes' | 'no' | 'na'; score?: number; note?: string; photoIds: string[] }[]>().notNull(),
    /** Percentages with two decimals, kept as exact decimals. */
    score: numeric('score', { precision: 5, scale: 2 }).notNull(),
    passed: boolean('passed').notNull(),
    sections: jsonb('sections').$type<{ title: string; score: number; passed: boolean }[]>().notNull(),
    filledBy: uuid('filled_by'),
    filledAt: at('filled_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('inspection_results_round_dept_uq').on(t.roundId, t.departmentId)],
);

/** A finding and its rectification order are one row: the order is the finding's life after the round. */
export const rectifications = pgTable(
  'rectifications',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => inspectionRounds.id),
    institutionId: inst(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
    responsibleId: uuid('responsible_id')
      .notNull()
      .references(() => people.id),
    deadline: date('deadline').notNull(),
    status: text('status', { enum: ['open', 'submitted', 'accepted', 'returned'] })
      .notNull()
      .default('open'),
    evidence: text('evidence'),
    evidenceAttachmentIds: jsonb('evidence_attachment_ids').$type<string[]>().notNull().default([]),
    verificationNote: text('verification_note'),
    escalated: boolean('escalated').notNull().default(false),
    letterNumber: text('letter_number'),
    letterIssuedOn: date('letter_issued_on'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    // rounds: when the department last submitted its fix, when the office accepted it, the letter's text, the linked case
    submittedAt: at('submitted_at'),
    acceptedAt: at('accepted_at'),
    letterSuggestions: text('letter_suggestions'),
    caseId: uuid('case_id'),
  },
  (t) => [index('rectifications_inst_dept_idx').on(t.institutionId, t.departmentId, t.status)],
);

export const letterCounters = pgTable('letter_counters', {
  institutionId: uuid('institution_id').notNull(),
  year: smallint('year').notNull(),
  last: integer('last').notNull().default(0),
}, (t) => [uniqueIndex('letter_counters_uq').on(t.institutionId, t.year)]);

export const talks = pgTable(
  'talks',
  {
    id: id(),
    institutionId: inst(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => people.id),
    subjectDepartmentId: uuid('subject_department_id'),
    kind: text('kind', { enum: ['reminder', 'criticism', 'admonishment', 'summons', 'rectification'] }).notNull(),
    reasonKind: text('reason_kind', { enum: ['case', 'finding', 'assessment', 'free'] }).notNull(),
    reasonRef: uuid('reason_ref'),
    reason: text('reason').notNull(),
    talkerIds: jsonb('talker_ids').$type<string[]>().notNull(),
    talkedOn: date('talked_on').notNull(),
    record: text('record').notNull().default(''),
    followUp: text('follow_up').notNull().default(''),
    followUpDue: date('follow_up_due'),
    /** When the follow-up was recorded as done, and what came of it. */
    followUpDoneOn: date('follow_up_done_on'),
    followUpResult: text('follow_up_result'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('talks_inst_idx').on(t.institutionId, t.talkedOn), index('talks_subject_idx').on(t.subjectId)],
);

export const cadreAssessments = pgTable(
  'cadre_assessments',
  {
    id: id(),
    institutionId: inst(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    period: text('period').notNull(),
    score: numeric('score', { precision: 6, scale: 2 }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cadre_assessments_uq').on(t.institutionId, t.period, t.personId)],
);

/** rounds: per-institution assessment settings — how many at the bottom of a ranking are proposed for a reminder talk. */
export const assessmentSettings = pgTable('assessment_settings', {
  institutionId: uuid('institution_id')
    .primaryKey()
    .references(() => institutions.id),
  bottomProposed: smallint('bottom_proposed').notNull().default(4),
});

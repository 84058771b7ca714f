/**
 * Sales representatives. Companies, reps, their sessions and the blacklist are REGION-level data
 * (region_id; Citus reference tables when a province is distributed), so a ban in one hospital holds in
 * the next. Approvals, rules, bookings, visits, violations and sanctions belong to one institution.
 */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, institutions, people, regions } from '../org/org.tables.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const at = (name: string) => timestamp(name, { withTimezone: true });
const region = () =>
  uuid('region_id')
    .notNull()
    .references(() => regions.id);
const institution = () =>
  uuid('institution_id')
    .notNull()
    .references(() => institutions.id);

export const repCompanies = pgTable(
  'rep_companies',
  {
    id: id(),
    regionId: region(),
    name: text('name').notNull(),
    creditCode: text('credit_code').notNull(),
    supplierCode: text('supplier_code'),
    kind: text('kind', { enum: ['manufacturer', 'distributor'] }).notNull(),
    licenceNo: text('licence_no'),
    licenceFileId: uuid('licence_file_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rep_companies_region_code_uq').on(t.regionId, t.creditCode)],
);

export const reps = pgTable(
  'reps',
  {
    id: id(),
    regionId: region(),
    /** The sign-in name; unique in the region (a rep working in two cities registers in each). */
    phone: text('phone').notNull(),
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: at('locked_until'),
    name: text('name'),
    /** AES-GCM sealed; shown masked. The keyed hash finds the same person registering twice. */
    nationalIdSealed: text('national_id_sealed'),
    nationalIdMasked: text('national_id_masked'),
    nationalIdHash: text('national_id_hash'),
    companyId: uuid('company_id').references(() => repCompanies.id),
    filingNo: text('filing_no'),
    products: jsonb('products').$type<string[]>().notNull().default([]),
    photoFileId: uuid('photo_file_id'),
    letterFileId: uuid('letter_file_id'),
    letterFrom: date('letter_from'),
    letterUntil: date('letter_until'),
    pledgeSignedAt: at('pledge_signed_at'),
    pledgeVersion: text('pledge_version'),
    submittedAt: at('submitted_at'),
    /** Registration is renewed yearly: one year from the last submission. */
    registeredUntil: date('registered_until'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reps_region_phone_uq').on(t.regionId, t.phone), index('reps_company_idx').on(t.companyId)],
);

/** Server-side sessions of reps, apart from staff sessions (see docs/decisions/008). */
export const repSessions = pgTable(
  'rep_sessions',
  {
    id: text('id').primaryKey(),
    repId: uuid('rep_id')
      .notNull()
      .references(() => reps.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('rep_sessions_rep_idx').on(t.repId)],
);

/** One-time SMS codes (keyed hash only) for sign-up. */
export const repSmsCodes = pgTable('rep_sms_codes', {
  phone: text('phone').primaryKey(),
  codeHash: text('code_hash').notNull(),
  attempts: smallint('attempts').notNull().default(0),
  sentAt: at('sent_at').notNull(),
  expiresAt: at('expires_at').notNull(),
});

/** A rep's standing at one institution, decided by its office. */
export const repApprovals = pgTable(
  'rep_approvals',
  {
    repId: uuid('rep_id')
      .notNull()
      .references(() => reps.id),
    institutionId: institution(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'suspended'] }).notNull(),
    reason: text('reason'),
    suspendedUntil: date('suspended_until'),
    decidedAt: at('decided_at'),
    decidedBy: uuid('decided_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.repId, t.institutionId] }), index('rep_approvals_inst_idx').on(t.institutionId, t.status)],
);

export const receptionRules = pgTable('rep_reception_rules', {
  institutionId: uuid('institution_id')
    .primaryKey()
    .references(() => institutions.id),
  weekdays: jsonb('weekdays').$type<number[]>().notNull(),
  timeFrom: text('time_from').notNull(),
  timeTo: text('time_to').notNull(),
  slotMinutes: smallint('slot_minutes').notNull(),
  slotCapacity: smallint('slot_capacity').notNull(),
  rooms: jsonb('rooms').$type<string[]>().notNull(),
  leadDays: smallint('lead_days').notNull(),
  decideDays: smallint('decide_days').notNull(),
  monthlyLimit: smallint('monthly_limit').notNull(),
  departmentIds: jsonb('department_ids').$type<string[]>().notNull(),
  hostsRequired: smallint('hosts_required').notNull(),
  ladder: jsonb('ladder').$type<{ kind: 'summon' | 'suspend_products' | 'blacklist_company'; months: number }[]>().notNull(),
  /** Thresholds of the unusual-pattern figures. */
  unusual: jsonb('unusual')
    .$type<{ manyDepartments: number; hostSharePercent: number; hostMin: number }>()
    .notNull()
    .default({ manyDepartments: 3, hostSharePercent: 60, hostMin: 3 }),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const repBookings = pgTable(
  'rep_bookings',
  {
    id: id(),
    institutionId: institution(),
    repId: uuid('rep_id')
      .notNull()
      .references(() => reps.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => repCompanies.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    date: date('date').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    room: text('room'),
    purpose: text('purpose').notNull(),
    products: jsonb('products').$type<string[]>().notNull(),
    status: text('status', { enum: ['requested', 'approved', 'refused', 'cancelled', 'lapsed', 'done'] }).notNull(),
    decideBy: date('decide_by').notNull(),
    reason: text('reason'),
    hostIds: jsonb('host_ids').$type<string[]>().notNull().default([]),
    decidedAt: at('decided_at'),
    decidedBy: uuid('decided_by'),
    /** The check-in code the rep shows: its keyed hash and when it stops working (60 s). */
    codeHash: text('code_hash'),
    codeExpiresAt: at('code_expires_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('rep_bookings_inst_idx').on(t.institutionId, t.date), index('rep_bookings_rep_idx').on(t.repId, t.date), index('rep_bookings_code_idx').on(t.codeHash)],
);

export const repVisits = pgTable(
  'rep_visits',
  {
    id: id(),
    institutionId: institution(),
    number: text('number').notNull().unique(),
    bookingId: uuid('booking_id')
      .notNull()
      .unique()
      .references(() => repBookings.id),
    repId: uuid('rep_id')
      .notNull()
      .references(() => reps.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => repCompanies.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    checkedInAt: at('checked_in_at').notNull(),
    checkedInBy: uuid('checked_in_by'),
    checkedOutAt: at('checked_out_at'),
    checkedOutBy: uuid('checked_out_by'),
    content: text('content'),
    materials: text('materials'),
    attendees: jsonb('attendees').$type<string[]>().notNull().default([]),
    recordedAt: at('recorded_at'),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [index('rep_visits_inst_idx').on(t.institutionId, t.checkedInAt), index('rep_visits_rep_idx').on(t.repId)],
);

/** The hosts of a visit; each confirms the record. */
export const repVisitHosts = pgTable(
  'rep_visit_hosts',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => repVisits.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    institutionId: institution(),
    confirmedAt: at('confirmed_at'),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.personId] }), index('rep_visit_hosts_person_idx').on(t.personId)],
);

export const repViolations = pgTable(
  'rep_violations',
  {
    id: id(),
    institutionId: institution(),
    repId: uuid('rep_id').references(() => reps.id),
    companyId: uuid('company_id').references(() => repCompanies.id),
    visitId: uuid('visit_id').references(() => repVisits.id),
    departmentId: uuid('department_id').references(() => departments.id),
    /** The booking refused at the desk (identity mismatch). */
    bookingId: uuid('booking_id').references(() => repBookings.id),
    /** The integrity-code report (reports module case) this violation was recorded from. */
    caseId: uuid('case_id'),
    kind: text('kind', { enum: ['no_booking', 'identity_mismatch', 'clinical_area', 'prescription_stats', 'gift', 'wrong_place', 'other'] }).notNull(),
    description: text('description').notNull(),
    /** Staff reports name the rep in words until the office links the record. */
    reportedRepName: text('reported_rep_name'),
    reportedCompanyName: text('reported_company_name'),
    occurredAt: at('occurred_at').notNull(),
    status: text('status', { enum: ['reported', 'confirmed', 'dismissed'] }).notNull(),
    step: smallint('step'),
    sanction: text('sanction', { enum: ['summon', 'suspend_products', 'blacklist_company'] }),
    reportedBy: uuid('reported_by'),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('rep_violations_inst_idx').on(t.institutionId, t.companyId, t.status)],
);

export const repSanctions = pgTable(
  'rep_sanctions',
  {
    id: id(),
    institutionId: institution(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => repCompanies.id),
    repId: uuid('rep_id').references(() => reps.id),
    violationId: uuid('violation_id').references(() => repViolations.id),
    kind: text('kind', { enum: ['summon', 'suspend_products', 'blacklist_company'] }).notNull(),
    products: jsonb('products').$type<string[]>().notNull().default([]),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('rep_sanctions_inst_idx').on(t.institutionId, t.companyId)],
);

/** Region-wide: a company (or one of its reps) no institution of the region receives. */
export const repBlacklist = pgTable(
  'rep_blacklist',
  {
    id: id(),
    regionId: region(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => repCompanies.id),
    repId: uuid('rep_id').references(() => reps.id),
    /** A personal ban follows the person: the keyed hash of their ID number at the time of the ban. */
    nationalIdHash: text('national_id_hash'),
    reason: text('reason').notNull(),
    sourceInstitutionId: uuid('source_institution_id').references(() => institutions.id),
    violationId: uuid('violation_id'),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    liftedAt: at('lifted_at'),
    liftedBy: uuid('lifted_by'),
    liftReason: text('lift_reason'),
  },
  (t) => [index('rep_blacklist_region_idx').on(t.regionId, t.companyId), index('rep_blacklist_person_idx').on(t.nationalIdHash)],
);

/**
 * Which companies a person (by the keyed hash of their ID number, whatever their account) has
 * represented in the region: a rep of a blacklisted company who moves to another is flagged.
 */
export const repAffiliations = pgTable(
  'rep_affiliations',
  {
    regionId: region(),
    nationalIdHash: text('national_id_hash').notNull(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => repCompanies.id),
    firstSeenAt: at('first_seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.nationalIdHash, t.companyId] }), index('rep_affiliations_company_idx').on(t.companyId)],
);

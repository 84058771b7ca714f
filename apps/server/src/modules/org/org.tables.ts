/** Organisation tables: region → institution → department → person, with branches and posts. */
import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const regions = pgTable('regions', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  ...stamps,
});

export const institutions = pgTable(
  'institutions',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level', { enum: ['tertiary', 'secondary', 'primary'] }).notNull(),
    kind: text('kind', { enum: ['general', 'tcm', 'maternal_child', 'specialist', 'primary'] }).notNull(),
    requireTotpForDiscipline: boolean('require_totp_for_discipline').notNull().default(false),
    active: boolean('active').notNull().default(true),
    ...stamps,
  },
  (t) => [index('institutions_region_idx').on(t.regionId)],
);

export const departments = pgTable(
  'departments',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    clinical: boolean('clinical').notNull(),
    active: boolean('active').notNull().default(true),
    ...stamps,
  },
  (t) => [uniqueIndex('departments_inst_code_uq').on(t.institutionId, t.code)],
);

export const people = pgTable(
  'people',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    departmentId: uuid('department_id').references(() => departments.id),
    staffNo: text('staff_no').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    specialty: text('specialty'),
    phone: text('phone'),
    /** AES-GCM sealed; only the masked form is shown without a stated reason. */
    nationalIdSealed: text('national_id_sealed'),
    nationalIdMasked: text('national_id_masked'),
    active: boolean('active').notNull().default(true),
    ...stamps,
  },
  (t) => [
    uniqueIndex('people_inst_staffno_uq').on(t.institutionId, t.staffNo),
    index('people_dept_idx').on(t.departmentId),
  ],
);

export const partyBranches = pgTable(
  'party_branches',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    departmentId: uuid('department_id').references(() => departments.id),
    name: text('name').notNull(),
    secretaryId: uuid('secretary_id').references(() => people.id),
    /** The branch discipline inspector (支部纪检委员), the grid supervisor. */
    inspectorId: uuid('inspector_id').references(() => people.id),
    active: boolean('active').notNull().default(true),
    ...stamps,
  },
  (t) => [index('party_branches_inst_idx').on(t.institutionId)],
);

export const posts = pgTable(
  'posts',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    departmentId: uuid('department_id').references(() => departments.id),
    name: text('name').notNull(),
    cadreLevel: text('cadre_level', { enum: ['none', 'middle', 'leader'] })
      .notNull()
      .default('none'),
    keyPost: boolean('key_post').notNull().default(false),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    active: boolean('active').notNull().default(true),
    ...stamps,
  },
  (t) => [index('posts_person_idx').on(t.personId), index('posts_inst_idx').on(t.institutionId)],
);

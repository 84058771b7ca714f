/** Accounts and server-side sessions. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments, institutions, people, regions } from '../org/org.tables.ts';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', {
      enum: ['region_admin', 'region_supervisor', 'institution_admin', 'discipline_officer', 'leader', 'dept_head', 'grid_supervisor', 'staff'],
    }).notNull(),
    personId: uuid('person_id').references(() => people.id),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    institutionId: uuid('institution_id').references(() => institutions.id),
    departmentId: uuid('department_id').references(() => departments.id),
    active: boolean('active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** AES-GCM sealed TOTP secret; enabled only after the first code is confirmed. */
    totpSealed: text('totp_sealed'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    totpLastStep: integer('totp_last_step'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    locale: text('locale').notNull().default('zh-CN'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('accounts_inst_idx').on(t.institutionId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a stolen database does not yield live sessions. */
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/**
 * Tender processes (OCDS contracting processes) and the red flags computed on them. A process belongs
 * to its region and, when its buyer is one of the region's institutions, to that institution; the raw
 * compiled release is kept whole (jsonb) beside the columns lists and filters need.
 */
import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, json, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { institutions, regions } from '../org/org.tables.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
/** Money as exact decimals (yuan with fen), read as strings; never floats. */
const money = (name: string) => numeric(name, { precision: 20, scale: 2 });

export const tenderProcesses = pgTable(
  'tender_processes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** The buyer's institution when buyer.id or buyer.name matches one; null otherwise (region-level). */
    institutionId: uuid('institution_id').references(() => institutions.id),
    ocid: text('ocid').notNull(),
    title: text('title'),
    buyerId: text('buyer_id'),
    buyerName: text('buyer_name'),
    procuringEntityName: text('procuring_entity_name'),
    procurementMethod: text('procurement_method'),
    procurementMethodDetails: text('procurement_method_details'),
    tenderStatus: text('tender_status'),
    tenderStart: at('tender_start'),
    tenderEnd: at('tender_end'),
    tenderValue: money('tender_value'),
    tenderCurrency: text('tender_currency'),
    /** Sum of the active awards in awardedCurrency (the first currency among them). */
    awardedValue: money('awarded_value'),
    awardedCurrency: text('awarded_currency'),
    awardDate: at('award_date'),
    /** Names of the active awards' suppliers, joined with 、 (for lists and search). */
    suppliers: text('suppliers'),
    bidCount: integer('bid_count').notNull().default(0),
    release: jsonb('release').notNull(),
    /**
     * The members of the release the flags read (tenders.facts.ts): what a recomputation reads back.
     * `json`, not `jsonb`: it is only ever read whole, and json text goes in and out without conversion.
     */
    facts: json('facts').notNull(),
    /** sha256 of the release as imported, so an identical re-import changes nothing. */
    releaseHash: text('release_hash').notNull(),
    importedBy: uuid('imported_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tender_processes_region_ocid_uq').on(t.regionId, t.ocid),
    index('tender_processes_inst_idx').on(t.institutionId),
    index('tender_processes_region_buyer_idx').on(t.regionId, t.buyerId),
  ],
);

/**
 * A red flag on a process: a cardinal indicator (R003…R058) or a hospital flag (H01…H03). Flags about
 * an organisation (a tenderer's win ratio, a buyer's disqualifications) sit on each process of that
 * organisation they concern; `detail` holds the numbers the reasoning quotes.
 */
export const tenderFlags = pgTable(
  'tender_flags',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    regionId: uuid('region_id').notNull(),
    institutionId: uuid('institution_id'),
    processId: uuid('process_id')
      .notNull()
      .references(() => tenderProcesses.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    subject: text('subject', { enum: ['process', 'buyer', 'procuring_entity', 'tenderer'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    /** The indicator's output (a ratio, a count, 1 for yes); not money. */
    value: doublePrecision('value').notNull(),
    detail: jsonb('detail').$type<Record<string, string | number | string[]>>().notNull().default({}),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('tender_flags_process_idx').on(t.processId), index('tender_flags_region_code_idx').on(t.regionId, t.code)],
);

/**
 * The bulk write of an import batch. Existing rows are read first (one query per batch) so that an
 * unchanged process costs nothing and an institution cannot take over another's process; new and
 * changed rows go in with one `insert … select from unnest(arrays) … on conflict do update`, whose
 * parameters are one array per column however many rows the batch has.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { rows as rowsOf } from '../../platform/db.ts';
import type { ProcessColumns } from './tenders.extract.ts';

export interface UpsertRow extends ProcessColumns {
  institutionId: string | null;
  /** The release as JSON text (what is hashed and stored). */
  json: string;
  /** Its indicator facts as JSON text. */
  facts: string;
  hash: string;
}

export interface Existing {
  institutionId: string | null;
  hash: string;
}

/** The stored hash and institution of each of these ocids in the region. */
export async function existingOf(db: Db, regionId: string, ocids: string[]): Promise<Map<string, Existing>> {
  const found = await rowsOf<{ ocid: string; institution_id: string | null; release_hash: string }>(
    db,
    sql`select ocid, institution_id, release_hash from tender_processes where region_id = ${regionId} and ocid = any(${sql.param(ocids)}::text[])`,
  );
  return new Map(found.map((r) => [r.ocid, { institutionId: r.institution_id, hash: r.release_hash }]));
}

/** Column name, SQL array type, and how a row gives its value. */
const COLUMNS: [string, string, (r: UpsertRow) => unknown][] = [
  ['institution_id', 'uuid', (r) => r.institutionId],
  ['ocid', 'text', (r) => r.ocid],
  ['title', 'text', (r) => r.title],
  ['buyer_id', 'text', (r) => r.buyerId],
  ['buyer_name', 'text', (r) => r.buyerName],
  ['procuring_entity_name', 'text', (r) => r.procuringEntityName],
  ['procurement_method', 'text', (r) => r.procurementMethod],
  ['procurement_method_details', 'text', (r) => r.procurementMethodDetails],
  ['tender_status', 'text', (r) => r.tenderStatus],
  ['tender_start', 'timestamptz', (r) => r.tenderStart?.toISOString() ?? null],
  ['tender_end', 'timestamptz', (r) => r.tenderEnd?.toISOString() ?? null],
  ['tender_value', 'numeric', (r) => r.tenderValue],
  ['tender_currency', 'text', (r) => r.tenderCurrency],
  ['awarded_value', 'numeric', (r) => r.awardedValue],
  ['awarded_currency', 'text', (r) => r.awardedCurrency],
  ['award_date', 'timestamptz', (r) => r.awardDate?.toISOString() ?? null],
  ['suppliers', 'text', (r) => r.suppliers],
  ['bid_count', 'int4', (r) => r.bidCount],
  ['release', 'text', (r) => r.json],
  ['facts', 'text', (r) => r.facts],
  ['release_hash', 'text', (r) => r.hash],
];

/** Inserts or replaces the rows; returns how many were new. */
export async function upsertRows(db: Db, regionId: string, importedBy: string | null, now: Date, list: UpsertRow[]): Promise<number> {
  if (!list.length) return 0;
  const names = COLUMNS.map(([name]) => name);
  const arrays = sql.join(
    COLUMNS.map(([, type, get]) => sql`${sql.param(list.map(get))}::${sql.raw(type)}[]`),
    sql`, `,
  );
  const values = names.map((n) => (n === 'release' ? 'u.release::jsonb' : n === 'facts' ? 'u.facts::json' : `u.${n}`)).join(', ');
  const updates = [...names.filter((n) => n !== 'ocid'), 'imported_by', 'updated_at'].map((n) => `${n} = excluded.${n}`).join(', ');
  const inserted = await rowsOf<{ inserted: boolean }>(
    db,
    sql`insert into tender_processes (region_id, ${sql.raw(names.join(', '))}, imported_by, created_at, updated_at)
      select ${regionId}::uuid, ${sql.raw(values)}, ${importedBy}::uuid, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      from unnest(${arrays}) as u(${sql.raw(names.join(', '))})
      on conflict (region_id, ocid) do update set ${sql.raw(updates)}
      returning (xmax = 0) as inserted`,
  );
  return inserted.filter((r) => r.inserted).length;
}

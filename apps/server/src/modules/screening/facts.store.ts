/**
 * The analytics store: one DuckDB file under the data directory holding the large screening facts
 * (purchase lines, platform records, prescription lines). DuckDB runs its queries on its own threads,
 * so the event loop stays free while a screening or an import works. The file is opened for one
 * operation at a time and closed after it, so the CLI can use it while the server is idle; within one
 * process operations queue behind each other (DuckDB allows one writer per file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export const FACT_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS purchase_orders (
  institution_code VARCHAR NOT NULL, order_id VARCHAR NOT NULL, line_no VARCHAR NOT NULL, ordered_on DATE NOT NULL,
  supplier_code VARCHAR NOT NULL, product_code VARCHAR NOT NULL, quantity DECIMAL(18,3) NOT NULL,
  unit_price DECIMAL(18,2) NOT NULL, amount DECIMAL(18,2) NOT NULL, channel VARCHAR NOT NULL, import_id VARCHAR);
CREATE TABLE IF NOT EXISTS platform_records (
  institution_code VARCHAR NOT NULL, record_id VARCHAR NOT NULL, ordered_on DATE NOT NULL, supplier_code VARCHAR NOT NULL,
  product_code VARCHAR NOT NULL, quantity DECIMAL(18,3) NOT NULL, unit_price DECIMAL(18,2) NOT NULL, import_id VARCHAR);
CREATE TABLE IF NOT EXISTS prescriptions (
  institution_code VARCHAR NOT NULL, rx_id VARCHAR NOT NULL, line_no VARCHAR NOT NULL, dept_code VARCHAR NOT NULL,
  doctor_staff_no VARCHAR NOT NULL, patient_key VARCHAR NOT NULL, prescribed_on DATE NOT NULL, product_code VARCHAR NOT NULL,
  quantity DECIMAL(18,3) NOT NULL, amount DECIMAL(18,2) NOT NULL, import_id VARCHAR);
`;

let queue: Promise<unknown> = Promise.resolve();

/** The DuckDB file of a data directory. */
export const factsPath = (dataDir: string) => path.join(dataDir, 'screening', 'facts.duckdb');

/** Options for DuckDB: threads and memory sized for a small shared machine; spills go under the data dir. */
function options(dataDir: string): Record<string, string> {
  return {
    threads: process.env.QINGLIAN_DUCKDB_THREADS ?? '2',
    memory_limit: process.env.QINGLIAN_DUCKDB_MEMORY ?? '2GB',
    temp_directory: path.join(dataDir, 'screening', 'tmp'),
  };
}

/** Opens the store, makes sure the fact tables exist, runs fn, closes; calls in one process run one at a time. */
export function withFacts<T>(dataDir: string, fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  const run = async () => {
    fs.mkdirSync(path.join(dataDir, 'screening', 'tmp'), { recursive: true });
    const instance = await DuckDBInstance.create(factsPath(dataDir), options(dataDir));
    const con = await instance.connect();
    try {
      await con.run(FACT_TABLES_SQL);
      return await fn(con);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  };
  const next = queue.then(run, run);
  queue = next.catch(() => {});
  return next;
}

/** Rows of a query as plain JS objects (DECIMAL → string via JSON, BIGINT → number when safe). */
export async function all<T = Record<string, unknown>>(con: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJson() as unknown as T[];
}

/** A SQL string literal. */
export const lit = (v: string | number | null | undefined) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** A quoted identifier (file headers may be Chinese or contain spaces). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Replaces a table with rows of text columns (reference data copied from the application database). */
export async function loadTextTable(con: DuckDBConnection, table: string, columns: string[], rows: (string | null | undefined)[][]): Promise<void> {
  await con.run(`CREATE OR REPLACE TEMP TABLE ${ident(table)} (${columns.map((c) => `${ident(c)} VARCHAR`).join(', ')})`);
  if (!rows.length) return;
  const appender = await con.createAppender(table, 'main', 'temp');
  for (const row of rows) {
    for (const v of row) {
      if (v === null || v === undefined) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** Counts of the fact tables, optionally for some institutions. */
export async function factCounts(con: DuckDBConnection, institutionCodes?: string[]) {
  const where = institutionCodes ? `WHERE institution_code IN (${institutionCodes.map(lit).join(',') || "''"})` : '';
  const [r] = await all<{ p: number; r: number; x: number }>(
    con,
    `SELECT (SELECT count(*) FROM purchase_orders ${where})::INTEGER p, (SELECT count(*) FROM platform_records ${where})::INTEGER r, (SELECT count(*) FROM prescriptions ${where})::INTEGER x`,
  );
  return { purchaseLines: r?.p ?? 0, platformRecords: r?.r ?? 0, prescriptionLines: r?.x ?? 0 };
}

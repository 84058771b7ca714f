/**
 * Importing the large fact files (purchase_orders, platform_records, prescriptions) into DuckDB without
 * holding them in Node's memory: DuckDB's parallel CSV reader stages the file as text, validation is SQL
 * over the staged rows (every problem with row, column and reason), and the good rows are appended with
 * their natural key checked against what is stored, so importing the same file twice changes nothing.
 * Row numbers are the ones a spreadsheet shows (header = row 1), as everywhere else.
 */
import fs from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import type { Locale } from '../../platform/i18n.ts';
import { t } from '../../platform/i18n.ts';
import { resolveColumns } from '../../platform/sheets.ts';
import { all, ident, lit } from './facts.store.ts';

type FieldType = 'code' | 'date' | 'qty' | 'money' | 'channel' | 'key';
interface Field {
  zh: string;
  aliases?: string[];
  type: FieldType;
  /** Checked against a reference table. */
  ref?: 'institution' | 'supplier' | 'product' | 'department' | 'staff';
}
export type FactKind = 'purchase_orders' | 'platform_records' | 'prescriptions';

const INST: Field = { zh: '机构编码', aliases: ['医疗机构编码', '医院编码'], type: 'code', ref: 'institution' };
const SUP: Field = { zh: '供应商编码', aliases: ['供应商', '配送企业编码'], type: 'code', ref: 'supplier' };
const PROD: Field = { zh: '商品编码', aliases: ['产品编码', '药品编码', '耗材编码'], type: 'code', ref: 'product' };
const QTY: Field = { zh: '数量', aliases: ['采购数量'], type: 'qty' };
const PRICE: Field = { zh: '单价', aliases: ['采购单价', '成交单价'], type: 'money' };

/** Each kind's columns in the contract's order (contract name → spec), its natural key and its date column. */
export const FACT_SPECS: Record<FactKind, { fields: Record<string, Field>; key: string[]; date: string }> = {
  purchase_orders: {
    fields: {
      order_id: { zh: '订单号', aliases: ['订单编号', '采购单号'], type: 'key' },
      line_no: { zh: '行号', aliases: ['明细行号'], type: 'key' },
      institution_code: INST,
      ordered_on: { zh: '订单日期', aliases: ['采购日期', '下单日期'], type: 'date' },
      supplier_code: SUP,
      product_code: PROD,
      quantity: QTY,
      unit_price: PRICE,
      amount: { zh: '金额', aliases: ['采购金额'], type: 'money' },
      channel: { zh: '采购渠道', aliases: ['渠道'], type: 'channel' },
    },
    key: ['institution_code', 'order_id', 'line_no'],
    date: 'ordered_on',
  },
  platform_records: {
    fields: {
      record_id: { zh: '平台记录号', aliases: ['记录编号', '平台订单号'], type: 'key' },
      institution_code: INST,
      ordered_on: { zh: '订单日期', aliases: ['采购日期', '下单日期'], type: 'date' },
      supplier_code: SUP,
      product_code: PROD,
      quantity: QTY,
      unit_price: PRICE,
    },
    key: ['institution_code', 'record_id'],
    date: 'ordered_on',
  },
  prescriptions: {
    fields: {
      rx_id: { zh: '处方号', aliases: ['处方编号'], type: 'key' },
      line_no: { zh: '行号', aliases: ['明细行号'], type: 'key' },
      institution_code: INST,
      dept_code: { zh: '科室编码', aliases: ['开方科室编码', '科室代码'], type: 'code', ref: 'department' },
      doctor_staff_no: { zh: '医生工号', aliases: ['开方医生工号', '医师工号'], type: 'code', ref: 'staff' },
      patient_key: { zh: '患者标识', aliases: ['患者编号'], type: 'key' },
      prescribed_on: { zh: '开方日期', aliases: ['处方日期'], type: 'date' },
      product_code: PROD,
      quantity: QTY,
      amount: { zh: '金额', aliases: ['处方金额'], type: 'money' },
    },
    key: ['institution_code', 'rx_id', 'line_no'],
    date: 'prescribed_on',
  },
};

const SQL_TYPE: Record<FieldType, string> = { code: 'VARCHAR', key: 'VARCHAR', channel: 'VARCHAR', date: 'DATE', qty: 'DECIMAL(18,3)', money: 'DECIMAL(18,2)' };

export interface Problem {
  row: number;
  column: string;
  message: string;
}
export interface FactImportOutcome {
  rowsRead: number;
  imported: number;
  unchanged: number;
  rejected: number;
  problems: Problem[];
  problemsTotal: number;
  /** Up to two distinct institution codes of the file (to place the import in the history). */
  institutionCodes: string[];
}
/** Problems kept in full; the total is always reported. */
export const PROBLEM_CAP = 1000;

/** Reads the header record of a CSV file (BOM stripped). */
function readHeader(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
    const firstLine = text.split(/\r?\n/)[0] ?? '';
    const [rec] = parse(firstLine, { relax_column_count: true, relax_quotes: true }) as string[][];
    return (rec ?? []).map((h) => h.trim());
  } finally {
    fs.closeSync(fd);
  }
}

/** The value test of each field type: a SQL condition that is true when the text `v` is bad. */
function badValue(type: FieldType, v: string): { cond: string; reason: string } | null {
  switch (type) {
    case 'date':
      return { cond: `length(${v}) <> 10 OR TRY_CAST(${v} AS DATE) IS NULL`, reason: 'date_format' };
    case 'money':
      return { cond: `NOT regexp_full_match(${v}, '-?\\d{1,14}(\\.\\d{1,2})?')`, reason: 'money_format' };
    case 'qty':
      return { cond: `NOT regexp_full_match(${v}, '-?\\d{1,13}(\\.\\d{1,3})?')`, reason: 'quantity_format' };
    case 'channel':
      return { cond: `${v} NOT IN ('platform', 'offline')`, reason: 'invalid_value' };
    case 'code':
    case 'key':
      return { cond: `length(${v}) > 64`, reason: 'too_big' };
  }
}

/** Normalised text of a staged cell (trimmed when staged); Chinese channel names mapped to the contract's. */
const cell = (col: string, type: FieldType) => {
  const v = `coalesce(${ident(col)}, '')`;
  return type === 'channel' ? `(CASE ${v} WHEN '平台' THEN 'platform' WHEN '线下' THEN 'offline' ELSE lower(${v}) END)` : v;
};

/**
 * Stages, validates and (unless problems remain and partial is false) appends one file. `institutions`
 * limits the institution codes the caller may write (null: any known one). Expects the ref_* tables.
 */
export async function importFactFile(
  con: DuckDBConnection,
  kind: FactKind,
  file: string,
  opts: { importId: string; partial: boolean; institutions: string[] | null; locale: Locale },
): Promise<FactImportOutcome> {
  const spec = FACT_SPECS[kind];
  const fields = Object.keys(spec.fields);
  const header = readHeader(file);
  const aliases = Object.fromEntries(fields.map((f) => [f, [f, spec.fields[f]!.zh, ...(spec.fields[f]!.aliases ?? [])]]));
  const found = resolveColumns(header, aliases);
  const chinese = header.some((h) => /[\u4e00-\u9fff]/.test(h));
  const label = (f: string) => found[f] ?? (chinese ? spec.fields[f]!.zh : f);
  const missing = fields.filter((f) => !found[f]);
  if (missing.length)
    return { rowsRead: 0, imported: 0, unchanged: 0, rejected: 0, problems: missing.map((f) => ({ row: 1, column: label(f), message: t(opts.locale, 'missing_column') })), problemsTotal: missing.length, institutionCodes: [] };

  // Columns are renamed c0..cN so any header text (Chinese, spaces, duplicates) is safe in SQL.
  const names = header.map((_, i) => `c${i}`);
  const colOf = (f: string) => names[header.indexOf(found[f]!)]!;
  await con.run('DROP TABLE IF EXISTS stage');
  const t0 = performance.now();
  await con.run(
    `CREATE TEMP TABLE stage AS SELECT ${names.map((n) => `trim(${ident(n)}) AS ${ident(n)}`).join(', ')} FROM read_csv(${lit(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
      null_padding = true, auto_detect = false, columns = {${names.map((n) => `${lit(n)}: 'VARCHAR'`).join(', ')}})`,
  );
  if (process.env.QINGLIAN_IMPORT_TRACE) console.error(`staged ${kind} in ${Math.round(performance.now() - t0)} ms`);
  // Rows of empty cells (blank spreadsheet rows) are skipped but keep their numbering.
  const blank = `(${names.map((n) => `(${ident(n)} IS NULL OR ${ident(n)} = '')`).join(' AND ')})`;
  const [{ n: rowsRead } = { n: 0 }] = await all<{ n: number }>(con, `SELECT count(*)::INTEGER n FROM stage WHERE NOT ${blank}`);
  if (!rowsRead) return { rowsRead: 0, imported: 0, unchanged: 0, rejected: 0, problems: [{ row: 1, column: '', message: t(opts.locale, 'empty_file') }], problemsTotal: 1, institutionCodes: [] };

  const institutionCodes = (await all<{ c: string }>(con, `SELECT DISTINCT ${ident(colOf('institution_code'))} c FROM stage LIMIT 2`)).map((r) => r.c);
  // One cheap pass finds the suspect rows; the per-column reasons are then worked out on those rows only
  // (a good file of ten million lines costs one scan, not one per check).
  const checks: { f: string; cond: string; reason: string; detail: string }[] = [];
  const add = (f: string, cond: string, reason: string, detail = 'NULL') => checks.push({ f, cond, reason, detail });
  const v = (f: string) => cell(colOf(f), spec.fields[f]!.type);
  for (const f of fields) {
    const field = spec.fields[f]!;
    add(f, `${v(f)} = ''`, 'required');
    const bad = badValue(field.type, v(f));
    if (bad) add(f, `${v(f)} <> '' AND (${bad.cond})`, bad.reason, v(f));
    const refWhere: Record<NonNullable<Field['ref']>, string> = {
      institution: `${v(f)} NOT IN (SELECT code FROM ref_institutions${opts.institutions ? ` WHERE code IN (${opts.institutions.map(lit).join(',') || "''"})` : ''})`,
      supplier: `${v(f)} NOT IN (SELECT code FROM ref_suppliers)`,
      product: `${v(f)} NOT IN (SELECT code FROM ref_products)`,
      department: `concat(${v('institution_code')}, '|', ${v(f)}) NOT IN (SELECT concat(institution_code, '|', dept_code) FROM ref_departments)`,
      staff: `concat(${v('institution_code')}, '|', ${v(f)}) NOT IN (SELECT concat(institution_code, '|', staff_no) FROM ref_staff)`,
    };
    const reasons = { institution: 'unknown_institution', supplier: 'unknown_supplier', product: 'unknown_product', department: 'unknown_department', staff: 'unknown_staff' };
    if (field.ref) add(f, `${v(f)} <> '' AND ${refWhere[field.ref]}`, reasons[field.ref], v(f));
  }
  if (process.env.QINGLIAN_IMPORT_TRACE) console.error(`counted ${kind} in ${Math.round(performance.now() - t0)} ms`);
  await con.run(`CREATE OR REPLACE TEMP TABLE suspect AS SELECT rowid AS rid FROM stage WHERE NOT ${blank} AND (${checks.map((c) => `(${c.cond})`).join(' OR ')})`);
  if (process.env.QINGLIAN_IMPORT_TRACE) console.error(`suspects ${kind} in ${Math.round(performance.now() - t0)} ms`);
  // A natural key twice in one file: the later rows point at the first.
  const keyExpr = `concat(${spec.key.map((k) => v(k)).join(", '|', ")})`;
  // Keys are grouped by their hash (cheap on ten million rows); a colliding pair is sorted out exactly below.
  const keyHash = `hash(${spec.key.map((k) => v(k)).join(', ')})`;
  await con.run(`CREATE OR REPLACE TEMP TABLE dupkeys AS SELECT ${keyHash} h FROM stage WHERE NOT ${blank} GROUP BY ALL HAVING count(*) > 1`);
  if (process.env.QINGLIAN_IMPORT_TRACE) console.error(`duplicates ${kind} in ${Math.round(performance.now() - t0)} ms`);
  await con.run('CREATE OR REPLACE TEMP TABLE bad AS SELECT rowid AS rid, * FROM stage WHERE rowid IN (SELECT rid FROM suspect)');
  const parts = checks.map(
    (c) => `SELECT rid + 2 AS row_no, ${lit(label(c.f))} AS col, ${lit(c.reason)} AS reason, ${c.detail} AS detail, ${fields.indexOf(c.f)} AS ord FROM bad WHERE ${c.cond}`,
  );
  parts.push(`SELECT row_no, ${lit(label(spec.key[spec.key.length - 1]!))}, 'duplicate_in_file', concat(k, '，', first_row), 1 FROM (
    SELECT rowid + 2 row_no, ${keyExpr} k, min(rowid + 2) OVER (PARTITION BY ${keyExpr}) first_row FROM stage
    WHERE NOT ${blank} AND ${keyHash} IN (SELECT h FROM dupkeys)) WHERE row_no <> first_row`);
  await con.run(`CREATE OR REPLACE TEMP TABLE problems AS ${parts.join('\nUNION ALL\n')}`);
  const [{ total, badRows } = { total: 0, badRows: 0 }] = await all<{ total: number; badRows: number }>(
    con,
    'SELECT count(*)::INTEGER total, count(DISTINCT row_no)::INTEGER "badRows" FROM problems',
  );
  const list = await all<{ row_no: number; col: string; reason: string; detail: string | null }>(
    con,
    `SELECT row_no::INTEGER row_no, col, reason, detail FROM problems ORDER BY row_no, ord LIMIT ${PROBLEM_CAP}`,
  );
  if (process.env.QINGLIAN_IMPORT_TRACE) console.error(`validated ${kind} in ${Math.round(performance.now() - t0)} ms`);
  const problems = list.map((p) => {
    const message = t(opts.locale, p.reason);
    const detail = p.reason === 'duplicate_in_file' && p.detail ? p.detail.replace(/，(\d+)$/, (_m, r) => `，${t(opts.locale, 'see_row', { row: r })}`) : p.detail;
    return { row: p.row_no, column: p.col, message: detail ? `${message}（${detail}）` : message };
  });
  if (total && !opts.partial) return { rowsRead, imported: 0, unchanged: 0, rejected: badRows, problems, problemsTotal: total, institutionCodes };

  const select = fields.map((f) => (SQL_TYPE[spec.fields[f]!.type] === 'VARCHAR' ? `${v(f)} AS ${f}` : `CAST(${v(f)} AS ${SQL_TYPE[spec.fields[f]!.type]}) AS ${f}`));
  const good = `SELECT ${select.join(', ')} FROM stage WHERE NOT ${blank} AND rowid + 2 NOT IN (SELECT row_no FROM problems)`;
  const keyMatch = spec.key.map((k) => `t.${k} = n.${k}`).join(' AND ');
  const cols = [...fields, 'import_id'];
  const res = await con.run(
    `INSERT INTO ${kind} (${cols.join(', ')}) SELECT ${fields.map((f) => `n.${f}`).join(', ')}, ${lit(opts.importId)} FROM (${good}) n
     WHERE NOT EXISTS (SELECT 1 FROM ${kind} t WHERE ${keyMatch})`,
  );
  const imported = Number(res.rowsChanged);
  if (process.env.QINGLIAN_IMPORT_TRACE) console.error(`stored ${kind} in ${Math.round(performance.now() - t0)} ms`);
  await con.run('DROP TABLE IF EXISTS stage');
  return { rowsRead, imported, unchanged: rowsRead - badRows - imported, rejected: badRows, problems, problemsTotal: total, institutionCodes };
}

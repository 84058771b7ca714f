/**
 * Reading uploaded tables: a UTF-8 CSV (RFC 4180) or the first sheet of an .xlsx, recognised by content,
 * never by file name. Every cell comes back as text, the way the user typed it, so importers validate
 * one shape. Header aliases (Chinese and English column names) are resolved by the caller with
 * `resolveColumns`.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';

export interface SheetRow {
  /** The row number the user sees in a spreadsheet: the header is row 1. */
  rowNumber: number;
  /** Trimmed cell text by header. */
  cells: Record<string, string>;
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** The 422 for a file that is neither an .xlsx nor UTF-8 text. */
export const unreadableFile = (why?: string) => new AppError('import_failed', 'unreadable_file', { reason: 'unreadable_file', why, errors: [] });

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Reads a CSV or the first worksheet of an .xlsx; empty rows are skipped but keep their numbering. */
export async function readSheet(buffer: Buffer): Promise<Sheet> {
  if (isZip(buffer)) return readXlsx(buffer);
  // Legacy .xls (OLE compound file) is binary: say so instead of decoding it as text.
  if (isOle(buffer)) throw unreadableFile('xls');
  return readCsv(buffer);
}

function readCsv(buffer: Buffer): Sheet {
  let text: string;
  try {
    // fatal: a GBK file saved by an older Excel must be refused, not imported as mojibake.
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw unreadableFile('encoding');
  }
  if (text.includes('\u0000')) throw unreadableFile('binary');
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (e) {
    throw unreadableFile((e as Error).message);
  }
  const [head, ...body] = records;
  const headers = (head ?? []).map((h) => h.trim());
  const rows: SheetRow[] = [];
  body.forEach((rec, i) => {
    if (rec.every((c) => c.trim() === '')) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, col) => {
      if (h) cells[h] = (rec[col] ?? '').trim();
    });
    rows.push({ rowNumber: i + 2, cells });
  });
  return { headers: headers.filter(Boolean), rows };
}

async function readXlsx(buffer: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw unreadableFile((e as Error).message);
  }
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const byCol = new Map<number, string>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const h = cellText(cell.value).trim();
    if (h) byCol.set(col, h);
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    for (const [col, h] of byCol) {
      const v = cellText(row.getCell(col).value).trim();
      cells[h] = v;
      if (v) any = true;
    }
    if (any) rows.push({ rowNumber, cells });
  });
  return { headers: [...byCol.values()], rows };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel dates carry no zone: exceljs gives them as UTC, so read them back in UTC. */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return secs ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : day;
}

/** Excel keeps 15 significant digits; rounding there turns 0.30000000000000004 back into 0.3. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  const r = Number(n.toPrecision(15));
  return Number.isInteger(r) && Math.abs(r) >= 1e21 ? BigInt(r).toString() : String(r);
}

/** The text of a cell value of any exceljs kind (rich text, formula result, hyperlink…). */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in v) return cellText((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Header text compared loosely: case, spaces and a trailing required-marker `*` do not matter. */
const normHeader = (h: string) => h.normalize('NFKC').toLowerCase().replace(/[\s*＊]/g, '');

/**
 * Maps canonical column keys to the header the file actually uses, given accepted names per key
 * (e.g. staff_no: ['staff_no', '工号']). Keys the file lacks map to undefined.
 */
export function resolveColumns<K extends string>(headers: string[], aliases: Record<K, readonly string[]>): Record<K, string | undefined> {
  const found = new Map(headers.map((h) => [normHeader(h), h]));
  const out = {} as Record<K, string | undefined>;
  for (const key of Object.keys(aliases) as K[]) {
    out[key] = aliases[key].map((a) => found.get(normHeader(a))).find((h) => h !== undefined);
  }
  return out;
}

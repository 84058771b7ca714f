/**
 * The all-or-nothing rule of organisation imports: every row is checked first and every problem is
 * collected (row as the user sees it, header = row 1; column as written in the file; localized reason);
 * if there is any, the import fails as a whole with the list and nothing is written.
 */
import type { TImportResult } from '@qinglian/contracts';
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, scopeOf } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type Locale, t } from '../../platform/i18n.ts';
import { resolveColumns, type Sheet, type SheetRow } from '../../platform/sheets.ts';
import { institutions } from './org.tables.ts';

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

/** Collects problems in the caller's language and fails the import when there is any. */
export class Problems {
  readonly list: ImportProblem[] = [];
  constructor(private readonly locale: Locale) {}

  /** Records a problem; `detail` (e.g. the offending code) is appended to the reason. */
  add(row: number, column: string, reason: string, detail?: string): void {
    const message = t(this.locale, reason);
    this.list.push({ row, column, message: detail ? `${message}（${detail}）` : message });
  }

  /** The text "row N" in the caller's language, for pointing at the first of two duplicates. */
  rowRef(row: number): string {
    return t(this.locale, 'see_row', { row });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** Throws the 422 listing every problem, ordered by row, when any was found. */
  failIfAny(): void {
    if (!this.list.length) return;
    const errors = this.list.map((p, i) => ({ p, i })).sort((a, b) => a.p.row - b.p.row || a.i - b.i).map(({ p }) => p);
    throw new AppError('import_failed', 'import_failed', { errors });
  }
}

export interface ColumnSpec {
  /** The Chinese header of templates and exports. */
  zh: string;
  /** The contract's English header (../shared/contracts/screening-data.md). */
  en: string;
  aliases?: readonly string[];
  required?: boolean;
  /** Explanation shown in the template's 说明 sheet. */
  help?: string;
}

export interface OpenedColumns<K extends string> {
  rows: SheetRow[];
  has(key: K): boolean;
  /** The trimmed cell text ('' when the column is absent or the cell empty). */
  get(row: SheetRow, key: K): string;
  /** The column's name as the user knows it: the file's own header, or the template's. */
  label(key: K): string;
}

/** Resolves the file's headers against the spec; a missing required column or an empty file is a problem. */
export function openColumns<K extends string>(sheet: Sheet, spec: Record<K, ColumnSpec>, problems: Problems): OpenedColumns<K> {
  const keys = Object.keys(spec) as K[];
  const aliases = Object.fromEntries(keys.map((k) => [k, [spec[k].en, spec[k].zh, ...(spec[k].aliases ?? [])]])) as Record<K, string[]>;
  const found = resolveColumns(sheet.headers, aliases);
  const chinese = sheet.headers.some((h) => /[\u4e00-\u9fff]/.test(h)) || !sheet.headers.length;
  const label = (k: K) => found[k] ?? (chinese ? spec[k].zh : spec[k].en);
  for (const k of keys) if (spec[k].required && !found[k]) problems.add(1, label(k), 'missing_column');
  if (!sheet.rows.length) problems.add(1, '', 'empty_file');
  return {
    rows: sheet.rows,
    has: (k) => found[k] !== undefined,
    get: (row, k) => {
      const h = found[k];
      return h ? (row.cells[h] ?? '').trim() : '';
    },
    label,
  };
}

/** The reason key a contract field schema gives for a value, or null when it is valid. */
export function reasonOf(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0];
  if (!issue) return 'invalid_value';
  return /^[a-z_]+$/.test(issue.message) ? issue.message : issue.code;
}

/** Loads institutions by code. */
export async function institutionsByCode(ctx: Ctx, codes: string[]) {
  const list = codes.length ? await ctx.db.select().from(institutions).where(inArray(institutions.code, [...new Set(codes)])) : [];
  return new Map(list.map((i) => [i.code, i]));
}

/** Whether an import run by `actor` (null: the CLI, the whole database) may write into the institution. */
export function mayWrite(actor: Actor | null, inst: { id: string; regionId: string }): boolean {
  if (!actor) return true;
  return scopeOf(actor) === 'region' ? inst.regionId === actor.regionId : inst.id === actor.institutionId;
}

/** Parses the boolean cells of the contract files (`1`/`0`) and their common spellings. */
export function parseBool(v: string): boolean | null {
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y', '是', '√'].includes(s)) return true;
  if (['0', 'false', 'no', 'n', '否', '×'].includes(s)) return false;
  return null;
}

/** Splits rows into chunks for multi-row inserts. */
export function chunks<T>(list: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export const okResult = (created: number, updated: number, unchanged: number): TImportResult => ({ ok: true, created, updated, unchanged, errors: [] });

/** Test data: a run-unique token, valid and broken national ID numbers, CSV files to upload. */
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from './chromium.ts';

/** Short token unique to this run, so re-runs against one server never collide on codes or names. */
export const RUN = Date.now().toString(36).slice(-5).toUpperCase();

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-digit national ID (GB 11643 check character computed here, independently of the app). */
export function validNationalId(birth = '19850612', seq = '123'): string {
  const first17 = `330102${birth}${seq}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The same number with a wrong check character. */
export function badNationalId(birth = '19850612', seq = '123'): string {
  const good = validNationalId(birth, seq);
  const wrong = good.endsWith('1') ? '2' : '1';
  return good.slice(0, 17) + wrong;
}

/** Writes a UTF-8 CSV (with BOM, as Excel saves it) under e2e/artifacts/uploads/ and returns its path. */
export function writeCsv(name: string, rows: string[][]): string {
  const dir = path.join(ARTIFACTS, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${RUN}-${name}`);
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  fs.writeFileSync(file, `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8');
  return file;
}

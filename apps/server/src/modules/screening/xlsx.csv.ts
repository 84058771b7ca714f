/** The first sheet of an .xlsx written out as an RFC 4180 CSV file, streamed row by row (large uploads). */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { cellText } from '../../platform/sheets.ts';

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** True when the file starts like a zip archive (an .xlsx), whatever its name. */
export function isXlsxFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    fs.readSync(fd, b, 0, 4, 0);
    return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  } finally {
    fs.closeSync(fd);
  }
}

/** Converts the first worksheet; empty rows are written as empty lines so row numbers stay those of the sheet. */
export async function xlsxToCsv(input: string, output: string): Promise<void> {
  const out = fs.createWriteStream(output);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  let width = 0;
  let next = 1;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        values[col - 1] = cellText(c.value).trim();
      });
      if (row.number === 1) width = values.length;
      // Missing rows (all empty) would shift numbering: keep them as rows of empty cells.
      for (; next < row.number; next++) if (!out.write(`${','.repeat(Math.max(0, width - 1))}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      const line = Array.from({ length: Math.max(width, values.length) }, (_, i) => quote(values[i] ?? '')).join(',');
      if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      next = row.number + 1;
    }
    break;
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

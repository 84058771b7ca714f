/** Test helpers for the organisation tests: multipart bodies, audit lookups, spreadsheet building. */
import crypto from 'node:crypto';
import { nationalIdCheckChar } from '@qinglian/contracts';
import { desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/platform.tables.ts';

/** A multipart/form-data body with text fields and one file. */
export function multipart(fields: Record<string, string>, file?: { filename: string; content: Buffer | string; type?: string }) {
  const boundary = `----qltest${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.filename}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Audit entries for a target, newest first. */
export async function auditOf(db: Db, targetId: string) {
  return db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(desc(auditLog.id));
}

/** Audit entries with an action, newest first. */
export async function auditByAction(db: Db, action: string) {
  return db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id));
}

/** An .xlsx with one sheet from rows of cell values (first row = headers). */
export async function xlsxOf(rows: (string | number | Date | null)[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid GB 11643 national ID number built from a birth date and a sequence number. */
export function nationalIdFor(birth: string, seq: number): string {
  const first17 = `110105${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + nationalIdCheckChar(first17);
}

/**
 * Organisation imports from .xlsx or .csv: `importOrgFile` for the CLI (`qinglian import institutions|
 * departments|staff FILE`, the formats of the screening data contract) and `importPeople` for the
 * console's staff upload into one institution. A file with any bad row imports nothing.
 */
import type { TImportResult } from '@qinglian/contracts';
import { scopeOf } from '../../platform/access.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { readSheet } from '../../platform/sheets.ts';
import { importDepartmentsSheet, importInstitutionsSheet } from './import.reference.ts';
import { importStaffSheet } from './import.staff.ts';
import { writableInstitutionRow } from './org.common.ts';

export type OrgImportKind = 'institutions' | 'departments' | 'staff';
export const ORG_IMPORT_KINDS: readonly OrgImportKind[] = ['institutions', 'departments', 'staff'];

/**
 * Imports one organisation file. With `systemCtx` (no actor) it may write anywhere; with an actor, only
 * inside their scope. Throws AppError `import_failed` (details.errors: every {row, column, message}).
 */
export async function importOrgFile(ctx: Ctx, kind: OrgImportKind, buffer: Buffer): Promise<TImportResult> {
  const sheet = await readSheet(buffer);
  if (kind === 'institutions') return importInstitutionsSheet(ctx, sheet);
  if (kind === 'departments') return importDepartmentsSheet(ctx, sheet);
  return importStaffSheet(ctx, sheet, null);
}

/** The console's staff import into one institution (the caller's own unless a region role names one). */
export async function importPeople(ctx: Ctx, institutionId: string | undefined, buffer: Buffer): Promise<TImportResult> {
  const actor = actorOf(ctx);
  const id = institutionId || (scopeOf(actor) === 'region' ? undefined : actor.institutionId);
  if (!id) throw invalid('institutionId', 'required');
  const inst = await writableInstitutionRow(ctx, actor, id);
  const sheet = await readSheet(buffer);
  return importStaffSheet(ctx, sheet, inst);
}

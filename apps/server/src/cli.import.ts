/** `qinglian import <kind> <file>`: the contract's file kinds this version handles. */
import { type TImportResult } from '@qinglian/contracts';
import { importOrgFile, ORG_IMPORT_KINDS, type OrgImportKind } from './modules/org/index.ts';
import type { Platform } from './platform/context.ts';
import { systemCtx } from './platform/context.ts';
import { AppError } from './platform/errors.ts';
import { t } from './platform/i18n.ts';

export const IMPORT_KINDS = ORG_IMPORT_KINDS;

/** Imports one file and prints the result; returns the process exit code. */
export async function cliImport(platform: Platform, kind: string, data: Buffer): Promise<number> {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    console.error(`unknown kind "${kind}"; this version imports: ${IMPORT_KINDS.join(', ')}`);
    return 2;
  }
  try {
    const res = await importOrgFile(systemCtx(platform, null, 'cli'), kind as OrgImportKind, data);
    console.log(`imported ${kind}: ${res.created} created, ${res.updated} updated, ${res.unchanged} unchanged`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'import_failed') throw err;
    const errors = (err.details as Pick<TImportResult, 'errors'> | undefined)?.errors ?? [];
    console.error(`import failed: nothing imported; ${errors.length} problem(s):`);
    for (const e of errors) console.error(`  row ${e.row}, column ${e.column}: ${t('zh-CN', e.message)}`);
    return 1;
  }
}

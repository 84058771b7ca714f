/** `qinglian import <kind> <file>`: every file kind of the screening data contract (docs/screening-data.md). */
import { SCREENING_KINDS, type TScreeningKind } from '@qinglian/contracts';
import { importFile } from './modules/screening/index.ts';
import type { Platform } from './platform/context.ts';
import { systemCtx } from './platform/context.ts';
import { t } from './platform/i18n.ts';

export const IMPORT_KINDS = SCREENING_KINDS;

/** Imports one file and prints the result; returns the process exit code. */
export async function cliImport(platform: Platform, kind: string, file: string, opts: { partial?: boolean } = {}): Promise<number> {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    console.error(`unknown kind "${kind}"; kinds: ${IMPORT_KINDS.join(', ')}`);
    return 2;
  }
  const started = performance.now();
  const res = await importFile(systemCtx(platform, null, 'cli'), kind as TScreeningKind, file, { partial: opts.partial });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  if (res.error) {
    console.error(`import failed: ${t('zh-CN', res.error)} / ${t('en-US', res.error)}`);
    return 1;
  }
  const counts = `${res.rowsRead} rows: ${res.imported} imported, ${res.updated} updated, ${res.unchanged} unchanged, ${res.rejected} rejected`;
  if (res.problemsTotal) {
    const head = res.status === 'failed' ? `import failed: nothing imported; ${res.problemsTotal} problem(s)` : `imported the good rows (${counts}); ${res.problemsTotal} problem(s)`;
    console.error(`${head}${res.problems.length < res.problemsTotal ? ` (first ${res.problems.length} listed)` : ''}:`);
    for (const p of res.problems) console.error(`  row ${p.row}, column ${p.column}: ${p.message}`);
    return res.status === 'failed' ? 1 : 0;
  }
  console.log(`imported ${kind}: ${counts} (${secs} s)`);
  return 0;
}

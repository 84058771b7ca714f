/**
 * `qinglian tenders …`: `indicators` (cardinal's command: result map on stdout, no database),
 * `import` (into a region's database, all or nothing) and `flags` (recompute a region's flags).
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { systemCtx, type Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n.ts';
import { institutions, regions } from '../org/org.tables.ts';
import { createEngine } from './engine/engine.ts';
import { formatResults } from './engine/output.ts';
import { parseSettings, SettingsError } from './engine/settings.ts';
import { recomputeFlags } from './tenders.flags.ts';
import { importTenders } from './tenders.import.ts';
import { readReleases } from './tenders.read.ts';

type WithPlatform = <T>(fn: (p: Platform) => Promise<T>) => Promise<T>;

const open = (file: string): Readable => (file === '-' ? process.stdin : fs.createReadStream(file));

function fail(msg: string): never {
  console.error(`错误 / error: ${msg}`);
  process.exit(1);
}

/** Prints cardinal's result map for a file; bad lines are reported on stderr and skipped, as cardinal does. */
export async function runIndicatorsCommand(file: string, o: { settings?: string; meta: boolean; count?: boolean }): Promise<number> {
  let settings = {};
  if (o.settings) {
    if (!fs.existsSync(o.settings)) fail(`no such settings file: ${o.settings}`);
    try {
      settings = parseSettings(fs.readFileSync(o.settings, 'utf8'));
    } catch (e) {
      if (e instanceof SettingsError) fail(`${o.settings}: ${e.message}`);
      throw e;
    }
  }
  if (file !== '-' && !fs.existsSync(file)) fail(`no such file: ${file}`);
  const engine = createEngine(settings);
  const summary = await readReleases(
    open(file),
    (release) => {
      engine.fold(release);
    },
    [],
    { lenient: true },
  );
  for (const i of summary.issues) console.error(`warning: ${i.line ? `line ${i.line}` : i.path}: ${t('en-US', `tender.read.${i.reason}`)}${i.detail ? ` (${i.detail})` : ''}, skipped`);
  const result = engine.finish();
  process.stdout.write(`${formatResults(result, { noMeta: !o.meta })}\n`);
  if (o.count) for (const [group, ids] of result.results) if (ids.size) console.error(`${group}: ${ids.size}`);
  return 0;
}

async function regionByCode(p: Platform, code: string) {
  const [r] = await p.db.select().from(regions).where(eq(regions.code, code));
  if (!r) fail(`no region with code ${code}`);
  return r;
}

/** Registers the `tenders` command group. */
export function registerTenderCommands(program: Command, withPlatform: WithPlatform): void {
  const tenders = program.command('tenders').description('tender processes (OCDS) and their red flags');
  tenders
    .command('indicators')
    .description("print cardinal's indicator results for OCDS compiled releases (JSON Lines, or - for stdin)")
    .argument('<file>')
    .option('-s, --settings <file>', 'settings file (INI, as cardinal: [R003] sections, [exclusions])')
    .option('--no-meta', 'leave out the "Meta" key (quartiles and fences)')
    .option('-c, --count', 'print the number of results per group to stderr')
    .action(async (file: string, o: { settings?: string; meta: boolean; count?: boolean }) => {
      process.exitCode = await runIndicatorsCommand(file, o);
    });
  tenders
    .command('import')
    .description('import OCDS compiled releases into a region (JSON Lines, release or record package); a bad file imports nothing')
    .requiredOption('--region <code>', 'region code')
    .option('--institution <code>', 'put every process in this institution (default: match buyer.id/name to institution code/name)')
    .argument('<file>')
    .action((file: string, o: { region: string; institution?: string }) =>
      withPlatform(async (p) => {
        if (file !== '-' && !fs.existsSync(file)) fail(`no such file: ${file}`);
        const region = await regionByCode(p, o.region);
        let institutionId: string | null = null;
        if (o.institution) {
          const [inst] = await p.db.select().from(institutions).where(eq(institutions.code, o.institution));
          if (!inst || inst.regionId !== region.id) fail(`no institution ${o.institution} in region ${o.region}`);
          institutionId = inst.id;
        }
        try {
          const started = Date.now();
          const r = await importTenders(systemCtx(p, null, 'cli'), open(file), { regionId: region.id, institutionId, filename: file });
          console.log(
            `imported ${r.processes} processes (${r.format}): ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged; ${r.matched} placed in an institution; ${r.flags} flags in the region (${((Date.now() - started) / 1000).toFixed(1)} s)`,
          );
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'import_failed') throw err;
          const errors = (err.details as { errors?: { row: number; column: string; message: string }[] }).errors ?? [];
          console.error(`import failed: nothing imported; ${errors.length} problem(s):`);
          for (const e of errors) console.error(`  ${e.row ? `line ${e.row}` : e.column}: ${e.message}`);
          process.exitCode = 1;
        }
      }),
    );
  tenders
    .command('flags')
    .description("recompute a region's tender flags")
    .requiredOption('--region <code>', 'region code')
    .action((o: { region: string }) =>
      withPlatform(async (p) => {
        const region = await regionByCode(p, o.region);
        const r = await recomputeFlags(systemCtx(p, null, 'cli'), region.id);
        console.log(`${r.flags} flags on ${r.processes} processes`);
      }),
    );
}

/**
 * `qinglian screen` (run every enabled rule, store the alerts, print them; `--format json` prints JSON Lines
 * as the screening data contract fixes) and `qinglian demo-data` (the synthetic hospital's eleven files).
 */
import { ALERT_RULE_LABELS_ZH, SCREENING_RULES, type TAlertRule } from '@qinglian/contracts';
import fs from 'node:fs';
import type { Command } from 'commander';
import { systemCtx, type Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n.ts';
import { generateDemoData } from './demo.generate.ts';
import { screenNow } from './runs.service.ts';

type WithPlatform = <T>(fn: (p: Platform) => Promise<T>) => Promise<T>;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function fail(msg: string): never {
  console.error(`错误 / error: ${msg}`);
  process.exit(2);
}

/** Adds `screen` and `demo-data` to the program. */
export function registerScreeningCommands(program: Command, withPlatform: WithPlatform) {
  program
    .command('screen')
    .description('run the screening rules, store the alerts and print them (JSON Lines with --format json)')
    .option('--institution <code>', 'one institution (default: every institution)')
    .option('--from <YYYY-MM>', 'first month (default: 11 months before --to)')
    .option('--to <YYYY-MM>', 'last month (default: the last month with data)')
    .option('--config <rules.json>', 'rule parameters overriding the defaults (docs/rules.md)')
    .option('--format <format>', 'text or json', 'text')
    .action((o: { institution?: string; from?: string; to?: string; config?: string; format: string }) => {
      if (o.from && !MONTH.test(o.from)) fail('--from must look like 2025-01');
      if (o.to && !MONTH.test(o.to)) fail('--to must look like 2025-12');
      if (!['text', 'json'].includes(o.format)) fail('--format is text or json');
      let overrides: unknown;
      if (o.config) {
        if (!fs.existsSync(o.config)) fail(`no such file: ${o.config}`);
        try {
          overrides = JSON.parse(fs.readFileSync(o.config, 'utf8'));
        } catch (e) {
          fail(`${o.config}: ${(e as Error).message}`);
        }
      }
      return withPlatform(async (p) => {
        try {
          const { run, alerts } = await screenNow(systemCtx(p, null, 'cli'), { institutionCode: o.institution, from: o.from, to: o.to, overrides });
          if (o.format === 'json') {
            // The contract's JSON Lines carry the nine screening rules; tender flags stay in the console's list.
            const contractual = new Set<string>(SCREENING_RULES);
            const out = alerts
              .filter((a) => contractual.has(a.rule))
              .map(({ amount: _amount, ...a }) => JSON.stringify(a))
              .join('\n');
            if (out) process.stdout.write(`${out}\n`);
          } else {
            for (const a of alerts) console.log(`[${a.rule}] ${a.institution} ${a.period} score ${a.score.toFixed(2)}  ${a.summary}`);
            const byRule = new Map<string, number>();
            for (const a of alerts) byRule.set(a.rule, (byRule.get(a.rule) ?? 0) + 1);
            console.log(`\nrun ${run.id}: ${run.fromPeriod}..${run.toPeriod}, parameters v${run.paramVersion}, ${alerts.length} alert(s), ${run.alertsNew} new`);
            for (const [rule, n] of byRule) console.log(`  ${ALERT_RULE_LABELS_ZH[rule as TAlertRule]} (${rule}): ${n}`);
          }
          console.error(`screened ${run.fromPeriod}..${run.toPeriod}: ${alerts.length} alert(s), ${run.alertsNew} new; times ${JSON.stringify(run.ruleTimes)}`);
        } catch (err) {
          if (err instanceof AppError) fail(`${t('en-US', err.messageKey)} ${JSON.stringify(err.details ?? {})}`);
          throw err;
        }
      });
    });

  program
    .command('demo-data')
    .description('write the eleven screening files of a synthetic region with planted schemes and ground_truth.csv')
    .option('--rx <n>', 'prescription lines', '200000')
    .option('--out <dir>', 'output folder', './demo-data')
    .option('--seed <n>', 'random seed (same seed, same files)', '20251231')
    .action(async (o: { rx: string; out: string; seed: string }) => {
      const rx = Number(o.rx);
      if (!Number.isInteger(rx) || rx < 1000) fail('--rx must be a whole number of at least 1000');
      const started = performance.now();
      const res = await generateDemoData({ rx, out: o.out, seed: Number(o.seed) });
      for (const [f, size] of Object.entries(res.files)) console.log(`${f.padEnd(26)} ${(size / 1024 / 1024).toFixed(1)} MB`);
      console.log(`${res.plants.length} planted cases in ground_truth.csv; ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });
}

/**
 * The demo region's screening data: a small synthetic data set for the main hospital (QY001, whose
 * discipline office is the demo account `jijian`) imported through the real importers, and one completed
 * run, so the console shows real alerts on a fresh data directory. Idempotent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCREENING_KINDS } from '@qinglian/contracts';
import { eq } from 'drizzle-orm';
import { systemCtx, type Platform } from '../../platform/context.ts';
import { institutions } from '../org/index.ts';
import { generateDemoData } from './demo.generate.ts';
import { importFile } from './imports.service.ts';
import { screenNow } from './runs.service.ts';
import { screeningRuns } from './screening.tables.ts';

/** Seeds the screening data of the demo hospital unless a run exists already; returns the alerts found. */
export async function seedScreeningDemo(platform: Platform, opts: { code?: string; rx?: number } = {}): Promise<number> {
  const code = opts.code ?? 'QY001';
  const [inst] = await platform.db.select().from(institutions).where(eq(institutions.code, code));
  if (!inst) return 0;
  const [had] = await platform.db.select({ id: screeningRuns.id }).from(screeningRuns).where(eq(screeningRuns.institutionId, inst.id)).limit(1);
  if (had) return 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-screening-seed-'));
  try {
    await generateDemoData({
      rx: opts.rx ?? 50_000,
      out: dir,
      seed: 20261122,
      deptPrefix: '',
      institutions: [{ code, name: inst.name, level: inst.level, share: 1, doctorsPerSpecialty: 8 }],
    });
    const ctx = systemCtx(platform, null, 'seed');
    // The hospital and its departments exist already: only the people and the screening files are added.
    for (const kind of SCREENING_KINDS.filter((k) => k !== 'institutions' && k !== 'departments')) {
      const res = await importFile(ctx, kind, path.join(dir, `${kind}.csv`));
      if (res.status !== 'done') throw new Error(`demo screening data: ${kind} failed: ${JSON.stringify(res.problems.slice(0, 3))}`);
    }
    const { alerts } = await screenNow(ctx, { institutionCode: code, trigger: 'seed' });
    return alerts.length;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

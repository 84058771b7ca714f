/** Helpers the screening tests share: a generated data set imported into a test platform, and direct rows for the access test. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCREENING_KINDS } from '@qinglian/contracts';
import { systemCtx, type Platform } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { generateDemoData, type Plant } from './demo.generate.ts';
import { importFile } from './imports.service.ts';
import { screeningAlerts, screeningImports, screeningRuns } from './screening.tables.ts';

/** Generates the synthetic region (rx prescription lines) and imports all eleven files; returns the plants. */
export async function loadDemo(platform: Platform, rx: number, seed = 7): Promise<{ plants: Plant[]; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-screening-'));
  const { plants } = await generateDemoData({ rx, out: dir, seed });
  const ctx = systemCtx(platform, null, 'test');
  for (const kind of SCREENING_KINDS) {
    const res = await importFile(ctx, kind, path.join(dir, `${kind}.csv`));
    if (res.status !== 'done') throw new Error(`${kind}: ${JSON.stringify(res.problems.slice(0, 3))} ${res.error}`);
  }
  return { plants, dir };
}

/** An alert row placed in an institution (for access tests). */
export async function createAlertRow(db: Db, v: { regionId: string; institutionId: string; rule?: string; key?: string }) {
  const [row] = await db
    .insert(screeningAlerts)
    .values({
      regionId: v.regionId,
      institutionId: v.institutionId,
      rule: v.rule ?? 'prescriber_concentration',
      keys: { doctor_staff_no: v.key ?? 'X001', product_code: 'P111' },
      keyText: `${v.key ?? 'X001'}|P111`,
      period: '2025-12',
      score: 0.8,
      summary: '测试预警',
      evidence: { share: 0.9 },
      paramVersion: 1,
    })
    .returning();
  return row!;
}

/** An import history row and a run row placed in an institution. */
export async function createImportAndRunRows(db: Db, v: { regionId: string; institutionId: string }) {
  const [imp] = await db.insert(screeningImports).values({ kind: 'prescriptions', filename: 'x.csv', sha256: 'x', status: 'done', regionId: v.regionId, institutionId: v.institutionId }).returning();
  const [run] = await db.insert(screeningRuns).values({ regionId: v.regionId, institutionId: v.institutionId, fromPeriod: '2025-01', toPeriod: '2025-12', trigger: 'api', status: 'done', paramVersion: 1 }).returning();
  return { importId: imp!.id, runId: run!.id };
}

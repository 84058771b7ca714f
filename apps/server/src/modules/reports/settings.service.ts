/** The report channel's settings per institution; defaults follow the petition rules (15 / 60 days). */
import type { TReportSettings } from '@qinglian/contracts';
import { eq } from 'drizzle-orm';
import { assertInScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { type Db, inTx } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { institutions } from '../org/org.tables.ts';
import { reportSettings } from './reports.tables.ts';

const DEFAULTS = { hotline: null, acceptDays: 15, concludeDays: 60, feedbackDays: 15, retentionDays: 1825, clinicianCodes: false };

/** Settings of one institution (defaults when never saved). */
export async function settingsOf(db: Db, institutionId: string): Promise<TReportSettings> {
  const [row] = await db.select().from(reportSettings).where(eq(reportSettings.institutionId, institutionId));
  return { ...DEFAULTS, ...row, institutionId };
}

async function placed(ctx: Ctx, institutionId: string) {
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, institutionId));
  if (!inst) throw notFound('institution');
  assertInScope(actorOf(ctx), { institutionId: inst.id, regionId: inst.regionId }, inst.regionId);
  return inst;
}

/** Settings for an institution in the caller's scope. */
export async function getSettings(ctx: Ctx, institutionId: string): Promise<TReportSettings> {
  await placed(ctx, institutionId);
  return settingsOf(ctx.db, institutionId);
}

/** Saves settings (audited). */
export async function saveSettings(ctx: Ctx, institutionId: string, patch: Partial<Omit<TReportSettings, 'institutionId'>>): Promise<TReportSettings> {
  const inst = await placed(ctx, institutionId);
  return inTx(ctx.db, async (tx) => {
    const before = await settingsOf(tx, institutionId);
    const after = { ...before, ...patch };
    const { institutionId: _, ...values } = after;
    await tx.insert(reportSettings).values(after).onConflictDoUpdate({ target: reportSettings.institutionId, set: values });
    await writeAudit({ ...ctx, db: tx }, { action: 'reports.settings', targetType: 'institution', targetId: institutionId, institutionId, regionId: inst.regionId, before, after });
    return after;
  });
}

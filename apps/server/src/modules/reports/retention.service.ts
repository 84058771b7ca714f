/**
 * Retention: a closed case's content is kept for the institution's retention period (5 years by
 * default). Nothing is deleted silently: due cases are listed, officers are reminded monthly, and a
 * purge is an explicit, reasoned, audited act that erases the text, contact and photos but keeps
 * the number, dates and outcome so figures stay true.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx, rows } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { registerJobHandler } from '../../platform/jobs.ts';
import { accounts } from '../auth/index.ts';
import { notify } from '../notifications/notifications.service.ts';
import { institutions } from '../org/org.tables.ts';
import { caseVisibility } from './cases.access.ts';
import { caseEvents, cases, reportSettings } from './reports.tables.ts';

const due = (now: Date) =>
  sql`${cases.closedAt} + make_interval(days => coalesce((select s.retention_days from ${reportSettings} s where s.institution_id = ${cases.institutionId}), 1825)) < ${now}`;

/** Cases in scope whose retention period has passed, oldest first. */
export async function retentionDue(ctx: Ctx) {
  const now = ctx.platform.now();
  const found = await ctx.db
    .select({ id: cases.id, number: cases.number, institutionName: institutions.name, closedAt: cases.closedAt, institutionId: cases.institutionId })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(and(caseVisibility(actorOf(ctx)), isNull(cases.purgedAt), inArray(cases.status, ['closed', 'referred', 'merged']), due(now)))
    .orderBy(cases.closedAt)
    .limit(1000);
  const days = new Map(
    (await ctx.db.select().from(reportSettings)).map((s) => [s.institutionId, s.retentionDays]),
  );
  return found.map((r) => ({
    id: r.id,
    number: r.number,
    institutionName: r.institutionName,
    closedAt: r.closedAt!.toISOString(),
    dueSince: new Date(r.closedAt!.getTime() + (days.get(r.institutionId) ?? 1825) * 86_400_000).toISOString(),
  }));
}

/** Erases the content of due cases; ids that are not due (or not visible) are refused, nothing half-done. */
export async function purge(ctx: Ctx, ids: string[], reason: string): Promise<{ purged: number }> {
  const dueIds = new Set((await retentionDue(ctx)).map((r) => r.id));
  const notDue = ids.filter((id) => !dueIds.has(id));
  if (notDue.length) throw invalid('ids', 'not_due');
  await inTx(ctx.db, async (tx) => {
    const now = ctx.platform.now();
    await tx.update(cases).set({ text: '', contactSealed: null, subjectHint: null, receiptHash: null, purgedAt: now }).where(inArray(cases.id, ids));
    await tx.update(caseEvents).set({ text: null, attachmentIds: [] }).where(inArray(caseEvents.caseId, ids));
    await writeAudit({ ...ctx, db: tx }, { action: 'case.purge', targetType: 'case', targetId: null, institutionId: actorOf(ctx).institutionId, after: { ids, reason } });
  });
  return { purged: ids.length };
}

// Monthly: tell each discipline office how many of its cases are due, so nothing is forgotten or deleted unseen.
registerJobHandler(
  'cases.retention_notice',
  async (ctx) => {
    const now = ctx.platform.now();
    const counts = await rows<{ institution_id: string; n: number }>(
      ctx.db,
      sql`select institution_id, count(*)::int as n from ${cases} where purged_at is null and status in ('closed','referred','merged') and ${due(now)} group by 1`,
    );
    for (const c of counts) {
      const officers = await ctx.db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.institutionId, c.institution_id), eq(accounts.role, 'discipline_officer'), eq(accounts.active, true)));
      for (const o of officers)
        await notify(ctx, { accountId: o.id, institutionId: c.institution_id, title: '信访件保存期限到期', body: `${c.n} 件已结案件超过保存期限，请审核后处理`, link: '/cases/retention' });
    }
  },
  { everyMs: 30 * 86_400_000 },
);

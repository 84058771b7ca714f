/**
 * Scheduled work of the rep module: reminders before an authorisation letter or the yearly
 * registration expires (to the rep by SMS, to the offices that approved them), a reminder to the office
 * when a booking's decision falls due, and lapsing bookings nobody decided. One job per key (dedupe).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { registerJobHandler, scheduleJob } from '../../platform/jobs.ts';
import { accounts } from '../auth/index.ts';
import { notify, notifyMany } from '../notifications/notifications.service.ts';
import { addDays, shanghaiInstant } from './reps.common.ts';
import { repApprovals, repBookings, reps } from './reps.tables.ts';
import { sendSms } from './sms.ts';

const REMIND_DAYS = 30;
const KIND_LABEL = { letter: '授权委托书', registration: '备案登记' } as const;

/** The office accounts (discipline officers and administrators) of an institution. */
async function officeAccounts(ctx: Ctx, institutionIds: string[]) {
  if (!institutionIds.length) return [];
  return ctx.db
    .select({ id: accounts.id, institutionId: accounts.institutionId })
    .from(accounts)
    .where(and(inArray(accounts.institutionId, institutionIds), inArray(accounts.role, ['discipline_officer', 'institution_admin']), eq(accounts.active, true)));
}

/** Notifies the office accounts of the given institutions. */
export async function notifyOffices(ctx: Ctx, institutionIds: string[], n: { title: string; body: string; link: string }) {
  await notifyMany(
    ctx,
    (await officeAccounts(ctx, [...new Set(institutionIds)])).map((a) => ({ accountId: a.id, institutionId: a.institutionId, ...n })),
  );
}

/** Schedules the reminder 30 days before, and the notice on the day after, each expiry date. */
export async function scheduleExpiryReminders(ctx: Ctx, repId: string, dates: { letterUntil: string | null; registeredUntil: string | null }) {
  const pairs = [
    ['letter', dates.letterUntil],
    ['registration', dates.registeredUntil],
  ] as const;
  for (const [kind, on] of pairs) {
    if (!on) continue;
    for (const [stage, day] of [
      ['soon', addDays(on, -REMIND_DAYS)],
      ['expired', addDays(on, 1)],
    ] as const) {
      const runAt = shanghaiInstant(day, '09:00');
      if (runAt < ctx.platform.now() && stage === 'soon') continue;
      await scheduleJob(ctx.db, { kind: 'reps.expiry', runAt, payload: { repId, kind, on, stage }, dedupeKey: `rep-expiry:${repId}:${kind}:${on}:${stage}` });
    }
  }
}

registerJobHandler('reps.expiry', async (ctx, payload) => {
  const { repId, kind, on, stage } = payload as { repId: string; kind: 'letter' | 'registration'; on: string; stage: 'soon' | 'expired' };
  const [rep] = await ctx.db.select().from(reps).where(eq(reps.id, repId));
  // A renewed letter or registration moved the date: this reminder is stale.
  if (!rep || (kind === 'letter' ? rep.letterUntil : rep.registeredUntil) !== on) return;
  const what = KIND_LABEL[kind];
  const text = stage === 'soon' ? `您的${what}将于 ${on} 到期，请及时在医药代表备案页面更新。` : `您的${what}已于 ${on} 到期，续期前无法预约和进入医院接待。`;
  await sendSms(rep.phone, `【清廉医院】${text}`);
  const approved = await ctx.db.select({ inst: repApprovals.institutionId }).from(repApprovals).where(and(eq(repApprovals.repId, repId), eq(repApprovals.status, 'approved')));
  for (const a of await officeAccounts(ctx, approved.map((x) => x.inst)))
    await notify(ctx, {
      accountId: a.id,
      institutionId: a.institutionId,
      title: stage === 'soon' ? `医药代表${what}即将到期` : `医药代表${what}已到期`,
      body: `${rep.name ?? ''}的${what}${stage === 'soon' ? '将于' : '已于'} ${on} 到期。`,
      link: `/reps/registry?rep=${repId}`,
    });
});

/** Schedules the office's decision reminder and the lapse of an undecided booking. */
export async function scheduleBookingJobs(ctx: Ctx, booking: { id: string; decideBy: string; date: string; end: string }) {
  await scheduleJob(ctx.db, { kind: 'reps.booking_due', runAt: shanghaiInstant(booking.decideBy, '09:00'), payload: { bookingId: booking.id }, dedupeKey: `rep-booking-due:${booking.id}` });
  await scheduleJob(ctx.db, { kind: 'reps.booking_lapse', runAt: shanghaiInstant(booking.date, booking.end), payload: { bookingId: booking.id }, dedupeKey: `rep-booking-lapse:${booking.id}` });
}

registerJobHandler('reps.booking_due', async (ctx, payload) => {
  const [b] = await ctx.db.select().from(repBookings).where(eq(repBookings.id, String(payload.bookingId)));
  if (b?.status !== 'requested') return;
  for (const a of await officeAccounts(ctx, [b.institutionId]))
    await notify(ctx, { accountId: a.id, institutionId: b.institutionId, title: '医药代表预约待审批', body: `${b.date} ${b.start} 的来访预约今日到期，请及时审批。`, link: '/reps/bookings' });
});

registerJobHandler('reps.booking_lapse', async (ctx, payload) => {
  await ctx.db
    .update(repBookings)
    .set({ status: 'lapsed' })
    .where(and(eq(repBookings.id, String(payload.bookingId)), eq(repBookings.status, 'requested')));
});

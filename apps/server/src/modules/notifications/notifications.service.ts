/** In-app notifications: written by jobs and modules, read by their recipient only. */
import type { TNotification } from '@qinglian/contracts';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { registerJobHandler } from '../../platform/jobs.ts';
import { pageOf } from '../../platform/pagination.ts';
import { notifications } from '../../platform/platform.tables.ts';

export interface NotifyInput {
  accountId: string;
  institutionId?: string | null;
  title: string;
  body: string;
  link?: string | null;
}

/** Sends a notification (inside the caller's transaction when there is one). */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<void> {
  await notifyMany(ctx, [input]);
}

/** Several notifications in one statement. */
export async function notifyMany(ctx: Ctx, inputs: NotifyInput[]): Promise<void> {
  if (!inputs.length) return;
  const createdAt = ctx.platform.now();
  await ctx.db.insert(notifications).values(inputs.map((input) => ({ ...input, createdAt })));
}

const present = (n: typeof notifications.$inferSelect): TNotification => ({
  id: n.id,
  title: n.title,
  body: n.body,
  link: n.link,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** The caller's notifications, newest first, with the unread count. */
export async function listNotifications(ctx: Ctx, q: { page: number; pageSize: number; unread?: boolean }) {
  const me = actorOf(ctx).accountId;
  const where = and(eq(notifications.accountId, me), q.unread ? isNull(notifications.readAt) : undefined);
  const [items, [total], [unread]] = await Promise.all([
    ctx.db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(pageOf(q).limit).offset(pageOf(q).offset),
    ctx.db.select({ n: count() }).from(notifications).where(where),
    ctx.db.select({ n: count() }).from(notifications).where(and(eq(notifications.accountId, me), isNull(notifications.readAt))),
  ]);
  return { items: items.map(present), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, unread: unread?.n ?? 0 };
}

/** Marks one of the caller's notifications read; another account's is a 404. */
export async function markRead(ctx: Ctx, id: string): Promise<void> {
  const res = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.platform.now() })
    .where(and(eq(notifications.id, id), eq(notifications.accountId, actorOf(ctx).accountId)))
    .returning({ id: notifications.id });
  if (!res.length) throw notFound('notification');
}

/** Marks all of the caller's notifications read. */
export async function markAllRead(ctx: Ctx): Promise<void> {
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.platform.now() })
    .where(and(eq(notifications.accountId, actorOf(ctx).accountId), isNull(notifications.readAt)));
}

// A job kind other modules schedule for a later reminder: payload is a NotifyInput.
registerJobHandler('notify', async (ctx, payload) => {
  await notify(ctx, payload as unknown as NotifyInput);
});

/** /api/notifications: the caller's own in-app notifications. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { ZIdParams, ZNotification, ZNotificationQuery, ZOk, ZPage } from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import * as svc from './notifications.service.ts';

const access = { permission: 'notification.read' } as const;

export async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/notifications',
    { schema: { tags: ['notifications'], querystring: ZNotificationQuery, response: { 200: ZPage(ZNotification).extend({ unread: z.number().int() }) } }, config: { access } },
    (req) => svc.listNotifications(req.ctx, req.query),
  );
  app.post(
    '/api/notifications/:id/read',
    { schema: { tags: ['notifications'], params: ZIdParams, response: { 200: ZOk } }, config: { access, resource: 'notification' } },
    async (req) => {
      await svc.markRead(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );
  app.post('/api/notifications/read-all', { schema: { tags: ['notifications'], response: { 200: ZOk } }, config: { access } }, async (req) => {
    await svc.markAllRead(req.ctx);
    return { ok: true as const };
  });
}

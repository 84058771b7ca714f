/** /api/dashboard: the home page's figures. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { ZDashboard, ZTodo } from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import { dashboard } from './dashboard.service.ts';
import { todo } from './todo.service.ts';

export async function dashboardRoutes(fastify: FastifyInstance) {
  fastify
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/dashboard', { schema: { tags: ['dashboard'], response: { 200: ZDashboard } }, config: { access: { permission: 'dashboard.read' } } }, (req) =>
      dashboard(req.ctx),
    )
    .get('/api/dashboard/todo', { schema: { tags: ['dashboard'], response: { 200: ZTodo } }, config: { access: { permission: 'dashboard.read' } } }, (req) =>
      todo(req.ctx),
    );
}

/** /api/accounts: account administration for region and institution administrators. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { ZAccount, ZAccountInput, ZAccountListQuery, ZAccountPatch, ZAccountReset, ZIdParams, ZOk, ZPage } from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import * as svc from './accounts.service.ts';

const read = { access: { permission: 'account.read' } } as const;
const write = { access: { permission: 'account.write' } } as const;

export async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/accounts', { schema: { tags: ['accounts'], querystring: ZAccountListQuery, response: { 200: ZPage(ZAccount) } }, config: read }, (req) =>
    svc.listAccounts(req.ctx, req.query),
  );
  app.post('/api/accounts', { schema: { tags: ['accounts'], body: ZAccountInput, response: { 201: ZAccount } }, config: write }, async (req, reply) =>
    reply.status(201).send(await svc.createAccount(req.ctx, req.body)),
  );
  app.get('/api/accounts/:id', { schema: { tags: ['accounts'], params: ZIdParams, response: { 200: ZAccount } }, config: { ...read, resource: 'account' } }, (req) =>
    svc.getAccount(req.ctx, req.params.id),
  );
  app.patch(
    '/api/accounts/:id',
    { schema: { tags: ['accounts'], params: ZIdParams, body: ZAccountPatch, response: { 200: ZAccount } }, config: { ...write, resource: 'account' } },
    (req) => svc.updateAccount(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/accounts/:id/password',
    { schema: { tags: ['accounts'], params: ZIdParams, body: ZAccountReset, response: { 200: ZOk } }, config: { ...write, resource: 'account' } },
    async (req) => {
      await svc.resetPassword(req.ctx, req.params.id, req.body.password);
      return { ok: true as const };
    },
  );
}

/** /api/attachments: upload and scoped download. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { ZAttachment, ZIdParams } from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import { AppError, invalid } from '../../platform/errors.ts';
import * as svc from './files.service.ts';

export async function filesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/attachments',
    { schema: { tags: ['attachments'], consumes: ['multipart/form-data'], response: { 201: ZAttachment } }, config: { access: { permission: 'attachment.upload' } } },
    async (req, reply) => {
      if (!req.isMultipart()) throw invalid('file', 'required');
      const part = await req.file();
      if (!part) throw invalid('file', 'required');
      const data = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('file_too_large', 'file_too_large', undefined, { max: req.ctx.platform.config.maxUploadBytes / 1048576 });
        throw err;
      });
      return reply.status(201).send(await svc.uploadAttachment(req.ctx, part.filename, data));
    },
  );
  app.get(
    '/api/attachments/:id',
    { schema: { tags: ['attachments'], params: ZIdParams, response: { 200: ZAttachment } }, config: { access: { permission: 'attachment.read' }, resource: 'attachment' } },
    (req) => svc.getAttachment(req.ctx, req.params.id),
  );
  app.get(
    '/api/attachments/:id/download',
    { schema: { tags: ['attachments'], params: ZIdParams }, config: { access: { permission: 'attachment.read' }, resource: 'attachment' } },
    async (req, reply) => {
      const { meta, data } = await svc.downloadAttachment(req.ctx, req.params.id);
      const inline = meta.mime.startsWith('image/') || meta.mime === 'application/pdf';
      return reply
        .header('content-type', meta.mime)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );
}

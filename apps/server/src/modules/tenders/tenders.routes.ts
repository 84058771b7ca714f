/** /api/tenders: OCDS import, processes with their flags, one process with reasoning, the buyers' comparison. */
import { ZIdParams, ZPage, ZTenderBuyer, ZTenderBuyerQuery, ZTenderDetail, ZTenderImportResult, ZTenderListQuery, ZTenderProcess } from '@qinglian/contracts';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../platform/errors.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { sendDownload, XLSX_MIME } from '../../platform/xlsx.ts';
import { tendersXlsx } from './tenders.export.ts';
import { importTenders, targetOf } from './tenders.import.ts';
import { exportTenders, getTender, listBuyers, listTenders } from './tenders.service.ts';

const tags = ['tenders'];

export async function tenderRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/tenders/import',
    {
      schema: {
        tags,
        summary: 'Import OCDS compiled releases (multipart `file`: JSON Lines, release package or record package); all or nothing',
        consumes: ['multipart/form-data'],
        response: { 200: ZTenderImportResult },
      },
      config: { access: { permission: 'tender.import' } },
    },
    async (req) => {
      if (!req.isMultipart()) throw invalid('file', 'required');
      const part = await req.file();
      if (!part) throw invalid('file', 'required');
      // The upload streams straight into the import: it is read line by line, never held whole.
      const target = { ...targetOf(req.ctx, part.filename), truncated: () => part.file.truncated, maxMb: Math.round(req.ctx.platform.config.maxUploadBytes / 1048576) };
      return importTenders(req.ctx, part.file, target);
    },
  );

  app.get('/api/tenders', { schema: { tags, querystring: ZTenderListQuery, response: { 200: ZPage(ZTenderProcess) } }, config: { access: { permission: 'tender.read' } } }, (req) =>
    listTenders(req.ctx, req.query),
  );

  app.get(
    '/api/tenders/export',
    { schema: { tags, summary: 'The filtered process list as .xlsx (all pages, up to 10,000 rows); audited', querystring: ZTenderListQuery }, config: { access: { permission: 'tender.read' } } },
    async (req, reply) => sendDownload(reply, `招标项目_${shanghaiDate(req.ctx.platform.now())}.xlsx`, XLSX_MIME, await tendersXlsx(await exportTenders(req.ctx, req.query))),
  );

  app.get(
    '/api/tenders/buyers',
    { schema: { tags, summary: 'Buyers compared: processes, flagged share, awarded amount', querystring: ZTenderBuyerQuery, response: { 200: ZPage(ZTenderBuyer) } }, config: { access: { permission: 'tender.read' } } },
    (req) => listBuyers(req.ctx, req.query),
  );

  app.get(
    '/api/tenders/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZTenderDetail } }, config: { access: { permission: 'tender.read' }, resource: 'tender' } },
    (req) => getTender(req.ctx, req.params.id),
  );
}

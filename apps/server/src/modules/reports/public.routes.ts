/** /api/public: the no-login pages behind the integrity codes. Rate-limited; no address is stored. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { ZOk, ZPowChallenge, ZPublicCode, ZPublicFeedbackInput, ZPublicReportInput, ZPublicStatus, ZPublicUpload, ZReceipt, ZReceiptQuery, ZReporterReply } from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalid } from '../../platform/errors.ts';
import * as intake from './intake.service.ts';
import { issueChallenge } from './pow.ts';

const tags = ['public'];

export async function publicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Limits per client address and minute, all relative to the configured submission rate (default 20).
  const base = fastify.platform.config.publicRatePerMinute;
  const rate = (times: number) => ({ access: 'public' as const, rateLimit: { max: Math.ceil(base * times), timeWindow: '1 minute' } });

  app.get(
    '/api/public/codes/:token',
    { schema: { tags, summary: 'What a scanned integrity code shows', params: z.object({ token: z.string().min(4).max(40) }), response: { 200: ZPublicCode } }, config: rate(6) },
    (req) => intake.publicCode(req.ctx, req.params.token),
  );
  app.post('/api/public/pow', { schema: { tags, summary: 'A proof-of-work challenge for one submission', response: { 200: ZPowChallenge } }, config: rate(6) }, (req) =>
    issueChallenge(req.ctx.platform.keyring, req.ctx.platform.config.powBits, req.ctx.platform.now().getTime()),
  );
  app.post(
    '/api/public/uploads',
    { schema: { tags, summary: 'A photo for a report (multipart: code or receipt, then file); metadata such as GPS is removed', consumes: ['multipart/form-data'], response: { 201: ZPublicUpload } }, config: rate(3) },
    async (req, reply) => {
      if (!req.isMultipart()) throw invalid('file', 'required');
      const part = await req.file();
      if (!part) throw invalid('file', 'required');
      const data = await part.toBuffer();
      // Fields must precede the file in the form: the report page sends its code, the follow-up page its receipt.
      const field = (name: string) => (part.fields[name] as { value?: string } | undefined)?.value?.trim() || undefined;
      const code = field('code');
      const receipt = field('receipt');
      if (!code && !receipt) throw invalid('code', 'required');
      return reply.status(201).send(await intake.publicUpload(req.ctx, { code, receipt }, data));
    },
  );
  app.post(
    '/api/public/reports',
    {
      schema: {
        tags,
        summary: 'Create a report; returns the receipt only after it is stored. Same idempotencyKey → same receipt, one report.',
        body: ZPublicReportInput,
        response: { 200: ZReceipt },
      },
      config: rate(1),
    },
    (req) => intake.submitReport(req.ctx, req.body),
  );
  app.post('/api/public/feedback', { schema: { tags, summary: 'Rate the service or praise', body: ZPublicFeedbackInput, response: { 200: ZOk } }, config: rate(1.5) }, (req) =>
    intake.submitFeedback(req.ctx, req.body),
  );
  app.post(
    '/api/public/reports/status',
    { schema: { tags, summary: 'Status and messages of a report, by receipt', body: ZReceiptQuery, response: { 200: ZPublicStatus } }, config: rate(1.5) },
    (req) => intake.publicStatus(req.ctx, req.body.receipt),
  );
  app.post('/api/public/reports/reply', { schema: { tags, summary: 'Answer the office or add material, by receipt', body: ZReporterReply, response: { 200: ZOk } }, config: rate(1) }, (req) =>
    intake.reporterReply(req.ctx, req.body.receipt, req.body.text, req.body.photos),
  );
}

/** /api/screening: imports (upload, progress, history), rule parameters, runs, alerts (list, export, view, dismiss, escalate), summary. */
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ZDismissInput,
  ZEscalateInput,
  ZEscalateResult,
  ZIdParams,
  ZListQuery,
  ZPage,
  ZParamVersion,
  ZParamVersionInput,
  ZScreeningAlert,
  ZScreeningAlertDetail,
  ZScreeningAlertQuery,
  ZScreeningImport,
  ZScreeningImportQuery,
  ZScreeningKind,
  ZScreeningRun,
  ZScreeningRunInput,
  ZScreeningSummary,
} from '@qinglian/contracts';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../platform/errors.ts';
import { sendDownload, XLSX_MIME } from '../../platform/xlsx.ts';
import { dismissAlert, escalateAlert, exportAlerts, getAlert, listAlerts } from './alerts.service.ts';
import { failImport, getImport, importView, listImports, noteUploadProgress, processImport, startImport, uploadDir } from './imports.service.ts';
import { listParamVersions, screeningSummary, setParams } from './params.service.ts';
import { getRun, listRuns, requestRun } from './runs.service.ts';

const tags = ['screening'];
const P = '/api/screening';
/** Uploads may be large fact files (millions of lines); they are streamed to disk, never held in memory. */
const MAX_UPLOAD = 8 * 1024 ** 3;

export async function screeningRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const can = (permission: 'screening.view' | 'screening.manage' | 'screening.import', resource?: string) => ({ access: { permission }, ...(resource ? { resource } : {}) });

  app.post(
    `${P}/imports`,
    {
      schema: {
        tags,
        summary: 'Upload one file of the screening data contract (multipart: field `kind`, then `file`); answers 202 with the import id, then imports in the background',
        consumes: ['multipart/form-data'],
        response: { 202: ZScreeningImport },
      },
      config: can('screening.import'),
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw invalid('file', 'required');
      let kind: string | undefined;
      let saved: { rec: Awaited<ReturnType<typeof startImport>>; file: string } | null = null;
      for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD } })) {
        if (part.type === 'field' && part.fieldname === 'kind') kind = String(part.value);
        else if (part.type === 'file') {
          const parsed = ZScreeningKind.safeParse(kind);
          if (!parsed.success) {
            part.file.resume();
            throw invalid('kind', kind ? 'invalid_value' : 'required');
          }
          const rec = await startImport(req.ctx, { kind: parsed.data, filename: part.filename || `${parsed.data}.csv` });
          const dir = uploadDir(req.ctx);
          fs.mkdirSync(dir, { recursive: true });
          const file = path.join(dir, `${rec.id}.upload`);
          // bytesRead follows the upload so the console can show progress while a large file arrives.
          let bytes = 0;
          let last = Date.now();
          const counter = new Transform({
            transform(chunk: Buffer, _enc, done) {
              bytes += chunk.length;
              if (Date.now() - last > 1000) {
                last = Date.now();
                void noteUploadProgress(req.ctx, rec.id, bytes).catch(() => {});
              }
              done(null, chunk);
            },
          });
          await pipeline(part.file, counter, fs.createWriteStream(file));
          if (part.file.truncated) {
            fs.rmSync(file, { force: true });
            await failImport(req.ctx, rec.id, 'file_too_large');
            throw invalid('file', 'too_big');
          }
          saved = { rec, file };
        }
      }
      if (!saved) throw invalid('file', 'required');
      const { rec, file } = saved;
      const ctx = req.ctx;
      // The import continues after the answer; the console follows it through GET /imports/:id.
      void processImport(ctx, rec.id, file)
        .catch((err) => req.log.error({ err }, 'screening import failed'))
        .finally(() => fs.rmSync(file, { force: true }));
      return reply.status(202).send(importView(rec));
    },
  );
  app.get(`${P}/imports`, { schema: { tags, querystring: ZScreeningImportQuery, response: { 200: ZPage(ZScreeningImport) } }, config: can('screening.import') }, (req) =>
    listImports(req.ctx, req.query),
  );
  app.get(`${P}/imports/:id`, { schema: { tags, params: ZIdParams, response: { 200: ZScreeningImport } }, config: can('screening.import', 'screening_import') }, (req) =>
    getImport(req.ctx, req.params.id),
  );

  app.get(`${P}/params`, { schema: { tags, summary: 'Rule parameter versions, newest first; `current` marks the one in force', response: { 200: ZPage(ZParamVersion) } }, config: can('screening.view') }, (req) =>
    listParamVersions(req.ctx),
  );
  app.put(`${P}/params`, { schema: { tags, summary: 'Adopt new rule parameters (a new version when they differ)', body: ZParamVersionInput, response: { 200: ZParamVersion } }, config: can('screening.manage') }, (req) =>
    setParams(req.ctx, req.body),
  );

  app.get(`${P}/runs`, { schema: { tags, querystring: ZListQuery, response: { 200: ZPage(ZScreeningRun) } }, config: can('screening.view') }, (req) => listRuns(req.ctx, req.query));
  app.post(`${P}/runs`, { schema: { tags, summary: 'Queue a screening run (one institution or the caller’s scope)', body: ZScreeningRunInput, response: { 202: ZScreeningRun } }, config: can('screening.manage') }, async (req, reply) =>
    reply.status(202).send(await requestRun(req.ctx, req.body)),
  );
  app.get(`${P}/runs/:id`, { schema: { tags, params: ZIdParams, response: { 200: ZScreeningRun } }, config: can('screening.view', 'screening_run') }, (req) => getRun(req.ctx, req.params.id));

  app.get(`${P}/summary`, { schema: { tags, response: { 200: ZScreeningSummary } }, config: can('screening.view') }, (req) => screeningSummary(req.ctx));

  app.get(`${P}/alerts`, { schema: { tags, querystring: ZScreeningAlertQuery, response: { 200: ZPage(ZScreeningAlert) } }, config: can('screening.view') }, (req) => listAlerts(req.ctx, req.query));
  app.get(`${P}/alerts/export`, { schema: { tags, summary: 'The filtered alerts as .xlsx', querystring: ZScreeningAlertQuery }, config: can('screening.view') }, async (req, reply) =>
    sendDownload(reply, '筛查预警.xlsx', XLSX_MIME, await exportAlerts(req.ctx, req.query)),
  );
  app.get(`${P}/alerts/:id`, { schema: { tags, params: ZIdParams, response: { 200: ZScreeningAlertDetail } }, config: can('screening.view', 'screening_alert') }, (req) =>
    getAlert(req.ctx, req.params.id),
  );
  app.post(`${P}/alerts/:id/dismiss`, { schema: { tags, params: ZIdParams, body: ZDismissInput, response: { 200: ZScreeningAlertDetail } }, config: can('screening.manage', 'screening_alert') }, (req) =>
    dismissAlert(req.ctx, req.params.id, req.body.reason),
  );
  app.post(`${P}/alerts/:id/escalate`, { schema: { tags, params: ZIdParams, body: ZEscalateInput, response: { 200: ZEscalateResult } }, config: can('screening.manage', 'screening_alert') }, (req) =>
    escalateAlert(req.ctx, req.params.id, req.body),
  );
}

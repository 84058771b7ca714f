/** /api/reports: the discipline office's cases, integrity codes, settings, figures and retention. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import {
  ZAssign,
  ZCaseCreate,
  ZCaseCreated,
  ZCaseDetail,
  ZCaseNote,
  ZCaseQuery,
  ZCaseQuestion,
  ZCaseSummary,
  ZCodeGenerate,
  ZCodeQuery,
  ZConclude,
  ZContact,
  ZDispose,
  ZFeedback,
  ZId,
  ZIdParams,
  ZIntegrityCode,
  ZOk,
  ZPage,
  ZRecuse,
  ZReportSettings,
  ZReportSettingsPatch,
  ZReportStats,
  ZRetentionItem,
  ZRetentionPurge,
  ZRevealContact,
  ZStatsQuery,
  ZSubjects,
  ZTriage,
} from '@qinglian/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import * as cases from './cases.service.ts';
import * as codes from './codes.service.ts';
import { retryUnregistered } from './inbox.service.ts';
import { exportCasesXlsx, exportStatsXlsx } from './reports.export.ts';
import * as retention from './retention.service.ts';
import * as settings from './settings.service.ts';
import { reportStats } from './stats.service.ts';
import * as wf from './workflow.service.ts';

const tags = ['reports'];
const ok = { ok: true as const };
const can = (permission: Parameters<typeof import('@qinglian/contracts').can>[1], resource?: string) => ({ access: { permission }, ...(resource ? { resource } : {}) });

/** The origin printed into QR codes: configured, else the one the request came to. */
const baseUrl = (req: FastifyRequest) => req.ctx.platform.config.publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;

export async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const handle = can('case.handle', 'case');
  const idBody = <T extends z.ZodType>(body: T) => ({ tags, params: ZIdParams, body, response: { 200: ZOk } });

  // cases
  app.get('/api/reports/cases', { schema: { tags, querystring: ZCaseQuery, response: { 200: ZPage(ZCaseSummary) } }, config: can('case.read') }, (req) =>
    cases.listCases(req.ctx, req.query),
  );
  app.get('/api/reports/cases/export', { schema: { tags, querystring: ZCaseQuery }, config: can('case.read') }, async (req, reply) =>
    exportCasesXlsx(reply, await cases.exportCases(req.ctx, req.query)),
  );
  app.post(
    '/api/reports/inbox/retry',
    { schema: { tags, description: 'Give reports the inbox could not register another set of attempts', response: { 200: z.object({ retried: z.number().int() }) } }, config: can('case.handle') },
    (req) => retryUnregistered(req.ctx),
  );
  app.post('/api/reports/cases', { schema: { tags, body: ZCaseCreate, response: { 201: ZCaseCreated } }, config: can('case.create') }, async (req, reply) =>
    reply.status(201).send(await cases.createCase(req.ctx, req.body)),
  );
  app.get('/api/reports/cases/:id', { schema: { tags, params: ZIdParams, response: { 200: ZCaseDetail } }, config: can('case.read', 'case') }, (req) =>
    cases.getCase(req.ctx, req.params.id),
  );
  app.get(
    '/api/reports/cases/:id/owners',
    { schema: { tags, params: ZIdParams, response: { 200: z.array(z.object({ id: ZId, name: z.string() })) } }, config: handle },
    (req) => cases.possibleOwners(req.ctx, req.params.id),
  );
  app.get(
    '/api/reports/cases/:id/files/:fileId',
    { schema: { tags, params: ZIdParams.extend({ fileId: ZId }) }, config: can('case.read', 'case') },
    async (req, reply) => {
      const { meta, data } = await cases.caseFile(req.ctx, req.params.id, req.params.fileId);
      return reply
        .header('content-type', meta.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );
  app.post('/api/reports/cases/:id/contact', { schema: { tags, params: ZIdParams, body: ZRevealContact, response: { 200: ZContact } }, config: can('case.read_contact', 'case') }, (req) =>
    cases.revealContact(req.ctx, req.params.id, req.body.reason),
  );
  app.post('/api/reports/cases/:id/assign', { schema: idBody(ZAssign), config: handle }, async (req) => (await wf.assign(req.ctx, req.params.id, req.body.ownerId), ok));
  app.post('/api/reports/cases/:id/triage', { schema: idBody(ZTriage), config: handle }, async (req) => (await wf.triage(req.ctx, req.params.id, req.body), ok));
  app.post('/api/reports/cases/:id/dispose', { schema: idBody(ZDispose), config: handle }, async (req) => (await wf.dispose(req.ctx, req.params.id, req.body), ok));
  app.post('/api/reports/cases/:id/notes', { schema: idBody(ZCaseNote), config: handle }, async (req) => (await wf.addNote(req.ctx, req.params.id, req.body), ok));
  app.post('/api/reports/cases/:id/questions', { schema: idBody(ZCaseQuestion), config: handle }, async (req) => (await wf.askReporter(req.ctx, req.params.id, req.body.text), ok));
  app.post('/api/reports/cases/:id/subjects', { schema: idBody(ZSubjects), config: handle }, async (req) => (await wf.setSubjects(req.ctx, req.params.id, req.body.subjectIds), ok));
  app.post('/api/reports/cases/:id/conclude', { schema: idBody(ZConclude), config: handle }, async (req) => (await wf.conclude(req.ctx, req.params.id, req.body), ok));
  app.post('/api/reports/cases/:id/feedback', { schema: idBody(ZFeedback), config: handle }, async (req) => (await wf.giveFeedback(req.ctx, req.params.id, req.body.text), ok));
  app.post('/api/reports/cases/:id/close', { schema: { tags, params: ZIdParams, response: { 200: ZOk } }, config: handle }, async (req) => (await wf.closeCase(req.ctx, req.params.id), ok));
  app.post('/api/reports/cases/:id/recuse', { schema: idBody(ZRecuse), config: handle }, async (req) => (await wf.recuse(req.ctx, req.params.id, req.body.reason), ok));

  // integrity codes
  app.get('/api/reports/codes', { schema: { tags, querystring: ZCodeQuery, response: { 200: ZPage(ZIntegrityCode) } }, config: can('code.manage') }, (req) =>
    codes.listCodes(req.ctx, baseUrl(req), req.query),
  );
  app.post(
    '/api/reports/codes/generate',
    { schema: { tags, body: ZCodeGenerate, response: { 200: z.object({ created: z.number().int(), existing: z.number().int() }) } }, config: can('code.manage') },
    (req) => codes.generateCodes(req.ctx, baseUrl(req), req.body),
  );
  app.get('/api/reports/codes/:id', { schema: { tags, params: ZIdParams, response: { 200: ZIntegrityCode } }, config: can('code.manage', 'code') }, (req) =>
    codes.getCode(req.ctx, baseUrl(req), req.params.id),
  );
  app.get('/api/reports/codes/:id/qr.svg', { schema: { tags, params: ZIdParams }, config: can('code.manage', 'code') }, async (req, reply) =>
    reply.header('content-type', 'image/svg+xml').header('cache-control', 'private, max-age=3600').send(await codes.codeSvg(req.ctx, baseUrl(req), req.params.id)),
  );
  app.post('/api/reports/codes/:id/replace', { schema: { tags, params: ZIdParams, response: { 200: ZIntegrityCode } }, config: can('code.manage', 'code') }, (req) =>
    codes.replaceCode(req.ctx, baseUrl(req), req.params.id),
  );

  // settings, figures, retention
  const instQuery = z.object({ institutionId: ZId.optional() });
  const instOf = (req: FastifyRequest, id?: string) => {
    const inst = id ?? actorOf(req.ctx).institutionId;
    if (!inst) throw invalid('institutionId', 'required');
    return inst;
  };
  app.get('/api/reports/settings', { schema: { tags, querystring: instQuery, response: { 200: ZReportSettings } }, config: can('code.manage') }, (req) =>
    settings.getSettings(req.ctx, instOf(req, req.query.institutionId)),
  );
  app.patch(
    '/api/reports/settings',
    { schema: { tags, querystring: instQuery, body: ZReportSettingsPatch, response: { 200: ZReportSettings } }, config: can('code.manage') },
    (req) => settings.saveSettings(req.ctx, instOf(req, req.query.institutionId), req.body),
  );
  app.get('/api/reports/stats', { schema: { tags, querystring: ZStatsQuery, response: { 200: ZReportStats } }, config: can('case.stats') }, (req) =>
    reportStats(req.ctx, req.query),
  );
  app.get('/api/reports/stats/export', { schema: { tags, querystring: ZStatsQuery }, config: can('case.stats') }, async (req, reply) =>
    exportStatsXlsx(reply, await reportStats(req.ctx, req.query)),
  );
  app.get('/api/reports/retention', { schema: { tags, response: { 200: z.object({ items: z.array(ZRetentionItem) }) } }, config: can('case.retention') }, async (req) => ({
    items: await retention.retentionDue(req.ctx),
  }));
  app.post(
    '/api/reports/retention/purge',
    { schema: { tags, body: ZRetentionPurge, response: { 200: z.object({ purged: z.number().int() }) } }, config: can('case.retention') },
    (req) => retention.purge(req.ctx, req.body.ids, req.body.reason),
  );
}

/** /api/supervision: risk points, inspection rounds and rectification, talks, cadre assessment. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import {
  type can as canFn,
  ZAdopt,
  ZAssessmentInput,
  ZId,
  ZIdParams,
  ZLetter,
  ZLibraryEntry,
  ZMeasureInput,
  ZMeasurePatch,
  ZPage,
  ZRanking,
  ZRectification,
  ZRectificationQuery,
  ZRectificationSubmit,
  ZRectificationVerify,
  ZResultInput,
  ZRiskPoint,
  ZRiskPointInput,
  ZRiskPointPatch,
  ZRiskQuery,
  ZRiskSummary,
  ZRound,
  ZRoundInput,
  ZFindingInput,
  ZTalk,
  ZTalkCounts,
  ZTalkInput,
  ZTalkQuery,
  ZTemplate,
  ZTemplateInput,
  ZAdoptedQuery,
  ZRiskMatrix,
  ZRiskMatrixPatch,
  ZTalkCountQuery,
  ZTalkFollowUpDone,
  ZTalkPatch,
  // rounds block
  ZAssessmentSettings,
  ZAssessmentSettingsPatch,
  ZInspectionFigures,
  ZLetterPatch,
  ZRoundCancel,
  ZRoundPatch,
  ZRoundQuery,
  ZTemplatePatch,
} from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { shanghaiDate } from '../../platform/time.ts';
import { sendDownload, XLSX_MIME } from '../../platform/xlsx.ts';
import * as assessment from './assessment.service.ts';
import * as rect from './rectification.service.ts';
import * as risk from './risk.service.ts';
import * as rounds from './rounds.service.ts';
import * as talks from './talks.service.ts';
import { rankingXlsx, rectificationsXlsx, risksXlsx, roundsXlsx, talksXlsx } from './supervision.export.ts';

const tags = ['supervision'];
type Perm = Parameters<typeof canFn>[1];
const can = (permission: Perm, resource?: string) => ({ access: { permission }, ...(resource ? { resource } : {}) });
const P = '/api/supervision';
const instQuery = z.object({ institutionId: ZId.optional(), from: z.iso.date().optional(), to: z.iso.date().optional() });

export async function supervisionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // risk points
  app.get(`${P}/risks`, { schema: { tags, querystring: ZRiskQuery, response: { 200: ZPage(ZRiskPoint) } }, config: can('risk.read') }, (req) => risk.listRisks(req.ctx, req.query));
  app.get(`${P}/risks/summary`, { schema: { tags, querystring: instQuery, response: { 200: ZRiskSummary } }, config: can('risk.read') }, (req) => risk.riskSummary(req.ctx, req.query));
  app.get(`${P}/risks/matrix`, { schema: { tags, querystring: z.object({ institutionId: ZId.optional() }), response: { 200: ZRiskMatrix } }, config: can('risk.read') }, (req) =>
    risk.getMatrix(req.ctx, req.query.institutionId),
  );
  app.patch(`${P}/risks/matrix`, { schema: { tags, body: ZRiskMatrixPatch, response: { 200: ZRiskMatrix } }, config: can('inspection.manage') }, (req) =>
    risk.setMatrix(req.ctx, req.body),
  );
  // risk list export, adopted keys, measure delete (risk/talks additions)
  app.get(
    `${P}/risks/export`,
    { schema: { tags, summary: 'The filtered risk-point list as .xlsx (all pages, up to 10,000 rows); audited', querystring: ZRiskQuery }, config: can('risk.read') },
    async (req, reply) => {
      const { page: _p, pageSize: _s, ...q } = req.query;
      return sendDownload(reply, `廉政风险点_${shanghaiDate(req.ctx.platform.now())}.xlsx`, XLSX_MIME, await risksXlsx(await risk.exportRisks(req.ctx, q)));
    },
  );
  app.get(`${P}/risks/adopted`, { schema: { tags, querystring: ZAdoptedQuery, response: { 200: z.array(z.string()) } }, config: can('risk.manage') }, (req) => risk.adoptedKeys(req.ctx, req.query));
  app.delete(
    `${P}/risks/:id/measures/:measureId`,
    { schema: { tags, params: ZIdParams.extend({ measureId: ZId }), response: { 200: ZRiskPoint } }, config: can('risk.manage', 'risk_point') },
    (req) => risk.deleteMeasure(req.ctx, req.params.id, req.params.measureId),
  );
  app.get(`${P}/risks/library`, { schema: { tags, response: { 200: z.array(ZLibraryEntry) } }, config: can('risk.read') }, () => risk.library());
  app.post(`${P}/risks/adopt`, { schema: { tags, body: ZAdopt, response: { 200: z.object({ adopted: z.number().int(), ids: z.array(ZId) }) } }, config: can('risk.manage') }, (req) =>
    risk.adopt(req.ctx, req.body),
  );
  app.post(`${P}/risks`, { schema: { tags, body: ZRiskPointInput, response: { 201: ZRiskPoint } }, config: can('risk.manage') }, async (req, reply) =>
    reply.status(201).send(await risk.createRisk(req.ctx, req.body)),
  );
  app.get(`${P}/risks/:id`, { schema: { tags, params: ZIdParams, response: { 200: ZRiskPoint } }, config: can('risk.read', 'risk_point') }, (req) => risk.getRisk(req.ctx, req.params.id));
  app.patch(`${P}/risks/:id`, { schema: { tags, params: ZIdParams, body: ZRiskPointPatch, response: { 200: ZRiskPoint } }, config: can('risk.manage', 'risk_point') }, (req) =>
    risk.updateRisk(req.ctx, req.params.id, req.body),
  );
  app.post(`${P}/risks/:id/measures`, { schema: { tags, params: ZIdParams, body: ZMeasureInput, response: { 200: ZRiskPoint } }, config: can('risk.manage', 'risk_point') }, (req) =>
    risk.addMeasure(req.ctx, req.params.id, req.body),
  );
  app.patch(
    `${P}/risks/:id/measures/:measureId`,
    { schema: { tags, params: ZIdParams.extend({ measureId: ZId }), body: ZMeasurePatch, response: { 200: ZRiskPoint } }, config: can('risk.manage', 'risk_point') },
    (req) => risk.updateMeasure(req.ctx, req.params.id, req.params.measureId, req.body),
  );

  // checklists and rounds
  app.get(`${P}/templates`, { schema: { tags, response: { 200: z.array(ZTemplate) } }, config: can('inspection.read') }, (req) => rounds.listTemplates(req.ctx));
  app.post(`${P}/templates`, { schema: { tags, body: ZTemplateInput, response: { 201: ZTemplate } }, config: can('inspection.manage') }, async (req, reply) =>
    reply.status(201).send(await rounds.createTemplate(req.ctx, req.body)),
  );
  app.get(`${P}/rounds`, { schema: { tags, querystring: ZRoundQuery, response: { 200: ZPage(ZRound) } }, config: can('inspection.read') }, (req) => rounds.listRounds(req.ctx, req.query));
  // rounds block: export, edit, cancel; template edit and copy
  app.get(`${P}/rounds/export`, { schema: { tags, summary: 'The filtered round list as .xlsx (all pages, up to 10,000 rows); audited', querystring: ZRoundQuery }, config: can('inspection.read') }, async (req, reply) =>
    sendDownload(reply, `清廉查房_${shanghaiDate(req.ctx.platform.now())}.xlsx`, XLSX_MIME, await roundsXlsx(await rounds.exportRounds(req.ctx, req.query))),
  );
  app.patch(`${P}/rounds/:id`, { schema: { tags, params: ZIdParams, body: ZRoundPatch, response: { 200: ZRound } }, config: can('inspection.manage', 'round') }, (req) =>
    rounds.updateRound(req.ctx, req.params.id, req.body),
  );
  app.post(`${P}/rounds/:id/cancel`, { schema: { tags, params: ZIdParams, body: ZRoundCancel, response: { 200: ZRound } }, config: can('inspection.manage', 'round') }, (req) =>
    rounds.cancelRound(req.ctx, req.params.id, req.body),
  );
  app.patch(`${P}/templates/:id`, { schema: { tags, params: ZIdParams, body: ZTemplatePatch, response: { 200: ZTemplate } }, config: can('inspection.manage', 'checklist_template') }, (req) =>
    rounds.updateTemplate(req.ctx, req.params.id, req.body),
  );
  app.post(`${P}/templates/:id/copy`, { schema: { tags, params: ZIdParams, response: { 201: ZTemplate } }, config: can('inspection.manage', 'checklist_template') }, async (req, reply) =>
    reply.status(201).send(await rounds.copyTemplate(req.ctx, req.params.id)),
  );
  app.post(`${P}/rounds`, { schema: { tags, body: ZRoundInput, response: { 201: ZRound } }, config: can('inspection.manage') }, async (req, reply) =>
    reply.status(201).send(await rounds.createRound(req.ctx, req.body)),
  );
  app.get(`${P}/rounds/:id`, { schema: { tags, params: ZIdParams, response: { 200: ZRound } }, config: can('inspection.read', 'round') }, (req) => rounds.getRound(req.ctx, req.params.id));
  app.post(
    `${P}/rounds/:id/results`,
    { schema: { tags, params: ZIdParams, body: ZResultInput, response: { 200: z.object({ score: z.number(), passed: z.boolean(), sections: z.array(z.object({ title: z.string(), score: z.number(), passed: z.boolean() })) }) } }, config: can('inspection.manage', 'round') },
    (req) => rounds.submitResult(req.ctx, req.params.id, req.body),
  );
  app.post(`${P}/rounds/:id/complete`, { schema: { tags, params: ZIdParams, response: { 200: ZRound } }, config: can('inspection.manage', 'round') }, (req) =>
    rounds.completeRound(req.ctx, req.params.id),
  );
  app.post(`${P}/rounds/:id/findings`, { schema: { tags, params: ZIdParams, body: ZFindingInput, response: { 201: z.object({ id: ZId }) } }, config: can('inspection.manage', 'round') }, async (req, reply) =>
    reply.status(201).send(await rounds.addFinding(req.ctx, req.params.id, req.body)),
  );

  // rectification
  app.get(`${P}/rectifications`, { schema: { tags, querystring: ZRectificationQuery, response: { 200: ZPage(ZRectification) } }, config: can('inspection.read') }, (req) =>
    rect.listRectifications(req.ctx, req.query),
  );
  app.get(
    `${P}/inspections/figures`,
    {
      schema: {
        tags,
        querystring: instQuery,
        response: { 200: ZInspectionFigures },
      },
      config: can('inspection.read'),
    },
    (req) => rect.inspectionFigures(req.ctx, req.query),
  );
  app.get(`${P}/rectifications/:id`, { schema: { tags, params: ZIdParams, response: { 200: ZRectification } }, config: can('inspection.read', 'rectification') }, (req) =>
    rect.getRectification(req.ctx, req.params.id),
  );
  app.post(
    `${P}/rectifications/:id/submit`,
    { schema: { tags, params: ZIdParams, body: ZRectificationSubmit, response: { 200: ZRectification } }, config: can('rectification.respond', 'rectification') },
    (req) => rect.submitRectification(req.ctx, req.params.id, req.body),
  );
  app.post(
    `${P}/rectifications/:id/verify`,
    { schema: { tags, params: ZIdParams, body: ZRectificationVerify, response: { 200: ZRectification } }, config: can('inspection.manage', 'rectification') },
    (req) => rect.verifyRectification(req.ctx, req.params.id, req.body),
  );
  // rounds block: the letter is read with GET (never issues), edited before issuing, issued by an explicit POST
  app.get(`${P}/rectifications/export`, { schema: { tags, summary: 'The filtered rectification orders as .xlsx (all pages, up to 10,000 rows); audited', querystring: ZRectificationQuery }, config: can('inspection.read') }, async (req, reply) =>
    sendDownload(reply, `整改事项_${shanghaiDate(req.ctx.platform.now())}.xlsx`, XLSX_MIME, await rectificationsXlsx(await rect.exportRectifications(req.ctx, req.query))),
  );
  app.get(`${P}/rectifications/:id/letter`, { schema: { tags, params: ZIdParams, response: { 200: ZLetter } }, config: can('inspection.read', 'rectification') }, (req) => rect.getLetter(req.ctx, req.params.id));
  app.patch(`${P}/rectifications/:id/letter`, { schema: { tags, params: ZIdParams, body: ZLetterPatch, response: { 200: ZLetter } }, config: can('inspection.manage', 'rectification') }, (req) =>
    rect.updateLetter(req.ctx, req.params.id, req.body),
  );
  app.post(`${P}/rectifications/:id/letter`, { schema: { tags, summary: 'Issues the numbered letter (once)', params: ZIdParams, response: { 200: ZLetter } }, config: can('inspection.manage', 'rectification') }, (req) =>
    rect.issueLetter(req.ctx, req.params.id),
  );

  // talks
  app.get(`${P}/talks`, { schema: { tags, querystring: ZTalkQuery, response: { 200: ZPage(ZTalk) } }, config: can('talk.read') }, (req) => talks.listTalks(req.ctx, req.query));
  app.get(`${P}/talks/counts`, { schema: { tags, querystring: ZTalkCountQuery, response: { 200: ZTalkCounts } }, config: can('talk.read') }, (req) => talks.talkCounts(req.ctx, req.query));
  // talk export, edit, follow-up (risk/talks additions)
  app.get(
    `${P}/talks/export`,
    { schema: { tags, summary: 'The filtered talk list as .xlsx (all pages, up to 10,000 rows, without the records); audited', querystring: ZTalkQuery }, config: can('talk.read') },
    async (req, reply) => {
      const { page: _p, pageSize: _s, ...q } = req.query;
      return sendDownload(reply, `谈话记录_${shanghaiDate(req.ctx.platform.now())}.xlsx`, XLSX_MIME, await talksXlsx(await talks.exportTalks(req.ctx, q)));
    },
  );
  app.patch(`${P}/talks/:id`, { schema: { tags, params: ZIdParams, body: ZTalkPatch, response: { 200: ZTalk } }, config: can('talk.manage', 'talk') }, (req) =>
    talks.updateTalk(req.ctx, req.params.id, req.body),
  );
  app.post(`${P}/talks/:id/follow-up`, { schema: { tags, params: ZIdParams, body: ZTalkFollowUpDone, response: { 200: ZTalk } }, config: can('talk.manage', 'talk') }, (req) =>
    talks.recordFollowUp(req.ctx, req.params.id, req.body),
  );
  app.post(`${P}/talks`, { schema: { tags, body: ZTalkInput, response: { 201: ZTalk } }, config: can('talk.manage') }, async (req, reply) =>
    reply.status(201).send(await talks.createTalk(req.ctx, req.body)),
  );
  app.get(`${P}/talks/:id`, { schema: { tags, params: ZIdParams, response: { 200: ZTalk } }, config: can('talk.read', 'talk') }, (req) => talks.getTalk(req.ctx, req.params.id));

  // cadre assessment
  app.post(`${P}/assessments`, { schema: { tags, body: ZAssessmentInput, response: { 200: z.object({ imported: z.number().int() }) } }, config: can('assessment.manage') }, (req) =>
    assessment.importScores(req.ctx, req.body),
  );
  app.get(
    `${P}/assessments/ranking`,
    { schema: { tags, querystring: z.object({ institutionId: ZId.optional(), period: z.string().regex(/^\d{4}-Q[1-4]$/, 'period_format') }), response: { 200: ZRanking } }, config: can('assessment.read') },
    (req) => assessment.ranking(req.ctx, req.query),
  );
  // rounds block: ranking export and the bottom-N setting
  const rankingQuery = z.object({ institutionId: ZId.optional(), period: z.string().regex(/^\d{4}-Q[1-4]$/, 'period_format') });
  app.get(`${P}/assessments/ranking/export`, { schema: { tags, summary: 'The ranking as .xlsx; audited', querystring: rankingQuery }, config: can('assessment.read') }, async (req, reply) => {
    const r = await assessment.exportRanking(req.ctx, req.query);
    return sendDownload(reply, `中层干部考核排名_${r.period}.xlsx`, XLSX_MIME, await rankingXlsx(r.period, r.rows));
  });
  app.get(`${P}/assessments/settings`, { schema: { tags, querystring: z.object({ institutionId: ZId.optional() }), response: { 200: ZAssessmentSettings } }, config: can('assessment.read') }, (req) =>
    assessment.getSettings(req.ctx, req.query.institutionId),
  );
  app.patch(`${P}/assessments/settings`, { schema: { tags, body: ZAssessmentSettingsPatch, response: { 200: ZAssessmentSettings } }, config: can('assessment.manage') }, (req) =>
    assessment.setSettings(req.ctx, req.body),
  );
}

/** /api/reps: the office's registry, reception rules, bookings, reception desk, visits, violations, blacklist, ledger and figures. */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import {
  type can as canFn,
  REP_FILE_KINDS,
  ZBlacklistEntry,
  ZBlacklistInput,
  ZBlacklistQuery,
  ZBooking,
  ZBookingDecision,
  ZBookingQuery,
  ZCheckinResult,
  ZCodeInput,
  ZDeskPreview,
  ZDeskRefusal,
  ZLadderPreview,
  ZLadderPreviewQuery,
  ZPurchaseSuspension,
  ZSuspensionQuery,
  ZViolationFromCase,
  ZCompanyInput,
  ZCompanyPatch,
  ZCompanyQuery,
  ZFiguresQuery,
  ZIdParams,
  ZInstitutionQuery,
  ZListQuery,
  ZPage,
  ZReason,
  ZReceptionRules,
  ZReceptionRulesInput,
  ZRepCompany,
  ZRepDecision,
  ZRepDetail,
  ZRepFigures,
  ZRepQuery,
  ZRepSummary,
  ZSanction,
  ZSightingInput,
  ZSlot,
  ZSlotQuery,
  ZBadge,
  ZViolation,
  ZViolationDecision,
  ZViolationInput,
  ZViolationQuery,
  ZVisit,
  ZVisitExportQuery,
  ZVisitQuery,
  ZVisitRecord,
} from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { shanghaiDate } from '../../platform/time.ts';
import { sendDownload, XLSX_MIME } from '../../platform/xlsx.ts';
import * as bookings from './bookings.service.ts';
import { figures, ledgerXlsx, repVisitsCsv } from './figures.service.ts';
import * as registry from './registry.service.ts';
import * as rules from './rules.service.ts';
import * as violations from './violations.service.ts';
import * as visits from './visits.service.ts';

const tags = ['reps'];
const can = (permission: Parameters<typeof canFn>[1], resource?: string) => ({ access: { permission }, ...(resource ? { resource } : {}) });

export async function repsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = can('rep.read');
  const manage = can('rep.manage');

  // registry
  app.get('/api/reps/companies', { schema: { tags, querystring: ZCompanyQuery, response: { 200: ZPage(ZRepCompany) } }, config: read }, (req) => registry.listCompanies(req.ctx, req.query));
  app.post('/api/reps/companies', { schema: { tags, body: ZCompanyInput, response: { 201: ZRepCompany } }, config: manage }, async (req, reply) =>
    reply.status(201).send(await registry.createCompany(req.ctx, req.body)),
  );
  app.get('/api/reps/companies/:id', { schema: { tags, params: ZIdParams, response: { 200: ZRepCompany } }, config: can('rep.read', 'rep_company') }, (req) =>
    registry.getCompany(req.ctx, req.params.id),
  );
  app.patch('/api/reps/companies/:id', { schema: { tags, params: ZIdParams, body: ZCompanyPatch, response: { 200: ZRepCompany } }, config: can('rep.manage', 'rep_company') }, (req) =>
    registry.updateCompany(req.ctx, req.params.id, req.body),
  );
  app.get('/api/reps/reps', { schema: { tags, querystring: ZRepQuery, response: { 200: ZPage(ZRepSummary) } }, config: read }, (req) => registry.listReps(req.ctx, req.query));
  app.get('/api/reps/reps/:id', { schema: { tags, params: ZIdParams, response: { 200: ZRepDetail } }, config: can('rep.read', 'rep') }, (req) => registry.getRep(req.ctx, req.params.id));
  app.post('/api/reps/reps/:id/decision', { schema: { tags, params: ZIdParams, body: ZRepDecision, response: { 200: ZRepDetail } }, config: can('rep.manage', 'rep') }, (req) =>
    registry.decideRep(req.ctx, req.params.id, req.body),
  );
  for (const kind of REP_FILE_KINDS)
    app.get(`/api/reps/reps/:id/${kind}`, { schema: { tags, params: ZIdParams }, config: can('rep.read', 'rep') }, async (req, reply) => {
      const f = await registry.repFile(req.ctx, req.params.id, kind);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(f.data);
    });

  // reception rules and the calendar
  app.get('/api/reps/rules', { schema: { tags, querystring: ZInstitutionQuery, response: { 200: ZReceptionRules } }, config: read }, (req) => rules.getRules(req.ctx, req.query.institutionId));
  app.put('/api/reps/rules', { schema: { tags, body: ZReceptionRulesInput, response: { 200: ZReceptionRules } }, config: manage }, (req) => rules.saveRules(req.ctx, req.body));
  app.get('/api/reps/calendar', { schema: { tags, querystring: ZSlotQuery, response: { 200: z.object({ items: z.array(ZSlot) }) } }, config: read }, async (req) => {
    const inst = await rules.institutionFor(req.ctx, req.query.institutionId);
    return { items: await rules.slots(req.ctx, inst.id, req.query.from, req.query.to) };
  });

  // bookings
  app.get('/api/reps/bookings', { schema: { tags, querystring: ZBookingQuery, response: { 200: ZPage(ZBooking) } }, config: read }, (req) => bookings.listBookings(req.ctx, req.query));
  app.post('/api/reps/bookings/:id/decide', { schema: { tags, params: ZIdParams, body: ZBookingDecision, response: { 200: ZBooking } }, config: can('rep.manage', 'rep_booking') }, (req) =>
    bookings.decideBooking(req.ctx, req.params.id, req.body),
  );

  // the reception desk
  app.post('/api/reps/checkin/preview', { schema: { tags, body: ZCodeInput, response: { 200: ZDeskPreview } }, config: manage }, (req) => visits.deskPreview(req.ctx, req.body));
  app.post('/api/reps/checkin/refuse', { schema: { tags, body: ZDeskRefusal, response: { 200: z.object({ violationId: z.string() }) } }, config: manage }, (req) =>
    visits.deskRefuse(req.ctx, req.body),
  );
  app.post('/api/reps/checkin', { schema: { tags, body: ZCodeInput, response: { 200: ZCheckinResult } }, config: manage }, (req) => visits.checkIn(req.ctx, req.body));
  app.post('/api/reps/checkout', { schema: { tags, body: ZCodeInput, response: { 200: ZVisit } }, config: manage }, (req) => visits.checkOut(req.ctx, req.body));

  // visits and the ledger
  app.get('/api/reps/visits', { schema: { tags, querystring: ZVisitQuery, response: { 200: ZPage(ZVisit) } }, config: read }, (req) => visits.listVisits(req.ctx, req.query));
  app.get('/api/reps/visits/export', { schema: { tags, querystring: ZVisitExportQuery }, config: read }, async (req, reply) => {
    const { format, ...q } = req.query;
    if (format === 'csv') return sendDownload(reply, 'rep_visits.csv', 'text/csv; charset=utf-8', Buffer.from(await repVisitsCsv(req.ctx, q)));
    return sendDownload(reply, '医药代表接待台账.xlsx', XLSX_MIME, await ledgerXlsx(req.ctx, q));
  });
  app.get('/api/reps/visits/:id', { schema: { tags, params: ZIdParams, response: { 200: ZVisit } }, config: can('rep.read', 'rep_visit') }, (req) => visits.getVisit(req.ctx, req.params.id));
  app.get('/api/reps/visits/:id/badge', { schema: { tags, params: ZIdParams, response: { 200: ZBadge } }, config: can('rep.manage', 'rep_visit') }, (req) => visits.badge(req.ctx, req.params.id));
  app.get('/api/reps/figures', { schema: { tags, querystring: ZFiguresQuery, response: { 200: ZRepFigures } }, config: read }, (req) => figures(req.ctx, req.query));

  // hosts
  const host = can('visit.host', 'rep_visit');
  app.get('/api/reps/hosting', { schema: { tags, querystring: ZListQuery, response: { 200: ZPage(ZVisit) } }, config: can('visit.host') }, (req) => visits.myHostedVisits(req.ctx, req.query));
  app.get('/api/reps/hosting/:id', { schema: { tags, params: ZIdParams, response: { 200: ZVisit } }, config: host }, (req) => visits.getVisitAsHost(req.ctx, req.params.id));
  app.put('/api/reps/hosting/:id/record', { schema: { tags, params: ZIdParams, body: ZVisitRecord, response: { 200: ZVisit } }, config: host }, (req) =>
    visits.writeRecord(req.ctx, req.params.id, req.body),
  );
  app.post('/api/reps/hosting/:id/confirm', { schema: { tags, params: ZIdParams, response: { 200: ZVisit } }, config: host }, (req) => visits.confirmRecord(req.ctx, req.params.id));
  app.post('/api/reps/sightings', { schema: { tags, body: ZSightingInput, response: { 201: ZViolation } }, config: can('visit.host') }, async (req, reply) =>
    reply.status(201).send(await violations.reportSighting(req.ctx, req.body)),
  );

  // violations, sanctions, blacklist
  app.get('/api/reps/violations', { schema: { tags, querystring: ZViolationQuery, response: { 200: ZPage(ZViolation) } }, config: read }, (req) => violations.listViolations(req.ctx, req.query));
  app.get('/api/reps/violations/export', { schema: { tags, querystring: ZViolationQuery }, config: read }, async (req, reply) =>
    sendDownload(reply, `医药代表违规记录_${shanghaiDate(req.ctx.platform.now())}.xlsx`, XLSX_MIME, await violations.violationsXlsx(req.ctx, req.query)),
  );
  app.get('/api/reps/ladder/preview', { schema: { tags, querystring: ZLadderPreviewQuery, response: { 200: ZLadderPreview } }, config: manage }, (req) =>
    violations.ladderPreview(req.ctx, req.query.repId),
  );
  app.post('/api/reps/violations/from-case', { schema: { tags, body: ZViolationFromCase, response: { 201: ZViolation } }, config: manage }, async (req, reply) =>
    reply.status(201).send(await violations.violationFromCase(req.ctx, req.body)),
  );
  app.get('/api/reps/suspensions', { schema: { tags, querystring: ZSuspensionQuery, response: { 200: ZPage(ZPurchaseSuspension) } }, config: read }, (req) =>
    violations.listSuspensions(req.ctx, req.query),
  );
  app.get('/api/reps/suspensions/export', { schema: { tags, querystring: ZSuspensionQuery }, config: read }, async (req, reply) =>
    sendDownload(reply, `暂停采购清单_${shanghaiDate(req.ctx.platform.now())}.xlsx`, XLSX_MIME, await violations.suspensionsXlsx(req.ctx, req.query)),
  );
  app.post('/api/reps/violations', { schema: { tags, body: ZViolationInput, response: { 201: ZViolation } }, config: manage }, async (req, reply) =>
    reply.status(201).send(await violations.recordViolation(req.ctx, req.body)),
  );
  app.post('/api/reps/violations/:id/decide', { schema: { tags, params: ZIdParams, body: ZViolationDecision, response: { 200: ZViolation } }, config: can('rep.manage', 'rep_violation') }, (req) =>
    violations.decideViolation(req.ctx, req.params.id, req.body),
  );
  app.get('/api/reps/sanctions', { schema: { tags, querystring: ZListQuery, response: { 200: ZPage(ZSanction) } }, config: read }, (req) => violations.listSanctions(req.ctx, req.query));
  app.get('/api/reps/blacklist', { schema: { tags, querystring: ZBlacklistQuery, response: { 200: ZPage(ZBlacklistEntry) } }, config: read }, (req) => violations.listBlacklist(req.ctx, req.query));
  app.get('/api/reps/blacklist/export', { schema: { tags, querystring: ZBlacklistQuery }, config: read }, async (req, reply) =>
    sendDownload(reply, `医药代表黑名单_${shanghaiDate(req.ctx.platform.now())}.xlsx`, XLSX_MIME, await violations.blacklistXlsx(req.ctx, req.query)),
  );
  app.post('/api/reps/blacklist', { schema: { tags, body: ZBlacklistInput, response: { 201: ZBlacklistEntry } }, config: can('rep.blacklist') }, async (req, reply) =>
    reply.status(201).send(await violations.addToBlacklist(req.ctx, req.body)),
  );
  app.post('/api/reps/blacklist/:id/lift', { schema: { tags, params: ZIdParams, body: ZReason, response: { 200: ZBlacklistEntry } }, config: can('rep.blacklist', 'rep_blacklist') }, (req) =>
    violations.liftBlacklist(req.ctx, req.params.id, req.body.reason),
  );
}

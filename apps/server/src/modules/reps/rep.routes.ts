/** /api/rep: the sales rep's own phone pages — sign-up and sign-in (public), then their own data only (access 'rep'). */
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import {
  REP_FILE_KINDS,
  ZApplicationInput,
  ZBooking,
  ZBookingInput,
  ZBookingQuery,
  ZCheckCode,
  ZIdParams,
  ZOk,
  ZPage,
  ZPledgeInput,
  ZRepInstitution,
  ZRepLogin,
  ZRepProfile,
  ZRepSelf,
  ZRepSignup,
  ZSlot,
  ZSlotQuery,
  ZSmsRequest,
  ZVisit,
} from '@qinglian/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError, invalid } from '../../platform/errors.ts';
import { regions } from '../org/org.tables.ts';
import * as bookings from './bookings.service.ts';
import { REP_SESSION_COOKIE, repOf, requestSmsCode, signIn, signOut, signUp } from './rep.auth.ts';
import { slots } from './rules.service.ts';
import * as self from './self.service.ts';
import { repVisitsOf } from './visits.service.ts';
import { asc, eq } from 'drizzle-orm';

const tags = ['rep self-service'];
const rep = { access: 'rep' as const };
const ok = { ok: true as const };

export async function repSelfRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const publicRate = (max: number) => ({ access: 'public' as const, rateLimit: { max, timeWindow: '1 minute' } });
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(REP_SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: fastify.platform.config.cookieSecure,
      maxAge: fastify.platform.config.sessionTtlHours * 3600,
    });

  app.get('/api/rep/regions', { schema: { tags, response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) } }, config: publicRate(60) }, (req) =>
    req.ctx.db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.active, true)).orderBy(asc(regions.code)),
  );
  app.post('/api/rep/auth/sms', { schema: { tags, body: ZSmsRequest, response: { 200: ZOk } }, config: publicRate(10) }, async (req) => {
    await requestSmsCode(req.ctx, req.body.phone);
    return ok;
  });
  app.post('/api/rep/auth/signup', { schema: { tags, body: ZRepSignup, response: { 200: ZOk } }, config: publicRate(10) }, async (req, reply) => {
    setCookie(reply, await signUp(req.ctx, req.body));
    return ok;
  });
  app.post('/api/rep/auth/login', { schema: { tags, body: ZRepLogin, response: { 200: ZOk } }, config: publicRate(20) }, async (req, reply) => {
    setCookie(reply, await signIn(req.ctx, req.body.phone, req.body.password));
    return ok;
  });
  app.post('/api/rep/auth/logout', { schema: { tags, response: { 200: ZOk } }, config: rep }, async (req, reply) => {
    await signOut(req.ctx, repOf(req));
    reply.clearCookie(REP_SESSION_COOKIE, { path: '/' });
    return ok;
  });

  app.get('/api/rep/me', { schema: { tags, response: { 200: ZRepSelf } }, config: rep }, (req) => self.me(req.ctx, repOf(req)));
  app.put('/api/rep/profile', { schema: { tags, body: ZRepProfile, response: { 200: ZRepSelf } }, config: rep }, (req) => self.saveProfile(req.ctx, repOf(req), req.body));
  app.post(
    '/api/rep/uploads',
    { schema: { tags, summary: 'A document (multipart: kind = photo | letter | licence, then file)', consumes: ['multipart/form-data'], response: { 200: ZRepSelf } }, config: rep },
    async (req) => {
      if (!req.isMultipart()) throw invalid('file', 'required');
      const part = await req.file();
      if (!part) throw invalid('file', 'required');
      const data = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('file_too_large', 'file_too_large', undefined, { max: 8 });
        throw err;
      });
      const kind = (part.fields.kind as { value?: string } | undefined)?.value;
      const parsed = z.enum(REP_FILE_KINDS).safeParse(kind);
      if (!parsed.success) throw invalid('kind', kind ? 'invalid_value' : 'required');
      return self.upload(req.ctx, repOf(req), parsed.data, part.filename, data);
    },
  );
  app.post('/api/rep/pledge', { schema: { tags, body: ZPledgeInput, response: { 200: ZRepSelf } }, config: rep }, (req) => self.signPledge(req.ctx, repOf(req)));
  app.post('/api/rep/submit', { schema: { tags, response: { 200: ZRepSelf } }, config: rep }, (req) => self.submit(req.ctx, repOf(req)));
  app.get('/api/rep/institutions', { schema: { tags, response: { 200: z.array(ZRepInstitution) } }, config: rep }, (req) => self.institutionsForRep(req.ctx, repOf(req)));
  app.post('/api/rep/applications', { schema: { tags, body: ZApplicationInput, response: { 200: ZRepSelf } }, config: rep }, (req) =>
    self.apply(req.ctx, repOf(req), req.body.institutionId),
  );
  app.get('/api/rep/slots', { schema: { tags, querystring: ZSlotQuery.extend({ institutionId: z.uuid() }), response: { 200: z.object({ items: z.array(ZSlot) }) } }, config: rep }, async (req) => {
    const insts = await self.institutionsForRep(req.ctx, repOf(req));
    if (!insts.some((i) => i.id === req.query.institutionId)) throw invalid('institutionId', 'unknown_institution');
    return { items: await slots(req.ctx, req.query.institutionId, req.query.from, req.query.to) };
  });
  app.get('/api/rep/bookings', { schema: { tags, querystring: ZBookingQuery, response: { 200: ZPage(ZBooking) } }, config: rep }, (req) => bookings.myBookings(req.ctx, repOf(req), req.query));
  app.post('/api/rep/bookings', { schema: { tags, body: ZBookingInput, response: { 201: ZBooking } }, config: rep }, async (req, reply) =>
    reply.status(201).send(await bookings.createBooking(req.ctx, repOf(req), req.body)),
  );
  app.post('/api/rep/bookings/:id/cancel', { schema: { tags, params: ZIdParams, response: { 200: ZOk } }, config: { ...rep, resource: 'rep_booking' } }, async (req) => {
    await bookings.cancelBooking(req.ctx, repOf(req), req.params.id);
    return ok;
  });
  app.post('/api/rep/bookings/:id/code', { schema: { tags, params: ZIdParams, response: { 200: ZCheckCode } }, config: { ...rep, resource: 'rep_booking' } }, (req) =>
    bookings.issueCode(req.ctx, repOf(req), req.params.id),
  );
  // The rep sees when and where they visited, not the hosts' notes or staff numbers.
  app.get('/api/rep/visits', { schema: { tags, response: { 200: z.object({ items: z.array(ZVisit) }) } }, config: rep }, async (req) => ({
    items: (await repVisitsOf(req.ctx, repOf(req).repId)).map((v) => ({ ...v, content: null, materials: null, attendees: [], hosts: v.hosts.map((h) => ({ ...h, staffNo: '' })) })),
  }));
}

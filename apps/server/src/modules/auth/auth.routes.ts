/** /api/auth: sign-in, sign-out, the caller's identity and own settings. */
import {
  ZLocaleInput,
  ZLoginInput,
  ZMe,
  ZOk,
  ZPasswordChange,
  ZTotpConfirm,
  ZTotpDisable,
  ZTotpSetup,
} from '@qinglian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import * as auth from './auth.service.ts';

const self = { access: 'authenticated', allowWithoutTotp: true } as const;

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: ZLoginInput, response: { 200: ZMe } },
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token } = await auth.login(req.ctx, req.body);
      const session = await auth.resolveSession(req.ctx.platform, token);
      if (!session) throw new Error('session vanished');
      reply.setCookie(auth.SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.ctx.platform.config.cookieSecure,
        maxAge: req.ctx.platform.config.sessionTtlHours * 3600,
      });
      return auth.me({ ...req.ctx, actor: session.actor }, session.csrfToken, session.totpSetupRequired);
    },
  );
  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: ZOk } }, config: self }, async (req, reply) => {
    await auth.logout(req.ctx, req.sessionId!);
    reply.clearCookie(auth.SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: ZMe } }, config: self }, (req) =>
    auth.me(req.ctx, req.csrfToken!, req.totpSetupRequired),
  );
  app.post('/api/auth/password', { schema: { tags: ['auth'], body: ZPasswordChange, response: { 200: ZOk } }, config: self }, async (req) => {
    await auth.changePassword(req.ctx, req.sessionId!, req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });
  app.post('/api/auth/totp/setup', { schema: { tags: ['auth'], response: { 200: ZTotpSetup } }, config: self }, (req) => auth.totpSetup(req.ctx));
  app.post('/api/auth/totp/confirm', { schema: { tags: ['auth'], body: ZTotpConfirm, response: { 200: ZOk } }, config: self }, async (req) => {
    await auth.totpConfirm(req.ctx, req.body.code);
    return { ok: true as const };
  });
  app.post('/api/auth/totp/disable', { schema: { tags: ['auth'], body: ZTotpDisable, response: { 200: ZOk } }, config: self }, async (req) => {
    await auth.totpDisable(req.ctx, req.body.password);
    return { ok: true as const };
  });
  app.post('/api/auth/locale', { schema: { tags: ['auth'], body: ZLocaleInput, response: { 200: ZOk } }, config: self }, async (req, reply) => {
    await auth.setLocale(req.ctx, req.body.locale);
    reply.setCookie('ql_locale', req.body.locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
    return { ok: true as const };
  });
}

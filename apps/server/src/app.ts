/** buildApp: the whole server but listen(); tests and main.ts share it. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from '@fastify/type-provider-zod';
import { ZHealth } from '@qinglian/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { resolveSession, SESSION_COOKIE } from './modules/auth/auth.service.ts';
import { moduleRoutes } from './modules/index.ts';
import { authenticateRep } from './modules/reps/index.ts';
import { requirePermission } from './platform/access.ts';
import type { Platform } from './platform/context.ts';
import { AppError } from './platform/errors.ts';
import { type Access, installErrorHandler, type RouteInfo, sendNotFound } from './platform/http.ts';
import { pickLocale } from './platform/i18n.ts';
import { VERSION } from './version.ts';

export interface BuiltApp {
  app: FastifyInstance;
  routes: RouteInfo[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds the Fastify app on an opened platform (database, keyring, config). */
export async function buildApp(platform: Platform, opts: { logger?: boolean } = {}): Promise<BuiltApp> {
  const app = Fastify({
    // Client addresses are never logged: a reporter's address must not be kept anywhere.
    logger: opts.logger
      ? { level: platform.config.logLevel, serializers: { req: (r: { method: string; url: string; id: string }) => ({ method: r.method, url: r.url.split('?')[0], id: r.id }) } }
      : false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
  });
  app.decorate('platform', platform);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) return;
    const access = r.config?.access;
    if (!access) throw new Error(`route ${r.method} ${r.url} declares no access`);
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url, access, resource: r.config?.resource });
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: platform.config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Qinglian API', version: VERSION, description: '清廉医院建设平台 API' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Every request gets its context; /api requests are authenticated and authorised here, in one place.
  app.addHook('onRequest', async (req) => {
    const locale = pickLocale(req.cookies.ql_locale, req.headers['accept-language']);
    req.ctx = { db: platform.db, platform, actor: null, requestId: req.id, locale };
    req.sessionId = null;
    req.csrfToken = null;
    req.totpSetupRequired = false;
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(platform, token);
      if (s) {
        req.ctx.actor = s.actor;
        req.sessionId = s.sessionId;
        req.csrfToken = s.csrfToken;
        req.totpSetupRequired = s.totpSetupRequired;
      }
    }
    const access: Access | undefined = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    // Reps are external principals with their own sessions; staff sessions never reach their routes.
    if (access === 'rep') return authenticateRep(req);
    if (!req.ctx.actor) throw new AppError('unauthenticated');
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.csrfToken) throw new AppError('csrf_failed');
    if (req.totpSetupRequired && !req.routeOptions.config?.allowWithoutTotp) throw new AppError('totp_setup_required');
    if (typeof access === 'object') requirePermission(req.ctx.actor, access.permission);
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  app.withTypeProvider().get(
    '/api/health',
    { schema: { tags: ['platform'], response: { 200: ZHealth } }, config: { access: 'public' } },
    async () => ({ status: 'ok' as const, db: platform.dbKind, version: VERSION }),
  );
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  await app.register(authRoutes);
  await app.register(moduleRoutes);

  const dist = platform.config.webDist;
  if (fs.existsSync(path.join(dist, 'index.html'))) {
    await app.register(fastifyStatic, { root: dist, wildcard: false, cacheControl: false, setHeaders: cacheHeaders });
    // Client-side routes get their page: the small public bundle for the integrity-code pages
    // (/r/<token>, /report) and the sales reps' pages (/rep…), the console for everything else; unknown API paths stay JSON 404s.
    const hasPublic = fs.existsSync(path.join(dist, 'public.html'));
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return sendNotFound(req, reply);
      const isPublic = hasPublic && /^\/(r\/|report(\/|\?|$)|rep(\/|\?|$))/.test(req.url);
      return reply.header('cache-control', 'no-cache').sendFile(isPublic ? 'public.html' : 'index.html');
    });
  } else app.setNotFoundHandler(sendNotFound);
  return { app, routes };
}

/** Hashed assets are immutable; index.html must always be revalidated. */
function cacheHeaders(reply: { header(k: string, v: string): unknown }, file: string) {
  reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * HTTP plumbing shared by every module: route access declarations, the request context, and the
 * one error handler that turns any failure into { error: { code, message, details } }.
 */
import type { TPermission } from '@qinglian/contracts';
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Platform } from './context.ts';
import { AppError } from './errors.ts';
import { type Locale, t } from './i18n.ts';

/** Who may call a route: anyone, any signed-in account, holders of a permission, or a signed-in sales rep (their own pages). */
export type Access = 'public' | 'authenticated' | 'rep' | { permission: TPermission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** For the scope test: the kind of record named by `:id`. */
    resource?: string;
    /** Reachable while a required second factor is not yet set up (settings, logout). */
    allowWithoutTotp?: boolean;
  }
  interface FastifyInstance {
    platform: Platform;
  }
  interface FastifyRequest {
    ctx: Ctx;
    sessionId: string | null;
    csrfToken: string | null;
    totpSetupRequired: boolean;
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
  resource?: string;
}

/** Field issues from a zod validation failure, with reasons as message keys. */
function zodIssues(err: FastifyError, locale: Locale) {
  const where = err.validationContext;
  return (err.validation ?? []).map((v) => {
    const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(where ?? '');
    const custom = v.message && /^[a-z_]+$/.test(v.message) ? v.message : null;
    const missing = v.keyword === 'invalid_type' && /received undefined/.test(v.message ?? '');
    const key = custom ?? (missing ? 'required' : v.keyword);
    return { field, message: t(locale, key), reason: key, in: where };
  });
}

/** Installs the error handler; everything that is not an AppError and not validation is a logged 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = req.ctx?.locale ?? 'zh-CN';
    if (err instanceof AppError) {
      const details = localizeDetails(err.details, locale);
      return reply.status(err.status).send({ error: { code: err.code, message: t(locale, err.messageKey, err.params), details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = zodIssues(err, locale);
      const head = issues.map((i) => `${i.field}: ${i.message}`).join('；');
      return reply.status(400).send({ error: { code: 'validation_failed', message: `${t(locale, 'validation_failed')}（${head}）`, details: { issues } } });
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_FILES_LIMIT' || err.statusCode === 413) {
      return reply.status(413).send({ error: { code: 'file_too_large', message: t(locale, 'file_too_large', { max: 20 }) } });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: t(locale, 'rate_limited') } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: 'bad_request', message: `${t(locale, 'bad_request')}: ${err.message}` } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: t(locale, 'internal'), details: { requestId: req.id } } });
  });
}

/** The JSON 404 for unknown API paths. */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({ error: { code: 'not_found', message: t(req.ctx?.locale ?? 'zh-CN', 'not_found') } });
}

/** Issue lists carry reason keys; translate each message for the caller. */
function localizeDetails(details: unknown, locale: Locale): unknown {
  if (!details || typeof details !== 'object') return details;
  const d = details as { issues?: { field: string; message: string }[] };
  if (!Array.isArray(d.issues)) return details;
  return { ...d, issues: d.issues.map((i) => ({ ...i, reason: i.message, message: t(locale, i.message) })) };
}

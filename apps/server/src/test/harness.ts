/**
 * Test harness: a migrated database per test file — in-memory PGlite by default, a fresh database on
 * the PostgreSQL server at TEST_DATABASE_URL when set — and the app built on it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { systemCtx, type Ctx, type Platform } from '../platform/context.ts';
import { openPlatform } from '../platform/open.ts';
import type { RouteInfo } from '../platform/http.ts';

export interface TestEnv {
  platform: Platform;
  app: FastifyInstance;
  routes: RouteInfo[];
  ctx: Ctx;
  dataDir: string;
  /** Moves (freezes) the clock used by the platform (sessions, jobs, lock-out); null returns to the real clock. */
  setNow(d: Date | null): void;
  close(): Promise<void>;
}

async function serverDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const name = `qinglian_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Creates an isolated, migrated platform and app. */
export async function createTestEnv(): Promise<TestEnv> {
  const server = await serverDatabase();
  const dataDir = path.join(os.tmpdir(), `qinglian-test-${crypto.randomBytes(6).toString('hex')}`);
  const config = loadConfig({ ...process.env, QINGLIAN_DATA_DIR: dataDir, DATABASE_URL: server?.url ?? '' }, { secretKey: 'test-secret-key', intakeQueue: false });
  const templateFile = server ? null : inject('pgliteTemplate');
  const template = templateFile ? new Blob([fs.readFileSync(templateFile)]) : null;
  const opened = await openPlatform(config, { inMemory: !server, template });
  let now: Date | null = null;
  opened.platform.now = () => now ?? new Date();
  const { app, routes } = await buildApp(opened.platform);
  await app.ready();
  return {
    platform: opened.platform,
    app,
    routes,
    ctx: systemCtx(opened.platform),
    dataDir,
    setNow: (d) => {
      now = d;
    },
    async close() {
      await app.close();
      await opened.close();
      await server?.drop();
    },
  };
}

/** A signed-in client: cookie and CSRF header applied to every request. */
export interface Client {
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

/** Signs in through the real login route and returns a client bound to that session. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ql_session')!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, cookies: { ql_session: cookie.value }, headers: { 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, payload: body as InjectOptions['payload'] }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
    del: (url) => request({ method: 'DELETE', url }),
  };
}

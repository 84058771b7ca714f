import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signIn, type TestEnv } from '../test/harness.ts';
import { buildWorld, PASSWORD } from '../test/world.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await buildWorld(env.platform);
});
afterAll(() => env.close());

describe('platform', () => {
  it('reports health with the database kind', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('serves the OpenAPI document with the login contract', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/auth/login'].post).toBeDefined();
  });

  it('names the field of a bad input in Chinese by default and English on request', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues[0]).toMatchObject({ field: 'password', message: '必填' });
    const en = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' }, headers: { 'accept-language': 'en-US' } });
    expect(en.json().error.details.issues[0].message).toBe('required');
  });

  it('signs in and answers /me', async () => {
    const c = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    const me = (await c.get('/api/auth/me')).json();
    expect(me.role).toBe('discipline_officer');
    expect(me.permissions).toContain('audit.read');
  });
});

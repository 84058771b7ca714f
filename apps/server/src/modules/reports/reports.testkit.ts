/** Helpers the report tests share: a code for a department, and a public submission with its proof of work. */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TestEnv } from '../../test/harness.ts';
import { solve } from './pow.ts';
import { integrityCodes } from './reports.tables.ts';

/** A department (or clinician) code in an institution. */
export async function makeCode(env: TestEnv, institutionId: string, departmentId: string | null, personId: string | null = null) {
  const token = `t${crypto.randomBytes(5).toString('hex')}`;
  await env.platform.db.insert(integrityCodes).values({ token, institutionId, departmentId, personId, kind: personId ? 'clinician' : departmentId ? 'department' : 'institution' });
  return token;
}

/** Solves a fresh challenge the way the phone page does. */
export async function pow(app: FastifyInstance) {
  const ch = (await app.inject({ method: 'POST', url: '/api/public/pow' })).json() as { challenge: string; bits: number };
  return { challenge: ch.challenge, nonce: solve(ch.challenge, ch.bits) };
}

/** Submits a public report and returns the raw response. */
export async function submit(app: FastifyInstance, body: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: '/api/public/reports',
    payload: { category: 'red_envelope', text: '主治医生收受红包两千元', anonymous: true, idempotencyKey: crypto.randomBytes(18).toString('base64url'), pow: await pow(app), ...body },
  });
}

import type { Db } from '../../platform/db.ts';
import { cases as caseTable } from './reports.tables.ts';

/** A case placed directly in an institution (for access tests); `routedTo: 'region'` makes it the region's. */
export async function createCaseRow(db: Db, v: { regionId: string; institutionId: string; routedTo?: 'institution' | 'region' }) {
  const id = crypto.randomUUID();
  await db.insert(caseTable).values({ id, number: id, channel: 'hotline', category: 'other', text: '测试', routedTo: 'institution', ...v });
  return id;
}

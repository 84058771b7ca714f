/**
 * Migration 0004 gives data written before bans followed the person what the new rules need: the company
 * history of every submitted rep, and the ID-number hash of every personal ban. Run here against rows
 * written the old way (a migrated database, the statements applied again).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../platform/db.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { repAffiliations, repBlacklist, reps } from './reps.tables.ts';
import { createRepDirect } from './reps.testkit.ts';

let env: TestEnv;
let w: World;
beforeAll(async () => {
  env = await createTestEnv();
  w = await buildWorld(env.platform);
});
afterAll(() => env.close());

const backfill = async () => {
  const file = fs.readdirSync(MIGRATIONS_DIR).find((f) => f.includes('backfill_rep_identity'))!;
  for (const stmt of fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint'))
    await env.platform.db.execute(sql.raw(stmt));
};

describe('backfill of rep identities (migration 0004)', () => {
  it('records the current company of reps written before the history and hashes old personal bans, once', async () => {
    const { rep, company } = await createRepDirect(env.platform.db, w.r1.id, 4001);
    await env.platform.db.update(reps).set({ nationalIdHash: 'hash-of-4001' }).where(eq(reps.id, rep.id));
    const { rep: unsubmitted } = await createRepDirect(env.platform.db, w.r1.id, 4002); // no ID number yet
    await env.platform.db.insert(repBlacklist).values({ regionId: w.r1.id, companyId: company.id, repId: rep.id, reason: '旧的个人禁入' });
    expect(await env.platform.db.select().from(repAffiliations)).toEqual([]);

    await backfill();
    await backfill(); // a second run changes nothing
    const aff = await env.platform.db.select().from(repAffiliations);
    expect(aff.map((a) => [a.nationalIdHash, a.companyId])).toEqual([['hash-of-4001', company.id]]);
    const [ban] = await env.platform.db.select().from(repBlacklist).where(eq(repBlacklist.repId, rep.id));
    expect(ban!.nationalIdHash).toBe('hash-of-4001');
    expect(unsubmitted.nationalIdHash).toBeNull();
  });
});

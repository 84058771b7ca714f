/**
 * The audit trail: every mutation and every read of sensitive data writes an entry in the same
 * transaction. Entries form a hash chain (each hash covers the previous hash and the entry), and a
 * head row holds the newest hash, so an edited, inserted or deleted entry breaks verification.
 */
import { asc, eq, gt, sql } from 'drizzle-orm';
import { sha256 } from './crypto.ts';
import type { Ctx } from './context.ts';
import type { Db } from './db.ts';
import { auditHead, auditLog } from './platform.tables.ts';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  institutionId?: string | null;
  regionId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who acted when the actor is no staff account (a sales rep on their own pages). */
  actorName?: string;
}

const GENESIS = '0'.repeat(64);
const LOCK_KEY = 7_310_001;

/** JSON with sorted keys, so the hash does not depend on how jsonb reorders keys. */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object')
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Plain JSON (dates → ISO strings) of what is stored in before/after; secrets never enter. */
function plain(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return JSON.parse(JSON.stringify(v, (k, val) => (/(password|secret(?!ary)|sealed|token|receipt)/i.test(k) ? '[redacted]' : val)));
}

interface HashFields {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  institutionId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

function entryHash(prev: string, e: HashFields): string {
  return sha256(
    `${prev}|${canonical([e.seq, e.at.toISOString(), e.actorId, e.action, e.targetType, e.targetId, e.institutionId, e.before, e.after, e.requestId])}`,
  );
}

/** Appends an entry; call inside the transaction that makes the change. */
export async function writeAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const db = ctx.db;
  // Serialise writers so the chain has one next link; held until the surrounding transaction ends.
  await db.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const prevHash = head?.hash ?? GENESIS;
  const fields: HashFields = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date(Math.floor(ctx.platform.now().getTime())),
    actorId: ctx.actor?.accountId ?? null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    institutionId: input.institutionId ?? null,
    before: plain(input.before),
    after: plain(input.after),
    requestId: ctx.requestId,
  };
  const hash = entryHash(prevHash, fields);
  await db.insert(auditLog).values({
    ...fields,
    actorName: ctx.actor ? `${ctx.actor.displayName} (${ctx.actor.username})` : (input.actorName ?? null),
    regionId: input.regionId ?? ctx.actor?.regionId ?? null,
    prevHash,
    hash,
  });
  await db
    .insert(auditHead)
    .values({ id: 1, seq: fields.seq, hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq: fields.seq, hash } });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: { seq: number; problem: string }[];
}

/** Walks the whole chain in batches and reports every break. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  const problems: VerifyResult['problems'] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let last = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, last)).orderBy(asc(auditLog.seq)).limit(5000);
    if (!batch.length) break;
    for (const e of batch) {
      if (e.seq !== expectedSeq) problems.push({ seq: e.seq, problem: `gap: expected seq ${expectedSeq} (entry deleted or inserted)` });
      if (e.prevHash !== prev) problems.push({ seq: e.seq, problem: 'previous hash does not match the entry before it' });
      const recomputed = entryHash(e.prevHash, { ...e, at: e.at });
      if (recomputed !== e.hash) problems.push({ seq: e.seq, problem: 'content does not match its hash (entry edited)' });
      prev = e.hash;
      expectedSeq = e.seq + 1;
      last = e.seq;
      checked++;
    }
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (head && (head.seq !== last || head.hash !== prev))
    problems.push({ seq: head.seq, problem: `chain ends at ${last} but the head records ${head.seq} (newest entries deleted)` });
  if (!head && checked > 0) problems.push({ seq: 0, problem: 'chain head missing' });
  return { ok: problems.length === 0, checked, problems };
}

/**
 * The audit trail: every mutation and every read of sensitive data writes an entry in the same
 * transaction. Entries form a hash chain (each hash covers the previous hash and the entry), and a
 * head row holds the newest hash, so an edited, inserted or deleted entry breaks verification.
 *
 * Writing and chaining are separate steps (docs/decisions/004): `writeAudit` only inserts the entry, so
 * concurrent transactions never wait for each other's commit; `sealAudit` — run every few hundred
 * milliseconds by the server, before every verification and when the platform closes — links the
 * committed, unsealed entries into the chain in one short transaction under an advisory lock.
 */
import { asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { sha256 } from './crypto.ts';
import type { Ctx, Platform } from './context.ts';
import { type Db, inTx } from './db.ts';
import { every } from './loop.ts';
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
  actorName: string | null;
  regionId: string | null;
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
    `${prev}|${canonical([e.seq, e.at.toISOString(), e.actorId, e.actorName, e.action, e.targetType, e.targetId, e.regionId, e.institutionId, e.before, e.after, e.requestId])}`,
  );
}

/** Appends an entry; call inside the transaction that makes the change. The sealer chains it after commit. */
export async function writeAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  await writeAudits(ctx, [input]);
}

/** Appends several entries in one statement (bulk work such as registering a batch of reports). */
export async function writeAudits(ctx: Ctx, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  const at = new Date(Math.floor(ctx.platform.now().getTime()));
  await ctx.db.insert(auditLog).values(
    inputs.map((input) => ({
      at,
      actorId: ctx.actor?.accountId ?? null,
      actorName: ctx.actor ? `${ctx.actor.displayName} (${ctx.actor.username})` : (input.actorName ?? null),
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      institutionId: input.institutionId ?? null,
      regionId: input.regionId ?? ctx.actor?.regionId ?? null,
      before: plain(input.before),
      after: plain(input.after),
      requestId: ctx.requestId,
    })),
  );
}

/**
 * Links every committed, unsealed entry into the chain, oldest first; returns how many it sealed.
 * Entries of transactions still open are invisible here and get sealed by a later call, so the chain's
 * order is the order of sealing, which `at` and `id` may differ from by a few milliseconds.
 */
export async function sealAudit(db: Db, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await inTx(db, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
      const pending = await tx.select().from(auditLog).where(isNull(auditLog.seq)).orderBy(asc(auditLog.id)).limit(batch);
      if (!pending.length) return 0;
      const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
      let prev = head?.hash ?? GENESIS;
      let seq = head?.seq ?? 0;
      const links = pending.map((e) => {
        seq++;
        const hash = entryHash(prev, { ...e, seq });
        const link = sql`(${e.id}::bigint, ${seq}::bigint, ${prev}, ${hash})`;
        prev = hash;
        return link;
      });
      await tx.execute(
        sql`update audit_log a set seq = v.seq, prev_hash = v.prev, hash = v.hash from (values ${sql.join(links, sql`, `)}) as v(id, seq, prev, hash) where a.id = v.id`,
      );
      await tx
        .insert(auditHead)
        .values({ id: 1, seq, hash: prev })
        .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash: prev } });
      return pending.length;
    });
    total += sealed;
    if (sealed < batch) return total;
  }
}

/** Seals every `everyMs` until stopped; the returned function stops it and seals what is left. */
export function startAuditSealer(platform: Platform, onError: (err: unknown) => void = () => {}, everyMs = 250): () => Promise<void> {
  const stop = every(() => sealAudit(platform.db), { everyMs, onError });
  return async () => {
    await stop();
    await sealAudit(platform.db).catch(onError);
  };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** Entries committed but not yet linked (written while verification ran). */
  unsealed: number;
  problems: { seq: number; problem: string }[];
}

/** Seals what is pending, then walks the whole chain in batches and reports every break. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  await sealAudit(db);
  const problems: VerifyResult['problems'] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let last = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, last)).orderBy(asc(auditLog.seq)).limit(5000);
    if (!batch.length) break;
    for (const row of batch) {
      // `seq > last` excludes unsealed rows, so seq and hash are present here.
      const e = { ...row, seq: row.seq!, prevHash: row.prevHash ?? '', hash: row.hash ?? '' };
      if (e.seq !== expectedSeq) problems.push({ seq: e.seq, problem: `gap: expected seq ${expectedSeq} (entry deleted or inserted)` });
      if (e.prevHash !== prev) problems.push({ seq: e.seq, problem: 'previous hash does not match the entry before it' });
      if (entryHash(e.prevHash, e) !== e.hash) problems.push({ seq: e.seq, problem: 'content does not match its hash (entry edited)' });
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
  const [pending] = await db.select({ n: count() }).from(auditLog).where(isNull(auditLog.seq));
  return { ok: problems.length === 0, checked, unsealed: pending?.n ?? 0, problems };
}

/** Integrity codes (医廉码): a QR code per institution, department and, optionally, clinician. */
import crypto from 'node:crypto';
import type { TIntegrityCode } from '@qinglian/contracts';
import { and, count, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import QRCode from 'qrcode';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { type Db, inTx } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { likeOf, pageOf } from '../../platform/pagination.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { integrityCodes } from './reports.tables.ts';
import { settingsOf } from './settings.service.ts';

/** 10 characters of an unambiguous alphabet: short enough to type, 50 bits so codes cannot be guessed. */
export function newToken(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from(crypto.randomBytes(10), (b) => alphabet[b % alphabet.length]).join('');
}

/** The public page a code opens. */
export const codeUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/$/, '')}/r/${token}`;

const select = (db: Db) =>
  db
    .select({ c: integrityCodes, institutionName: institutions.name, departmentName: departments.name, personName: people.name })
    .from(integrityCodes)
    .innerJoin(institutions, eq(institutions.id, integrityCodes.institutionId))
    .leftJoin(departments, eq(departments.id, integrityCodes.departmentId))
    .leftJoin(people, eq(people.id, integrityCodes.personId));
type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

const present = (r: Row, baseUrl: string): TIntegrityCode => ({
  id: r.c.id,
  token: r.c.token,
  kind: r.c.kind,
  institutionId: r.c.institutionId,
  institutionName: r.institutionName,
  departmentId: r.c.departmentId,
  departmentName: r.departmentName,
  personId: r.c.personId,
  personName: r.personName,
  url: codeUrl(baseUrl, r.c.token),
  active: r.c.active,
  scans: r.c.scans,
  createdAt: r.c.createdAt.toISOString(),
});

/** Codes in scope, filtered. */
export async function listCodes(ctx: Ctx, baseUrl: string, q: { page: number; pageSize: number; q?: string; institutionId?: string; departmentId?: string; kind?: TIntegrityCode['kind'] }) {
  const w = and(
    scopeWhere(actorOf(ctx), { institutionId: integrityCodes.institutionId, departmentId: integrityCodes.departmentId }),
    q.institutionId ? eq(integrityCodes.institutionId, q.institutionId) : undefined,
    q.departmentId ? eq(integrityCodes.departmentId, q.departmentId) : undefined,
    q.kind ? eq(integrityCodes.kind, q.kind) : undefined,
    q.q ? or(ilike(departments.name, likeOf(q.q)), ilike(people.name, likeOf(q.q)), ilike(integrityCodes.token, likeOf(q.q))) : undefined,
  ) as SQL;
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    select(ctx.db).where(w).orderBy(integrityCodes.kind, departments.code, people.name).limit(limit).offset(offset),
    ctx.db
      .select({ n: count() })
      .from(integrityCodes)
      .leftJoin(departments, eq(departments.id, integrityCodes.departmentId))
      .leftJoin(people, eq(people.id, integrityCodes.personId))
      .where(w),
  ]);
  return { items: items.map((r) => present(r, baseUrl)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * Makes the missing codes of an institution: its own, its departments' (all active ones unless some
 * are named) or the named clinicians'. Existing active codes are kept, so printing is repeatable.
 */
export async function generateCodes(
  ctx: Ctx,
  baseUrl: string,
  input: { institutionId: string; kind: TIntegrityCode['kind']; departmentIds: string[]; personIds: string[] },
) {
  const actor = actorOf(ctx);
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, input.institutionId));
  if (!inst) throw notFound('institution');
  assertInScope(actor, { institutionId: inst.id, regionId: inst.regionId }, inst.regionId);
  if (input.kind === 'clinician' && !(await settingsOf(ctx.db, inst.id)).clinicianCodes) throw invalid('kind', 'clinician_codes_off');
  const wanted: { departmentId: string | null; personId: string | null }[] = [];
  if (input.kind === 'institution') wanted.push({ departmentId: null, personId: null });
  if (input.kind === 'department') {
    const ds = await ctx.db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.institutionId, inst.id), eq(departments.active, true), input.departmentIds.length ? inArray(departments.id, input.departmentIds) : undefined));
    if (input.departmentIds.length && ds.length !== new Set(input.departmentIds).size) throw invalid('departmentIds', 'wrong_institution');
    wanted.push(...ds.map((d) => ({ departmentId: d.id, personId: null })));
  }
  if (input.kind === 'clinician') {
    if (!input.personIds.length) throw invalid('personIds', 'required');
    const ps = await ctx.db
      .select({ id: people.id, departmentId: people.departmentId })
      .from(people)
      .where(and(eq(people.institutionId, inst.id), inArray(people.id, input.personIds)));
    if (ps.length !== new Set(input.personIds).size) throw invalid('personIds', 'wrong_institution');
    wanted.push(...ps.map((p) => ({ departmentId: p.departmentId, personId: p.id })));
  }
  const existing = await ctx.db
    .select()
    .from(integrityCodes)
    .where(and(eq(integrityCodes.institutionId, inst.id), eq(integrityCodes.kind, input.kind), eq(integrityCodes.active, true)));
  const have = new Set(existing.map((c) => `${c.departmentId}|${c.personId}`));
  const missing = wanted.filter((w) => !have.has(`${w.departmentId}|${w.personId}`));
  await inTx(ctx.db, async (tx) => {
    if (missing.length)
      await tx.insert(integrityCodes).values(missing.map((m) => ({ ...m, institutionId: inst.id, kind: input.kind, token: newToken() })));
    await writeAudit({ ...ctx, db: tx }, { action: 'code.generate', targetType: 'institution', targetId: inst.id, institutionId: inst.id, regionId: inst.regionId, after: { kind: input.kind, created: missing.length } });
  });
  return { created: missing.length, existing: wanted.length - missing.length };
}

/** One code in scope. */
export async function getCode(ctx: Ctx, baseUrl: string, id: string): Promise<TIntegrityCode> {
  const [r] = await select(ctx.db).where(eq(integrityCodes.id, id));
  if (!r) throw notFound('code');
  assertInScope(actorOf(ctx), { institutionId: r.c.institutionId, departmentId: r.c.departmentId });
  return present(r, baseUrl);
}

/** Retires a code (a lost or defaced poster) and issues a replacement with a new token. */
export async function replaceCode(ctx: Ctx, baseUrl: string, id: string): Promise<TIntegrityCode> {
  const old = await getCode(ctx, baseUrl, id);
  const newId = await inTx(ctx.db, async (tx) => {
    await tx.update(integrityCodes).set({ active: false }).where(eq(integrityCodes.id, id));
    const [n] = await tx
      .insert(integrityCodes)
      .values({ institutionId: old.institutionId, departmentId: old.departmentId, personId: old.personId, kind: old.kind, token: newToken() })
      .returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'code.replace', targetType: 'integrity_code', targetId: id, institutionId: old.institutionId, before: { token: old.token }, after: { id: n!.id, token: n!.token } });
    return n!.id;
  });
  return getCode(ctx, baseUrl, newId);
}

/** The QR code of a code as SVG (error correction M: survives a scuffed poster). */
export async function codeSvg(ctx: Ctx, baseUrl: string, id: string): Promise<string> {
  const code = await getCode(ctx, baseUrl, id);
  return QRCode.toString(code.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/** Institution-wide code (created on first use) — the default code of posters and the hotline page. */
export async function institutionCodeToken(db: Db, institutionId: string): Promise<string> {
  const [c] = await db
    .select()
    .from(integrityCodes)
    .where(and(eq(integrityCodes.institutionId, institutionId), eq(integrityCodes.kind, 'institution'), eq(integrityCodes.active, true), isNull(integrityCodes.departmentId)));
  if (c) return c.token;
  const token = newToken();
  await db.insert(integrityCodes).values({ institutionId, kind: 'institution', token });
  return token;
}

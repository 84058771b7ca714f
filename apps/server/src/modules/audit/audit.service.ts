/** Reading the audit trail: scoped lists for the discipline office, chain verification and export. */
import type { TAuditEntry, TAuditQuery } from '@qinglian/contracts';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { scopeOf, scopeWhere } from '../../platform/access.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { pageOf } from '../../platform/pagination.ts';
import { auditLog } from '../../platform/platform.tables.ts';
import { institutions } from '../org/org.tables.ts';
import { shanghaiStart } from '../../platform/time.ts';


function where(ctx: Ctx, q: TAuditQuery): SQL {
  const actor = actorOf(ctx);
  // Region users read their region's trail; institution users their institution's.
  const scope =
    scopeOf(actor) === 'region' ? eq(auditLog.regionId, actor.regionId) : scopeWhere(actor, { institutionId: auditLog.institutionId });
  const parts: (SQL | undefined)[] = [
    scope,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
    q.targetId ? eq(auditLog.targetId, q.targetId) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.institutionId ? eq(auditLog.institutionId, q.institutionId) : undefined,
    q.from ? gte(auditLog.at, shanghaiStart(q.from)) : undefined,
    q.to ? lt(auditLog.at, new Date(shanghaiStart(q.to).getTime() + 86_400_000)) : undefined,
  ];
  return and(...parts) as SQL;
}

function present(r: typeof auditLog.$inferSelect & { institutionName: string | null }): TAuditEntry {
  return {
    id: r.id,
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    institutionId: r.institutionId,
    institutionName: r.institutionName,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
    hash: r.hash,
  };
}

/** A page of entries, newest first. */
export async function listAudit(ctx: Ctx, q: TAuditQuery) {
  const w = where(ctx, q);
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({ e: auditLog, institutionName: institutions.name })
      .from(auditLog)
      .leftJoin(institutions, eq(institutions.id, auditLog.institutionId))
      .where(w)
      .orderBy(desc(auditLog.id))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(auditLog).where(w),
  ]);
  return { items: items.map((r) => present({ ...r.e, institutionName: r.institutionName })), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Up to 50,000 entries for export. */
export async function exportAudit(ctx: Ctx, q: TAuditQuery) {
  return (await listAudit(ctx, { ...q, page: 1, pageSize: 50_000 })).items;
}

/** Verifies the whole chain (the chain is global, so verification is too). */
export const verify = (ctx: Ctx) => verifyAudit(ctx.db);

/**
 * Talks (谈话) — reminder, criticism, admonishment, summons, rectification within a deadline: the first
 * of the four forms of supervision. Visible to the discipline office and the leadership, to the head
 * of the subject's department, and to the subject; never to the subject's peers.
 */
import { TALK_KINDS, type TTalk } from '@qinglian/contracts';
import { and, count, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { scopeOf, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/pagination.ts';
import { departments, people } from '../org/org.tables.ts';
import { cases } from '../reports/index.ts';
import { checkPeople, targetInstitution } from './supervision.common.ts';
import { rectifications, talks } from './supervision.tables.ts';

function talkScope(ctx: Ctx): SQL {
  const actor = actorOf(ctx);
  const level = scopeOf(actor);
  if (level === 'region' || level === 'institution') return scopeWhere(actor, { institutionId: talks.institutionId });
  const own = actor.personId ? eq(talks.subjectId, actor.personId) : sql`false`;
  if (level === 'department' && actor.departmentId && actor.role === 'dept_head')
    return and(eq(talks.institutionId, actor.institutionId ?? ''), or(eq(talks.subjectDepartmentId, actor.departmentId), own)) as SQL;
  return own;
}

type Row = typeof talks.$inferSelect;

async function present(ctx: Ctx, list: Row[]): Promise<TTalk[]> {
  const ids = [...new Set(list.flatMap((t) => [t.subjectId, ...t.talkerIds]))];
  const ps = ids.length
    ? await ctx.db.select({ id: people.id, name: people.name, dept: departments.name }).from(people).leftJoin(departments, eq(departments.id, people.departmentId)).where(inArray(people.id, ids))
    : [];
  const byId = new Map(ps.map((p) => [p.id, p]));
  return list.map((t) => ({
    id: t.id,
    institutionId: t.institutionId,
    subjectId: t.subjectId,
    subjectName: byId.get(t.subjectId)?.name ?? '',
    subjectDepartment: byId.get(t.subjectId)?.dept ?? null,
    kind: t.kind,
    reasonKind: t.reasonKind,
    reasonRef: t.reasonRef,
    reason: t.reason,
    talkerNames: t.talkerIds.map((id) => byId.get(id)?.name ?? ''),
    talkedOn: t.talkedOn,
    record: t.record,
    followUp: t.followUp,
    followUpDue: t.followUpDue,
  }));
}

function filters(ctx: Ctx, q: { institutionId?: string; kind?: Row['kind']; subjectId?: string; from?: string; to?: string }): SQL {
  return and(
    talkScope(ctx),
    q.institutionId ? eq(talks.institutionId, q.institutionId) : undefined,
    q.kind ? eq(talks.kind, q.kind) : undefined,
    q.subjectId ? eq(talks.subjectId, q.subjectId) : undefined,
    q.from ? gte(talks.talkedOn, q.from) : undefined,
    q.to ? lte(talks.talkedOn, q.to) : undefined,
  ) as SQL;
}

export async function listTalks(ctx: Ctx, q: { page: number; pageSize: number; institutionId?: string; kind?: Row['kind']; subjectId?: string; from?: string; to?: string }) {
  const w = filters(ctx, q);
  const { limit, offset } = pageOf(q);
  const [list, [total]] = await Promise.all([
    ctx.db.select().from(talks).where(w).orderBy(desc(talks.talkedOn)).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(talks).where(w),
  ]);
  return { items: await present(ctx, list), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Counts by kind for any period and scope ("79 reminder, 35 criticism, 7 summons, 3 deadlines"). */
export async function talkCounts(ctx: Ctx, q: { institutionId?: string; from?: string; to?: string }) {
  const list = await ctx.db.select({ kind: talks.kind, n: count() }).from(talks).where(filters(ctx, q)).groupBy(talks.kind);
  const byKind = TALK_KINDS.map((kind) => ({ kind, count: Number(list.find((l) => l.kind === kind)?.n ?? 0) }));
  return { total: byKind.reduce((a, b) => a + b.count, 0), byKind };
}

export async function getTalk(ctx: Ctx, id: string): Promise<TTalk> {
  const [t] = await ctx.db.select().from(talks).where(and(eq(talks.id, id), talkScope(ctx)));
  if (!t) throw notFound('talk');
  return (await present(ctx, [t]))[0]!;
}

/** Records a talk; a reason that names a case or a finding must be one of the institution's. */
export async function createTalk(
  ctx: Ctx,
  input: { institutionId?: string; subjectId: string; kind: Row['kind']; reasonKind: Row['reasonKind']; reasonRef?: string | null; reason: string; talkerIds: string[]; talkedOn: string; record: string; followUp: string; followUpDue?: string | null },
) {
  const inst = await targetInstitution(ctx, input.institutionId);
  const [subject] = await checkPeople(ctx, inst.id, [input.subjectId], 'subjectId');
  await checkPeople(ctx, inst.id, input.talkerIds, 'talkerIds');
  if (input.talkerIds.includes(input.subjectId)) throw invalid('talkerIds', 'subject_cannot_talk');
  if (input.reasonKind === 'case' || input.reasonKind === 'finding') {
    if (!input.reasonRef) throw invalid('reasonRef', 'required');
    const table = input.reasonKind === 'case' ? cases : rectifications;
    const [ref] = await ctx.db.select({ id: table.id }).from(table).where(and(eq(table.id, input.reasonRef), eq(table.institutionId, inst.id)));
    if (!ref) throw invalid('reasonRef', 'wrong_institution');
  }
  const id = await inTx(ctx.db, async (tx) => {
    const [t] = await tx
      .insert(talks)
      .values({ ...input, institutionId: inst.id, subjectDepartmentId: subject!.departmentId, reasonRef: input.reasonRef ?? null, followUpDue: input.followUpDue ?? null })
      .returning();
    await writeAudit({ ...ctx, db: tx }, { action: 'talk.create', targetType: 'talk', targetId: t!.id, institutionId: inst.id, after: { ...t, record: t!.record ? '[record]' : '' } });
    return t!.id;
  });
  return getTalk(ctx, id);
}

/** Posts held by people (科主任, 采购办主任…) with cadre level and the key-post flag. */
import type { TPage, TPost, TPostInput, TPostListQuery, TPostPatch } from '@qinglian/contracts';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { assertInScope, scopeWhere, writableInstitution } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { likeOf, orderOf } from '../../platform/pagination.ts';
import { departmentOf, definedOnly, EXPORT_LIMIT, pageResult, withTx, writableInstitutionRow } from './org.common.ts';
import { departments, institutions, people, posts } from './org.tables.ts';

const columns = {
  id: posts.id,
  institutionId: posts.institutionId,
  personId: posts.personId,
  personName: people.name,
  personStaffNo: people.staffNo,
  departmentId: posts.departmentId,
  departmentName: departments.name,
  name: posts.name,
  cadreLevel: posts.cadreLevel,
  keyPost: posts.keyPost,
  startedOn: posts.startedOn,
  endedOn: posts.endedOn,
  active: posts.active,
};

const sortable = {
  name: posts.name,
  personName: people.name,
  staffNo: people.staffNo,
  departmentName: departments.name,
  cadreLevel: posts.cadreLevel,
  keyPost: posts.keyPost,
  startedOn: posts.startedOn,
  active: posts.active,
  createdAt: posts.createdAt,
};

function whereOf(ctx: Ctx, q: TPostListQuery): SQL | undefined {
  const conds: SQL[] = [scopeWhere(actorOf(ctx), { institutionId: posts.institutionId, departmentId: posts.departmentId, personId: posts.personId })];
  if (q.q) conds.push(or(ilike(posts.name, likeOf(q.q)), ilike(people.name, likeOf(q.q)), ilike(people.staffNo, likeOf(q.q)))!);
  if (q.institutionId) conds.push(eq(posts.institutionId, q.institutionId));
  if (q.departmentId) conds.push(eq(posts.departmentId, q.departmentId));
  if (q.personId) conds.push(eq(posts.personId, q.personId));
  if (q.cadreLevel) conds.push(eq(posts.cadreLevel, q.cadreLevel));
  if (q.keyPost !== undefined) conds.push(eq(posts.keyPost, q.keyPost));
  if (q.active !== undefined) conds.push(eq(posts.active, q.active));
  return and(...conds);
}

function joined(ctx: Ctx) {
  return ctx.db
    .select({ ...columns, regionId: institutions.regionId })
    .from(posts)
    .innerJoin(institutions, eq(institutions.id, posts.institutionId))
    .innerJoin(people, eq(people.id, posts.personId))
    .leftJoin(departments, eq(departments.id, posts.departmentId));
}

const publicShape = ({ regionId: _r, ...p }: TPost & { regionId: string }): TPost => p;

async function findPosts(ctx: Ctx, q: TPostListQuery, limit: number, offset: number): Promise<TPost[]> {
  const rows = await joined(ctx)
    .where(whereOf(ctx, q))
    .orderBy(...orderOf(q, sortable, posts.name), asc(posts.id))
    .limit(limit)
    .offset(offset);
  return rows.map(publicShape);
}

/** A page of posts in the caller's scope, with the holder's name and the department. */
export async function listPosts(ctx: Ctx, q: TPostListQuery): Promise<TPage<TPost>> {
  return pageResult(
    q,
    (limit, offset) => findPosts(ctx, q, limit, offset),
    async () =>
      (await ctx.db.select({ n: count() }).from(posts).innerJoin(people, eq(people.id, posts.personId)).where(whereOf(ctx, q)))[0]?.n ?? 0,
  );
}

/** Every post matching the filters (for the spreadsheet export). */
export function exportPosts(ctx: Ctx, q: TPostListQuery): Promise<TPost[]> {
  return findPosts(ctx, q, EXPORT_LIMIT, 0);
}

async function postRow(ctx: Ctx, id: string) {
  const [row] = await joined(ctx).where(eq(posts.id, id));
  if (!row) throw notFound('post');
  assertInScope(actorOf(ctx), { institutionId: row.institutionId, departmentId: row.departmentId, personId: row.personId }, row.regionId);
  return row;
}

/** One post in the caller's scope; 404 otherwise. */
export async function getPost(ctx: Ctx, id: string): Promise<TPost> {
  return publicShape(await postRow(ctx, id));
}

function checkDates(startedOn: string | null | undefined, endedOn: string | null | undefined) {
  if (startedOn && endedOn && endedOn < startedOn) throw invalid('endedOn', 'date_order');
}

/** Creates a post for a person; it belongs to the person's institution and, unless given, their department. */
export async function createPost(ctx: Ctx, input: TPostInput): Promise<TPost> {
  const actor = actorOf(ctx);
  const id = await withTx(ctx, async (c) => {
    const [person] = await c.db.select().from(people).where(eq(people.id, input.personId));
    // A person outside the caller's writable scope is reported like a missing one: no existence leak.
    const inst = person ? await writableInstitutionRow(c, actor, person.institutionId).catch(() => null) : null;
    if (!person || !inst) throw invalid('personId', 'unknown_person');
    await departmentOf(c, inst.id, input.departmentId);
    checkDates(input.startedOn, input.endedOn);
    const values = { ...input, institutionId: inst.id, departmentId: input.departmentId === undefined ? person.departmentId : input.departmentId };
    const [r] = await c.db.insert(posts).values(values).returning({ id: posts.id });
    const after = await getPost(c, r!.id);
    await writeAudit(c, { action: 'post.create', targetType: 'post', targetId: r!.id, institutionId: inst.id, regionId: inst.regionId, after });
    return r!.id;
  });
  return getPost(ctx, id);
}

/** Edits a post, including `active: false` to end it and `true` to restore it. */
export async function updatePost(ctx: Ctx, id: string, patch: TPostPatch): Promise<TPost> {
  const actor = actorOf(ctx);
  await withTx(ctx, async (c) => {
    const before = await postRow(c, id);
    writableInstitution(actor, before.institutionId, before.regionId);
    await departmentOf(c, before.institutionId, patch.departmentId);
    checkDates(patch.startedOn === undefined ? before.startedOn : patch.startedOn, patch.endedOn === undefined ? before.endedOn : patch.endedOn);
    const set = definedOnly(patch);
    if (!Object.keys(set).length) return;
    await c.db
      .update(posts)
      .set({ ...set, updatedAt: c.platform.now() })
      .where(eq(posts.id, id));
    const after = await getPost(c, id);
    await writeAudit(c, { action: 'post.update', targetType: 'post', targetId: id, institutionId: before.institutionId, regionId: before.regionId, before: publicShape(before), after });
  });
  return getPost(ctx, id);
}

/** The discipline office's case list and case page, cases entered by staff, and the reporter's contact. */
import crypto from 'node:crypto';
import { hasReporter, OPEN_STATUSES, type TCaseDetail, type TCaseQuery, type TCaseSummary } from '@qinglian/contracts';
import { and, asc, count, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { scopeOf } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { getBlob } from '../../platform/blobs.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { type Db, inTx } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import { attachments } from '../../platform/platform.tables.ts';
import { accounts } from '../auth/index.ts';
import { departments, institutions, people, posts } from '../org/org.tables.ts';
import { caseVisibility, visibleCase } from './cases.access.ts';
import { addEvent, anyLeader, assignNumber, type CaseRow, enterStage, handlers } from './cases.common.ts';
import { randomReceipt, receiptHash } from './receipts.ts';
import { caseEvents, caseSubjects, cases } from './reports.tables.ts';
import { shanghaiStart } from '../../platform/time.ts';


function filters(ctx: Ctx, q: TCaseQuery): SQL {
  const actor = actorOf(ctx);
  const now = ctx.platform.now();
  return and(
    caseVisibility(actor),
    q.institutionId ? eq(cases.institutionId, q.institutionId) : undefined,
    q.status ? eq(cases.status, q.status) : undefined,
    q.channel ? eq(cases.channel, q.channel) : undefined,
    q.category ? eq(cases.category, q.category) : undefined,
    q.open ? inArray(cases.status, OPEN_STATUSES) : undefined,
    q.overdue ? and(inArray(cases.status, OPEN_STATUSES), lt(cases.stageDeadline, now)) : undefined,
    q.mine ? eq(cases.ownerId, actor.accountId) : undefined,
    q.routedTo ? eq(cases.routedTo, q.routedTo) : undefined,
    q.from ? sql`${cases.receivedAt} >= ${shanghaiStart(q.from)}` : undefined,
    q.to ? sql`${cases.receivedAt} < ${new Date(shanghaiStart(q.to).getTime() + 86_400_000)}` : undefined,
    q.q ? or(ilike(cases.number, likeOf(q.q)), ilike(cases.text, likeOf(q.q))) : undefined,
  ) as SQL;
}

const summarySelect = (db: Db) =>
  db
    .select({
      c: cases,
      institutionName: institutions.name,
      departmentName: departments.name,
      ownerName: sql<string | null>`(select coalesce(p.name, a.username) from ${accounts} a left join ${people} p on p.id = a.person_id where a.id = ${cases.ownerId})`,
      subjectNames: sql<string[]>`coalesce((select array_agg(p.name order by p.name) from ${caseSubjects} s join ${people} p on p.id = s.person_id where s.case_id = ${cases.id}), '{}')`,
    })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .leftJoin(departments, eq(departments.id, cases.departmentId));
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['where']>>[number];

function present(r: SummaryRow, now: Date): TCaseSummary {
  const c = r.c;
  return {
    id: c.id,
    number: c.number,
    institutionId: c.institutionId,
    institutionName: r.institutionName,
    routedTo: c.routedTo,
    channel: c.channel,
    category: c.category,
    status: c.status,
    disposal: c.disposal,
    conclusion: c.conclusion,
    summary: c.purgedAt ? '（已按保存期限清除）' : c.text.slice(0, 80),
    departmentName: r.departmentName,
    anonymous: c.anonymous,
    ownerId: c.ownerId,
    ownerName: r.ownerName,
    stageDeadline: c.stageDeadline?.toISOString() ?? null,
    overdue: !!c.stageDeadline && c.stageDeadline < now && OPEN_STATUSES.includes(c.status),
    receivedAt: c.receivedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    subjectNames: r.subjectNames ?? [],
  };
}

/** The one case list for every channel, newest first by default. */
export async function listCases(ctx: Ctx, q: TCaseQuery) {
  const w = filters(ctx, q);
  const { limit, offset } = pageOf(q);
  const sort = { receivedAt: cases.receivedAt, stageDeadline: cases.stageDeadline, number: cases.number, status: cases.status };
  const [items, [total]] = await Promise.all([
    summarySelect(ctx.db)
      .where(w)
      .orderBy(...(q.sort ? orderOf(q, sort, cases.receivedAt) : [desc(cases.receivedAt)]))
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(cases).where(w),
  ]);
  const now = ctx.platform.now();
  return { items: items.map((r) => present(r, now)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every matching case (for export), up to 10,000. */
export async function exportCases(ctx: Ctx, q: TCaseQuery) {
  return (await listCases(ctx, { ...q, page: 1, pageSize: 10_000 })).items;
}

/** The case page: details, subjects and the whole timeline. Reading it is audited. */
export async function getCase(ctx: Ctx, id: string): Promise<TCaseDetail> {
  const actor = actorOf(ctx);
  const c = await visibleCase(ctx.db, actor, id);
  const [row] = await summarySelect(ctx.db).where(eq(cases.id, c.id));
  const subjects = await ctx.db
    .select({ personId: people.id, name: people.name, departmentName: departments.name })
    .from(caseSubjects)
    .innerJoin(people, eq(people.id, caseSubjects.personId))
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .where(eq(caseSubjects.caseId, c.id));
  const leaders = new Set(
    subjects.length
      ? (
          await ctx.db
            .select({ personId: posts.personId })
            .from(posts)
            .where(and(inArray(posts.personId, subjects.map((s) => s.personId)), eq(posts.active, true), eq(posts.cadreLevel, 'leader')))
        ).map((p) => p.personId)
      : [],
  );
  const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(asc(caseEvents.at));
  const fileIds = [...new Set(events.flatMap((e) => e.attachmentIds))];
  const files = fileIds.length ? await ctx.db.select().from(attachments).where(inArray(attachments.id, fileIds)) : [];
  const fileMap = new Map(files.map((f) => [f.id, { id: f.id, filename: f.filename, mime: f.mime }]));
  await writeAudit(ctx, { action: 'case.read', targetType: 'case', targetId: c.id, institutionId: c.institutionId, regionId: c.regionId });
  return {
    ...present(row!, ctx.platform.now()),
    text: c.purgedAt ? '' : c.text,
    subjects: subjects.map((s) => ({ ...s, isLeader: leaders.has(s.personId) })),
    hasContact: !!c.contactSealed,
    mergedIntoId: c.mergedIntoId,
    actions: c.actions,
    reporterChecks: c.reporterChecks,
    hasReporter: hasReporter(c.channel),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      actorName: e.actorName,
      text: e.text,
      visibleToReporter: e.visibleToReporter,
      data: e.data ?? null,
      attachments: e.attachmentIds.map((f) => fileMap.get(f)).filter((f): f is NonNullable<typeof f> => !!f),
    })),
  };
}

/** A file attached to a case's timeline, after the case visibility check. */
export async function caseFile(ctx: Ctx, caseId: string, fileId: string) {
  const c = await visibleCase(ctx.db, actorOf(ctx), caseId);
  const [ev] = await ctx.db
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, c.id), sql`${caseEvents.attachmentIds} @> ${JSON.stringify([fileId])}::jsonb`));
  if (!ev) throw notFound('file');
  const [f] = await ctx.db.select().from(attachments).where(eq(attachments.id, fileId));
  if (!f) throw notFound('file');
  await writeAudit(ctx, { action: 'case.file_read', targetType: 'case', targetId: c.id, institutionId: c.institutionId, regionId: c.regionId, after: { fileId } });
  return { meta: f, data: await getBlob(ctx.platform.config.dataDir, f.sha256) };
}

/** Reveals the reporter's contact details for a stated reason; audited in the same transaction. */
export async function revealContact(ctx: Ctx, id: string, reason: string) {
  const c = await visibleCase(ctx.db, actorOf(ctx), id);
  if (!c.contactSealed) throw notFound('contact');
  return inTx(ctx.db, async (tx) => {
    await writeAudit({ ...ctx, db: tx }, { action: 'case.contact_read', targetType: 'case', targetId: c.id, institutionId: c.institutionId, regionId: c.regionId, after: { reason } });
    return JSON.parse(ctx.platform.keyring.decrypt(c.contactSealed!)) as { name: string | null; phone: string | null };
  });
}

/** Enters a report that came by hotline, letter, visit, suggestion box or referral; returns a receipt for the reporter. */
export async function createCase(
  ctx: Ctx,
  input: {
    institutionId?: string;
    channel: Exclude<CaseRow['channel'], 'integrity_code'>;
    category: NonNullable<CaseRow['category']>;
    text: string;
    departmentId?: string | null;
    subjectIds: string[];
    anonymous: boolean;
    contactName?: string | null;
    contactPhone?: string | null;
    receivedOn?: string;
  },
) {
  const actor = actorOf(ctx);
  const instId = input.institutionId ?? actor.institutionId;
  if (!instId) throw invalid('institutionId', 'required');
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, instId));
  if (!inst) throw invalid('institutionId', 'unknown_institution');
  if (scopeOf(actor) === 'region' ? inst.regionId !== actor.regionId : inst.id !== actor.institutionId) throw invalid('institutionId', 'unknown_institution');
  if (input.departmentId) {
    const [d] = await ctx.db.select().from(departments).where(eq(departments.id, input.departmentId));
    if (!d || d.institutionId !== inst.id) throw invalid('departmentId', 'wrong_institution');
  }
  const subjects = input.subjectIds.length ? await ctx.db.select().from(people).where(inArray(people.id, input.subjectIds)) : [];
  if (subjects.length !== new Set(input.subjectIds).size || subjects.some((p) => p.institutionId !== inst.id)) throw invalid('subjectIds', 'wrong_institution');
  const toRegion = await anyLeader(ctx.db, input.subjectIds);
  // A case from the platform's own findings has nobody to give a receipt to.
  const receipt = hasReporter(input.channel) ? randomReceipt() : null;
  const now = ctx.platform.now();
  const receivedAt = input.receivedOn ? shanghaiStart(input.receivedOn) : now;
  if (receivedAt > now) throw invalid('receivedOn', 'future_date');
  const contact =
    !input.anonymous && (input.contactName || input.contactPhone)
      ? ctx.platform.keyring.encrypt(JSON.stringify({ name: input.contactName ?? null, phone: input.contactPhone ?? null }))
      : null;
  const created = await inTx(ctx.db, async (tx) => {
    const t: Ctx = { ...ctx, db: tx };
    const id = crypto.randomUUID();
    const [c] = await tx
      .insert(cases)
      .values({
        id,
        regionId: inst.regionId,
        institutionId: inst.id,
        routedTo: toRegion ? 'region' : 'institution',
        number: id, // numbered last, see assignNumber
        channel: input.channel,
        category: input.category,
        text: input.text,
        departmentId: input.departmentId ?? null,
        anonymous: !contact,
        contactSealed: contact,
        receiptHash: receipt ? receiptHash(ctx.platform.keyring, receipt) : null,
        receivedAt,
      })
      .returning();
    if (subjects.length) await tx.insert(caseSubjects).values(subjects.map((p) => ({ caseId: id, personId: p.id, institutionId: p.institutionId, departmentId: p.departmentId })));
    await addEvent(t, c!, { kind: 'created', text: input.text, visibleToReporter: !!receipt, data: { channel: input.channel, routedTo: c!.routedTo } });
    const staged = await enterStage(t, c!, 'received');
    const number = await assignNumber(tx, id, inst, now);
    await writeAudit(t, { action: 'case.create', targetType: 'case', targetId: id, institutionId: staged.institutionId, regionId: staged.regionId, after: { number, channel: input.channel, routedTo: staged.routedTo } });
    return { id, number };
  });
  return { id: created.id, number: created.number, receipt };
}

/** Accounts that may own a case: the handlers in its scope, minus subjects and the recused. */
export async function possibleOwners(ctx: Ctx, id: string) {
  const c = await visibleCase(ctx.db, actorOf(ctx), id);
  const ids = await handlers(ctx.db, c);
  if (!ids.length) return [];
  return ctx.db
    .select({ id: accounts.id, name: sql<string>`coalesce(${people.name}, ${accounts.username})` })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(inArray(accounts.id, ids));
}

/**
 * Visits: the reception desk checks a rep in and out by the code on the rep's phone, after checking
 * the booking and the rep's standing in the registry; the badge is printed; the hosts write the
 * record and each confirms it.
 */
import { outer } from '../../platform/db.ts';
import crypto from 'node:crypto';
import type { TBadge, TCodeInput, TDeskPreview, TDeskRefusal, TPage, TVisit, TVisitQuery, TVisitRecord } from '@qinglian/contracts';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import { formatShanghai } from '../../platform/time.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { codeHash } from './bookings.service.ts';
import { addDays, blacklistedSql, minutesOf, shanghaiInstant, standingOf, todayOf, withTx } from './reps.common.ts';
import { repApprovals, repBookings, repCompanies, reps, repViolations, repVisitHosts, repVisits } from './reps.tables.ts';

/** Reps may be let in this long before their slot starts. */
const EARLY_MINUTES = 30;

const joined = (c: Ctx) =>
  c.db
    .select({ v: repVisits, b: repBookings, repName: reps.name, nationalIdMasked: reps.nationalIdMasked, photo: reps.photoFileId, companyName: repCompanies.name, departmentName: departments.name, departmentCode: departments.code, institutionName: institutions.name, institutionCode: institutions.code })
    .from(repVisits)
    .innerJoin(repBookings, eq(repBookings.id, repVisits.bookingId))
    .innerJoin(reps, eq(reps.id, repVisits.repId))
    .innerJoin(repCompanies, eq(repCompanies.id, repVisits.companyId))
    .innerJoin(departments, eq(departments.id, repVisits.departmentId))
    .innerJoin(institutions, eq(institutions.id, repVisits.institutionId));
export type VisitRow = Awaited<ReturnType<ReturnType<typeof joined>['where']>>[number];
export { joined as visitsJoined };

/** Hosts (with staff numbers and confirmations) of the given visits. */
export async function hostsOf(ctx: Ctx, visitIds: string[]) {
  if (!visitIds.length) return [];
  return ctx.db
    .select({ visitId: repVisitHosts.visitId, personId: repVisitHosts.personId, name: people.name, staffNo: people.staffNo, confirmedAt: repVisitHosts.confirmedAt })
    .from(repVisitHosts)
    .innerJoin(people, eq(people.id, repVisitHosts.personId))
    .where(inArray(repVisitHosts.visitId, visitIds))
    .orderBy(asc(people.staffNo));
}

async function present(ctx: Ctx, list: VisitRow[]): Promise<TVisit[]> {
  const hosts = await hostsOf(ctx, list.map((r) => r.v.id));
  return list.map(({ v, b, ...r }) => {
    const mine = hosts.filter((h) => h.visitId === v.id);
    const confirmed = mine.length > 0 && mine.every((h) => h.confirmedAt);
    return {
      id: v.id,
      number: v.number,
      institutionId: v.institutionId,
      bookingId: v.bookingId,
      repId: v.repId,
      repName: r.repName,
      companyId: v.companyId,
      companyName: r.companyName,
      departmentName: r.departmentName,
      room: b.room,
      purpose: b.purpose,
      products: b.products,
      checkedInAt: v.checkedInAt.toISOString(),
      checkedOutAt: v.checkedOutAt?.toISOString() ?? null,
      status: !v.checkedOutAt ? 'on_site' : !v.recordedAt ? 'left' : confirmed ? 'confirmed' : 'recorded',
      hosts: mine.map((h) => ({ personId: h.personId, name: h.name, staffNo: h.staffNo, confirmedAt: h.confirmedAt?.toISOString() ?? null })),
      content: v.content,
      materials: v.materials,
      attendees: v.attendees,
    };
  });
}

/** Ledger filters shared by the list, the exports and the figures. */
export function visitFilters(ctx: Ctx, q: Partial<TVisitQuery>): SQL {
  const conds: (SQL | undefined)[] = [scopeWhere(actorOf(ctx), { institutionId: repVisits.institutionId })];
  if (q.from) conds.push(gte(repVisits.checkedInAt, shanghaiInstant(q.from, '00:00')));
  if (q.to) conds.push(lt(repVisits.checkedInAt, shanghaiInstant(addDays(q.to, 1), '00:00')));
  if (q.companyId) conds.push(eq(repVisits.companyId, q.companyId));
  if (q.repId) conds.push(eq(repVisits.repId, q.repId));
  if (q.institutionId) conds.push(eq(repVisits.institutionId, q.institutionId));
  if (q.q) {
    const like = likeOf(q.q);
    conds.push(or(ilike(repVisits.number, like), ilike(reps.name, like), ilike(repCompanies.name, like), ilike(repBookings.purpose, like)));
  }
  if (q.status === 'on_site') conds.push(isNull(repVisits.checkedOutAt));
  if (q.status === 'left') conds.push(and(isNotNull(repVisits.checkedOutAt), isNull(repVisits.recordedAt)));
  const unconfirmed = sql`exists (select 1 from ${repVisitHosts} h where h.visit_id = ${outer(repVisits.id)} and h.confirmed_at is null)`;
  if (q.status === 'recorded') conds.push(and(isNotNull(repVisits.checkedOutAt), isNotNull(repVisits.recordedAt), unconfirmed));
  if (q.status === 'confirmed') conds.push(and(isNotNull(repVisits.checkedOutAt), isNotNull(repVisits.recordedAt), sql`not ${unconfirmed}`));
  return and(...conds) as SQL;
}

const SORT = { checkedInAt: repVisits.checkedInAt, repName: reps.name, companyName: repCompanies.name, departmentName: departments.name, number: repVisits.number };

/** The visit ledger (台账) of the caller's institution (region users: the region's, or one institution of it). */
export async function listVisits(ctx: Ctx, q: TVisitQuery): Promise<TPage<TVisit>> {
  const where = visitFilters(ctx, q);
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    joined(ctx)
      .where(where)
      .orderBy(...(q.sort ? orderOf(q, SORT, repVisits.checkedInAt) : [desc(repVisits.checkedInAt)]), asc(repVisits.id))
      .limit(limit)
      .offset(offset),
    ctx.db
      .select({ n: count() })
      .from(repVisits)
      .innerJoin(repBookings, eq(repBookings.id, repVisits.bookingId))
      .innerJoin(reps, eq(reps.id, repVisits.repId))
      .innerJoin(repCompanies, eq(repCompanies.id, repVisits.companyId))
      .where(where),
  ]);
  return { items: await present(ctx, items), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every visit matching the filters (exports), with the codes the screening contract needs. */
export async function exportVisits(ctx: Ctx, q: Partial<TVisitQuery>) {
  const list = await joined(ctx).where(visitFilters(ctx, q)).orderBy(asc(repVisits.checkedInAt), asc(repVisits.id)).limit(100_000);
  const visits = await present(ctx, list);
  return list.map((r, i) => ({ row: r, visit: visits[i]! }));
}

async function visitRow(ctx: Ctx, id: string): Promise<VisitRow> {
  const [row] = await joined(ctx).where(eq(repVisits.id, id));
  if (!row) throw notFound('visit');
  return row;
}

/** One visit of the caller's institution; 404 otherwise. */
export async function getVisit(ctx: Ctx, id: string): Promise<TVisit> {
  const row = await visitRow(ctx, id);
  assertInScope(actorOf(ctx), { institutionId: row.v.institutionId });
  return (await present(ctx, [row]))[0]!;
}

/** What the badge shows: photo, name, company, hosts, department and the valid window. */
export async function badge(ctx: Ctx, id: string): Promise<TBadge> {
  const row = await visitRow(ctx, id);
  assertInScope(actorOf(ctx), { institutionId: row.v.institutionId });
  const hosts = await hostsOf(ctx, [id]);
  return {
    visitNumber: row.v.number,
    institutionName: row.institutionName,
    repName: row.repName ?? '',
    companyName: row.companyName,
    nationalIdMasked: row.nationalIdMasked,
    photoUrl: row.photo ? `/api/reps/reps/${row.v.repId}/photo` : null,
    departmentName: row.departmentName,
    room: row.b.room,
    hosts: hosts.map((h) => h.name),
    validFrom: `${row.b.date} ${row.b.start}`,
    validTo: `${row.b.date} ${row.b.end}`,
  };
}

/** Finds the booking behind a typed code at the caller's institution, refusing unknown and expired codes. */
async function bookingByCode(ctx: Ctx, input: TCodeInput) {
  const inst = actorOf(ctx).institutionId;
  if (!inst) throw invalid('code', 'check_code_invalid');
  const [b] = await ctx.db
    .select()
    .from(repBookings)
    .where(and(eq(repBookings.institutionId, inst), eq(repBookings.codeHash, codeHash(ctx, inst, input.code))));
  if (!b) throw invalid('code', 'check_code_invalid');
  if (!b.codeExpiresAt || b.codeExpiresAt <= ctx.platform.now()) throw invalid('code', 'check_code_expired');
  return b;
}

/** How long the desk may hold a code it is comparing against the person in front of it. */
const DESK_HOLD_MS = 5 * 60_000;

/** The booking behind a code, checked for a check-in now: approved, today, in its slot (or up to 30 min before). */
async function bookingForCheckIn(c: Ctx, input: TCodeInput) {
  const b = await bookingByCode(c, input);
  if (b.status !== 'approved') throw invalid('code', 'booking_wrong_status');
  const now = c.platform.now();
  const today = todayOf(c);
  const nowMin = minutesOf(formatShanghai(now).slice(11, 16));
  if (b.date !== today || nowMin < minutesOf(b.start) - EARLY_MINUTES || nowMin > minutesOf(b.end)) throw invalid('code', 'outside_slot');
  const [rep] = await c.db.select({ r: reps, blacklisted: blacklistedSql.mapWith(Boolean) }).from(reps).where(eq(reps.id, b.repId));
  const [approval] = await c.db.select().from(repApprovals).where(and(eq(repApprovals.repId, b.repId), eq(repApprovals.institutionId, b.institutionId)));
  const standing = standingOf({ ...rep!.r, blacklisted: rep!.blacklisted }, approval, today);
  if (standing !== 'approved') throw invalid('code', `rep_${standing}`);
  if (rep!.r.companyId !== b.companyId) throw invalid('code', 'identity_mismatch');
  return { b, rep: rep!.r };
}

/**
 * The desk's identity check before anyone is let in: the registry's photo and masked ID next to the
 * booking. The code is held for five minutes while the officer compares; nothing is checked in yet.
 */
export async function deskPreview(ctx: Ctx, input: TCodeInput): Promise<TDeskPreview> {
  return withTx(ctx, async (c) => {
    const { b, rep } = await bookingForCheckIn(c, input);
    const holdUntil = new Date(Math.max(b.codeExpiresAt!.getTime(), c.platform.now().getTime() + DESK_HOLD_MS));
    await c.db.update(repBookings).set({ codeExpiresAt: holdUntil }).where(eq(repBookings.id, b.id));
    const [extra] = await c.db
      .select({ companyName: repCompanies.name, departmentName: departments.name })
      .from(repCompanies)
      .innerJoin(departments, eq(departments.id, b.departmentId))
      .where(eq(repCompanies.id, b.companyId));
    const hosts = b.hostIds.length ? await c.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, b.hostIds)) : [];
    await writeAudit(c, { action: 'rep.desk_preview', targetType: 'rep_booking', targetId: b.id, institutionId: b.institutionId, after: { repId: rep.id } });
    return {
      bookingId: b.id,
      repId: rep.id,
      repName: rep.name,
      companyName: extra!.companyName,
      nationalIdMasked: rep.nationalIdMasked,
      filingNo: rep.filingNo,
      photoUrl: rep.photoFileId ? `/api/reps/reps/${rep.id}/photo` : null,
      date: b.date,
      start: b.start,
      end: b.end,
      departmentName: extra!.departmentName,
      room: b.room,
      purpose: b.purpose,
      hosts: b.hostIds.map((id) => hosts.find((h) => h.id === id)?.name).filter((n): n is string => !!n),
      holdUntil: holdUntil.toISOString(),
    };
  });
}

/**
 * The person at the desk is not the registered rep: the booking is refused, nobody is checked in, and
 * an identity_mismatch violation is reported for the office to confirm (with the ladder).
 */
export async function deskRefuse(ctx: Ctx, input: TDeskRefusal): Promise<{ violationId: string }> {
  const actor = actorOf(ctx);
  return withTx(ctx, async (c) => {
    const b = await bookingByCode(c, { code: input.code });
    if (b.status !== 'approved') throw invalid('code', 'booking_wrong_status');
    const now = c.platform.now();
    await c.db.update(repBookings).set({ status: 'refused', reason: '接待台核验身份不符', codeHash: null, codeExpiresAt: null, decidedAt: now, decidedBy: actor.accountId }).where(eq(repBookings.id, b.id));
    const [v] = await c.db
      .insert(repViolations)
      .values({
        institutionId: b.institutionId,
        repId: b.repId,
        companyId: b.companyId,
        bookingId: b.id,
        departmentId: b.departmentId,
        kind: 'identity_mismatch',
        description: input.note?.trim() || '来人与备案照片、身份证号不符，接待台拒绝进入',
        occurredAt: now,
        status: 'reported',
        reportedBy: actor.accountId,
        createdAt: now,
      })
      .returning();
    await writeAudit(c, { action: 'rep.desk_refuse', targetType: 'rep_booking', targetId: b.id, institutionId: b.institutionId, after: { violationId: v!.id, note: input.note ?? null } });
    return { violationId: v!.id };
  });
}

/** Checks a rep in: a live code, an approved booking for now, and a rep the registry still allows in. */
export async function checkIn(ctx: Ctx, input: TCodeInput): Promise<{ visit: TVisit; badge: TBadge }> {
  const actor = actorOf(ctx);
  const id = await withTx(ctx, async (c) => {
    const { b } = await bookingForCheckIn(c, input);
    const now = c.platform.now();
    const today = todayOf(c);
    const [inst] = await c.db.select().from(institutions).where(eq(institutions.id, b.institutionId));
    const number = `${inst!.code}-${today.replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
    const [v] = await c.db
      .insert(repVisits)
      .values({ institutionId: b.institutionId, number, bookingId: b.id, repId: b.repId, companyId: b.companyId, departmentId: b.departmentId, checkedInAt: now, checkedInBy: actor.accountId })
      .returning();
    if (b.hostIds.length) await c.db.insert(repVisitHosts).values(b.hostIds.map((personId) => ({ visitId: v!.id, personId, institutionId: b.institutionId })));
    await c.db.update(repBookings).set({ status: 'done', codeHash: null, codeExpiresAt: null }).where(eq(repBookings.id, b.id));
    await writeAudit(c, { action: 'rep.check_in', targetType: 'rep_visit', targetId: v!.id, institutionId: b.institutionId, after: { number, bookingId: b.id, repId: b.repId } });
    return v!.id;
  });
  return { visit: await getVisit(ctx, id), badge: await badge(ctx, id) };
}

/** Checks a rep out with a fresh code from the same booking. */
export async function checkOut(ctx: Ctx, input: TCodeInput): Promise<TVisit> {
  const id = await withTx(ctx, async (c) => {
    const b = await bookingByCode(c, input);
    const [v] = await c.db.select().from(repVisits).where(eq(repVisits.bookingId, b.id));
    if (!v || v.checkedOutAt) throw invalid('code', 'not_on_site');
    await c.db.update(repVisits).set({ checkedOutAt: c.platform.now(), checkedOutBy: actorOf(c).accountId }).where(eq(repVisits.id, v.id));
    await c.db.update(repBookings).set({ codeHash: null, codeExpiresAt: null }).where(eq(repBookings.id, b.id));
    await writeAudit(c, { action: 'rep.check_out', targetType: 'rep_visit', targetId: v.id, institutionId: v.institutionId });
    return v.id;
  });
  return getVisit(ctx, id);
}

/** Visits the caller hosts (their own person record), newest first. */
export async function myHostedVisits(ctx: Ctx, q: { page: number; pageSize: number }): Promise<TPage<TVisit>> {
  const personId = actorOf(ctx).personId;
  if (!personId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const where = sql`exists (select 1 from ${repVisitHosts} h where h.visit_id = ${outer(repVisits.id)} and h.person_id = ${personId})`;
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    joined(ctx).where(where).orderBy(desc(repVisits.checkedInAt)).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(repVisits).where(where),
  ]);
  return { items: await present(ctx, items), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** A visit the caller hosts; anyone else gets a 404. */
async function hostedVisit(ctx: Ctx, id: string) {
  const personId = actorOf(ctx).personId;
  const [h] = personId ? await ctx.db.select().from(repVisitHosts).where(and(eq(repVisitHosts.visitId, id), eq(repVisitHosts.personId, personId))) : [];
  if (!h) throw notFound('visit');
  return { host: h, row: await visitRow(ctx, id) };
}

/** A host writes (or rewrites) the record; a changed record needs every host's confirmation again. */
export async function writeRecord(ctx: Ctx, id: string, input: TVisitRecord): Promise<TVisit> {
  await withTx(ctx, async (c) => {
    const { row } = await hostedVisit(c, id);
    if (!row.v.checkedOutAt) throw invalid('content', 'visit_not_finished');
    const set = { content: input.content, materials: input.materials, attendees: input.attendees, recordedAt: c.platform.now(), recordedBy: actorOf(c).accountId };
    await c.db.update(repVisits).set(set).where(eq(repVisits.id, id));
    await c.db.update(repVisitHosts).set({ confirmedAt: null }).where(eq(repVisitHosts.visitId, id));
    await writeAudit(c, { action: 'rep.visit_record', targetType: 'rep_visit', targetId: id, institutionId: row.v.institutionId, before: { content: row.v.content }, after: input });
  });
  return getVisitAsHost(ctx, id);
}

/** A host confirms the record as written. */
export async function confirmRecord(ctx: Ctx, id: string): Promise<TVisit> {
  await withTx(ctx, async (c) => {
    const { host, row } = await hostedVisit(c, id);
    if (!row.v.recordedAt) throw invalid('content', 'record_missing');
    await c.db.update(repVisitHosts).set({ confirmedAt: c.platform.now() }).where(and(eq(repVisitHosts.visitId, id), eq(repVisitHosts.personId, host.personId)));
    await writeAudit(c, { action: 'rep.visit_confirm', targetType: 'rep_visit', targetId: id, institutionId: row.v.institutionId });
  });
  return getVisitAsHost(ctx, id);
}

/** A visit as its host sees it. */
export async function getVisitAsHost(ctx: Ctx, id: string): Promise<TVisit> {
  const { row } = await hostedVisit(ctx, id);
  return (await present(ctx, [row]))[0]!;
}

/** The rep's own visits. */
export async function repVisitsOf(ctx: Ctx, repId: string): Promise<TVisit[]> {
  const list = await joined(ctx).where(eq(repVisits.repId, repId)).orderBy(desc(repVisits.checkedInAt)).limit(200);
  return present(ctx, list);
}

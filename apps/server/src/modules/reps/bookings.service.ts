/**
 * Bookings: a rep asks for a slot (purpose, products, receiving department); the office approves with
 * its hosts and a room, or refuses, within the set working days. The check-in code lives here too: six
 * digits the rep's phone shows, valid 60 seconds, stored only as a keyed hash.
 */
import crypto from 'node:crypto';
import type { TBooking, TBookingDecision, TBookingInput, TBookingQuery, TPage } from '@qinglian/contracts';
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { likeOf, orderOf, pageOf } from '../../platform/pagination.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { type RepPrincipal, repActorName, repRow } from './rep.auth.ts';
import { addDays, addWorkingDays, blacklistedSql, shanghaiInstant, standingOf, todayOf, weekdayOf, withTx } from './reps.common.ts';
import { scheduleBookingJobs } from './reps.jobs.ts';
import { HOLDING, rulesOf, slotTimes } from './rules.service.ts';
import { repApprovals, repBookings, repCompanies, repSanctions, reps, repVisits } from './reps.tables.ts';

export const CODE_TTL_MS = 60_000;

const columns = {
  b: repBookings,
  institutionName: institutions.name,
  repName: reps.name,
  companyName: repCompanies.name,
  departmentName: departments.name,
};
const joined = (c: Ctx) =>
  c.db
    .select(columns)
    .from(repBookings)
    .innerJoin(institutions, eq(institutions.id, repBookings.institutionId))
    .innerJoin(reps, eq(reps.id, repBookings.repId))
    .innerJoin(repCompanies, eq(repCompanies.id, repBookings.companyId))
    .innerJoin(departments, eq(departments.id, repBookings.departmentId));
type Row = Awaited<ReturnType<ReturnType<typeof joined>['where']>>[number];

async function present(ctx: Ctx, list: Row[]): Promise<TBooking[]> {
  const hostIds = [...new Set(list.flatMap((r) => r.b.hostIds))];
  const hosts = hostIds.length ? await ctx.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, hostIds)) : [];
  return list.map(({ b, ...r }) => ({
    id: b.id,
    institutionId: b.institutionId,
    institutionName: r.institutionName,
    repId: b.repId,
    repName: r.repName,
    companyName: r.companyName,
    departmentId: b.departmentId,
    departmentName: r.departmentName,
    date: b.date,
    start: b.start,
    end: b.end,
    room: b.room,
    purpose: b.purpose,
    products: b.products,
    status: b.status,
    decideBy: b.decideBy,
    reason: b.reason,
    hosts: b.hostIds.map((id) => hosts.find((h) => h.id === id)).filter((h): h is { id: string; name: string } => !!h),
    createdAt: b.createdAt.toISOString(),
  }));
}

function filters(q: TBookingQuery): SQL[] {
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(repBookings.status, q.status));
  if (q.from) conds.push(gte(repBookings.date, q.from));
  if (q.to) conds.push(lte(repBookings.date, q.to));
  if (q.companyId) conds.push(eq(repBookings.companyId, q.companyId));
  if (q.repId) conds.push(eq(repBookings.repId, q.repId));
  if (q.q) {
    const like = likeOf(q.q);
    conds.push(or(ilike(reps.name, like), ilike(repCompanies.name, like), ilike(repBookings.purpose, like), ilike(departments.name, like)) as SQL);
  }
  return conds;
}
const SORT = { date: repBookings.date, repName: reps.name, companyName: repCompanies.name, departmentName: departments.name, status: repBookings.status, createdAt: repBookings.createdAt };

async function page(ctx: Ctx, where: SQL | undefined, q: TBookingQuery): Promise<TPage<TBooking>> {
  const { limit, offset } = pageOf(q);
  const [items, [total]] = await Promise.all([
    joined(ctx)
      .where(where)
      .orderBy(...(q.sort ? orderOf(q, SORT, repBookings.date) : [desc(repBookings.date)]), asc(repBookings.start), asc(repBookings.id))
      .limit(limit)
      .offset(offset),
    ctx.db
      .select({ n: count() })
      .from(repBookings)
      .innerJoin(reps, eq(reps.id, repBookings.repId))
      .innerJoin(repCompanies, eq(repCompanies.id, repBookings.companyId))
      .innerJoin(departments, eq(departments.id, repBookings.departmentId))
      .where(where),
  ]);
  return { items: await present(ctx, items), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** The office's bookings (its institution; region users: the region's). */
export const listBookings = (ctx: Ctx, q: TBookingQuery) => page(ctx, and(scopeWhere(actorOf(ctx), { institutionId: repBookings.institutionId }), ...filters(q)), q);

/** The signed-in rep's own bookings. */
export const myBookings = (ctx: Ctx, p: RepPrincipal, q: TBookingQuery) => page(ctx, and(eq(repBookings.repId, p.repId), ...filters(q)), q);

/** A booking the staff caller may see; 404 otherwise. */
export async function bookingForStaff(ctx: Ctx, id: string) {
  const [row] = await joined(ctx).where(eq(repBookings.id, id));
  if (!row) throw notFound('booking');
  assertInScope(actorOf(ctx), { institutionId: row.b.institutionId });
  return row;
}

/** One of the rep's own bookings; another's is a 404. */
async function ownBooking(ctx: Ctx, p: RepPrincipal, id: string) {
  const [b] = await ctx.db.select().from(repBookings).where(and(eq(repBookings.id, id), eq(repBookings.repId, p.repId)));
  if (!b) throw notFound('booking');
  return b;
}

/** A rep books a slot: every reception rule is checked, naming the field that breaks it. */
export async function createBooking(ctx: Ctx, p: RepPrincipal, input: TBookingInput): Promise<TBooking> {
  const id = await withTx(ctx, async (c) => {
    const rep = await repRow(c, p);
    const [inst] = await c.db.select().from(institutions).where(and(eq(institutions.id, input.institutionId), eq(institutions.regionId, rep.regionId)));
    if (!inst) throw invalid('institutionId', 'unknown_institution');
    const today = todayOf(c);
    const [bl] = await c.db.select({ v: blacklistedSql.mapWith(Boolean) }).from(reps).where(eq(reps.id, rep.id));
    const [approval] = await c.db.select().from(repApprovals).where(and(eq(repApprovals.repId, rep.id), eq(repApprovals.institutionId, inst.id)));
    const standing = standingOf({ ...rep, blacklisted: !!bl?.v }, approval, today);
    if (standing !== 'approved') throw invalid('institutionId', `rep_${standing}`);
    const rules = await rulesOf(c.db, inst.id);
    const [dept] = await c.db.select().from(departments).where(eq(departments.id, input.departmentId));
    if (!dept || dept.institutionId !== inst.id) throw invalid('departmentId', 'wrong_institution');
    if (dept.clinical) throw invalid('departmentId', 'clinical_department');
    if (!rules.departmentIds.includes(dept.id) || !dept.active) throw invalid('departmentId', 'department_not_receiving');
    const notAuthorised = input.products.find((x) => !rep.products.includes(x));
    if (notAuthorised) throw invalid('products', 'product_not_authorised');
    await assertNotSuspended(c, inst.id, rep.companyId!, input.products);
    const slot = slotTimes(rules).find((s) => s.start === input.start);
    if (!slot) throw invalid('start', 'not_a_slot');
    if (!rules.weekdays.includes(weekdayOf(input.date))) throw invalid('date', 'not_a_reception_day');
    // Bookings close `leadDays` calendar days before the visit (0: the same day, until the slot ends).
    if (input.date < addDays(today, rules.leadDays) || shanghaiInstant(input.date, slot.end) <= c.platform.now()) throw invalid('date', 'booking_closed');
    // One booking at a time per institution and day, so capacity is never oversold.
    await c.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`rep-slot:${inst.id}:${input.date}`}))`);
    const [taken] = await c.db
      .select({ n: count() })
      .from(repBookings)
      .where(and(eq(repBookings.institutionId, inst.id), eq(repBookings.date, input.date), eq(repBookings.start, input.start), inArray(repBookings.status, [...HOLDING])));
    if ((taken?.n ?? 0) >= rules.slotCapacity) throw conflict('start', 'slot_full');
    const month = input.date.slice(0, 7);
    const [mine] = await c.db
      .select({ n: count() })
      .from(repBookings)
      .where(and(eq(repBookings.institutionId, inst.id), eq(repBookings.repId, rep.id), sql`to_char(${repBookings.date}, 'YYYY-MM') = ${month}`, inArray(repBookings.status, [...HOLDING])));
    if ((mine?.n ?? 0) >= rules.monthlyLimit) throw invalid('date', 'monthly_limit');
    const decideBy = addWorkingDays(today, rules.decideDays);
    const [b] = await c.db
      .insert(repBookings)
      .values({
        institutionId: inst.id,
        repId: rep.id,
        companyId: rep.companyId!,
        departmentId: dept.id,
        date: input.date,
        start: slot.start,
        end: slot.end,
        purpose: input.purpose,
        products: input.products,
        status: 'requested',
        // A visit sooner than the decision period must be decided before it takes place.
        decideBy: [decideBy, input.date].sort()[0]!,
        createdAt: c.platform.now(),
      })
      .returning();
    await scheduleBookingJobs(c, b!);
    await writeAudit(c, { action: 'rep.booking_create', targetType: 'rep_booking', targetId: b!.id, institutionId: inst.id, regionId: inst.regionId, actorName: repActorName(rep), after: input });
    return b!.id;
  });
  const [row] = await joined(ctx).where(eq(repBookings.id, id));
  return (await present(ctx, [row!]))[0]!;
}

/**
 * Refuses products whose purchasing the institution suspended for the company (the ladder's second
 * rung): no rep of that company may promote them there until the suspension ends.
 */
async function assertNotSuspended(c: Ctx, institutionId: string, companyId: string, products: string[]) {
  const suspended = await c.db
    .select({ products: repSanctions.products })
    .from(repSanctions)
    .where(and(eq(repSanctions.institutionId, institutionId), eq(repSanctions.kind, 'suspend_products'), eq(repSanctions.companyId, companyId), gte(repSanctions.endsOn, todayOf(c))));
  if (suspended.some((s) => s.products.some((x) => products.includes(x)))) throw invalid('products', 'products_suspended');
}

/** The rep withdraws a booking that has not been used. */
export async function cancelBooking(ctx: Ctx, p: RepPrincipal, id: string): Promise<void> {
  await withTx(ctx, async (c) => {
    const b = await ownBooking(c, p, id);
    if (b.status !== 'requested' && b.status !== 'approved') throw invalid('status', 'booking_wrong_status');
    const rep = await repRow(c, p);
    await c.db.update(repBookings).set({ status: 'cancelled', codeHash: null }).where(eq(repBookings.id, id));
    await writeAudit(c, { action: 'rep.booking_cancel', targetType: 'rep_booking', targetId: id, institutionId: b.institutionId, regionId: rep.regionId, actorName: repActorName(rep) });
  });
}

/** The office approves (naming at least the required number of hosts, from its own staff) or refuses a booking. */
export async function decideBooking(ctx: Ctx, id: string, input: TBookingDecision): Promise<TBooking> {
  const actor = actorOf(ctx);
  await withTx(ctx, async (c) => {
    const { b } = await bookingForStaff(c, id);
    if (b.institutionId !== actor.institutionId) throw notFound('booking');
    if (b.status !== 'requested' && !(b.status === 'approved' && input.decision === 'approve')) throw invalid('decision', 'booking_wrong_status');
    const rules = await rulesOf(c.db, b.institutionId);
    let set: Partial<typeof repBookings.$inferInsert>;
    if (input.decision === 'approve') {
      const hostIds = [...new Set(input.hostIds)];
      if (hostIds.length < rules.hostsRequired) throw invalid('hostIds', 'hosts_required');
      const hosts = await c.db.select().from(people).where(inArray(people.id, hostIds));
      if (hosts.length !== hostIds.length || hosts.some((h) => h.institutionId !== b.institutionId || !h.active)) throw invalid('hostIds', 'wrong_institution');
      await assertNotSuspended(c, b.institutionId, b.companyId, b.products);
      const room = input.room ?? rules.rooms[0] ?? null;
      if (room && !rules.rooms.includes(room)) throw invalid('room', 'unknown_room');
      set = { status: 'approved', hostIds, room, reason: input.reason ?? null };
    } else {
      if (!input.reason) throw invalid('reason', 'required');
      set = { status: 'refused', reason: input.reason, codeHash: null };
    }
    await c.db.update(repBookings).set({ ...set, decidedAt: c.platform.now(), decidedBy: actor.accountId }).where(eq(repBookings.id, id));
    await writeAudit(c, { action: `rep.booking_${input.decision}`, targetType: 'rep_booking', targetId: id, institutionId: b.institutionId, before: { status: b.status }, after: set });
  });
  return (await present(ctx, [await bookingForStaff(ctx, id)]))[0]!;
}

/** The keyed hash a code is stored and looked up by, per institution. */
export const codeHash = (ctx: Ctx, institutionId: string, code: string) => ctx.platform.keyring.hmac('rep-check-code', `${institutionId}:${code}`);

/**
 * A fresh six-digit code for checking in (approved booking, today) or out (visit in progress), valid
 * 60 seconds; a code no other live booking of the institution holds.
 */
export async function issueCode(ctx: Ctx, p: RepPrincipal, id: string) {
  const b = await ownBooking(ctx, p, id);
  const today = todayOf(ctx);
  const [visit] = await ctx.db.select().from(repVisits).where(eq(repVisits.bookingId, b.id));
  const checkingOut = b.status === 'done' && visit && !visit.checkedOutAt;
  if (!checkingOut && (b.status !== 'approved' || b.date !== today)) throw invalid('id', 'booking_not_today');
  const now = ctx.platform.now();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const hash = codeHash(ctx, b.institutionId, code);
    const [clash] = await ctx.db
      .select({ id: repBookings.id })
      .from(repBookings)
      .where(and(eq(repBookings.codeHash, hash), gt(repBookings.codeExpiresAt, now)));
    if (clash) continue;
    await ctx.db.update(repBookings).set({ codeHash: hash, codeExpiresAt: expiresAt }).where(eq(repBookings.id, b.id));
    const qrSvg = await QRCode.toString(code, { type: 'svg', margin: 1, width: 200 });
    return { code, expiresAt: expiresAt.toISOString(), qrSvg };
  }
  throw conflict('code', 'try_again');
}

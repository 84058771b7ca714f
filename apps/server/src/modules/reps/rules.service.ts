/** Reception rules of an institution (days, times, rooms, limits, receiving departments, hosts, sanction ladder) and its slot calendar. */
import { DEFAULT_UNUSUAL, SUSPENSION_MONTHS, type TReceptionRules, type TReceptionRulesInput, type TSlot } from '@qinglian/contracts';
import { and, count, eq, gte, inArray, lte } from 'drizzle-orm';
import { assertInScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { departments, institutions } from '../org/org.tables.ts';
import { addDays, hhmmOf, minutesOf, shanghaiInstant, todayOf, weekdayOf, withTx } from './reps.common.ts';
import { receptionRules, repBookings } from './reps.tables.ts';

/** Until an office sets its own: Tuesday and Thursday afternoons, two hosts, the default sanction ladder. */
export const DEFAULT_RULES: TReceptionRulesInput = {
  weekdays: [2, 4],
  timeFrom: '14:00',
  timeTo: '17:00',
  slotMinutes: 30,
  slotCapacity: 2,
  rooms: ['医药代表接待室'],
  leadDays: 1,
  decideDays: 2,
  monthlyLimit: 4,
  departmentIds: [],
  hostsRequired: 2,
  ladder: [
    { kind: 'summon', months: 0 },
    { kind: 'suspend_products', months: 3 },
    { kind: 'blacklist_company', months: 0 },
  ],
  unusual: DEFAULT_UNUSUAL,
};

/** The rules in force at an institution (the defaults when none are saved). */
export async function rulesOf(db: Db, institutionId: string): Promise<TReceptionRules> {
  const [r] = await db.select().from(receptionRules).where(eq(receptionRules.institutionId, institutionId));
  if (!r) return { institutionId, ...DEFAULT_RULES };
  const { updatedAt: _u, ...rest } = r;
  return rest;
}

/** The institution a staff user works with: their own, or one of their region's they name. */
export async function institutionFor(ctx: Ctx, institutionId?: string | null) {
  const actor = actorOf(ctx);
  const id = institutionId ?? actor.institutionId;
  if (!id) throw invalid('institutionId', 'required');
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, id));
  if (!inst) throw notFound('institution');
  assertInScope(actor, { institutionId: inst.id }, inst.regionId);
  return inst;
}

/** The reception rules of the caller's institution (region users name one). */
export async function getRules(ctx: Ctx, institutionId?: string): Promise<TReceptionRules> {
  const inst = await institutionFor(ctx, institutionId);
  return rulesOf(ctx.db, inst.id);
}

/** Saves the rules of the caller's institution; receiving departments must be its own and never clinical. */
export async function saveRules(ctx: Ctx, input: TReceptionRulesInput): Promise<TReceptionRules> {
  const inst = await institutionFor(ctx, null);
  if (minutesOf(input.timeTo) <= minutesOf(input.timeFrom)) throw invalid('timeTo', 'time_order');
  // "Purchasing of that rep's products suspended for 3–6 months."
  for (const [i, step] of input.ladder.entries())
    if (step.kind === 'suspend_products' && (step.months < SUSPENSION_MONTHS.min || step.months > SUSPENSION_MONTHS.max)) throw invalid(`ladder.${i}.months`, 'suspension_months');
  const ids = [...new Set(input.departmentIds)];
  if (ids.length) {
    const found = await ctx.db.select().from(departments).where(inArray(departments.id, ids));
    for (const [i, id] of ids.entries()) {
      const d = found.find((x) => x.id === id);
      if (!d || d.institutionId !== inst.id) throw invalid(`departmentIds.${i}`, 'wrong_institution');
      if (d.clinical) throw invalid(`departmentIds.${i}`, 'clinical_department');
    }
  }
  const values = { ...input, weekdays: [...new Set(input.weekdays)].sort(), departmentIds: ids };
  await withTx(ctx, async (c) => {
    const before = await rulesOf(c.db, inst.id);
    await c.db
      .insert(receptionRules)
      .values({ institutionId: inst.id, ...values, updatedAt: c.platform.now() })
      .onConflictDoUpdate({ target: receptionRules.institutionId, set: { ...values, updatedAt: c.platform.now() } });
    await writeAudit(c, { action: 'rep.rules', targetType: 'rep_rules', targetId: inst.id, institutionId: inst.id, regionId: inst.regionId, before, after: values });
  });
  return rulesOf(ctx.db, inst.id);
}

/** The slot starts and ends of a reception day; the last slot is cut at the closing time. */
export function slotTimes(rules: Pick<TReceptionRules, 'timeFrom' | 'timeTo' | 'slotMinutes'>): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  const close = minutesOf(rules.timeTo);
  for (let m = minutesOf(rules.timeFrom); m < close; m += rules.slotMinutes) out.push({ start: hhmmOf(m), end: hhmmOf(Math.min(m + rules.slotMinutes, close)) });
  return out;
}

/** Bookings holding a place in a slot. */
export const HOLDING = ['requested', 'approved', 'done'] as const;

/** The slots between two dates with their capacity, places taken, and whether a rep may still book them. */
export async function slots(ctx: Ctx, institutionId: string, from: string, to: string): Promise<TSlot[]> {
  if (to < from) throw invalid('to', 'date_order');
  if (to > addDays(from, 62)) throw invalid('to', 'range_too_long');
  const rules = await rulesOf(ctx.db, institutionId);
  const taken = await ctx.db
    .select({ date: repBookings.date, start: repBookings.start, n: count() })
    .from(repBookings)
    .where(and(eq(repBookings.institutionId, institutionId), gte(repBookings.date, from), lte(repBookings.date, to), inArray(repBookings.status, [...HOLDING])))
    .groupBy(repBookings.date, repBookings.start);
  const today = todayOf(ctx);
  const firstOpen = addDays(today, rules.leadDays);
  const now = ctx.platform.now();
  const out: TSlot[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!rules.weekdays.includes(weekdayOf(d))) continue;
    for (const s of slotTimes(rules)) {
      const booked = taken.find((t) => t.date === d && t.start === s.start)?.n ?? 0;
      const open = d >= firstOpen && shanghaiInstant(d, s.end) > now && booked < rules.slotCapacity;
      out.push({ date: d, start: s.start, end: s.end, capacity: rules.slotCapacity, booked, open });
    }
  }
  return out;
}

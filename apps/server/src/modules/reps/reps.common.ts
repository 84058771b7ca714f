/** Helpers the rep services share: transactions, dates in Shanghai, a rep's standing, and row shapes. */
import { maskPhone, type TRepStatus, type TRepSummary } from '@qinglian/contracts';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { inTx, outer } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { repAffiliations, repApprovals, repBlacklist, repCompanies, reps } from './reps.tables.ts';

/** Runs fn in one transaction with a context bound to it (the change and its audit entry commit together). */
export function withTx<T>(ctx: Ctx, fn: (c: Ctx) => Promise<T>): Promise<T> {
  return inTx(ctx.db, (db) => fn({ ...ctx, db }));
}

/** Today's date in Shanghai (YYYY-MM-DD). */
export const todayOf = (ctx: Ctx) => shanghaiDate(ctx.platform.now());

/** YYYY-MM-DD plus n calendar days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus n calendar months (clamped to the month's last day). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
export const weekdayOf = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** YYYY-MM-DD plus n working days (Monday to Friday; public holidays are not modelled). */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (weekdayOf(d) <= 5) left--;
  }
  return d;
}

/** The UTC instant of a Shanghai wall-clock time (UTC+8, no daylight saving). */
export const shanghaiInstant = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

/** "HH:MM" → minutes since midnight, and back. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * True while an active blacklist entry covers the rep: a ban of their current company, or a personal
 * ban, which follows the person (the same account, or anyone with the same ID number), whatever their
 * company now.
 */
export const blacklistedSql = sql<boolean>`exists (select 1 from ${repBlacklist} b where b.lifted_at is null and b.region_id = ${outer(reps.regionId)} and (
  (b.rep_id is null and b.company_id = ${outer(reps.companyId)})
  or b.rep_id = ${outer(reps.id)}
  or (b.rep_id is not null and b.national_id_hash is not null and b.national_id_hash = ${outer(reps.nationalIdHash)})))`;

/**
 * The name of a blacklisted company the person (by ID number, under any account) represented before
 * moving to their current company: the office must look at them before receiving them. Null otherwise.
 */
export const formerBlacklistedCompanySql = sql<string | null>`(select c.name from ${repAffiliations} a
  join ${repBlacklist} b on b.company_id = a.company_id and b.rep_id is null and b.lifted_at is null
  join ${repCompanies} c on c.id = a.company_id
  where a.region_id = ${outer(reps.regionId)} and a.national_id_hash = ${outer(reps.nationalIdHash)} and a.company_id is distinct from ${outer(reps.companyId)}
  order by b.created_at limit 1)`;

/** True while an active entry covers the company. */
export const companyBlacklistedSql = sql<boolean>`exists (select 1 from ${repBlacklist} b where b.company_id = ${outer(repCompanies.id)} and b.lifted_at is null and b.rep_id is null)`;

/**
 * A rep's standing at one institution: the region-wide registry decides `blacklisted`, `draft` and
 * `expired`; the institution's own decision decides the rest (a lapsed suspension counts as approved).
 */
export function statusAt(institutionId: string, today: string): SQL<TRepStatus> {
  const ap = sql`(select a.status from ${repApprovals} a where a.rep_id = ${reps.id} and a.institution_id = ${institutionId})`;
  const until = sql`(select a.suspended_until from ${repApprovals} a where a.rep_id = ${reps.id} and a.institution_id = ${institutionId})`;
  return sql<TRepStatus>`case
    when ${blacklistedSql} then 'blacklisted'
    when ${reps.submittedAt} is null then 'draft'
    when ${reps.letterUntil} < ${today} or ${reps.registeredUntil} < ${today} then 'expired'
    when ${ap} = 'suspended' and coalesce(${until}, ${today}) < ${today} then 'approved'
    else coalesce(${ap}, 'pending') end`;
}

/** The standing a region user sees: registry state, else approved if any institution approved. */
export function regionStatus(today: string): SQL<TRepStatus> {
  return sql<TRepStatus>`case
    when ${blacklistedSql} then 'blacklisted'
    when ${reps.submittedAt} is null then 'draft'
    when ${reps.letterUntil} < ${today} or ${reps.registeredUntil} < ${today} then 'expired'
    when exists (select 1 from ${repApprovals} a where a.rep_id = ${outer(reps.id)} and a.status = 'approved') then 'approved'
    else 'pending' end`;
}

/** The columns of a rep summary (status given by the caller's view). */
export function summaryColumns(status: SQL<TRepStatus>, suspendedUntil: SQL<string | null>) {
  return {
    id: reps.id,
    regionId: reps.regionId,
    name: reps.name,
    phone: reps.phone,
    nationalIdMasked: reps.nationalIdMasked,
    companyId: reps.companyId,
    companyName: repCompanies.name,
    filingNo: reps.filingNo,
    products: reps.products,
    letterFrom: reps.letterFrom,
    letterUntil: reps.letterUntil,
    registeredUntil: reps.registeredUntil,
    pledgeSignedAt: reps.pledgeSignedAt,
    submittedAt: reps.submittedAt,
    photoFileId: reps.photoFileId,
    letterFileId: reps.letterFileId,
    status,
    suspendedUntil,
    formerBlacklistedCompany: formerBlacklistedCompanySql,
  };
}

type SummaryRow = {
  [K in keyof ReturnType<typeof summaryColumns>]: unknown;
} & { phone: string; pledgeSignedAt: Date | string | null; submittedAt: Date | string | null };

const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** A summary row as the API shows it (phone masked, files as flags). */
export function presentSummary(r: SummaryRow): TRepSummary {
  return {
    id: r.id as string,
    regionId: r.regionId as string,
    name: (r.name as string | null) ?? null,
    phoneMasked: maskPhone(r.phone),
    nationalIdMasked: (r.nationalIdMasked as string | null) ?? null,
    companyId: (r.companyId as string | null) ?? null,
    companyName: (r.companyName as string | null) ?? null,
    filingNo: (r.filingNo as string | null) ?? null,
    products: (r.products as string[]) ?? [],
    letterFrom: (r.letterFrom as string | null) ?? null,
    letterUntil: (r.letterUntil as string | null) ?? null,
    registeredUntil: (r.registeredUntil as string | null) ?? null,
    pledgeSignedAt: iso(r.pledgeSignedAt),
    submittedAt: iso(r.submittedAt),
    hasPhoto: !!r.photoFileId,
    hasLetter: !!r.letterFileId,
    status: r.status as TRepStatus,
    suspendedUntil: (r.suspendedUntil as string | null) ?? null,
    formerBlacklistedCompany: (r.formerBlacklistedCompany as string | null) ?? null,
  };
}

/** The institution a staff write lands in: the caller's own (region users name one in their region). */
export function ownInstitution(ctx: Ctx, institutionId?: string | null): string {
  const id = ctx.actor?.institutionId ?? institutionId;
  if (!id) throw invalid('institutionId', 'required');
  return id;
}

/** Active blacklist entries for a company (and optionally one rep). */
export const activeBlacklist = (companyId: string) => and(eq(repBlacklist.companyId, companyId), isNull(repBlacklist.liftedAt));

/** The same standing as statusAt, for one rep already loaded (JS, no query). */
export function standingOf(
  rep: { submittedAt: Date | null; letterUntil: string | null; registeredUntil: string | null; blacklisted: boolean },
  approval: { status: 'pending' | 'approved' | 'rejected' | 'suspended'; suspendedUntil: string | null } | undefined,
  today: string,
): TRepStatus {
  if (rep.blacklisted) return 'blacklisted';
  if (!rep.submittedAt) return 'draft';
  if ((rep.letterUntil && rep.letterUntil < today) || (rep.registeredUntil && rep.registeredUntil < today)) return 'expired';
  if (approval?.status === 'suspended' && (approval.suspendedUntil ?? today) < today) return 'approved';
  return approval?.status ?? 'pending';
}

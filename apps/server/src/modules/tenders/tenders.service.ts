/** Reading tender processes: the list with flags, one process with its bids, awards and reasoned flags, and the buyers' comparison. */
import type {
  TPage,
  TTenderAward,
  TTenderBid,
  TTenderBuyer,
  TTenderBuyerQuery,
  TTenderContract,
  TTenderDetail,
  TTenderFlagBrief,
  TTenderListQuery,
  TTenderProcess,
} from '@qinglian/contracts';
import { and, asc, count, desc, eq, exists, ilike, inArray, isNull, not, or, type SQL, sql } from 'drizzle-orm';
import { assertInScope, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n.ts';
import { likeOf, orderOf } from '../../platform/pagination.ts';
import { shanghaiStart } from '../../platform/time.ts';
import { institutions } from '../org/org.tables.ts';
import { arr, type Json, type JsonObject, num, obj, str } from './engine/ocds.ts';
import { moneyOf } from './tenders.extract.ts';
import { explainFlag, namesOf, type StoredFlag } from './tenders.reasons.ts';
import { tenderFlags, tenderProcesses } from './tenders.tables.ts';

const p = tenderProcesses;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const columns = {
  id: p.id,
  regionId: p.regionId,
  institutionId: p.institutionId,
  institutionName: institutions.name,
  ocid: p.ocid,
  title: p.title,
  buyerId: p.buyerId,
  buyerName: p.buyerName,
  procuringEntityName: p.procuringEntityName,
  procurementMethod: p.procurementMethod,
  procurementMethodDetails: p.procurementMethodDetails,
  tenderStatus: p.tenderStatus,
  tenderStart: p.tenderStart,
  tenderEnd: p.tenderEnd,
  tenderValue: p.tenderValue,
  tenderCurrency: p.tenderCurrency,
  awardedValue: p.awardedValue,
  awardedCurrency: p.awardedCurrency,
  awardDate: p.awardDate,
  suppliers: p.suppliers,
  bidCount: p.bidCount,
};

const sortable = {
  ocid: p.ocid,
  title: p.title,
  buyerName: p.buyerName,
  institutionName: institutions.name,
  procurementMethod: p.procurementMethod,
  awardDate: p.awardDate,
  awardedValue: p.awardedValue,
  tenderStart: p.tenderStart,
  tenderEnd: p.tenderEnd,
  tenderValue: p.tenderValue,
  bidCount: p.bidCount,
};
/** How many flags a process carries (the `flags` sort key). */
const flagCount = sql`(select count(*) from ${tenderFlags} where ${tenderFlags.processId} = ${p.id})`;

/** A flag on the process: any, of one code, or of one family (R… indicators, H… hospital flags). */
const hasFlag = (code?: string, kind?: 'indicator' | 'hospital') =>
  exists(
    sql`(select 1 from ${tenderFlags} where ${tenderFlags.processId} = ${p.id}${code ? sql` and ${tenderFlags.code} = ${code}` : sql``}${kind ? sql` and ${tenderFlags.code} like ${kind === 'hospital' ? 'H%' : 'R%'}` : sql``})`,
  );

/** Scope, institution and the tender period's start within [from, to] (Shanghai days): shared by lists and the comparison. */
function baseWhere(ctx: Ctx, q: { institutionId?: string; from?: string; to?: string }): SQL[] {
  const conds: SQL[] = [scopeWhere(actorOf(ctx), { regionId: p.regionId, institutionId: p.institutionId })];
  if (q.institutionId) conds.push(eq(p.institutionId, q.institutionId));
  if (q.from) conds.push(sql`${p.tenderStart} >= ${shanghaiStart(q.from)}`);
  if (q.to) conds.push(sql`${p.tenderStart} < ${new Date(shanghaiStart(q.to).getTime() + 86_400_000)}`);
  return conds;
}

function whereOf(ctx: Ctx, q: TTenderListQuery): SQL {
  const conds = baseWhere(ctx, q);
  if (q.q) conds.push(or(ilike(p.ocid, likeOf(q.q)), ilike(p.title, likeOf(q.q)), ilike(p.buyerName, likeOf(q.q)), ilike(p.suppliers, likeOf(q.q)))!);
  if (q.buyerId) conds.push(eq(p.buyerId, q.buyerId));
  if (q.method) conds.push(eq(p.procurementMethod, q.method));
  if (q.code || q.kind) conds.push(hasFlag(q.code, q.kind));
  if (q.flagged !== undefined) conds.push(q.flagged ? hasFlag() : not(hasFlag()));
  return and(...conds)!;
}

/** ORDER BY of the list: a whitelisted column, or the number of flags. */
function listOrder(q: TTenderListQuery): SQL[] {
  if (q.sort === 'flags') return [q.order === 'desc' ? desc(flagCount) : asc(flagCount), asc(p.ocid)];
  return [...orderOf(q, sortable, p.ocid), ...(q.sort && q.sort !== 'ocid' ? [asc(p.ocid)] : [])];
}

/** Dates as ISO text for the response. */
const plain = <T extends { tenderStart: Date | null; tenderEnd: Date | null; awardDate: Date | null }>(r: T) => ({
  ...r,
  tenderStart: iso(r.tenderStart),
  tenderEnd: iso(r.tenderEnd),
  awardDate: iso(r.awardDate),
});

/** A page of processes in the caller's scope, each with the codes of its flags. */
export async function listTenders(ctx: Ctx, q: TTenderListQuery): Promise<TPage<TTenderProcess>> {
  const where = whereOf(ctx, q);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(columns)
      .from(p)
      .leftJoin(institutions, eq(institutions.id, p.institutionId))
      .where(where)
      .orderBy(...listOrder(q), asc(p.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(p).where(where),
  ]);
  const flags = new Map<string, TTenderFlagBrief[]>();
  if (items.length) {
    const rows = await ctx.db
      .select({ processId: tenderFlags.processId, code: tenderFlags.code, subject: tenderFlags.subject, subjectId: tenderFlags.subjectId })
      .from(tenderFlags)
      .where(inArray(
        tenderFlags.processId,
        items.map((i) => i.id),
      ))
      .orderBy(asc(tenderFlags.code));
    for (const f of rows) {
      const list = flags.get(f.processId) ?? [];
      list.push({ code: f.code as TTenderFlagBrief['code'], title: t(ctx.locale, `tender.flag.${f.code}.title`), subject: f.subject, subjectId: f.subjectId });
      flags.set(f.processId, list);
    }
  }
  return { items: items.map((r) => ({ ...plain(r), flags: flags.get(r.id) ?? [] })), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

const parties = (list: Json[] | undefined) => (list ?? []).map((o) => ({ id: str(o, 'id') ?? null, name: str(o, 'name') ?? null }));

function bidsOf(release: JsonObject): TTenderBid[] {
  return (arr(obj(release, 'bids'), 'details') ?? []).map((b) => {
    const v = moneyOf(obj(b, 'value'));
    return { id: str(b, 'id') ?? null, status: str(b, 'status') ?? null, date: str(b, 'date') ?? null, tenderers: parties(arr(b, 'tenderers')), amount: v.amount, currency: v.currency };
  });
}

function awardsOf(release: JsonObject): TTenderAward[] {
  return (arr(release, 'awards') ?? []).map((a) => {
    const v = moneyOf(obj(a, 'value'));
    const items = (arr(a, 'items') ?? []).map((i) => ({ description: str(i, 'description') ?? null, classification: str(obj(i, 'classification'), 'id') ?? null }));
    return { id: str(a, 'id') ?? null, status: str(a, 'status') ?? null, date: str(a, 'date') ?? null, suppliers: parties(arr(a, 'suppliers')), amount: v.amount, currency: v.currency, items };
  });
}

function contractsOf(release: JsonObject): TTenderContract[] {
  return (arr(release, 'contracts') ?? []).map((c) => {
    const v = moneyOf(obj(c, 'value'));
    const period = obj(c, 'period');
    return {
      id: str(c, 'id') ?? null,
      awardId: str(c, 'awardID') ?? null,
      title: str(c, 'title') ?? null,
      status: str(c, 'status') ?? null,
      dateSigned: str(c, 'dateSigned') ?? null,
      periodStart: str(period, 'startDate') ?? null,
      periodEnd: str(period, 'endDate') ?? null,
      amount: v.amount,
      currency: v.currency,
    };
  });
}

/** One process in the caller's scope with its bids, awards and every flag's reasoning; 404 otherwise. */
export async function getTender(ctx: Ctx, id: string): Promise<TTenderDetail> {
  const [row] = await ctx.db
    .select({ ...columns, release: p.release })
    .from(p)
    .leftJoin(institutions, eq(institutions.id, p.institutionId))
    .where(eq(p.id, id));
  if (!row) throw notFound('tender');
  assertInScope(actorOf(ctx), { regionId: row.regionId, institutionId: row.institutionId });
  const { release: raw, ...rest } = row;
  const release = raw as JsonObject;
  const stored = await ctx.db.select().from(tenderFlags).where(eq(tenderFlags.processId, id)).orderBy(asc(tenderFlags.code), asc(tenderFlags.subjectId));
  const names = namesOf(release);
  const tender = obj(release, 'tender');
  return {
    ...plain(rest),
    description: str(tender, 'description') ?? null,
    mainProcurementCategory: str(tender, 'mainProcurementCategory') ?? null,
    awardCriteria: str(tender, 'awardCriteria') ?? null,
    numberOfTenderers: num(tender, 'numberOfTenderers') ?? null,
    bids: bidsOf(release),
    awards: awardsOf(release),
    contracts: contractsOf(release),
    flags: stored.map((f) => explainFlag(ctx.locale, f as StoredFlag, release, names)),
  };
}

const buyerOrder: Record<string, SQL> = {
  buyerName: sql`max(${p.buyerName})`,
  processes: sql`count(*)`,
  flaggedProcesses: sql`count(*) filter (where ${hasFlag()})`,
  flaggedShare: sql`(count(*) filter (where ${hasFlag()}))::float8 / count(*)`,
  awardedValue: sql`sum(${p.awardedValue}) filter (where ${p.awardedCurrency} = 'CNY')`,
};

/** The buyers of the caller's scope side by side: processes, share flagged, awarded amount, flags by code. */
export async function listBuyers(ctx: Ctx, q: TTenderBuyerQuery): Promise<TPage<TTenderBuyer>> {
  const conds = baseWhere(ctx, q);
  if (q.q) conds.push(or(ilike(p.buyerName, likeOf(q.q)), ilike(p.buyerId, likeOf(q.q)))!);
  const where = and(...conds)!;
  const groupBy = [p.buyerId, p.institutionId, institutions.name] as const;
  const sortKey = q.sort && buyerOrder[q.sort] ? q.sort : 'flaggedShare';
  const direction = q.sort && buyerOrder[q.sort] ? (q.order === 'desc' ? sql`desc` : sql`asc`) : sql`desc`;
  const items = await ctx.db
    .select({
      buyerId: p.buyerId,
      buyerName: sql<string | null>`max(${p.buyerName})`,
      institutionId: p.institutionId,
      institutionName: institutions.name,
      processes: sql<number>`count(*)`.mapWith(Number),
      flaggedProcesses: sql<number>`count(*) filter (where ${hasFlag()})`.mapWith(Number),
      awardedValue: sql<string>`round(coalesce(sum(${p.awardedValue}) filter (where ${p.awardedCurrency} = 'CNY'), 0), 2)::text`,
    })
    .from(p)
    .leftJoin(institutions, eq(institutions.id, p.institutionId))
    .where(where)
    .groupBy(...groupBy)
    .orderBy(sql`${buyerOrder[sortKey]} ${direction} nulls last`, asc(p.buyerId))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(
    ctx.db.select({ one: sql`1` }).from(p).leftJoin(institutions, eq(institutions.id, p.institutionId)).where(where).groupBy(...groupBy).as('g'),
  );
  const pageBuyers = or(inArray(p.buyerId, items.map((i) => i.buyerId ?? '')), items.some((i) => i.buyerId === null) ? isNull(p.buyerId) : sql`false`)!;
  const byCode = await ctx.db
    .select({ buyerId: p.buyerId, institutionId: p.institutionId, code: tenderFlags.code, n: sql<number>`count(distinct ${p.id})`.mapWith(Number) })
    .from(p)
    .innerJoin(tenderFlags, eq(tenderFlags.processId, p.id))
    .where(and(where, pageBuyers))
    .groupBy(p.buyerId, p.institutionId, tenderFlags.code);
  const top = await topSuppliers(ctx, and(where, pageBuyers)!);
  const key = (b: string | null, i: string | null) => `${b}\u0000${i}`;
  const counts = new Map<string, Record<string, number>>();
  for (const c of byCode) counts.set(key(c.buyerId, c.institutionId), { ...counts.get(key(c.buyerId, c.institutionId)), [c.code]: c.n });
  return {
    items: items.map((i) => {
      const best = top.get(key(i.buyerId, i.institutionId));
      const total = Number(i.awardedValue);
      return {
        ...i,
        flaggedShare: i.processes ? i.flaggedProcesses / i.processes : 0,
        flagCounts: counts.get(key(i.buyerId, i.institutionId)) ?? {},
        topSupplierName: best?.name ?? null,
        topSupplierAmount: best?.amount ?? null,
        // A ratio for display (not money): the amounts themselves stay exact decimals.
        topSupplierShare: best && total > 0 ? Math.min(1, Number(best.amount) / total) : null,
      };
    }),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Per buyer (and institution), the supplier holding the largest CNY amount of its active sole-supplier
 * awards (several suppliers share an award in unknown parts, as in H03); read from the releases.
 */
async function topSuppliers(ctx: Ctx, where: SQL): Promise<Map<string, { name: string; amount: string }>> {
  const list = await rows<{ buyer_id: string | null; institution_id: string | null; name: string; amount: string }>(
    ctx.db,
    sql`select distinct on (buyer_id, institution_id) buyer_id, institution_id, name, amount from (
        select ${p.buyerId} as buyer_id, ${p.institutionId} as institution_id, coalesce(s->>'id', s->>'name') as supplier,
          coalesce(max(s->>'name'), coalesce(s->>'id', s->>'name')) as name, round(sum((a->'value'->>'amount')::numeric), 2)::text as amount
        from ${p}
        cross join lateral jsonb_array_elements(case when jsonb_typeof(${p.release}->'awards') = 'array' then ${p.release}->'awards' else '[]'::jsonb end) a
        cross join lateral jsonb_array_elements(case when jsonb_typeof(a->'suppliers') = 'array' then a->'suppliers' else '[]'::jsonb end) s
        where ${where} and a->>'status' = 'active' and jsonb_array_length(a->'suppliers') = 1
          and a->'value'->>'currency' = 'CNY' and jsonb_typeof(a->'value'->'amount') = 'number' and coalesce(s->>'id', s->>'name') is not null
        group by 1, 2, 3
      ) t order by buyer_id, institution_id, amount::numeric desc, supplier`,
  );
  return new Map(list.map((r) => [`${r.buyer_id}\u0000${r.institution_id}`, { name: r.name, amount: r.amount }]));
}

/** Every process matching the list's filters (up to 10,000), for the spreadsheet; the export is audited. */
export async function exportTenders(ctx: Ctx, q: TTenderListQuery): Promise<TTenderProcess[]> {
  const { items } = await listTenders(ctx, { ...q, page: 1, pageSize: 10_000 });
  const actor = actorOf(ctx);
  const { page: _p, pageSize: _s, ...filters } = q;
  await writeAudit(ctx, { action: 'tender.export', targetType: 'tender', regionId: actor.regionId, institutionId: actor.institutionId, after: { ...filters, rows: items.length } });
  return items;
}

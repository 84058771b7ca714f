/**
 * The home page's to-do list: what waits for the caller in each module they work in. Every count is
 * taken through the same list service (and so the same scope and confidentiality rules) as the console
 * list its link opens, with the same filters, so the number on the home page is the number of rows the
 * officer finds behind it.
 */
import { can, type TPermission, type TTodo, type TTodoKey, ZBookingQuery, ZCaseQuery, ZRectificationQuery, ZRepQuery, ZRiskQuery, ZTalkQuery } from '@qinglian/contracts';
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { type Actor, scopeOf, scopeWhere } from '../../platform/access.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { listCases } from '../reports/cases.service.ts';
import { countUnregistered } from '../reports/inbox.service.ts';
import { listBookings } from '../reps/bookings.service.ts';
import { listReps } from '../reps/registry.service.ts';
import { repVisitHosts, repVisits } from '../reps/reps.tables.ts';
import { countAlerts } from '../screening/alerts.service.ts';
import { listRectifications } from '../supervision/rectification.service.ts';
import { listRisks } from '../supervision/risk.service.ts';
import { listTalks } from '../supervision/talks.service.ts';

type Severity = TTodo['items'][number]['severity'];
interface Source {
  key: TTodoKey;
  perm: TPermission;
  severity: Severity;
  /** Only for some of those holding the permission (e.g. a department's own answers). */
  when?: (actor: Actor) => boolean;
  /** The console list and its filters (which may depend on the caller); null when there is no list to open. */
  path: string | null;
  query?: Record<string, string> | ((actor: Actor) => Record<string, string>);
  count: (ctx: Ctx, query: Record<string, string>) => Promise<number>;
}

const ONE = { pageSize: '1' };
const inDepartment = (a: Actor) => scopeOf(a) === 'department';
/** The region's discipline group sees every case of the region, but its own work is the cases routed to it. */
const casesOf = (filters: Record<string, string>) => (a: Actor) => (scopeOf(a) === 'region' ? { ...filters, routedTo: 'region' } : filters);

const SOURCES: Source[] = [
  { key: 'cases.overdue', perm: 'case.handle', severity: 'danger', path: '/cases', query: casesOf({ overdue: 'true' }), count: async (c, q) => (await listCases(c, ZCaseQuery.parse({ ...q, ...ONE }))).total },
  { key: 'cases.new', perm: 'case.handle', severity: 'warning', path: '/cases', query: casesOf({ status: 'received' }), count: async (c, q) => (await listCases(c, ZCaseQuery.parse({ ...q, ...ONE }))).total },
  { key: 'cases.mine', perm: 'case.handle', severity: 'info', path: '/cases', query: { mine: 'true', open: 'true' }, count: async (c, q) => (await listCases(c, ZCaseQuery.parse({ ...q, ...ONE }))).total },
  { key: 'cases.unregistered', perm: 'case.handle', severity: 'danger', path: null, count: (c) => countUnregistered(c) },
  { key: 'screening.open', perm: 'screening.view', severity: 'warning', path: '/screening/alerts', query: { status: 'open' }, count: (c) => countAlerts(c, { status: 'open' }) },
  { key: 'rectifications.overdue', perm: 'inspection.read', severity: 'danger', path: '/supervision/rectifications', query: { overdue: 'true' }, count: async (c, q) => (await listRectifications(c, ZRectificationQuery.parse({ ...q, ...ONE }))).total },
  { key: 'rectifications.toVerify', perm: 'inspection.manage', severity: 'warning', path: '/supervision/rectifications', query: { status: 'submitted' }, count: async (c, q) => (await listRectifications(c, ZRectificationQuery.parse({ ...q, ...ONE }))).total },
  { key: 'rectifications.toAnswer', perm: 'rectification.respond', when: inDepartment, severity: 'warning', path: '/supervision/rectifications', query: { status: 'open' }, count: async (c, q) => (await listRectifications(c, ZRectificationQuery.parse({ ...q, ...ONE }))).total },
  { key: 'rectifications.returned', perm: 'rectification.respond', when: inDepartment, severity: 'warning', path: '/supervision/rectifications', query: { status: 'returned' }, count: async (c, q) => (await listRectifications(c, ZRectificationQuery.parse({ ...q, ...ONE }))).total },
  { key: 'risks.reviewOverdue', perm: 'risk.manage', severity: 'warning', path: '/supervision/risks', query: { reviewOverdue: 'true' }, count: async (c, q) => (await listRisks(c, ZRiskQuery.parse({ ...q, ...ONE }))).total },
  { key: 'talks.followUp', perm: 'talk.manage', severity: 'info', path: '/supervision/talks', query: { followUpPending: 'true' }, count: async (c, q) => (await listTalks(c, ZTalkQuery.parse({ ...q, ...ONE }))).total },
  { key: 'reps.registrations', perm: 'rep.manage', severity: 'warning', path: '/reps/registry', query: { status: 'pending' }, count: async (c, q) => (await listReps(c, ZRepQuery.parse({ ...q, ...ONE }))).total },
  { key: 'reps.bookings', perm: 'rep.manage', severity: 'warning', path: '/reps/bookings', query: { status: 'requested' }, count: async (c, q) => (await listBookings(c, ZBookingQuery.parse({ ...q, ...ONE }))).total },
  {
    key: 'reps.onSite',
    perm: 'rep.manage',
    severity: 'info',
    path: '/reps/desk',
    count: async (c) =>
      (await c.db.select({ n: count() }).from(repVisits).where(and(scopeWhere(actorOf(c), { institutionId: repVisits.institutionId }), isNull(repVisits.checkedOutAt))))[0]?.n ?? 0,
  },
  {
    key: 'visits.toConfirm',
    perm: 'visit.host',
    severity: 'warning',
    path: '/reps/hosting',
    count: async (c) => {
      const personId = actorOf(c).personId;
      if (!personId) return 0;
      const [r] = await c.db
        .select({ n: count() })
        .from(repVisitHosts)
        .innerJoin(repVisits, eq(repVisits.id, repVisitHosts.visitId))
        .where(and(eq(repVisitHosts.personId, personId), isNull(repVisitHosts.confirmedAt), isNotNull(repVisits.recordedAt)));
      return r?.n ?? 0;
    },
  },
];

const queryOf = (s: Source, actor: Actor) => (typeof s.query === 'function' ? s.query(actor) : (s.query ?? {}));
const linkOf = (s: Source, query: Record<string, string>) => (s.path === null ? null : Object.keys(query).length ? `${s.path}?${new URLSearchParams(query)}` : s.path);

/** The caller's to-do items with something in them, most urgent first. */
export async function todo(ctx: Ctx): Promise<TTodo> {
  const actor = actorOf(ctx);
  const mine = SOURCES.filter((s) => can(actor.role, s.perm) && (s.when?.(actor) ?? true));
  const queries = mine.map((s) => queryOf(s, actor));
  const counts = await Promise.all(mine.map((s, i) => s.count(ctx, queries[i]!)));
  const rank: Record<Severity, number> = { danger: 0, warning: 1, info: 2 };
  return {
    items: mine
      .map((s, i) => ({ key: s.key, count: counts[i]!, severity: s.severity, to: linkOf(s, queries[i]!) }))
      .filter((x) => x.count > 0)
      .sort((a, b) => rank[a.severity] - rank[b.severity]),
  };
}

/**
 * Report and feedback figures for the caller's scope. Cases routed to the region (about a hospital's
 * leadership) count only in region figures, so an institution's own figures never hint at them.
 */
import type { TReportStats } from '@qinglian/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { scopeOf } from '../../platform/access.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { cases, feedback } from './reports.tables.ts';
import { shanghaiStart } from '../../platform/time.ts';

const CATEGORY_LABEL: Record<string, string> = {
  red_envelope: '收受红包',
  kickback: '收受回扣',
  improper_charge: '违规收费',
  over_treatment: '过度诊疗',
  attitude: '服务态度',
  rep_in_clinical: '医药代表进入临床科室',
  other: '其他',
};
const CHANNEL_LABEL: Record<string, string> = {
  integrity_code: '医廉码',
  hotline: '举报电话',
  letter: '来信',
  visit: '来访',
  suggestion_box: '意见箱',
  referral: '上级转办',
  screening: '数据筛查',
  inspection: '清廉查房',
};
const STATUS_LABEL: Record<string, string> = {
  received: '待受理',
  investigating: '办理中',
  on_hold: '暂存待查',
  concluded: '已办结待反馈',
  closed: '已结案',
  referred: '已转办',
  merged: '已合并',
};

const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

/** Figures for an institution, a department, or (region users) the whole region with a ranking. */
export async function reportStats(ctx: Ctx, q: { institutionId?: string; from?: string; to?: string }): Promise<TReportStats> {
  const actor = actorOf(ctx);
  const level = scopeOf(actor);
  if (level === 'self') throw notFound('stats');
  if (q.institutionId && level !== 'region' && q.institutionId !== actor.institutionId) throw notFound('institution');
  const now = ctx.platform.now();
  const from = q.from ? shanghaiStart(q.from) : new Date(now.getTime() - 365 * 86_400_000);
  const to = q.to ? new Date(shanghaiStart(q.to).getTime() + 86_400_000) : null;

  const caseScope: SQL[] = [sql`c.received_at >= ${from}`, sql`c.purged_at is null`];
  const fbScope: SQL[] = [sql`f.created_at >= ${from}`];
  if (to) {
    caseScope.push(sql`c.received_at < ${to}`);
    fbScope.push(sql`f.created_at < ${to}`);
  }
  if (level === 'region') {
    caseScope.push(sql`c.region_id = ${actor.regionId}`);
    fbScope.push(sql`f.institution_id in (select id from ${institutions} where region_id = ${actor.regionId})`);
    if (q.institutionId) {
      caseScope.push(sql`c.institution_id = ${q.institutionId}`);
      fbScope.push(sql`f.institution_id = ${q.institutionId}`);
    }
  } else {
    caseScope.push(sql`c.institution_id = ${actor.institutionId}`, sql`c.routed_to = 'institution'`);
    fbScope.push(sql`f.institution_id = ${actor.institutionId}`);
    if (level === 'department') {
      caseScope.push(sql`c.department_id = ${actor.departmentId}`);
      fbScope.push(sql`f.department_id = ${actor.departmentId}`);
    }
  }
  const cw = sql.join(caseScope, sql` and `);
  const fw = sql.join(fbScope, sql` and `);
  const open = sql`c.status in ('received','investigating','on_hold','concluded')`;
  const db = ctx.db;
  const month = (col: SQL) => sql`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM')`;

  const [totals] = await rows<Record<string, unknown>>(
    db,
    sql`select count(*)::int as reports,
          count(*) filter (where ${open})::int as open,
          count(*) filter (where ${open} and c.stage_deadline < ${now})::int as overdue,
          count(*) filter (where c.status in ('closed','referred'))::int as closed,
          percentile_cont(0.5) within group (order by extract(epoch from (c.closed_at - c.received_at)) / 86400.0)
            filter (where c.status in ('closed','referred') and c.closed_at is not null) as median_days,
          (count(*) filter (where c.conclusion in ('substantiated','partly')))::float / nullif(count(*) filter (where c.conclusion is not null), 0) as substantiation,
          (count(*) filter (where c.anonymous))::float / nullif(count(*), 0) as anonymous_share,
          (count(*) filter (where c.receipt_hash is not null and c.reporter_checks > 0))::float / nullif(count(*) filter (where c.receipt_hash is not null), 0) as follow_up
        from ${cases} c where ${cw}`,
  );
  const group = (col: SQL, labels: Record<string, string>) =>
    rows<{ key: string; count: number }>(db, sql`select ${col} as key, count(*)::int as count from ${cases} c where ${cw} group by 1 order by 2 desc`).then((rs) =>
      rs.map((r) => ({ key: String(r.key ?? 'none'), label: labels[String(r.key)] ?? '未填', count: Number(r.count) })),
    );
  const [byChannel, byCategory, byStatus] = await Promise.all([group(sql`c.channel`, CHANNEL_LABEL), group(sql`c.category`, CATEGORY_LABEL), group(sql`c.status`, STATUS_LABEL)]);
  const byDepartment = (
    await rows<{ key: string; label: string; count: number }>(
      db,
      sql`select coalesce(d.id::text, 'none') as key, coalesce(d.name, '未指明科室') as label, count(*)::int as count
          from ${cases} c left join ${departments} d on d.id = c.department_id where ${cw} group by 1, 2 order by 3 desc limit 30`,
    )
  ).map((r) => ({ ...r, count: Number(r.count) }));

  const caseMonths = await rows<{ month: string; reports: number }>(db, sql`select ${month(sql`c.received_at`)} as month, count(*)::int as reports from ${cases} c where ${cw} group by 1`);
  const fbMonths = await rows<{ month: string; ratings: number; praise: number; avg: number | null }>(
    db,
    sql`select ${month(sql`f.created_at`)} as month, count(*) filter (where f.kind = 'rating')::int as ratings,
          count(*) filter (where f.kind = 'praise')::int as praise, avg(f.stars) filter (where f.kind = 'rating') as avg
        from ${feedback} f where ${fw} group by 1`,
  );
  const months = new Map<string, TReportStats['byMonth'][number]>();
  for (const m of caseMonths) months.set(m.month, { month: m.month, reports: Number(m.reports), ratings: 0, praise: 0, avgStars: null });
  for (const m of fbMonths) {
    const cur = months.get(m.month) ?? { month: m.month, reports: 0, ratings: 0, praise: 0, avgStars: null };
    months.set(m.month, { ...cur, ratings: Number(m.ratings), praise: Number(m.praise), avgStars: num(m.avg) });
  }

  const [fb] = await rows<Record<string, unknown>>(
    db,
    sql`select count(*) filter (where f.kind = 'rating')::int as ratings, avg(f.stars) filter (where f.kind = 'rating') as avg,
          count(*) filter (where f.kind = 'praise')::int as praise from ${feedback} f where ${fw}`,
  );
  const praiseByForm = (
    await rows<{ key: string; count: number }>(db, sql`select f.praise_form as key, count(*)::int as count from ${feedback} f where ${fw} and f.kind = 'praise' group by 1 order by 2 desc`)
  ).map((r) => ({ key: r.key, label: { online: '线上表扬', letter: '表扬信', banner: '锦旗' }[r.key] ?? r.key, count: Number(r.count) }));
  const departmentRatings = (
    await rows<{ id: string; name: string; ratings: number; avg: number | null; praise: number; reports: number }>(
      db,
      sql`select d.id, d.name,
            count(f.id) filter (where f.kind = 'rating')::int as ratings, avg(f.stars) filter (where f.kind = 'rating') as avg,
            count(f.id) filter (where f.kind = 'praise')::int as praise,
            (select count(*)::int from ${cases} c where ${cw} and c.department_id = d.id) as reports
          from ${feedback} f join ${departments} d on d.id = f.department_id where ${fw} group by d.id, d.name order by 3 desc limit 50`,
    )
  ).map((r) => ({ id: r.id, name: r.name, ratings: Number(r.ratings), avgStars: num(r.avg), praise: Number(r.praise), reports: Number(r.reports) }));
  const clinicianRatings = (
    await rows<{ id: string; name: string; dept: string | null; ratings: number; avg: number | null; praise: number }>(
      db,
      sql`select p.id, p.name, d.name as dept, count(*) filter (where f.kind = 'rating')::int as ratings,
            avg(f.stars) filter (where f.kind = 'rating') as avg, count(*) filter (where f.kind = 'praise')::int as praise
          from ${feedback} f join ${people} p on p.id = f.person_id left join ${departments} d on d.id = p.department_id
          where ${fw} group by p.id, p.name, d.name order by 4 desc limit 50`,
    )
  ).map((r) => ({ id: r.id, name: r.name, departmentName: r.dept, ratings: Number(r.ratings), avgStars: num(r.avg), praise: Number(r.praise) }));

  const institutionRanking =
    level === 'region'
      ? (
          await rows<{ id: string; name: string; reports: number; overdue: number; avg: number | null; praise: number; median: number | null }>(
            db,
            sql`select i.id, i.name,
                  (select count(*)::int from ${cases} c where ${cw} and c.institution_id = i.id) as reports,
                  (select count(*)::int from ${cases} c where ${cw} and c.institution_id = i.id and ${open} and c.stage_deadline < ${now}) as overdue,
                  (select avg(f.stars) from ${feedback} f where ${fw} and f.institution_id = i.id and f.kind = 'rating') as avg,
                  (select count(*)::int from ${feedback} f where ${fw} and f.institution_id = i.id and f.kind = 'praise') as praise,
                  (select percentile_cont(0.5) within group (order by extract(epoch from (c.closed_at - c.received_at)) / 86400.0)
                     from ${cases} c where ${cw} and c.institution_id = i.id and c.closed_at is not null) as median
                from ${institutions} i where i.region_id = ${actor.regionId} and i.active
                order by overdue asc, avg desc nulls last, i.code`,
          )
        ).map((r) => ({ id: r.id, name: r.name, reports: Number(r.reports), overdue: Number(r.overdue), avgStars: num(r.avg), praise: Number(r.praise), medianDaysToClose: num(r.median) }))
      : [];

  return {
    reports: Number(totals?.reports ?? 0),
    open: Number(totals?.open ?? 0),
    overdue: Number(totals?.overdue ?? 0),
    closed: Number(totals?.closed ?? 0),
    medianDaysToClose: num(totals?.median_days),
    substantiationRate: num(totals?.substantiation),
    anonymousShare: num(totals?.anonymous_share),
    followUpRate: num(totals?.follow_up),
    byChannel,
    byCategory,
    byStatus,
    byDepartment,
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    ratings: Number(fb?.ratings ?? 0),
    avgStars: num(fb?.avg),
    praise: Number(fb?.praise ?? 0),
    praiseByForm,
    departmentRatings,
    clinicianRatings,
    institutionRanking,
  };
}

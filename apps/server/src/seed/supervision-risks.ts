/**
 * The demo region's risk points and talks at 清源市人民医院: library risk points adopted by the
 * departments they concern (pharmacy, procurement, equipment, works, HR, insurance, finance and the
 * busiest clinical departments) plus a few of the hospital's own, with their control measures planned,
 * under way or done; reviews spread over the coming year, some due within the month and one overdue.
 * Talks of every kind over the past year in the proportions the articles report (many reminder talks,
 * fewer criticism talks, a few admonishments, summons and deadlines), with their follow-ups. Dates follow
 * the day the demo is seeded; everything else comes from a fixed seed. Skipped when the hospital already
 * has risk points.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Platform } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { scheduleJobs } from '../platform/jobs.ts';
import { shanghaiDate } from '../platform/time.ts';
import { departments, people } from '../modules/org/org.tables.ts';
import { RISK_LIBRARY } from '../modules/supervision/risk.library.ts';
import { riskMeasures, riskPoints, talks } from '../modules/supervision/supervision.tables.ts';
import { prng } from './names.ts';

/** Which library entries each department adopted (department code → library keys). */
const ADOPTED: Record<string, string[]> = {
  PHAR: ['drug-admission', 'drug-offline', 'rx-statistics'],
  PROC: ['drug-split', 'drug-offline', 'equipment-collusion'],
  EQUP: ['equipment-spec', 'equipment-collusion'],
  LOGI: ['construction-change'],
  HR: ['recruit-fair'],
  INSU: ['insurance-fraud'],
  FIN: ['finance-cash'],
  MED: ['research-funds', 'recruit-fair'],
  INFO: ['rx-statistics'],
  // 心血管内科 has not yet adopted the prescribing and red-envelope entries: the browser test adopts them.
  CARD: ['beds-admission', 'insurance-fraud'],
  ORTH: ['rx-kickback', 'red-envelope', 'beds-admission', 'insurance-fraud'],
  GSUR: ['red-envelope', 'beds-admission', 'rx-kickback'],
  OBGY: ['red-envelope', 'beds-admission'],
  RESP: ['rx-kickback', 'insurance-fraud'],
  EMER: ['red-envelope'],
};

/** Where a department rated an adopted entry higher than the library does (likelihood, impact). */
const RATED: Record<string, [number, number]> = { 'ORTH:rx-kickback': [4, 5], 'PROC:drug-split': [4, 5], 'ORTH:insurance-fraud': [4, 4], 'EQUP:equipment-spec': [4, 5] };

/** The hospital's own risk points, beyond the library. */
const OWN: { dept: string; process: (typeof RISK_LIBRARY)[number]['process']; title: string; description: string; post: string; likelihood: number; impact: number; measures: string[] }[] = [
  { dept: 'PHAR', process: 'drug_procurement', title: '药库验收与实际到货不符', description: '验收人员与配送企业串通，少到多验或以次充好。', post: '药库管理员', likelihood: 2, impact: 4, measures: ['验收双人签字', '每季度盘点账实核对'] },
  { dept: 'CARD', process: 'prescribing', title: '心脏介入耗材使用中收受回扣', description: '支架、球囊等介入耗材的品牌选择受供应商影响，术者收受回扣。', post: '介入医师', likelihood: 3, impact: 5, measures: ['介入耗材使用月度点评', '术者与跟台人员接触登记', '耗材品牌选择集体讨论'] },
  { dept: 'ORTH', process: 'prescribing', title: '高值耗材使用未如实登记', description: '骨科植入物等高值耗材使用数量与收费不符，或跟台人员代为登记。', post: '科主任、护士长', likelihood: 3, impact: 4, measures: ['高值耗材条码全程追溯', '跟台人员登记备案', '每月耗材占比分析'] },
  { dept: 'LAB', process: 'equipment_tender', title: '试剂捆绑设备投放', description: '以"零元投放"设备换取配套试剂长期独家供应。', post: '科主任', likelihood: 3, impact: 3, measures: ['设备投放事前论证并报院务会', '试剂采购纳入平台'] },
  { dept: 'NURS', process: 'recruitment_promotion', title: '护理岗位调配中优亲厚友', description: '科室间护士调配、夜班安排中照顾关系人。', post: '护理部主任', likelihood: 2, impact: 2, measures: ['调配方案公示'] },
];

const EVIDENCE = ['已制定制度并印发全院', '已建立台账，纪检监察室抽查无异常', '已开展专题培训，签到表存档', '信息系统已上线预警规则', '已在科务会通报并签订承诺书'];

const TALK_REASONS: Record<string, string[]> = {
  reminder: [
    '门诊处方点评发现抗菌药物使用偏高',
    '科室医药代表接待登记不完整',
    '患者满意度回访反映服务态度生硬',
    '新提任中层干部任前廉政谈话',
    '节前廉洁自律提醒',
    '收受患者锦旗外附送的购物卡未及时上交',
    '参加企业赞助学术会议未按规定报备',
    '科室耗材月度用量异常增长',
    '病历书写与收费项目不一致',
    '外出讲课取酬未报备',
  ],
  criticism: ['违规向医药代表提供科室用药量', '多次在非接待时间接待医药代表', '收取患者家属礼品未上交', '医保违规收费被医保局通报', '值班期间擅自离岗造成投诉'],
  admonishment: ['接受供应商宴请并收受礼金', '利用床位安排收受好处', '拆分采购规避院内招标程序'],
  summons: ['科室连续两季度医保违规收费排名靠前', '科室多人被举报收受回扣', '整改落实不力，同类问题反复出现'],
  rectification: ['查房发现医药代表接待未登记，限期一个月整改', '高值耗材登记与收费不符，限期整改', '收费项目公示不全，限期整改'],
};
const FOLLOW_UPS = ['一个月后复查处方点评结果', '由科室负责人每月报告整改情况', '纪检监察室三个月后回访', '提交书面检查并在科务会说明', '整改完成后报纪检监察室验收'];
const RESULTS = ['已提交书面说明，复查未见同类问题', '整改到位，回访无异常', '科务会已通报，台账已补齐', '复查合格'];
const RECORDS = [
  '谈话人指出存在的问题及其危害，谈话对象对问题表示认同，承认思想上有所松懈，表示今后严格遵守“九项准则”，主动接受监督。',
  '谈话对象如实说明了有关情况，对照有关规定作了检讨，表示将在规定期限内完成整改并书面报告。',
  '谈话中重申了医药代表接待“两人在场、定时定点、登记备案”的要求，谈话对象表示立即整改。',
];

/** Talks over the year in the articles' proportions (79 : 35 : 7 : 3 scaled down, plus admonishments). */
const TALK_COUNTS: Record<string, number> = { reminder: 42, criticism: 17, admonishment: 5, summons: 4, rectification: 3 };

const day = (base: string, offset: number) => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

/** Seeds the hospital's risk points and talks; returns how many were written (none when it has some already). */
export async function seedDemoSupervisionRisks(platform: Platform, db: Db, institutionId: string): Promise<{ points: number; measures: number; talks: number }> {
  const [existing] = await db.select({ id: riskPoints.id }).from(riskPoints).where(eq(riskPoints.institutionId, institutionId)).limit(1);
  if (existing) return { points: 0, measures: 0, talks: 0 };
  const r = prng(7_2026);
  const today = shanghaiDate(platform.now());
  const depts = await db.select({ id: departments.id, code: departments.code }).from(departments).where(eq(departments.institutionId, institutionId));
  const deptId = new Map(depts.map((d) => [d.code.replace(/^.*-/, ''), d.id]));
  const staff = await db
    .select({ id: people.id, departmentId: people.departmentId })
    .from(people)
    .where(and(eq(people.institutionId, institutionId), inArray(people.departmentId, depts.map((d) => d.id))))
    .orderBy(people.staffNo);
  const inDept = (id: string) => staff.filter((p) => p.departmentId === id);

  // risk points and measures
  type PointRow = typeof riskPoints.$inferInsert;
  const points: { row: PointRow; measures: string[] }[] = [];
  for (const [code, keys] of Object.entries(ADOPTED)) {
    const departmentId = deptId.get(code);
    if (!departmentId) continue;
    for (const key of keys) {
      const e = RISK_LIBRARY.find((x) => x.key === key)!;
      // Each department judges the entry for itself: now and then one step up or down.
      const shift = (v: number) => Math.min(5, Math.max(1, v + (r.chance(0.25) ? r.pick([-1, 1]) : 0)));
      points.push({
        row: {
          institutionId,
          departmentId,
          process: e.process,
          title: e.title,
          description: e.description,
          likelihood: RATED[`${code}:${key}`]?.[0] ?? shift(e.likelihood),
          impact: RATED[`${code}:${key}`]?.[1] ?? shift(e.impact),
          libraryKey: e.key,
        },
        measures: e.measures,
      });
    }
  }
  for (const o of OWN) {
    const departmentId = deptId.get(o.dept);
    if (departmentId) points.push({ row: { institutionId, departmentId, postName: o.post, process: o.process, title: o.title, description: o.description, likelihood: o.likelihood, impact: o.impact }, measures: o.measures });
  }
  // Reviews: most later in the year, several within the month, one three weeks overdue.
  points.forEach((p, i) => {
    p.row.reviewOn = i === 3 ? day(today, -21) : i % 7 === 1 ? day(today, r.int(3, 28)) : day(today, r.int(35, 360));
    p.row.createdAt = new Date(`${day(today, -r.int(200, 420))}T02:00:00Z`);
    p.row.updatedAt = p.row.createdAt;
  });
  const made = await db.insert(riskPoints).values(points.map((p) => p.row)).returning({ id: riskPoints.id, departmentId: riskPoints.departmentId, reviewOn: riskPoints.reviewOn });
  const measureRows: (typeof riskMeasures.$inferInsert)[] = [];
  made.forEach((p, i) => {
    const owners = inDept(p.departmentId!);
    for (const description of points[i]!.measures) {
      const roll = r.next();
      const status = roll < 0.55 ? 'done' : roll < 0.85 ? 'in_progress' : 'planned';
      measureRows.push({
        riskPointId: p.id,
        institutionId,
        description,
        ownerId: owners.length ? owners[r.int(0, Math.min(2, owners.length - 1))]!.id : null,
        status,
        dueOn: status === 'done' ? day(today, -r.int(20, 200)) : day(today, r.int(-10, 120)),
        evidence: status === 'done' ? r.pick(EVIDENCE) : status === 'in_progress' ? '正在落实中' : null,
      });
    }
  });
  await db.insert(riskMeasures).values(measureRows);
  // The scheduler reminds of each review as the console's own edits would have arranged.
  await scheduleJobs(
    db,
    made.map((p) => ({ kind: 'risk.review', runAt: new Date(`${p.reviewOn}T09:00:00+08:00`), dedupeKey: `risk:${p.id}:review`, payload: { riskPointId: p.id, reviewOn: p.reviewOn } })),
  );

  // talks
  const discipline = inDept(deptId.get('DISC')!);
  const officeTalkers = discipline.slice(0, 3).map((p) => p.id);
  const leaders = inDept(deptId.get('OFFI')!).map((p) => p.id);
  const clinicalIds = depts.filter((d) => ['CARD', 'ORTH', 'GSUR', 'OBGY', 'RESP', 'PHAR', 'PROC', 'EMER', 'GAST', 'PEDI'].includes(d.code.replace(/^.*-/, ''))).map((d) => d.id);
  const subjects = staff.filter((p) => p.departmentId && clinicalIds.includes(p.departmentId) && !officeTalkers.includes(p.id));
  const talkRows: (typeof talks.$inferInsert)[] = [];
  for (const [kind, n] of Object.entries(TALK_COUNTS) as [keyof typeof TALK_COUNTS & (typeof talks.$inferInsert)['kind'], number][]) {
    for (let i = 0; i < n; i++) {
      const subject = r.pick(subjects);
      const talkedOn = day(today, -r.int(2, 360));
      const serious = kind === 'admonishment' || kind === 'summons';
      const talkerIds = [r.pick(officeTalkers), ...(serious && leaders.length ? [r.pick(leaders)] : [])].filter((x, j, a) => a.indexOf(x) === j && x !== subject.id);
      const hasFollowUp = kind !== 'reminder' || r.chance(0.3);
      const followUpDue = hasFollowUp ? day(talkedOn, r.int(14, 90)) : null;
      // A follow-up whose date has passed is mostly done; one in the future is still open; a few overdue ones stay open.
      const done = followUpDue && followUpDue < today && r.chance(0.85) ? day(followUpDue, -r.int(0, 7)) : null;
      talkRows.push({
        institutionId,
        subjectId: subject.id,
        subjectDepartmentId: subject.departmentId,
        kind,
        reasonKind: kind === 'reminder' && i % 6 === 5 ? 'assessment' : 'free',
        reason: kind === 'reminder' && i % 6 === 5 ? '季度考核排名靠后，提醒谈话' : r.pick(TALK_REASONS[kind]!),
        talkerIds,
        talkedOn,
        record: r.pick(RECORDS),
        followUp: hasFollowUp ? r.pick(FOLLOW_UPS) : '',
        followUpDue,
        followUpDoneOn: done && done < talkedOn ? talkedOn : done,
        followUpResult: done ? r.pick(RESULTS) : null,
        createdAt: new Date(`${talkedOn}T08:00:00Z`),
        updatedAt: new Date(`${talkedOn}T08:00:00Z`),
      });
    }
  }
  const madeTalks = await db.insert(talks).values(talkRows).returning({ id: talks.id, followUpDue: talks.followUpDue, followUpDoneOn: talks.followUpDoneOn });
  await scheduleJobs(
    db,
    madeTalks
      .filter((t) => t.followUpDue && !t.followUpDoneOn)
      .map((t) => ({ kind: 'talk.follow_up', runAt: new Date(`${t.followUpDue}T09:00:00+08:00`), dedupeKey: `talk:${t.id}:follow_up`, payload: { talkId: t.id, due: t.followUpDue } })),
  );
  return { points: made.length, measures: measureRows.length, talks: talkRows.length };
}

/**
 * The demo's inspection rounds at 清源市人民医院 (QY001): two checklist templates (clinical and
 * administrative), seven rounds over the past five months (completed, one under way, one planned, one
 * cancelled) with every visited department's checklist scored, findings whose rectification orders sit
 * in every state (accepted on time and late, waiting for verification, sent back, open, overdue and
 * escalated), one issued supervision suggestion letter (监察建议书), and two quarters of scores for the
 * middle-level cadres. Deterministic and idempotent: dates follow the day the demo is seeded, and a
 * second run for an institution that already has templates writes nothing.
 */
import { drawPng } from './picture.ts';
import { and, eq } from 'drizzle-orm';
import { scoreAnswers } from '../modules/supervision/rounds.service.ts';
import { dayAfter, morningOf } from '../modules/supervision/supervision.common.ts';
import { cadreAssessments, checklistTemplates, inspectionResults, inspectionRounds, letterCounters, rectifications } from '../modules/supervision/supervision.tables.ts';
import { posts } from '../modules/org/org.tables.ts';
import { putBlob } from '../platform/blobs.ts';
import type { Platform } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { scheduleJob } from '../platform/jobs.ts';
import { attachments } from '../platform/platform.tables.ts';
import { shanghaiDate } from '../platform/time.ts';
import { prng } from './names.ts';

type Section = { title: string; passMark: number; items: { id: string; text: string; weight: number }[] };
type Answer = { itemId: string; answer: 'yes' | 'no' | 'na'; score?: number; note?: string; photoIds: string[] };

const CLINICAL: Section[] = [
  {
    title: '廉洁行医',
    passMark: 80,
    items: [
      { id: 'c1', text: '未发现收受患者红包、礼品', weight: 3 },
      { id: 'c2', text: '未发现收受医药企业回扣、宴请', weight: 3 },
      { id: 'c3', text: '“九项准则”在科室醒目位置公示', weight: 1 },
      { id: 'c4', text: '科室每季度开展廉洁从业教育并有记录', weight: 1 },
    ],
  },
  {
    title: '医药代表接待',
    passMark: 80,
    items: [
      { id: 'r1', text: '医药代表在指定时间、地点接待', weight: 2 },
      { id: 'r2', text: '接待有登记，两人以上在场', weight: 2 },
    ],
  },
  {
    title: '收费与处方',
    passMark: 80,
    items: [
      { id: 'p1', text: '收费项目与标准在科室公示', weight: 1 },
      { id: 'p2', text: '抽查病历未发现超说明书用药未审批', weight: 2 },
    ],
  },
];

const ADMIN: Section[] = [
  {
    title: '采购与合同',
    passMark: 80,
    items: [
      { id: 'a1', text: '采购谈判两人以上参加并签字', weight: 3 },
      { id: 'a2', text: '合同按权限审批，验收单有使用科室签字', weight: 2 },
      { id: 'a3', text: '供应商廉洁承诺书签订齐全', weight: 1 },
    ],
  },
  {
    title: '制度与台账',
    passMark: 80,
    items: [
      { id: 'b1', text: '廉政风险排查台账按月更新', weight: 2 },
      { id: 'b2', text: '科室重大事项集体决策有记录', weight: 2 },
    ],
  },
];

const day = (base: string, offset: number) => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/** The two quarters before the one `today` falls in ("2026-Q3", "2026-Q2"). */
function lastQuarters(today: string): [string, string] {
  let y = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const prev = () => {
    q--;
    if (q === 0) {
      q = 4;
      y--;
    }
    return `${y}-Q${q}`;
  };
  return [prev(), prev()];
}

/** A 160×120 photo stand-in: a ruled page of a register on a desk (PNG). */
function registerPhoto(): Buffer {
  return drawPng(160, 120, (x, y) => {
    const page = x > 24 && x < 136 && y > 12 && y < 108;
    const ruled = page && y > 24 && (y - 24) % 10 === 0;
    const margin = page && x === 40;
    return ruled ? [150, 170, 200] : margin ? [220, 120, 120] : page ? [250, 247, 236] : [150, 116, 84];
  });
}

export interface RoundsPlace {
  regionId: string;
  institutionId: string;
  institutionCode: string;
  /** Department ids by catalog code (CARD, ORTH, PHAR, …). */
  departments: Map<string, { id: string }>;
  /** The head (a middle-level cadre) of each department, by code. */
  heads: Record<string, string | undefined>;
  /** The round team: the discipline officer and colleagues from other offices. */
  team: string[];
}

/** Findings the seed records, with the life each order has had since. */
interface FindingSpec {
  round: number;
  dept: string;
  item: string;
  kind: string;
  description: string;
  /** Days after the round. */
  deadline: number;
  /** What happened, as day offsets after the round. */
  submitted?: number;
  returned?: { on: number; note: string };
  accepted?: { on: number; note: string };
  evidence?: string;
  letter?: number;
  photo?: boolean;
}

/** Seeds rounds, rectification and cadre scores for one institution; nothing if it already has checklists. */
export async function seedDemoSupervisionRounds(platform: Platform, db: Db, place: RoundsPlace): Promise<{ rounds: number; findings: number; scores: number }> {
  const [existing] = await db.select({ id: checklistTemplates.id }).from(checklistTemplates).where(eq(checklistTemplates.institutionId, place.institutionId)).limit(1);
  if (existing) return { rounds: 0, findings: 0, scores: 0 };
  const r = prng(20261207);
  const today = shanghaiDate(platform.now());
  const dept = (code: string) => place.departments.get(code)!.id;
  const inst = place.institutionId;

  const [clinical, admin] = await db
    .insert(checklistTemplates)
    .values([
      { institutionId: inst, name: '临床科室清廉查房检查表', sections: CLINICAL },
      { institutionId: inst, name: '职能科室廉洁风险检查表', sections: ADMIN },
    ])
    .returning();

  const month = (d: string) => `${Number(d.slice(5, 7))}月`;
  const planned = [day(today, -150), day(today, -105), day(today, -62), day(today, -30), day(today, -4), day(today, 12), day(today, -18)];
  const ROUNDS = [
    { title: `${month(planned[0]!)}临床科室清廉查房`, on: planned[0]!, tpl: clinical!, methods: ['unannounced', 'interview'], depts: ['CARD', 'ORTH', 'GSUR'], status: 'completed' as const },
    { title: `${month(planned[1]!)}药品耗材领域专项检查`, on: planned[1]!, tpl: admin!, methods: ['document_review', 'interview'], depts: ['PHAR', 'PROC', 'EQUP'], status: 'completed' as const },
    { title: `${month(planned[2]!)}临床科室清廉查房`, on: planned[2]!, tpl: clinical!, methods: ['unannounced', 'document_review'], depts: ['GSUR', 'PEDI', 'OBGY', 'EMER'], status: 'completed' as const },
    { title: `${month(planned[3]!)}采购与设备管理专项检查`, on: planned[3]!, tpl: admin!, methods: ['document_review', 'assessment'], depts: ['PROC', 'EQUP', 'FIN'], status: 'completed' as const },
    { title: `${month(planned[4]!)}临床科室清廉查房`, on: planned[4]!, tpl: clinical!, methods: ['unannounced', 'interview'], depts: ['CARD', 'OBGY', 'PEDI'], status: 'in_progress' as const },
    { title: `${month(planned[5]!)}医保结算领域专项检查`, on: planned[5]!, tpl: admin!, methods: ['document_review'], depts: ['INSU', 'FIN'], status: 'planned' as const },
    { title: `${month(planned[6]!)}门急诊清廉查房`, on: planned[6]!, tpl: clinical!, methods: ['interview'], depts: ['EMER', 'ORTH'], status: 'cancelled' as const },
  ];

  const FINDINGS: FindingSpec[] = [
    { round: 0, dept: 'CARD', item: 'r1', kind: 'rep_contact', description: '医药代表在诊室内推介产品，未在指定接待室接待', deadline: 30, submitted: 18, accepted: { on: 22, note: '已设置接待室并公示接待时间，整改到位' }, evidence: '已在门诊二楼设置医药代表接待室，接待时间为每周三下午，全科组织学习接待管理规定。' },
    { round: 0, dept: 'ORTH', item: 'p1', kind: 'charging', description: '部分骨科耗材收费项目未在科室公示栏公示', deadline: 30, submitted: 34, accepted: { on: 37, note: '公示内容已补齐，但超过整改期限提交' }, evidence: '已更新科室公示栏，补充 12 项耗材收费标准。' },
    { round: 1, dept: 'PHAR', item: 'b1', kind: 'records', description: '药品回扣风险排查台账未按月更新，最近三个月为空白', deadline: 30, submitted: 21, accepted: { on: 25, note: '台账已补录并明确专人每月更新' }, evidence: '已补录近三个月排查情况，由科室质控员每月 5 日前更新。', letter: 3 },
    { round: 1, dept: 'PROC', item: 'a1', kind: 'discipline', description: '两次耗材采购谈判记录仅一人签字，不符合“两人以上参加”要求', deadline: 40, submitted: 28, returned: { on: 31, note: '仅提交了制度文本，未见补签后的谈判记录和后续谈判的执行情况' }, evidence: '已修订采购谈判管理办法。' },
    { round: 2, dept: 'GSUR', item: 'p2', kind: 'prescribing', description: '抽查 20 份病历，3 份超说明书用药未履行审批手续', deadline: 30 },
    { round: 2, dept: 'PEDI', item: 'c4', kind: 'service', description: '科室廉洁从业教育记录缺失，本年度未开展集中学习', deadline: 45, submitted: 40, evidence: '已于本月组织全科集中学习“九项准则”，附签到表。', photo: true },
    { round: 3, dept: 'EQUP', item: 'a2', kind: 'records', description: '两份设备维保合同的验收单缺少使用科室签字', deadline: 35, submitted: 20, returned: { on: 23, note: '请补充使用科室负责人签字后的验收单扫描件' }, evidence: '已联系使用科室补签。', photo: true },
    { round: 3, dept: 'PROC', item: 'a3', kind: 'other', description: '3 家新入围供应商未签订廉洁承诺书', deadline: 40 },
    { round: 4, dept: 'CARD', item: 'r2', kind: 'rep_contact', description: '医药代表接待登记本缺页，近两周接待无登记', deadline: 20, photo: true },
  ];

  // A photo of the register for the findings and answers that show one.
  const png = registerPhoto();
  const sha = await putBlob(platform.config.dataDir, png);
  const photoId = async (when: Date) =>
    (await db.insert(attachments).values({ regionId: place.regionId, institutionId: inst, uploadedBy: null, sha256: sha, size: png.length, mime: 'image/png', filename: '现场照片.png', createdAt: when }).returning())[0]!.id;

  let findings = 0;
  let letterNo = 0;
  for (const [ri, spec] of ROUNDS.entries()) {
    const team = place.team.slice(0, 2 + (ri % 2));
    const sections = spec.tpl.sections;
    const [round] = await db
      .insert(inspectionRounds)
      .values({
        institutionId: inst,
        title: spec.title,
        plannedOn: spec.on,
        methods: spec.methods,
        teamIds: team,
        departmentIds: spec.depts.map(dept),
        templateId: spec.tpl.id,
        templateVersion: 1,
        templateSnapshot: sections,
        status: spec.status,
        cancelReason: spec.status === 'cancelled' ? '与医院等级评审现场检查时间冲突，顺延至下月' : null,
        createdAt: at(day(spec.on, -7), '10:00'),
        updatedAt: at(day(spec.on, -7), '10:00'),
      })
      .returning();
    if (spec.status === 'planned' || spec.status === 'cancelled') continue;
    const mine = FINDINGS.filter((f) => f.round === ri);
    // The round under way has checked its first department only.
    const checked = spec.status === 'in_progress' ? spec.depts.slice(0, 1) : spec.depts;
    for (const code of checked) {
      const failing = new Map(mine.filter((f) => f.dept === code).map((f) => [f.item, f]));
      const answers: Answer[] = [];
      for (const item of sections.flatMap((s) => s.items)) {
        const f = failing.get(item.id);
        if (f) answers.push({ itemId: item.id, answer: 'no', note: f.description, photoIds: f.photo ? [await photoId(at(spec.on, '10:30'))] : [] });
        else if (r.next() < 0.08) answers.push({ itemId: item.id, answer: 'na', photoIds: [] });
        else if (r.next() < 0.12) answers.push({ itemId: item.id, answer: 'yes', score: r.pick([70, 80, 90]), note: '基本符合，个别记录不完整', photoIds: [] });
        else answers.push({ itemId: item.id, answer: 'yes', photoIds: [] });
      }
      const scored = scoreAnswers(sections, answers);
      await db.insert(inspectionResults).values({
        roundId: round!.id,
        institutionId: inst,
        departmentId: dept(code),
        answers,
        score: scored.score.toFixed(2),
        passed: scored.passed,
        sections: scored.sections,
        filledAt: at(spec.on, '11:00'),
      });
    }
    for (const f of mine) {
      const deadline = day(spec.on, f.deadline);
      const responsibleId = place.heads[f.dept]!;
      const photos = f.photo ? [await photoId(at(spec.on, '10:40'))] : [];
      const submittedAt = f.submitted !== undefined ? at(day(spec.on, f.submitted), '15:20') : null;
      const verifiedOn = f.accepted?.on ?? f.returned?.on;
      const status = f.accepted ? 'accepted' : f.returned ? 'returned' : f.submitted !== undefined ? 'submitted' : 'open';
      const overdue = status !== 'accepted' && deadline < today;
      const letterIssuedOn = f.letter !== undefined ? day(spec.on, f.letter) : null;
      const [row] = await db
        .insert(rectifications)
        .values({
          roundId: round!.id,
          institutionId: inst,
          departmentId: dept(f.dept),
          kind: f.kind,
          description: f.description,
          attachmentIds: photos,
          responsibleId,
          deadline,
          status,
          evidence: f.evidence ?? null,
          verificationNote: f.accepted?.note ?? f.returned?.note ?? null,
          // Overdue orders not waiting for verification have been escalated by the morning check.
          escalated: overdue && status !== 'submitted',
          letterNumber: letterIssuedOn ? `${place.institutionCode}监建〔${letterIssuedOn.slice(0, 4)}〕${++letterNo}号` : null,
          letterIssuedOn,
          letterSuggestions: letterIssuedOn
            ? `一、请于 ${deadline} 前补录近三个月的风险排查情况，明确专人每月更新台账。\n二、对照药品购销领域廉政风险点，逐项检查防控措施落实情况。\n三、将台账更新情况纳入科室月度质控考核。`
            : null,
          submittedAt,
          acceptedAt: f.accepted ? at(day(spec.on, f.accepted.on), '09:30') : null,
          createdAt: at(spec.on, '16:00'),
          updatedAt: verifiedOn !== undefined ? at(day(spec.on, verifiedOn), '09:30') : (submittedAt ?? at(spec.on, '16:00')),
        })
        .returning({ id: rectifications.id });
      findings++;
      // Orders still to answer get their overdue check (the morning after the deadline, or the next morning).
      if ((status === 'open' || status === 'returned') && !overdue)
        await scheduleJob(db, { kind: 'rectification.overdue', runAt: morningOf(dayAfter(deadline)), dedupeKey: `rect:${row!.id}:overdue`, payload: { id: row!.id } });
    }
  }
  if (letterNo) {
    const year = Number(day(planned[1]!, 3).slice(0, 4));
    await db.insert(letterCounters).values({ institutionId: inst, year, last: letterNo });
  }

  // Two quarters of scores for the middle-level cadres: most between 82 and 97, a few lower.
  const cadres = await db
    .select({ personId: posts.personId })
    .from(posts)
    .where(and(eq(posts.institutionId, inst), eq(posts.active, true), eq(posts.cadreLevel, 'middle')));
  const ids = [...new Set(cadres.map((c) => c.personId))].sort();
  let scores = 0;
  for (const period of lastQuarters(today)) {
    const rows = ids.map((personId, i) => {
      const base = i % 11 === 5 ? 68 + r.int(0, 9) : 82 + r.int(0, 14);
      const cents = r.int(0, 3) * 25;
      return { institutionId: inst, personId, period, score: `${base}.${String(cents).padStart(2, '0')}` };
    });
    if (rows.length) await db.insert(cadreAssessments).values(rows);
    scores += rows.length;
  }
  return { rounds: ROUNDS.length, findings, scores };
}

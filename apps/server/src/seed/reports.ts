/**
 * The demo region's reports at 清源市人民医院: integrity codes for the hospital and every department, and
 * half a year of reports from the codes, the hotline, letters and the suggestion box, each taken as far
 * through the real workflow as an office would have by now — closed with feedback, concluded, under
 * verification, held, referred elsewhere, and a few just received (one of them past its acceptance
 * deadline). One report about the hospital's leadership went to the region's discipline group.
 * Everything goes through the services the console uses, with the clock set to the day each step
 * happened, so numbers, timelines, deadlines and the audit trail are what real use leaves behind.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../platform/access.ts';
import { type Ctx, type Platform, systemCtx } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { actorFromAccount } from '../modules/auth/auth.service.ts';
import { accounts } from '../modules/auth/index.ts';
import { createCase } from '../modules/reports/cases.service.ts';
import { generateCodes } from '../modules/reports/codes.service.ts';
import { drainInbox } from '../modules/reports/inbox.service.ts';
import { idempotencyHash, receiptFor, receiptHash } from '../modules/reports/receipts.ts';
import { integrityCodes, reportInbox } from '../modules/reports/reports.tables.ts';
import * as wf from '../modules/reports/workflow.service.ts';
import { departments, people } from '../modules/org/org.tables.ts';
import type { TReportCategory } from '@qinglian/contracts';

type Outcome = 'closed' | 'concluded' | 'verifying' | 'inquiry' | 'held' | 'referred' | 'received';
interface DemoReport {
  daysAgo: number;
  channel: 'integrity_code' | 'hotline' | 'letter' | 'suggestion_box';
  category: TReportCategory;
  dept: string;
  text: string;
  outcome: Outcome;
  /** A named person of the department (by index among its staff) for cases with a subject. */
  subject?: number;
  conclusion?: 'substantiated' | 'partly' | 'unsubstantiated';
  summary?: string;
  aboutLeadership?: boolean;
}

const REPORTS: DemoReport[] = [
  { daysAgo: 171, channel: 'integrity_code', category: 'red_envelope', dept: 'GSUR', subject: 3, outcome: 'closed', conclusion: 'substantiated', text: '普外科手术前，主刀医生暗示家属“意思一下”，家属在办公室塞了两千元红包，医生当场收下。', summary: '经核实，该医生收受患者家属红包2000元属实，已全额退还患者，给予诫勉谈话并扣发当季绩效。' },
  { daysAgo: 160, channel: 'hotline', category: 'improper_charge', dept: 'ORTH', outcome: 'closed', conclusion: 'partly', text: '母亲在骨科住院12天，出院清单上有3天的静脉输液费用，但那几天并没有输液。', summary: '经核对医嘱和护理记录，其中1天的输液费用系录入错误，已退费并对收费流程进行整改；其余2天确有输液。' },
  { daysAgo: 152, channel: 'letter', category: 'kickback', dept: 'PROC', subject: 1, outcome: 'closed', conclusion: 'unsubstantiated', text: '反映采购中心工作人员与某耗材供应商关系密切，经常一起吃饭，怀疑在采购中收取回扣。', summary: '调取近两年采购记录与供应商往来情况，未发现违规线索；已对当事人进行提醒谈话，要求严守亲清边界。' },
  { daysAgo: 140, channel: 'integrity_code', category: 'attitude', dept: 'EMER', outcome: 'closed', conclusion: 'partly', text: '急诊科夜班时候诊将近两个小时，护士态度生硬，问话不理人。', summary: '当晚急诊量明显高于平时，候诊时间较长属实；已对相关护士进行批评教育，并增加夜间分诊力量。' },
  { daysAgo: 133, channel: 'suggestion_box', category: 'rep_in_clinical', dept: 'CARD', outcome: 'closed', conclusion: 'substantiated', text: '多次在心血管内科医生办公室看到穿便装的人拿着资料给医生讲药品，像是医药代表。', summary: '经调取监控并核对接待记录，确有一名医药代表未经预约进入临床科室，已按接待制度记违规一次并约谈其所在企业。' },
  { daysAgo: 125, channel: 'integrity_code', category: 'over_treatment', dept: 'RESP', outcome: 'closed', conclusion: 'unsubstantiated', text: '孩子只是普通感冒咳嗽，医生开了CT和一堆检查，感觉是过度检查。', summary: '经医务科组织专家复核病历，患儿有持续发热和肺部啰音，检查有临床指征，不属于过度医疗；已向反映人说明。' },
  { daysAgo: 118, channel: 'hotline', category: 'red_envelope', dept: 'OBGY', subject: 2, outcome: 'closed', conclusion: 'substantiated', text: '妇产科一名医生在产妇入院时收了家属购物卡，说是“帮忙安排单间”。', summary: '当事医生承认收受价值1000元购物卡，已上交医院并退还家属；给予批评谈话和通报批评。' },
  { daysAgo: 104, channel: 'integrity_code', category: 'improper_charge', dept: 'STOM', outcome: 'closed', conclusion: 'partly', text: '口腔科补牙前说好的价格，结账时多了一项“材料费”，没有人提前告知。', summary: '该项材料费符合收费标准，但未履行告知义务；已要求科室在诊疗前书面告知自费项目。' },
  { daysAgo: 96, channel: 'letter', category: 'kickback', dept: 'PHAR', outcome: 'closed', conclusion: 'unsubstantiated', text: '听说药剂科有人按医生的处方量向药企通报数据，拿好处。', summary: '核查信息系统统方权限和操作日志，未发现违规查询和导出；已收紧统计查询权限并纳入数据碰撞筛查。' },
  { daysAgo: 88, channel: 'integrity_code', category: 'attitude', dept: 'PEDI', outcome: 'closed', conclusion: 'unsubstantiated', text: '儿科医生看病时一直看手机，没怎么听我们说孩子的情况。', summary: '调阅诊室监控，医生使用的是移动查房终端查看检验结果，并非私人用途；已向反映人解释。' },
  { daysAgo: 80, channel: 'hotline', category: 'other', dept: 'INSU', outcome: 'closed', conclusion: 'partly', text: '医保办窗口办理异地报销材料时，工作人员让我找“认识的人”加快办理。', summary: '经了解系窗口人员表述不当，未发现索取好处；已进行提醒谈话并公开办理流程和时限。' },
  { daysAgo: 74, channel: 'integrity_code', category: 'red_envelope', dept: 'ORTH', subject: 4, outcome: 'closed', conclusion: 'substantiated', text: '骨科手术后，家属给管床医生送了红包，医生收下后第二天才退回一部分。', summary: '当事医生收受红包后仅部分退还，已责令全额退还并上交，给予诫勉谈话，取消年度评优资格。' },
  { daysAgo: 24, channel: 'suggestion_box', category: 'rep_in_clinical', dept: 'ONCO', outcome: 'concluded', conclusion: 'substantiated', text: '肿瘤科病区午休时间常有药企人员出入，给医生送资料和小礼品。', summary: '核实有两家企业代表在非接待时间进入病区，已记违规并通报企业；科室主任作出书面说明。' },
  { daysAgo: 22, channel: 'integrity_code', category: 'improper_charge', dept: 'LAB', outcome: 'concluded', conclusion: 'partly', text: '检验科同一天抽了两次血，收了两次采血费。', summary: '第二次采血系标本溶血重采，不应重复收费，已退费并修订重采收费规则。' },
  { daysAgo: 47, channel: 'hotline', category: 'kickback', dept: 'EQUP', subject: 1, outcome: 'verifying', text: '设备科采购的一台超声设备价格明显高于周边医院，怀疑有人与供应商串通。' },
  { daysAgo: 41, channel: 'integrity_code', category: 'red_envelope', dept: 'NSUR', subject: 2, outcome: 'inquiry', text: '神经外科一位医生在术前谈话时说“手术风险大，要看你们的表示”。' },
  { daysAgo: 36, channel: 'letter', category: 'over_treatment', dept: 'ICU', outcome: 'verifying', text: '父亲在重症监护室住了九天，费用八万多，很多药品和耗材名称看不懂，怀疑过度用药。' },
  { daysAgo: 30, channel: 'integrity_code', category: 'rep_in_clinical', dept: 'ENDO', outcome: 'inquiry', text: '内分泌科门诊外面经常有人拉病人介绍某种胰岛素，说比医院开的好。' },
  { daysAgo: 26, channel: 'suggestion_box', category: 'other', dept: 'LOGI', outcome: 'held', text: '总务科食堂承包商换了以后饭菜质量差了很多，听说承包是内定的。' },
  { daysAgo: 19, channel: 'suggestion_box', category: 'red_envelope', dept: 'NURS', outcome: 'received', text: '护理部组织的护士长竞聘，听说有人提前给领导送了礼，结果早就定好了。' },
  { daysAgo: 21, channel: 'integrity_code', category: 'attitude', dept: 'RADI', outcome: 'referred', text: '影像科预约CT要等一个星期，太久了，希望能增加机器。' },
  { daysAgo: 18, channel: 'hotline', category: 'improper_charge', dept: 'OPHT', outcome: 'verifying', text: '眼科白内障手术前推荐了价格很贵的进口晶体，说国产的不好，感觉是在推销。' },
  { daysAgo: 14, channel: 'integrity_code', category: 'other', dept: 'OFFI', outcome: 'received', aboutLeadership: true, text: '反映医院一位副院长的亲属开的公司长期为医院供应办公用品和印刷品。' },
  { daysAgo: 12, channel: 'integrity_code', category: 'attitude', dept: 'DERM', outcome: 'referred', text: '皮肤科挂号后等了很久，叫号系统经常出错。' },
  { daysAgo: 9, channel: 'hotline', category: 'red_envelope', dept: 'UROL', outcome: 'inquiry', text: '泌尿外科病房有家属议论说要给主任“包个红包”才能早点排上手术。' },
  { daysAgo: 6, channel: 'integrity_code', category: 'improper_charge', dept: 'GAST', outcome: 'received', text: '消化内科做胃镜时被要求加做无痛，费用多了几百元，事先没说清楚是自愿的。' },
  { daysAgo: 3, channel: 'letter', category: 'kickback', dept: 'PHAR', outcome: 'received', text: '听说某辅助用药近几个月用量突然增加很多，是不是有医生拿了药企的好处。' },
  { daysAgo: 1, channel: 'integrity_code', category: 'red_envelope', dept: 'CARD', outcome: 'received', text: '心血管内科一名医生在做冠脉支架前，暗示家属需要“打点”。' },
];

const DISPOSAL: Partial<Record<Outcome, 'talk_inquiry' | 'preliminary_verification' | 'hold'>> = {
  verifying: 'preliminary_verification',
  inquiry: 'talk_inquiry',
  held: 'hold',
};

const day = (base: Date, daysAgo: number, hour = 10) => {
  const d = new Date(base.getTime() - daysAgo * 86_400_000);
  d.setUTCHours(hour - 8, 17, 0, 0); // hour in China time
  return d;
};

/** Seeds the demo hospital's integrity codes and reports; returns how many cases it made. */
export async function seedDemoReports(
  platform: Platform,
  db: Db,
  opts: { institutionId: string; officerAccountId: string },
): Promise<number> {
  const base = platform.now();
  const actorOf = async (id: string): Promise<Actor> => {
    const [a] = await db.select().from(accounts).where(eq(accounts.id, id));
    const [p] = a!.personId ? await db.select({ name: people.name }).from(people).where(eq(people.id, a!.personId)) : [];
    return actorFromAccount(a!, p?.name ?? null);
  };
  const officer = await actorOf(opts.officerAccountId);
  const at = (when: Date, actor: Actor | null = officer): Ctx => systemCtx({ ...platform, db, now: () => when }, actor, 'seed-reports');

  // Codes for the hospital and every department, as the office would generate before printing posters.
  const setup = at(day(base, 180));
  await generateCodes(setup, '', { institutionId: opts.institutionId, kind: 'institution', departmentIds: [], personIds: [] });
  await generateCodes(setup, '', { institutionId: opts.institutionId, kind: 'department', departmentIds: [], personIds: [] });
  const depts = await db.select().from(departments).where(eq(departments.institutionId, opts.institutionId));
  const deptByCode = new Map(depts.map((d) => [d.code.split('-').pop()!, d]));
  const codes = await db.select().from(integrityCodes).where(eq(integrityCodes.institutionId, opts.institutionId));
  const staff = await db.select({ id: people.id, departmentId: people.departmentId }).from(people).where(eq(people.institutionId, opts.institutionId));

  let made = 0;
  // Oldest first, so case numbers follow the dates.
  for (const [i, r] of [...REPORTS].sort((a, b) => b.daysAgo - a.daysAgo).entries()) {
    const dept = deptByCode.get(r.dept) ?? depts.find((d) => d.code.endsWith(r.dept));
    if (!dept) continue;
    const received = day(base, r.daysAgo, 9 + (i % 8));
    let id: string;
    if (r.channel === 'integrity_code') {
      const code = codes.find((c) => c.departmentId === dept.id && c.kind === 'department')!;
      const key = `demo-report-${i}`;
      id = crypto.randomUUID();
      await db.insert(reportInbox).values({
        id,
        idempotencyHash: idempotencyHash(platform.keyring, key),
        receiptHash: receiptHash(platform.keyring, receiptFor(platform.keyring, key)),
        codeId: code.id,
        report: { category: r.category, text: r.text, subjectName: null, anonymous: true, aboutLeadership: !!r.aboutLeadership, photos: [] },
        receivedAt: received,
      });
      await drainInbox({ ...platform, db, now: () => received });
    } else {
      id = (await createCase(at(received), { channel: r.channel, category: r.category, text: r.text, departmentId: dept.id, subjectIds: [], anonymous: true })).id;
    }
    made++;
    if (r.outcome === 'received') continue;

    const step = (d: number) => at(day(base, Math.max(0, r.daysAgo - d), 15));
    const subject = r.subject !== undefined ? staff.filter((p) => p.departmentId === dept.id)[r.subject] : undefined;
    if (subject) await wf.setSubjects(step(1), id, [subject.id]);
    if (r.outcome === 'referred') {
      await wf.triage(step(2), id, { result: 'not_clue', note: '所反映问题属于医疗服务管理范畴，已转医务科、门诊部办理并答复。' });
      continue;
    }
    const disposal = DISPOSAL[r.outcome] ?? (r.conclusion === 'unsubstantiated' ? 'preliminary_verification' : 'talk_inquiry');
    await wf.triage(step(2), id, { result: 'clue', disposal, note: disposal === 'hold' ? '线索内容较笼统，暂存待查，待收集更多情况后再核实。' : '' , ...(disposal === 'hold' ? { holdUntil: day(base, -30).toISOString().slice(0, 10) } : {}) });
    if (disposal === 'hold') continue;
    await wf.addNote(step(6), id, { text: disposal === 'talk_inquiry' ? '已与当事人谈话，当事人作出书面说明。' : '已调取相关记录，正在核对。', attachmentIds: [] });
    if (r.outcome === 'verifying' || r.outcome === 'inquiry') continue;
    await wf.conclude(step(12), id, { conclusion: r.conclusion!, summary: r.summary!, actions: r.conclusion === 'substantiated' ? '已按规定处理并在科室内通报。' : '' });
    if (r.outcome === 'concluded') continue;
    await wf.giveFeedback(step(13), id, `您好，您反映的问题已办理完毕。${r.summary!}感谢您对医院清廉建设的监督。`);
    await wf.closeCase(step(14), id);
  }

  return made;
}

/** Spreadsheets of the supervision lists: risk points, talks, rounds, rectification orders and the cadre ranking (Chinese headers and labels, columns as in the console's tables). */
import type { TRectification, TRiskPoint, TRound, TTalk } from '@qinglian/contracts';
import { formatShanghai } from '../../platform/time.ts';
import { buildXlsx } from '../../platform/xlsx.ts';

const PROCESS_ZH: Record<TRiskPoint['process'], string> = {
  drug_procurement: '药品耗材采购',
  equipment_tender: '设备招标采购',
  construction: '基建工程',
  recruitment_promotion: '招聘与晋升',
  insurance_billing: '医保结算',
  research_funds: '科研经费',
  admission_beds: '住院收治与床位',
  prescribing: '处方与用药',
  finance: '财务收费',
  other: '其他',
};
const LEVEL_ZH: Record<TRiskPoint['level'], string> = { low: '低', medium: '中', high: '高', critical: '极高' };
const STATUS_ZH = { planned: '待落实', in_progress: '落实中', done: '已落实' } as const;
const TALK_ZH: Record<TTalk['kind'], string> = { reminder: '提醒谈话', criticism: '批评谈话', admonishment: '诫勉谈话', summons: '约谈', rectification: '限期整改' };
const REASON_ZH: Record<TTalk['reasonKind'], string> = { finding: '查房发现', case: '问题线索', assessment: '干部考核', free: '其他事由' };

/** One row per risk point; its measures in one cell, one per line. */
export function risksXlsx(rows: (TRiskPoint & { institutionName: string })[]): Promise<Buffer> {
  return buildXlsx<(typeof rows)[number]>(
    '廉政风险点',
    [
      { header: '医疗机构', width: 22, value: (r) => r.institutionName },
      { header: '科室', width: 16, value: (r) => r.departmentName ?? '全院' },
      { header: '岗位', width: 14, value: (r) => r.postName },
      { header: '业务流程', width: 16, value: (r) => PROCESS_ZH[r.process] },
      { header: '风险点', width: 36, value: (r) => r.title },
      { header: '风险描述', width: 48, value: (r) => r.description },
      { header: '发生可能性', width: 10, value: (r) => r.likelihood },
      { header: '影响程度', width: 10, value: (r) => r.impact },
      { header: '风险值', width: 8, value: (r) => r.score },
      { header: '风险等级', width: 8, value: (r) => LEVEL_ZH[r.level] },
      { header: '措施数', width: 8, value: (r) => r.measures.length },
      { header: '已落实', width: 8, value: (r) => r.measures.filter((m) => m.status === 'done').length },
      { header: '防控措施', width: 60, value: (r) => r.measures.map((m, i) => `${i + 1}. ${m.description}（${STATUS_ZH[m.status]}${m.ownerName ? `，${m.ownerName}` : ''}）`).join('\n') },
      { header: '复核日期', width: 12, value: (r) => r.reviewOn },
      { header: '复核逾期', width: 8, value: (r) => (r.reviewOverdue ? '是' : '') },
      { header: '状态', width: 8, value: (r) => (r.active ? '在用' : '已停用') },
    ],
    rows,
  );
}

/** One row per talk; the record itself stays out of the spreadsheet (it is read on the talk's page). */
export function talksXlsx(rows: TTalk[]): Promise<Buffer> {
  return buildXlsx<TTalk>(
    '谈话记录',
    [
      { header: '谈话日期', width: 12, value: (r) => r.talkedOn },
      { header: '医疗机构', width: 22, value: (r) => r.institutionName },
      { header: '谈话对象', width: 12, value: (r) => r.subjectName },
      { header: '所在科室', width: 16, value: (r) => r.subjectDepartment },
      { header: '谈话类型', width: 12, value: (r) => TALK_ZH[r.kind] },
      { header: '事由类型', width: 12, value: (r) => REASON_ZH[r.reasonKind] },
      { header: '谈话事由', width: 40, value: (r) => r.reason },
      { header: '谈话人', width: 20, value: (r) => r.talkerNames.join('、') },
      { header: '跟进要求', width: 30, value: (r) => r.followUp },
      { header: '跟进期限', width: 12, value: (r) => r.followUpDue },
      { header: '跟进完成', width: 12, value: (r) => r.followUpDoneOn },
      { header: '跟进结果', width: 30, value: (r) => r.followUpResult },
    ],
    rows,
  );
}

const METHOD_ZH: Record<string, string> = { unannounced: '突击检查', interview: '个别访谈', document_review: '查阅资料', assessment: '测评' };
const ROUND_STATUS_ZH: Record<string, string> = { planned: '已计划', in_progress: '进行中', completed: '已完成', cancelled: '已取消' };
const RECT_STATUS_ZH: Record<string, string> = { open: '待整改', submitted: '待验收', accepted: '已验收', returned: '已退回' };
const KIND_ZH: Record<string, string> = { discipline: '纪律作风', charging: '收费管理', prescribing: '处方行为', rep_contact: '医药代表接待', service: '服务态度', records: '台账资料', other: '其他' };

export function roundsXlsx(rows: TRound[]): Promise<Buffer> {
  return buildXlsx<TRound>('清廉查房', [
    { header: '查房名称', width: 32, value: (r) => r.title },
    { header: '计划日期', width: 12, value: (r) => r.plannedOn },
    { header: '状态', width: 10, value: (r) => ROUND_STATUS_ZH[r.status] ?? r.status },
    { header: '方式', width: 24, value: (r) => r.methods.map((m) => METHOD_ZH[m] ?? m).join('、') },
    { header: '检查组', width: 24, value: (r) => r.teamNames.join('、') },
    { header: '被查科室', width: 30, value: (r) => r.departmentNames.join('、') },
    { header: '检查表', width: 24, value: (r) => `${r.templateName}（第${r.templateVersion}版）` },
    { header: '已评分科室', width: 10, value: (r) => r.results.length },
    { header: '平均得分', width: 10, value: (r) => (r.results.length ? Math.round((r.results.reduce((s, x) => s + x.score, 0) / r.results.length) * 100) / 100 : '') },
    { header: '未达标科室', width: 24, value: (r) => r.results.filter((x) => !x.passed).map((x) => x.departmentName).join('、') },
    { header: '发现问题', width: 10, value: (r) => r.findings },
    { header: '取消原因', width: 24, value: (r) => r.cancelReason },
  ], rows);
}

export function rectificationsXlsx(rows: TRectification[]): Promise<Buffer> {
  return buildXlsx<TRectification>('整改事项', [
    { header: '问题描述', width: 40, value: (r) => r.description },
    { header: '问题类别', width: 14, value: (r) => KIND_ZH[r.kind] ?? r.kind },
    { header: '责任科室', width: 16, value: (r) => r.departmentName },
    { header: '责任人', width: 10, value: (r) => r.responsibleName },
    { header: '来源查房', width: 28, value: (r) => r.roundTitle },
    { header: '整改期限', width: 12, value: (r) => r.deadline },
    { header: '状态', width: 10, value: (r) => RECT_STATUS_ZH[r.status] ?? r.status },
    { header: '是否逾期', width: 8, value: (r) => (r.overdue ? '是' : '否') },
    { header: '已上报逾期', width: 10, value: (r) => (r.escalated ? '是' : '否') },
    { header: '提交整改时间', width: 18, value: (r) => (r.submittedAt ? formatShanghai(r.submittedAt).slice(0, 16) : '') },
    { header: '验收时间', width: 18, value: (r) => (r.acceptedAt ? formatShanghai(r.acceptedAt).slice(0, 16) : '') },
    { header: '验收意见', width: 30, value: (r) => r.verificationNote },
    { header: '监察建议书', width: 22, value: (r) => r.letterNumber },
    { header: '关联案件', width: 20, value: (r) => r.caseNumber },
    { header: '下达时间', width: 18, value: (r) => formatShanghai(r.createdAt).slice(0, 16) },
  ], rows);
}

type RankingRow = { rank: number; name: string; departmentName: string | null; post: string | null; score: string; proposedTalk: boolean; talked: boolean };
export function rankingXlsx(period: string, rows: RankingRow[]): Promise<Buffer> {
  return buildXlsx<RankingRow>(`${period} 中层干部考核`, [
    { header: '名次', width: 8, value: (r) => r.rank },
    { header: '姓名', width: 12, value: (r) => r.name },
    { header: '科室', width: 18, value: (r) => r.departmentName },
    { header: '职务', width: 16, value: (r) => r.post },
    { header: '得分', width: 10, value: (r) => r.score },
    { header: '建议提醒谈话', width: 12, value: (r) => (r.proposedTalk ? '是' : '') },
    { header: '已谈话', width: 10, value: (r) => (r.talked ? '是' : '') },
  ], rows);
}

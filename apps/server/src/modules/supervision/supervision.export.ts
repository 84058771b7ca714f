/** Spreadsheets of the risk-point and talk lists: the filtered list, Chinese headers and labels. */
import type { TRiskPoint, TTalk } from '@qinglian/contracts';
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

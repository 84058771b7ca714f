/** A starter library of common hospital integrity risk points; an institution adopts entries and edits its copies. */
import type { RISK_PROCESSES } from '@qinglian/contracts';

export interface LibraryEntry {
  key: string;
  process: (typeof RISK_PROCESSES)[number];
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  measures: string[];
}

export const RISK_LIBRARY: LibraryEntry[] = [
  { key: 'drug-admission', process: 'drug_procurement', title: '新药遴选准入中接受企业利益输送', description: '药事委员会委员在新药引进遴选中与供应商存在利益关系或接受宴请、回扣。', likelihood: 3, impact: 5, measures: ['药事会委员利益冲突申报并回避', '遴选全程记录、投票留痕', '纪检人员列席药事会'] },
  { key: 'drug-offline', process: 'drug_procurement', title: '违规线下采购药品耗材', description: '绕开省级平台线下采购，或以临时采购名义规避集中采购。', likelihood: 3, impact: 4, measures: ['平台外采购逐笔审批', '每月比对平台记录与入库记录', '临时采购事后公示'] },
  { key: 'drug-split', process: 'drug_procurement', title: '拆分采购规避招标', description: '将同一供应商的采购拆分为多笔，使单笔金额低于招标限额。', likelihood: 3, impact: 4, measures: ['按供应商按月累计采购额预警', '采购计划年度统筹'] },
  { key: 'equipment-spec', process: 'equipment_tender', title: '设备招标参数量身定制', description: '技术参数指向特定品牌，排斥潜在投标人。', likelihood: 3, impact: 5, measures: ['参数论证专家随机抽取', '参数公示征求意见', '纪检监督开评标'] },
  { key: 'equipment-collusion', process: 'equipment_tender', title: '围标串标', description: '投标人之间报价雷同或轮流中标。', likelihood: 2, impact: 5, measures: ['投标文件雷同性比对', '异常报价约谈'] },
  { key: 'construction-change', process: 'construction', title: '基建工程变更签证不规范', description: '工程量变更、签证缺少审核，虚增工程款。', likelihood: 3, impact: 4, measures: ['变更签证三方会签', '跟踪审计', '大额变更集体决策'] },
  { key: 'recruit-fair', process: 'recruitment_promotion', title: '招聘与职称评聘中优亲厚友', description: '招聘、晋升、评优中违规操作，照顾关系人。', likelihood: 2, impact: 4, measures: ['考官回避制度', '结果公示', '纪检全程监督'] },
  { key: 'insurance-fraud', process: 'insurance_billing', title: '医保违规收费与套取基金', description: '分解住院、串换项目、过度检查以套取医保基金。', likelihood: 3, impact: 4, measures: ['医保智能审核规则', '每月病历抽查', '违规收费追责'] },
  { key: 'research-funds', process: 'research_funds', title: '科研经费违规使用', description: '虚列劳务费、套取科研经费。', likelihood: 2, impact: 3, measures: ['经费支出审批与公示', '结题审计'] },
  { key: 'beds-admission', process: 'admission_beds', title: '床位安排与住院收治中收受好处', description: '利用床位紧张收受患者红包或优先安排关系人。', likelihood: 3, impact: 3, measures: ['床位统一调配并公示', '入院预约登记', '患者满意度回访'] },
  { key: 'rx-kickback', process: 'prescribing', title: '收受回扣开具处方', description: '医生收受药品耗材回扣，大处方、超常规用药。', likelihood: 3, impact: 5, measures: ['处方点评与超常预警', '统方权限管理与留痕', '医药代表接待登记'] },
  { key: 'rx-statistics', process: 'prescribing', title: '违规统方', description: '为医药代表提供医生用药量统计。', likelihood: 2, impact: 4, measures: ['信息系统统方权限分级', '统方操作审计日志'] },
  { key: 'red-envelope', process: 'other', title: '收受患者红包', description: '医务人员收受患者及家属红包礼品。', likelihood: 3, impact: 3, measures: ['签订不收红包协议', '红包上交登记', '医廉码公开举报渠道'] },
  { key: 'finance-cash', process: 'finance', title: '收费与现金管理漏洞', description: '收费员挪用现金、退费不规范。', likelihood: 2, impact: 3, measures: ['日清日结', '退费双人审核', '财务不定期盘点'] },
];

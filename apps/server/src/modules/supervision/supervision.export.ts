/** rounds: spreadsheets of the round list, the rectification orders and the cadre ranking (columns follow the console's tables). */
import type { TRectification, TRound } from '@qinglian/contracts';
import { formatShanghai } from '../../platform/time.ts';
import { buildXlsx } from '../../platform/xlsx.ts';

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

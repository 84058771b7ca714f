/** Spreadsheet exports of the case list and the figures. */
import type { TCaseSummary, TReportStats } from '@qinglian/contracts';
import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import { formatShanghai } from '../../platform/time.ts';
import { buildXlsx, sendDownload, XLSX_MIME } from '../../platform/xlsx.ts';

const STATUS: Record<string, string> = { received: '待受理', investigating: '办理中', on_hold: '暂存待查', concluded: '已办结待反馈', closed: '已结案', referred: '已转办', merged: '已合并' };
const DISPOSAL: Record<string, string> = { talk_inquiry: '谈话函询', preliminary_verification: '初步核实', hold: '暂存待查', close: '予以了结' };
const CONCLUSION: Record<string, string> = { substantiated: '属实', partly: '部分属实', unsubstantiated: '不属实' };

/** The case ledger (台账). */
export async function exportCasesXlsx(reply: FastifyReply, rows: TCaseSummary[]) {
  const buf = await buildXlsx(
    '问题线索台账',
    [
      { header: '编号', width: 18, value: (r) => r.number },
      { header: '机构', width: 22, value: (r) => r.institutionName },
      { header: '来源', value: (r) => r.channel },
      { header: '类别', value: (r) => r.category },
      { header: '科室', value: (r) => r.departmentName },
      { header: '被反映人', width: 18, value: (r) => r.subjectNames.join('、') },
      { header: '状态', value: (r) => STATUS[r.status] ?? r.status },
      { header: '处置方式', value: (r) => (r.disposal ? DISPOSAL[r.disposal] : '') },
      { header: '结论', value: (r) => (r.conclusion ? CONCLUSION[r.conclusion] : '') },
      { header: '承办人', value: (r) => r.ownerName },
      { header: '收件时间', width: 20, value: (r) => formatShanghai(r.receivedAt) },
      { header: '当前期限', width: 20, value: (r) => (r.stageDeadline ? formatShanghai(r.stageDeadline) : '') },
      { header: '是否逾期', value: (r) => (r.overdue ? '逾期' : '') },
      { header: '办结时间', width: 20, value: (r) => (r.closedAt ? formatShanghai(r.closedAt) : '') },
      { header: '匿名', value: (r) => (r.anonymous ? '是' : '否') },
    ],
    rows,
  );
  return sendDownload(reply, '问题线索台账.xlsx', XLSX_MIME, buf);
}

/** The figures as a workbook: totals, breakdowns, ratings and the ranking, one sheet each. */
export async function exportStatsXlsx(reply: FastifyReply, s: TReportStats) {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], data: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const r of data) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  };
  const pct = (v: number | null) => (v === null ? '' : `${Math.round(v * 1000) / 10}%`);
  sheet('总体', ['指标', '数值'], [
    ['举报件数', s.reports],
    ['办理中', s.open],
    ['逾期', s.overdue],
    ['已办结', s.closed],
    ['办结天数中位数', s.medianDaysToClose],
    ['属实率', pct(s.substantiationRate)],
    ['匿名占比', pct(s.anonymousShare)],
    ['举报人回访率', pct(s.followUpRate)],
    ['服务评价数', s.ratings],
    ['平均星级', s.avgStars],
    ['表扬数', s.praise],
  ]);
  sheet('按来源', ['来源', '件数'], s.byChannel.map((r) => [r.label ?? r.key, r.count]));
  sheet('按类别', ['类别', '件数'], s.byCategory.map((r) => [r.label ?? r.key, r.count]));
  sheet('按状态', ['状态', '件数'], s.byStatus.map((r) => [r.label ?? r.key, r.count]));
  sheet('按科室', ['科室', '件数'], s.byDepartment.map((r) => [r.label ?? r.key, r.count]));
  sheet('按月', ['月份', '举报', '评价', '表扬', '平均星级'], s.byMonth.map((m) => [m.month, m.reports, m.ratings, m.praise, m.avgStars]));
  sheet('科室评价', ['科室', '评价数', '平均星级', '表扬', '举报'], s.departmentRatings.map((d) => [d.name, d.ratings, d.avgStars, d.praise, d.reports]));
  sheet('医生评价', ['医生', '科室', '评价数', '平均星级', '表扬'], s.clinicianRatings.map((d) => [d.name, d.departmentName, d.ratings, d.avgStars, d.praise]));
  if (s.institutionRanking.length)
    sheet('机构排名', ['排名', '机构', '举报', '逾期', '平均星级', '表扬', '办结天数中位数'], s.institutionRanking.map((r, i) => [i + 1, r.name, r.reports, r.overdue, r.avgStars, r.praise, r.medianDaysToClose]));
  return sendDownload(reply, '举报与评价统计.xlsx', XLSX_MIME, Buffer.from(await wb.xlsx.writeBuffer()));
}

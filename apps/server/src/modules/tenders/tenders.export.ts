/** The process list as a spreadsheet: the filtered list with every flag, amounts as exact decimals. */
import type { TTenderProcess } from '@qinglian/contracts';
import { buildXlsx } from '../../platform/xlsx.ts';
import { formatShanghai } from '../../platform/time.ts';
import { METHOD_ZH } from './tenders.reasons.ts';

const when = (iso: string | null) => (iso ? formatShanghai(iso).slice(0, 16) : '');

/** One row per process; the columns follow the console's table. */
export function tendersXlsx(rows: TTenderProcess[]): Promise<Buffer> {
  return buildXlsx<TTenderProcess>('招标项目', [
    { header: '项目编号（ocid）', width: 28, value: (r) => r.ocid },
    { header: '项目名称', width: 36, value: (r) => r.title },
    { header: '所属机构', width: 24, value: (r) => r.institutionName ?? '地区级（未匹配机构）' },
    { header: '采购人', width: 24, value: (r) => r.buyerName ?? r.buyerId },
    { header: '采购方式', width: 14, value: (r) => (r.procurementMethod ? (METHOD_ZH[r.procurementMethod] ?? r.procurementMethod) : '') },
    { header: '投标开始', width: 18, value: (r) => when(r.tenderStart) },
    { header: '投标截止', width: 18, value: (r) => when(r.tenderEnd) },
    { header: '预算金额', width: 16, value: (r) => r.tenderValue },
    { header: '中标金额', width: 16, value: (r) => r.awardedValue },
    { header: '币种', width: 8, value: (r) => r.awardedCurrency ?? r.tenderCurrency },
    { header: '中标日期', width: 18, value: (r) => when(r.awardDate) },
    { header: '中标供应商', width: 30, value: (r) => r.suppliers },
    { header: '投标数', width: 8, value: (r) => r.bidCount },
    { header: '预警数', width: 8, value: (r) => r.flags.length },
    { header: '预警', width: 48, value: (r) => [...new Set(r.flags.map((f) => `${f.code} ${f.title}`))].join('；') },
  ], rows);
}

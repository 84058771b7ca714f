/** The downloadable staff import template: Chinese headers, and for .xlsx a 说明 sheet explaining each column. */
import ExcelJS from 'exceljs';
import { XLSX_MIME } from '../../platform/xlsx.ts';
import { STAFF_COLUMNS } from './import.staff.ts';

/** Template columns in order; the institution is chosen on upload, so its code column is left out. */
const TEMPLATE_KEYS = ['staffNo', 'name', 'deptCode', 'title', 'specialty', 'phone', 'nationalId'] as const;
/** Columns Excel must keep as text (leading zeros, 18-digit numbers). */
const TEXT_KEYS = new Set<string>(['staffNo', 'deptCode', 'phone', 'nationalId']);

export const STAFF_TEMPLATE_HEADERS = TEMPLATE_KEYS.map((k) => STAFF_COLUMNS[k].zh);

/** Builds the template file: .xlsx (header row + 说明 sheet) or UTF-8 .csv with a BOM so Excel reads it. */
export async function staffTemplate(format: 'xlsx' | 'csv'): Promise<{ filename: string; mime: string; body: Buffer }> {
  if (format === 'csv') {
    return { filename: '人员导入模板.csv', mime: 'text/csv; charset=utf-8', body: Buffer.from(`\uFEFF${STAFF_TEMPLATE_HEADERS.join(',')}\r\n`, 'utf8') };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qinglian';
  const ws = wb.addWorksheet('人员', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_KEYS.map((k) => ({ header: STAFF_COLUMNS[k].zh, width: k === 'nationalId' ? 22 : 14, ...(TEXT_KEYS.has(k) ? { style: { numFmt: '@' } } : {}) }));
  ws.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', width: 12 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const k of TEMPLATE_KEYS) {
    const c = STAFF_COLUMNS[k];
    help.addRow([c.zh, 'required' in c && c.required ? '必填' : '选填', c.help]);
  }
  help.addRow([]);
  help.addRow(['', '', '第一行为表头，请勿修改；从第二行起每行一名职工。也可使用英文表头 staff_no, name, dept_code, title, specialty, phone, national_id。']);
  help.addRow(['', '', '导入时先检查全部行：任何一行有误则整个文件不导入，并列出每个错误的行号、列名和原因；修改后重新上传即可。']);
  help.addRow(['', '', '已存在的工号会按文件内容更新；未列在文件中的人员不受影响。']);
  return { filename: '人员导入模板.xlsx', mime: XLSX_MIME, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { readSheet, resolveColumns } from './sheets.ts';

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('first'));
  wb.addWorksheet('second').addRow(['ignored']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a failure');
}

describe('readSheet: CSV', () => {
  it('reads RFC 4180 CSV with a BOM, quotes, embedded newlines and CRLF; keeps spreadsheet row numbers', async () => {
    const csv = '\uFEFF工号,姓名, 备注 \r\n007,"张, 三","第一行\n第二行"\r\n\r\n,,\r\n008,李四,"说""好"""\r\n';
    const sheet = await readSheet(Buffer.from(csv, 'utf8'));
    expect(sheet.headers).toEqual(['工号', '姓名', '备注']);
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: { 工号: '007', 姓名: '张, 三', 备注: '第一行\n第二行' } },
      { rowNumber: 5, cells: { 工号: '008', 姓名: '李四', 备注: '说"好"' } },
    ]);
  });

  it('fills missing trailing cells with empty strings', async () => {
    const sheet = await readSheet(Buffer.from('a,b,c\n1\n', 'utf8'));
    expect(sheet.rows[0]!.cells).toEqual({ a: '1', b: '', c: '' });
  });

  it('refuses text that is not UTF-8 (a GBK export) and legacy .xls', async () => {
    const gbk = Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]); // 工号\n张三 in GBK
    const e = await failure(readSheet(gbk));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('import_failed');
    expect(e.messageKey).toBe('unreadable_file');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    expect((await failure(readSheet(xls))).messageKey).toBe('unreadable_file');
  });

  it('refuses malformed quoting instead of guessing', async () => {
    expect((await failure(readSheet(Buffer.from('a,b\n"x,1\n2,"3', 'utf8')))).messageKey).toBe('unreadable_file');
  });
});

describe('readSheet: xlsx', () => {
  it('reads the first sheet as text: dates as YYYY-MM-DD, numbers as typed, leading zeros kept', async () => {
    const buf = await xlsx((ws) => {
      ws.addRow(['code', 'day', 'qty', 'price', 'rich', 'formula', 'flag', 'link']);
      ws.addRow([
        '00123',
        new Date(Date.UTC(2025, 2, 7)),
        42,
        0.1 + 0.2,
        { richText: [{ text: '心' }, { text: '内科' }] },
        { formula: '1+1', result: 2 },
        true,
        { text: '链接', hyperlink: 'https://example.org' },
      ]);
      ws.addRow([]);
      ws.addRow(['x']);
      ws.getCell('A5').value = '  padded  ';
    });
    const sheet = await readSheet(buf);
    expect(sheet.headers).toEqual(['code', 'day', 'qty', 'price', 'rich', 'formula', 'flag', 'link']);
    expect(sheet.rows[0]).toEqual({
      rowNumber: 2,
      cells: { code: '00123', day: '2025-03-07', qty: '42', price: '0.3', rich: '心内科', formula: '2', flag: 'TRUE', link: '链接' },
    });
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([2, 4, 5]);
    expect(sheet.rows[2]!.cells.code).toBe('padded');
  });

  it('says unreadable for a zip that is not a workbook', async () => {
    const notXlsx = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(64, 1)]);
    expect((await failure(readSheet(notXlsx))).messageKey).toBe('unreadable_file');
  });
});

describe('resolveColumns', () => {
  it('matches aliases regardless of case and a required marker', () => {
    const cols = resolveColumns(['工号*', 'NAME', 'other'], { staffNo: ['staff_no', '工号'], name: ['name', '姓名'], phone: ['phone', '手机号'] });
    expect(cols).toEqual({ staffNo: '工号*', name: 'NAME', phone: undefined });
  });
});

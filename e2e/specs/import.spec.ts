/** Staff import from the console: a file with bad rows is rejected whole with a row-by-row list; a fixed file goes in. */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { columnTexts, expectRowCount, login, modal, openMenu, rowsOf, screenshot, search, settle, textOf } from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';
import { badNationalId, RUN, validNationalId, writeCsv } from '../lib/data.ts';

const b = useBrowser();

const PREFIX = `E2EI${RUN}`;
const HEAD = ['工号', '姓名', '科室编码', '职称', '手机号', '身份证号'];
const good = [`${PREFIX}A`, `导入甲${RUN}`, 'CARD', '主治医师', '13900002222', validNationalId('19880808', '031')];
const badId = [`${PREFIX}B`, `导入乙${RUN}`, 'CARD', '护师', '', badNationalId('19920315', '042')];
const badDept = [`${PREFIX}C`, `导入丙${RUN}`, `NOPE${RUN}`, '', '', ''];

async function openImport(page: Page) {
  await page.getByTestId('import-button').click();
  const dialog = modal(page);
  await dialog.getByText('导入人员').first().waitFor();
  return dialog;
}

describe('staff import as hadmin', () => {
  test('a file with a bad national ID and an unknown department code is rejected whole, then the fixed file imports', async () => {
    const { page } = b;
    b.expectConsoleError(/422.*\/api\/org\/people\/import|\/api\/org\/people\/import.*422/);
    const api = await ApiClient.login(b.baseURL, 'hadmin');
    await login(page, 'hadmin');
    await openMenu(page, 'people');

    let dialog = await openImport(page);
    await dialog.getByTestId('import-file').locator('input[type=file]').setInputFiles(writeCsv('staff-bad.csv', [HEAD, good, badId, badDept]));
    await dialog.getByTestId('import-submit').click();
    const errors = dialog.getByTestId('import-errors');
    await errors.waitFor();
    const table = errors.locator('.ant-table');
    // Row numbers as the user sees them in a spreadsheet: the header is row 1.
    await expect.poll(() => rowsOf(table).count()).toBeGreaterThanOrEqual(2);
    const rows = await columnTexts(table, /^行号$/);
    const cols = await columnTexts(table, /^列$/);
    const pairs = rows.map((r, i) => `${r}:${cols[i]}`);
    expect(pairs).toContain('3:身份证号');
    expect(pairs).toContain('4:科室编码');
    // The good row has no problem of its own.
    expect(rows).not.toContain('2');
    const messages = await columnTexts(table, /^问题说明$/);
    expect(messages.every((m) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
    await screenshot(page, 'import-errors');

    // Nothing was imported: not even the good row.
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await search(page, PREFIX);
    const people = page.getByTestId('people-table');
    await expectRowCount(people, 0);
    const found = await api.get<{ total: number }>(`/api/org/people?q=${PREFIX}`);
    expect(found.total).toBe(0);

    // The fixed file goes in whole.
    const fixedId = [...badId.slice(0, 5), validNationalId('19920315', '042')];
    const fixedDept = [...badDept.slice(0, 2), 'ORTH', '', '', ''];
    dialog = await openImport(page);
    await dialog.getByTestId('import-file').locator('input[type=file]').setInputFiles(writeCsv('staff-fixed.csv', [HEAD, good, fixedId, fixedDept]));
    await dialog.getByTestId('import-submit').click();
    const success = dialog.getByTestId('import-success');
    await success.waitFor();
    expect(await textOf(success)).toContain('新增 3 人');
    await screenshot(page, 'import-success');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await search(page, PREFIX);
    await settle(page);
    await expectRowCount(people, 3);
    const numbers = await columnTexts(people, /^工号$/);
    const depts = await columnTexts(people, /^科室$/);
    const deptOf = new Map(numbers.map((no, i) => [no, depts[i]]));
    expect(deptOf.get(`${PREFIX}A`)).toBe('心血管内科');
    expect(deptOf.get(`${PREFIX}B`)).toBe('心血管内科');
    expect(deptOf.get(`${PREFIX}C`)).toBe('骨科');
  });
});

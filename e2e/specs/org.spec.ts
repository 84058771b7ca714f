/** Organisation editing as an institution administrator: departments and people, search, (de)activation, export. */
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  columnTexts,
  confirmPopup,
  expectRowCount,
  login,
  modal,
  openMenu,
  pickOption,
  rowsOf,
  screenshot,
  search,
  settle,
  textOf,
  untilAnimated,
} from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';
import { RUN, validNationalId } from '../lib/data.ts';

const b = useBrowser();

const DEPT_CODE = `E2E-${RUN}`;
const DEPT_NAME = `廉政测试科${RUN}`;
const DEPT_RENAMED = `廉政监督科${RUN}`;
const STAFF_NO = `E2EP${RUN}`;
const PERSON = `测试员${RUN}`;

describe('organisation pages as hadmin', () => {
  test('every organisation page opens with rows from the demo data', async () => {
    const { page } = b;
    await login(page, 'hadmin');
    for (const id of ['institutions', 'departments', 'branches', 'people', 'posts']) {
      await openMenu(page, id);
      const table = page.getByTestId(`${id}-table`);
      await table.waitFor();
      await expect.poll(() => rowsOf(table).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await screenshot(page, `org-${id}`);
    }
  });

  test('create a department, find it, rename it, add a person to it, deactivate it', async () => {
    const { page } = b;
    await login(page, 'hadmin');
    await openMenu(page, 'departments');
    const table = page.getByTestId('departments-table');

    // Create
    await page.getByTestId('create-button').click();
    const form = modal(page);
    await form.getByLabel('科室编码').fill(DEPT_CODE);
    await form.getByLabel('科室名称').fill(DEPT_NAME);
    await form.getByLabel('非临床').check();
    await screenshot(page, 'org-department-create');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });

    // Find it by search
    await search(page, DEPT_CODE);
    await expectRowCount(table, 1);
    expect(await columnTexts(table, /^科室名称$/)).toEqual([DEPT_NAME]);
    expect(await columnTexts(table, /^科室类型$/)).toEqual(['非临床']);

    // Rename it (on a freshly loaded page: the edit dialog right after the create dialog has its own test below)
    await page.reload();
    await settle(page);
    await expectRowCount(table, 1);
    await rowsOf(table).first().getByTestId('row-edit').click();
    const edit = modal(page);
    const nameInput = edit.getByLabel('科室名称');
    expect(await nameInput.inputValue()).toBe(DEPT_NAME);
    await nameInput.fill(DEPT_RENAMED);
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await expect.poll(() => columnTexts(table, /^科室名称$/)).toEqual([DEPT_RENAMED]);

    // A person in the new department
    await openMenu(page, 'people');
    const people = page.getByTestId('people-table');
    await people.waitFor();
    await page.getByTestId('create-button').click();
    const pf = modal(page);
    await pf.getByLabel('工号').fill(STAFF_NO);
    await pf.getByLabel('姓名').fill(PERSON);
    await pickOption(page, pf, /^科室$/, DEPT_RENAMED, DEPT_RENAMED);
    await pf.getByLabel('职称').fill('主治医师');
    await pf.getByLabel('联系电话').fill('13900001234');
    await pf.getByLabel('身份证号').fill(validNationalId('19900101', '517'));
    await screenshot(page, 'org-person-create');
    await pf.getByRole('button', { name: /保\s*存/ }).click();
    await pf.waitFor({ state: 'hidden' });
    await search(page, STAFF_NO);
    await expectRowCount(people, 1);
    expect(await columnTexts(people, /^姓名$/)).toEqual([PERSON]);
    expect(await columnTexts(people, /^科室$/)).toEqual([DEPT_RENAMED]);
    // The national ID number is shown masked, never in full.
    const masked = (await columnTexts(people, /^身份证号$/))[0]!;
    expect(masked).toMatch(/^3301\*{10}\d{3}[\dX]/);
    expect(masked).not.toContain('19900101');
    // The detail drawer shows the same person.
    await rowsOf(people).first().getByTestId('person-name').click();
    const detail = page.getByTestId('person-detail');
    await detail.waitFor();
    const detailText = await textOf(detail);
    expect(detailText).toContain(STAFF_NO);
    expect(detailText).toContain(DEPT_RENAMED);
    expect(detailText).toContain('13900001234');
    await screenshot(page, 'org-person-detail');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    // The department now counts one person
    await openMenu(page, 'departments');
    await search(page, DEPT_CODE);
    await expect.poll(() => columnTexts(table, /^人员数$/)).toEqual(['1']);

    // Deactivate, with the confirmation
    await rowsOf(table).first().getByTestId('row-toggle').click();
    await confirmPopup(page);
    await expectRowCount(table, 0);
    await page.getByTestId('filter-active').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已停用' }).click();
    await settle(page);
    await expectRowCount(table, 1);
    expect(await columnTexts(table, /^状态$/)).toEqual(['已停用']);
    expect(await columnTexts(table, /^科室名称$/)).toEqual([DEPT_RENAMED]);
    await screenshot(page, 'org-department-deactivated');
  });

  test("the edit dialog shows the record's values even after the create dialog was used", async () => {
    const { page } = b;
    await login(page, 'hadmin');
    await openMenu(page, 'departments');
    const table = page.getByTestId('departments-table');
    await table.waitFor();
    // 信息科 (INFO) is non-clinical: unlike the create dialog's defaults (clinical, empty code).
    await search(page, 'INFO');
    await expectRowCount(table, 1);
    await page.getByTestId('create-button').click();
    const create = modal(page);
    await untilAnimated(create); // a click during the opening motion can be lost
    await create.getByLabel('科室编码').fill('TYPED');
    await create.getByRole('button', { name: /取\s*消/ }).click();
    await create.waitFor({ state: 'hidden' });
    await rowsOf(table).first().getByTestId('row-edit').click();
    const edit = modal(page);
    await edit.getByText('编辑科室').waitFor();
    await untilAnimated(edit);
    await expect.poll(() => edit.getByLabel('科室名称').inputValue(), { timeout: 5_000 }).toBe('信息科');
    expect(await edit.getByLabel('科室编码').inputValue()).toBe('INFO');
    expect(await edit.getByLabel('非临床').isChecked()).toBe(true);
    await edit.getByRole('button', { name: /取\s*消/ }).click();
    await edit.waitFor({ state: 'hidden' });
    // And the other way round: after editing, the create dialog starts empty.
    await page.getByTestId('create-button').click();
    const again = modal(page);
    await again.getByText('新建科室').waitFor();
    expect(await again.getByLabel('科室编码').inputValue()).toBe('');
    expect(await again.getByLabel('科室名称').inputValue()).toBe('');
  });

  test('the people list exports to an .xlsx file', async () => {
    const { page } = b;
    await login(page, 'hadmin');
    await openMenu(page, 'people');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
    expect(head).toBe('PK');
  });
});

/** The audit page for the discipline office: entries of others' changes, their before/after, and the chain check. */
import { describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { columnTexts, expectRowCount, login, openMenu, rowsOf, screenshot, settle, textOf } from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';
import { RUN } from '../lib/data.ts';

const b = useBrowser();

describe('audit trail as jijian (纪检监察员, 清源市人民医院)', () => {
  test("lists entries, shows another user's change with its content, and reports the chain intact", async () => {
    const { page } = b;
    // A change made by the institution administrator, to be found in the trail.
    const hadmin = await ApiClient.login(b.baseURL, 'hadmin');
    const me = await hadmin.get<{ institutionId: string }>('/api/auth/me');
    const name = `审计测试科${RUN}`;
    const created = await hadmin.call<{ id: string }>('POST', '/api/org/departments', {
      institutionId: me.institutionId,
      code: `AUD-${RUN}`,
      name,
      clinical: false,
    });
    expect(created.status).toBe(200);

    await login(page, 'jijian');
    await openMenu(page, 'audit');
    const table = page.getByTestId('audit-table');
    await expect.poll(() => rowsOf(table).count()).toBeGreaterThan(1);
    await screenshot(page, 'audit');

    await page.goto(`/audit?targetId=${created.body.id}`);
    await settle(page);
    await expectRowCount(table, 1);
    const [action] = await columnTexts(table, /^操作$/);
    expect(action).toContain('科室 · 新建');
    expect(action).toContain('department.create');
    // The entry expands to the recorded content.
    await rowsOf(table).first().locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => textOf(table.locator('.ant-table-expanded-row'))).toContain(name);

    // Chain check from the console, compared with the API's own count.
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.getByText('审计链完整').waitFor();
    const checked = Number(/已校验 (\d+) 条记录/.exec(await textOf(result))?.[1]);
    expect(checked).toBeGreaterThan(0);
    await screenshot(page, 'audit-verify');
  });
});

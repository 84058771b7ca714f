/** The home page's to-do list: what waits for each user, and the list each line opens. */
import { describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { login, screenshot, settle, textOf } from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';

const b = useBrowser();
type Todo = { items: { key: string; count: number; to: string | null }[] };

describe('home to-do list', () => {
  test('the discipline office sees its waiting work, and a line opens the list with that many rows', async () => {
    const { page } = b;
    const api = await ApiClient.login(b.baseURL, 'jijian');
    const todo = await api.get<Todo>('/api/dashboard/todo');
    // The demo hospital has open screening alerts and visit requests waiting for a decision.
    const alerts = todo.items.find((i) => i.key === 'screening.open');
    expect(alerts?.count).toBeGreaterThan(0);
    expect(todo.items.find((i) => i.key === 'reps.bookings')?.count).toBeGreaterThan(0);

    await login(page, 'jijian');
    const line = page.getByTestId('todo-screening.open');
    await line.waitFor();
    expect(await textOf(line)).toContain(`${alerts!.count} 条数据碰撞预警待核查`);
    await screenshot(page, 'home-todo');
    await line.getByRole('link').first().click();
    await page.waitForURL(/\/screening\/alerts\?status=open/);
    await settle(page);
    expect(await textOf(page.locator('.ant-pagination-total-text').first())).toContain(String(alerts!.count));
  });

  test('the region’s discipline group is sent to the reports routed to it', async () => {
    const { page } = b;
    await login(page, 'supervisor');
    const line = page.getByTestId('todo-cases.new');
    await line.waitFor();
    await line.getByRole('link').first().click();
    await page.waitForURL(/\/cases\?status=received&routedTo=region/);
    await settle(page);
    expect(await textOf(page.getByTestId('filter-routed'))).toContain('区域纪检监察组办理');
    const rows = page.getByTestId('cases-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // Every row is one the region handles.
    expect(await rows.locator('[data-testid="routed-region"]').count()).toBe(await rows.count());
    await screenshot(page, 'home-region-cases');
  });

  test('a member of staff is told nothing waits', async () => {
    const { page } = b;
    await login(page, 'yisheng');
    await page.getByTestId('todo-none').waitFor();
    expect(await page.locator('[data-testid^="todo-cases"]').count()).toBe(0);
  });
});

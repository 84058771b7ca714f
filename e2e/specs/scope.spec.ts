/** A department head sees their own department only: the list, direct links, the API and the menu. */
import { describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { columnTexts, login, openMenu, rowsOf, screenshot, settle, textOf } from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';

const b = useBrowser();

interface PersonRow {
  id: string;
  staffNo: string;
  name: string;
  departmentId: string | null;
  departmentName?: string | null;
}
interface Page<T> {
  items: T[];
  total: number;
}

/** Facts from the institution administrator's view, fetched outside the browser. */
async function hadminFacts() {
  const api = await ApiClient.login(b.baseURL, 'hadmin');
  const depts = await api.get<Page<{ id: string; code: string; name: string }>>('/api/org/departments?pageSize=200');
  const card = depts.items.find((d) => d.code === 'CARD')!;
  const orth = depts.items.find((d) => d.code === 'ORTH')!;
  const cardPeople = await api.get<Page<PersonRow>>(`/api/org/people?departmentId=${card.id}&active=true&pageSize=200`);
  const orthPeople = await api.get<Page<PersonRow>>(`/api/org/people?departmentId=${orth.id}&active=true&pageSize=200`);
  return { card, orth, cardTotal: cardPeople.total, other: orthPeople.items[0]! };
}

describe('department head xinnei (心血管内科, 清源市人民医院)', () => {
  test('the people list shows exactly the staff of 心血管内科', async () => {
    const { page } = b;
    const facts = await hadminFacts();
    expect(facts.card.name).toBe('心血管内科');
    expect(facts.cardTotal).toBeGreaterThan(1);
    await login(page, 'xinnei');
    await openMenu(page, 'people');
    const table = page.getByTestId('people-table');
    await expect.poll(() => rowsOf(table).count()).toBeGreaterThan(0);
    // Everything on one page, then every row is checked.
    await page.goto(`/org/people?pageSize=100`);
    await settle(page);
    await expect.poll(() => rowsOf(table).count()).toBe(facts.cardTotal);
    const depts = await columnTexts(table, /^科室$/);
    expect(new Set(depts)).toEqual(new Set(['心血管内科']));
    expect(await textOf(page.locator('.ant-pagination-total-text'))).toContain(String(facts.cardTotal));
    await screenshot(page, 'scope-xinnei-people');
  });

  test("another department's person stays out of reach: search, filter link and direct API read", async () => {
    const { page } = b;
    const { orth, other } = await hadminFacts();
    b.expectConsoleError(/404.*\/api\/org\/people\/|\/api\/org\/people\/.*404/);
    await login(page, 'xinnei');
    const table = page.getByTestId('people-table');

    // Searching by the other person's staff number finds nothing.
    await page.goto(`/org/people?q=${encodeURIComponent(other.staffNo)}&active=all`);
    await settle(page);
    await table.waitFor();
    await table.locator('.ant-table-placeholder .ant-empty').waitFor();
    expect(await rowsOf(table).count()).toBe(0);

    // A hand-made link filtering on 骨科 shows no 骨科 staff either.
    await page.goto(`/org/people?departmentId=${orth.id}&pageSize=100`);
    await settle(page);
    const depts = await columnTexts(table, /^科室$/);
    expect(depts.filter((d) => d !== '心血管内科')).toEqual([]);
    await screenshot(page, 'scope-xinnei-other-department');

    // The record itself: the API answers 404 (not 403, which would confirm it exists).
    const res = await page.evaluate(async (id) => {
      const r = await fetch(`/api/org/people/${id}`, { credentials: 'same-origin' });
      return { status: r.status, body: await r.text() };
    }, other.id);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(other.name);
    expect(res.body).not.toContain(other.staffNo);
  });

  test('the menu has no administration entries and their pages are refused', async () => {
    const { page } = b;
    await login(page, 'xinnei');
    const menu = page.getByTestId('side-menu');
    await menu.waitFor();
    for (const id of ['home', 'people', 'settings']) expect(await page.getByTestId(`menu-${id}`).count()).toBe(1);
    for (const id of ['accounts', 'audit', 'regions']) expect(await page.getByTestId(`menu-${id}`).count()).toBe(0);
    const text = await textOf(menu);
    expect(text).not.toContain('账号管理');
    expect(text).not.toContain('审计日志');
    await page.goto('/accounts');
    await settle(page);
    await page.getByText('您没有访问此页面的权限').waitFor();
    await page.goto('/audit');
    await settle(page);
    await page.getByText('您没有访问此页面的权限').waitFor();
    await screenshot(page, 'scope-xinnei-forbidden');
  });
});

/** Steps every spec needs: sign in and out, wait for the console to settle, take screenshots, read antd tables. */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ARTIFACTS } from './chromium.ts';

export const DEMO_PASSWORD = 'qinglian-demo';

/** Matches a label in either language (antd puts a space between two CJK characters on buttons). */
export const either = (zh: string, en: string) => new RegExp(`^\\s*(${zh.split('').join('\\s*')}|${en})\\s*$`, 'i');

/** Opens the login page and fills the form (does not wait for the outcome). */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login');
  await page.getByLabel(either('用户名', 'Username')).fill(username);
  await page.getByLabel(either('密码', 'Password')).fill(password);
  await page.getByRole('button', { name: either('登录', 'Sign in|Log in') }).click();
}

/** The trimmed text of an element (DOM textContent; Playwright waits for the element). */
export async function textOf(loc: Locator): Promise<string> {
  return ((await loc.textContent()) ?? '').trim();
}

/** Signs in through the login page and waits for the signed-in layout. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, username, password);
  await page.getByTestId('user-menu').waitFor();
  await settle(page);
}

/** Signs out through the account menu and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await untilAnimated(page.locator('.ant-dropdown:visible').last());
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
}

/** Waits until an antd popup has finished its opening motion (a click during it can be lost). */
export async function untilAnimated(popup: Locator): Promise<void> {
  await popup.waitFor();
  await expect
    .poll(() => popup.evaluate((el) => /-(enter|appear)/.test(el.className) || el.getAnimations({ subtree: true }).length > 0), { timeout: 5_000 })
    .toBe(false);
}

/** Goes to a console path through the side menu entry `menu-<id>` (as a user would). */
export async function openMenu(page: Page, id: string): Promise<void> {
  const link = page.getByTestId(`menu-${id}`);
  const href = await link.getAttribute('href');
  await link.click();
  // Pages share test ids (create-button, list-search): wait until the new page is the one on screen.
  if (href) await page.waitForURL((u) => u.pathname === href);
  await settle(page);
}

/** Waits until requests have finished and no antd spinner or skeleton is showing. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 20_000 }).toBe(0);
}

/**
 * PNG in e2e/artifacts/<name>.png after the page settled: the full page, or just the viewport when a
 * dialog is open (a fixed mask would only cover the first screen of a full-page shot).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await settle(page);
  // Let open/close animations of dialogs and messages finish.
  await page.waitForTimeout(300);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  const dialog = (await page.locator('.ant-modal:visible, .ant-drawer-open').count()) > 0;
  await page.screenshot({ path: file, fullPage: !dialog });
  return file;
}

/** The data rows of an antd table (not the placeholder row of an empty table). */
export function rowsOf(table: Locator): Locator {
  return table.locator('tbody tr.ant-table-row');
}

/** Index of a column by its header text (antd tables; the text match is exact after trimming). */
export async function columnIndex(table: Locator, header: RegExp): Promise<number> {
  const headers = await table.locator('thead th').allInnerTexts();
  const i = headers.findIndex((h) => header.test(h.trim()));
  if (i < 0) throw new Error(`no column ${header} among: ${headers.join(' | ')}`);
  return i;
}

/** The texts of one column over the visible rows. */
export async function columnTexts(table: Locator, header: RegExp): Promise<string[]> {
  const i = await columnIndex(table, header);
  const rows = await rowsOf(table).all();
  return Promise.all(rows.map(async (r) => textOf(r.locator('td').nth(i))));
}

/** Waits until the table shows exactly `n` data rows. */
export async function expectRowCount(table: Locator, n: number): Promise<void> {
  await expect.poll(() => rowsOf(table).count(), { timeout: 15_000 }).toBe(n);
}

/** Types into the list search box and presses Enter, then waits for the list. */
export async function search(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('list-search').locator('input').or(page.locator('input[data-testid="list-search"]')).first();
  await box.fill(text);
  await box.press('Enter');
  await settle(page);
}

/** Confirms the open antd Popconfirm / Modal.confirm. */
export async function confirmPopup(page: Page): Promise<void> {
  const pop = page.locator('.ant-popover:visible, .ant-modal-confirm:visible').last();
  await untilAnimated(pop);
  await pop.getByRole('button', { name: either('确定', 'OK|Yes|Confirm') }).click();
}

/** The visible antd modal (form dialogs). */
export function modal(page: Page): Locator {
  return page.locator('.ant-modal:visible').last();
}

/** Picks an option of an antd Select identified by its form label, typing to filter when asked. */
export async function pickOption(page: Page, scope: Locator, label: RegExp, option: string | RegExp, type?: string): Promise<void> {
  const input = scope.getByLabel(label);
  await input.click();
  if (type) await input.fill(type);
  const dropdown = page.locator('.ant-select-dropdown:visible').last();
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

/** The number a home-page figure card (`figure-<key>`) shows; NaN while it is absent. */
export async function figure(page: Page, key: string): Promise<number> {
  const card = page.getByTestId(`figure-${key}`);
  if (!(await card.count())) return Number.NaN;
  return Number((await textOf(card.locator('.ant-statistic-content-value'))).replace(/[^\d.-]/g, ''));
}

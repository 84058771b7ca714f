/** The 简体中文 / English switch: labels change, server messages follow, and the choice survives a reload. */
import { describe, expect, test } from 'vitest';
import { login, screenshot, settle, submitLogin, textOf } from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';

const b = useBrowser();
const squash = (s: string) => s.replace(/\s+/g, '');

describe('language switch', () => {
  test('on the login page: English and back, kept after a reload, server messages included', async () => {
    const { page } = b;
    b.expectConsoleError(/401.*\/api\/auth\/login|\/api\/auth\/login.*401/);
    await page.goto('/login');
    const submit = page.getByTestId('login-submit');
    expect(squash(await textOf(submit))).toBe('登录');
    expect(await textOf(page.getByTestId('lang-switch'))).toBe('English');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => textOf(submit)).toBe('Sign in');
    await page.getByLabel('Username').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');

    await page.reload();
    await settle(page);
    await expect.poll(() => textOf(page.getByTestId('login-submit'))).toBe('Sign in');
    // The server localizes its messages from the same choice.
    await submitLogin(page, 'wangge', 'not-the-password-1');
    await expect.poll(() => textOf(page.getByTestId('login-error'))).toContain('Wrong username or password');
    await screenshot(page, 'login-en');

    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => squash(await textOf(page.getByTestId('login-submit')))).toBe('登录');
    await page.reload();
    await expect.poll(async () => squash(await textOf(page.getByTestId('login-submit')))).toBe('登录');
  });

  test('in the console: menu in English, kept after a reload and on another browser for the same account', async () => {
    const { page } = b;
    // A dedicated account: its saved language must not leak into the other specs' users.
    await login(page, 'supervisor');
    const people = page.getByTestId('menu-people');
    expect(await textOf(people)).toBe('人员');
    expect(await textOf(page.getByTestId('menu-home'))).toBe('首页');

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/locale') && r.request().method() === 'POST');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => textOf(people)).toBe('Staff');
    expect(await textOf(page.getByTestId('menu-home'))).toBe('Home');
    expect((await saved).status()).toBe(200);
    await screenshot(page, 'home-en');

    await page.reload();
    await settle(page);
    await expect.poll(() => textOf(page.getByTestId('menu-people'))).toBe('Staff');

    // A fresh browser profile has no local choice: the account's saved language applies.
    const other = await b.newPage();
    await login(other, 'supervisor');
    await expect.poll(() => textOf(other.getByTestId('menu-people'))).toBe('Staff');

    // Back to Chinese, and that sticks too.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => textOf(page.getByTestId('menu-people'))).toBe('人员');
    await page.reload();
    await settle(page);
    await expect.poll(() => textOf(page.getByTestId('menu-people'))).toBe('人员');
  });
});

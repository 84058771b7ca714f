/** Sign-in and sign-out through the real login page. */
import { describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { figure, login, logout, screenshot, settle, submitLogin, textOf, untilAnimated } from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';

const b = useBrowser();

describe('sign-in', () => {
  test('the login page renders in Chinese by default', async () => {
    const { page } = b;
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-form').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.title()).toContain('清廉医院建设平台');
    await page.getByText('清廉医院建设平台', { exact: true }).first().waitFor();
    await page.getByLabel('用户名').waitFor();
    await page.getByLabel('密码').waitFor();
    expect((await textOf(page.getByTestId('login-submit'))).replace(/\s/g, '')).toBe('登录');
    await screenshot(page, 'login');
  });

  test("a wrong password shows the server's Chinese message and stays on the login page", async () => {
    const { page } = b;
    b.expectConsoleError(/401.*\/api\/auth\/login|\/api\/auth\/login.*401/);
    await page.goto('/login');
    await submitLogin(page, 'yisheng', 'not-the-password-1');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await textOf(alert)).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    await screenshot(page, 'login-wrong-password');
  });

  test('the right password opens the home page with the figures of the user scope', async () => {
    const { page } = b;
    await login(page, 'yuanzhang');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await textOf(page.getByTestId('user-name'))).not.toBe('');
    expect(await textOf(page.getByTestId('user-role'))).toBe('院领导');
    const api = await ApiClient.login(b.baseURL, 'yuanzhang');
    const figures = await api.get<{ staff: number; departments: number }>('/api/dashboard');
    expect(figures.staff).toBeGreaterThan(0);
    await expect.poll(() => figure(page, 'staff')).toBe(figures.staff);
    await expect.poll(() => figure(page, 'departments')).toBe(figures.departments);
    // The figures are those of the user's institution, and the header says so.
    expect(await textOf(page.locator('.ql-page-header'))).toContain('本机构 · 清源市人民医院');
    await screenshot(page, 'home');
  });

  test('signing out returns to the login page and ends the session', async () => {
    const { page } = b;
    await login(page, 'yuanzhang');
    await logout(page);
    await page.getByTestId('login-form').waitFor();
    await page.goto('/org/people');
    await page.waitForURL(/\/login/);
    await settle(page);
    expect(await page.getByTestId('user-menu').count()).toBe(0);
  });

  test("the account menu opens the user's own settings", async () => {
    const { page } = b;
    await login(page, 'jijian');
    await page.getByTestId('user-menu').click();
    await untilAnimated(page.locator('.ant-dropdown:visible').last());
    await page.getByTestId('menu-item-settings').click();
    await page.waitForURL(/\/settings/);
    const profile = page.getByTestId('settings-profile');
    await profile.waitFor();
    const text = await textOf(profile);
    expect(text).toContain('jijian');
    expect(text).toContain('纪检监察员');
    expect(text).toContain('清源市人民医院');
    await screenshot(page, 'settings');
  });
});

/**
 * Tender red flags in the console (issue 6): an OCDS upload with a bad line is refused whole and lists
 * the line, the fixed file goes in; the process list shows flags and filters to the flagged ones; a
 * process page explains its flags; the buyers' comparison draws its charts; the menu follows the
 * tender permissions.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { columnTexts, login, openMenu, rowsOf, screenshot, search, settle, textOf, untilAnimated } from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';
import { ARTIFACTS } from '../lib/chromium.ts';
import { RUN } from '../lib/data.ts';

const b = useBrowser();
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const OCID = (n: number) => `ocds-e2e${RUN.toLowerCase()}-${n}`;
const BUYER = { id: 'QY001', name: '清源市人民医院' };

/** A compiled release of the main hospital; the first is an open tender of 9 days with a single bid. */
function release(n: number, single: boolean) {
  const start = '2026-03-02T01:00:00Z';
  const end = single ? '2026-03-11T01:00:00Z' : '2026-03-30T01:00:00Z';
  const bidders = single ? ['E2E1'] : ['E2E1', 'E2E2', 'E2E3'];
  return {
    ocid: OCID(n),
    buyer: BUYER,
    tender: {
      title: `${RUN}号测试 心电监护仪采购项目${n}`,
      status: 'complete',
      procurementMethod: 'open',
      procurementMethodDetails: '公开招标',
      numberOfTenderers: bidders.length,
      value: { amount: 300000, currency: 'CNY' },
      tenderPeriod: { startDate: start, endDate: end },
    },
    bids: {
      details: bidders.map((id, i) => ({
        id: `${n}-${i}`,
        status: 'valid',
        date: '2026-03-10T01:00:00Z',
        tenderers: [{ id: `${id}${RUN}`, name: `测试医疗器械${id}有限公司` }],
        value: { amount: 280000 + i * 15000, currency: 'CNY' },
      })),
    },
    awards: [{ id: `${n}-a`, status: 'active', date: '2026-04-08T01:00:00Z', suppliers: [{ id: `E2E1${RUN}`, name: '测试医疗器械E2E1有限公司' }], value: { amount: 280000, currency: 'CNY' } }],
  };
}

/** JSON Lines under e2e/artifacts/uploads/. */
function writeJsonl(name: string, lines: string[]): string {
  const dir = path.join(ARTIFACTS, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${RUN}-${name}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`, 'utf8');
  return file;
}

/** A screenshot from the top of the page (the sticky header would otherwise sit mid-picture). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

describe('tenders as the discipline officer of 清源市人民医院', () => {
  test('a file with a bad line is refused whole and lists the line; the fixed file is imported', async () => {
    const { page } = b;
    b.expectConsoleError(/422.*\/api\/tenders\/import|\/api\/tenders\/import.*422/);
    await login(page, 'jijian');
    await openMenu(page, 'tender-import');
    await shot(page, 'tenders-import-empty');

    const good = [release(1, true), release(2, false), release(3, false)].map((r) => JSON.stringify(r));
    const bad = [good[0]!, '{"ocid": "broken", "tender": {', good[1]!, JSON.stringify({ tender: { title: '没有编号' } }), good[2]!];
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(writeJsonl('tenders-bad.jsonl', bad));
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const table = errors.locator('.ant-table');
    expect(await columnTexts(table, /^行号$/)).toEqual(['2', '4']);
    const reasons = await columnTexts(table, /^问题$/);
    expect(reasons[0]).toMatch(/不是有效的 JSON/);
    expect(reasons[1]).toMatch(/缺少 ocid/);
    await shot(page, 'tenders-import-refused');
    // Nothing of the refused file went in.
    const api = await ApiClient.login(b.baseURL, 'jijian');
    expect((await api.get<{ total: number }>(`/api/tenders?q=${OCID(1)}`)).total).toBe(0);

    await errors.getByTestId('import-again').click();
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(writeJsonl('tenders-good.jsonl', good));
    // A slow line (about 2 KB/s up) so the progress bar can be seen while the file goes up.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2048 });
    await page.getByTestId('import-submit').click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    expect(await textOf(progress)).toMatch(/正在上传 \d+%|正在校验并计算预警/);
    await shot(page, 'tenders-import-progress');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const success = page.getByTestId('import-success');
    await success.waitFor({ timeout: 60_000 });
    const text = await textOf(success);
    expect(text).toContain('导入完成');
    expect(text).toMatch(/项目数\s*3/);
    expect(text).toMatch(/新增\s*3/);
    await shot(page, 'tenders-import-done');
    expect((await api.get<{ total: number }>(`/api/tenders?q=${OCID(1)}`)).total).toBe(1);
  });

  test('the list shows processes with flags, filters to the flagged ones, and a process explains its flags', async () => {
    const { page } = b;
    await login(page, 'jijian');
    await openMenu(page, 'tenders');
    const table = page.getByTestId('tenders-table');
    await poll(() => rowsOf(table).count()).toBeGreaterThan(5);
    await expect.poll(() => textOf(page.getByTestId('tender-totals'))).toMatch(/共 \d+ 个项目，其中 \d+ 个有预警/);
    // An institution user sees the hospital's own processes only: no institution filter.
    expect(await page.getByTestId('filter-institution').count()).toBe(0);
    await shot(page, 'tenders-list');

    await page.getByTestId('filter-flagged').click();
    await settle(page);
    // The list refreshes after the address changes: wait for rows that all carry a flag.
    await poll(async () => {
      const flags = await columnTexts(table, /^预警$/);
      return flags.length > 0 && flags.every((f) => /[RH]\d{2,3}/.test(f));
    }).toBe(true);
    expect(page.url()).toContain('flagged=true');
    await shot(page, 'tenders-list-flagged');

    // The flag filter: only single-bid processes.
    await page.getByLabel('预警类型').click();
    const list = page.locator('.ant-select-dropdown:visible').last();
    await untilAnimated(list);
    await list.locator('.ant-select-item-option').filter({ hasText: 'R018 仅一家投标' }).click();
    await settle(page);
    await poll(async () => (await columnTexts(table, /^预警$/)).every((f) => f.includes('R018'))).toBe(true);
    expect(page.url()).toContain('code=R018');

    // The Excel export of the filtered list.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    expect((await download).suggestedFilename()).toMatch(/^招标项目_\d{4}-\d{2}-\d{2}\.xlsx$/);

    await search(page, OCID(1));
    await poll(() => rowsOf(table).count()).toBe(1);
    await rowsOf(table).first().getByTestId('tender-link').click();
    await page.waitForURL(/\/tenders\/[0-9a-f-]{36}$/);
    await settle(page);
    const r018 = page.getByTestId('flag-card-R018');
    await r018.waitFor();
    expect(await textOf(r018.getByTestId('flag-reason'))).toBe('采用公开招标方式却只收到 1 份投标，缺乏竞争。');
    const r003 = page.getByTestId('flag-card-R003');
    expect(await textOf(r003.getByTestId('flag-reason'))).toBe('投标期仅 9 天（2026-03-02 09:00 至 2026-03-11 09:00），短于 15 天的要求。');
    expect(await textOf(r003)).toContain('判定规则');
    expect(await textOf(page.getByTestId('tender-bids'))).toContain('测试医疗器械E2E1有限公司');
    expect(await textOf(page.getByTestId('tender-awards'))).toContain('280,000.00');
    await shot(page, 'tender-detail');
    // On paper: no menu, header or buttons; the flags and tables remain.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ql-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    expect(await r018.isVisible()).toBe(true);
    await screenshot(page, 'tender-detail-print');
    await page.emulateMedia({ media: 'screen' });
  });

  test('a seeded process with hospital flags shows their reasoning and the contract', async () => {
    const { page } = b;
    await login(page, 'supervisor');
    await page.goto('/tenders?code=H03&sort=awardedValue&order=desc');
    await settle(page);
    const table = page.getByTestId('tenders-table');
    await poll(() => rowsOf(table).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('filter-institution').count()).toBe(1);
    await shot(page, 'tenders-list-region-h03');
    await rowsOf(table).first().getByTestId('tender-link').click();
    await page.waitForURL(/\/tenders\/[0-9a-f-]{36}$/);
    await settle(page);
    const h03 = page.getByTestId('flag-card-H03');
    await h03.waitFor();
    expect(await textOf(h03.getByTestId('flag-reason'))).toMatch(/^\d{4} 年供应商 .+ 获得采购人 .+ 中标总额的 [\d.]+%（[\d,.]+ \/ [\d,.]+ 元，达到 50% 即提示）。$/);
    await poll(() => rowsOf(page.getByTestId('tender-contracts').locator('.ant-table')).count()).toBe(1);
    await shot(page, 'tender-detail-h03');
  });
});

describe('buyers compared as the region supervisor', () => {
  test('the comparison draws its charts and lists every buyer with flags, spending and the top supplier', async () => {
    const { page } = b;
    await login(page, 'supervisor');
    await openMenu(page, 'tender-buyers');
    const chart = page.getByTestId('buyers-chart');
    await chart.locator('svg').first().waitFor();
    // Bars are drawn as paths: one stacked series per flag kind present.
    await poll(() => chart.locator('svg path').count()).toBeGreaterThan(20);
    await page.getByTestId('buyers-shares-chart').locator('svg').first().waitFor();
    const table = page.getByTestId('buyers-table');
    await poll(() => rowsOf(table).count()).toBeGreaterThan(5);
    const shares = await columnTexts(table, /^预警占比$/);
    const numbers = shares.map((s) => Number(s.replace('%', '')));
    expect(numbers).toEqual([...numbers].sort((x, y) => y - x));
    expect(await textOf(table)).toContain('清源市人民医院');
    await shot(page, 'tenders-buyers');

    // From a buyer to its processes.
    await rowsOf(table).first().getByTestId('buyer-processes').click();
    await page.waitForURL(/\/tenders\?buyerId=/);
    await settle(page);
    await poll(() => rowsOf(page.getByTestId('tenders-table')).count()).toBeGreaterThan(0);
  });
});

describe('the menu follows the tender permissions', () => {
  test('staff see no tender pages; the hospital admin may import but not read; the leader may read but not import', async () => {
    const { page } = b;
    await login(page, 'yisheng');
    expect(await page.getByTestId('menu-tenders').count()).toBe(0);
    expect(await page.getByTestId('menu-tender-import').count()).toBe(0);
    await page.goto('/tenders');
    await page.getByText('403').first().waitFor();

    const admin = await b.newPage();
    await login(admin, 'hadmin');
    expect(await admin.getByTestId('menu-tenders').count()).toBe(0);
    expect(await admin.getByTestId('menu-tender-import').count()).toBe(1);

    const leader = await b.newPage();
    await login(leader, 'yuanzhang');
    expect(await leader.getByTestId('menu-tenders').count()).toBe(1);
    expect(await leader.getByTestId('menu-tender-buyers').count()).toBe(1);
    expect(await leader.getByTestId('menu-tender-import').count()).toBe(0);
    await shot(leader, 'tenders-menu-leader');
  });
});

describe('in English', () => {
  test('the list and the comparison are translated', async () => {
    const page = await b.newPage({ locale: 'en-US' });
    await page.goto('/login');
    await page.evaluate(() => localStorage.setItem('ql_locale', 'en-US'));
    await page.reload();
    try {
      await login(page, 'supervisor');
      await openMenu(page, 'tenders');
      await poll(() => rowsOf(page.getByTestId('tenders-table')).count()).toBeGreaterThan(0);
      expect(await textOf(page.getByTestId('menu-tenders'))).toBe('Tender processes');
      await shot(page, 'tenders-list-en');
      await openMenu(page, 'tender-buyers');
      await page.getByTestId('buyers-chart').locator('svg').first().waitFor();
      await shot(page, 'tenders-buyers-en');
    } finally {
      // The choice is saved on the account: give the other specs their Chinese supervisor back.
      const api = await ApiClient.login(b.baseURL, 'supervisor');
      await api.call('POST', '/api/auth/locale', { locale: 'zh-CN' });
    }
  });
});

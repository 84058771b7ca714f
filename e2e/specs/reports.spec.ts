/**
 * Integrity codes and reports (issue 3): codes are generated and printed as posters; a patient on a
 * phone reports anonymously with a photo and gets a receipt; the discipline officer triages and asks a
 * question; the patient answers with the receipt; the case is concluded, the patient sees the outcome
 * and the figures move. A report about the hospital's leadership lands with the region, not the hospital.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { confirmPopup, login, modal, openMenu, rowsOf, screenshot, search, settle, textOf } from '../lib/app.ts';
import { ErrorWatch, useBrowser } from '../lib/browser.ts';
import { RUN } from '../lib/data.ts';

const b = useBrowser();
/** Waits for a value (lists refetch after each filter; the server may be busy with another spec's work). */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });

interface Code {
  id: string;
  token: string;
  url: string;
  kind: string;
  departmentName: string | null;
}
interface Stats {
  reports: number;
  ratings: number;
  praise: number;
}

/** A 24x24 PNG (a phone photo stand-in) in a temp file. */
function writePng(): string {
  const size = 24;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) raw.set([200, 40 + x * 4, 40 + y * 4], y * (size * 3 + 1) + 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-photo-')), 'IMG_2041.png');
  fs.writeFileSync(file, png);
  return file;
}

/** A phone: 390x844, touch, a WeChat-like Android user agent; its console is watched like the console's. */
async function openPhone(): Promise<{ phone: Page; context: BrowserContext; watch: ErrorWatch }> {
  const context = await b.browser.newContext({
    baseURL: b.baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MicroMessenger/8.0.47.2560(0x28002F51) WeChat/arm64 NetType/WIFI Language/zh_CN',
  });
  context.setDefaultTimeout(20_000);
  const phone = await context.newPage();
  const watch = new ErrorWatch();
  watch.attach(phone);
  return { phone, context, watch };
}

async function closePhone(p: { context: BrowserContext; watch: ErrorWatch }) {
  await p.context.close();
  expect(p.watch.errors).toEqual([]);
}

let hadmin: ApiClient;
let officerApi: ApiClient;
let card: Code;

beforeAll(async () => {
  hadmin = await ApiClient.login(b.baseURL, 'hadmin');
  officerApi = await ApiClient.login(b.baseURL, 'jijian');
  // Makes sure the department codes exist (the demo generates them; a second call adds none).
  const me = await hadmin.get<{ institutionId: string }>('/api/auth/me');
  const r = await hadmin.call('POST', '/api/reports/codes/generate', { institutionId: me.institutionId, kind: 'department' });
  expect(r.status).toBe(200);
  const codes = await hadmin.get<{ items: Code[] }>('/api/reports/codes?kind=department&q=心血管内科');
  card = codes.items.find((c) => c.departmentName === '心血管内科')!;
  expect(card).toBeTruthy();
});

/** Submits the report form on the phone (category by its label) and returns the receipt shown. */
async function reportOnPhone(phone: Page, opts: { text: string; category: string; photo?: string; aboutLeadership?: boolean; shots?: string }) {
  await phone.goto(new URL(card.url).pathname);
  await phone.getByTestId('code-where').getByText('心血管内科').waitFor();
  if (opts.shots) await screenshot(phone, `${opts.shots}-phone-1-code`);
  await phone.getByTestId('choose-report').click();
  await phone.locator('.p-choice', { hasText: opts.category }).click();
  await phone.getByLabel('问题描述').fill(opts.text);
  if (opts.aboutLeadership) await phone.getByTestId('about-leadership').check();
  if (opts.photo) {
    await phone.getByTestId('photo-camera').setInputFiles(opts.photo);
    await phone.locator('[data-testid="photo-item"][data-uploaded="true"]').waitFor();
  }
  expect(await phone.getByTestId('anonymous').isChecked()).toBe(true);
  if (opts.shots) await screenshot(phone, `${opts.shots}-phone-2-form`);
  await phone.getByTestId('report-submit').click();
  await phone.getByTestId('receipt').waitFor({ timeout: 30_000 });
  const receipt = (await textOf(phone.getByTestId('receipt'))).replace(/\s/g, '');
  expect(receipt).toMatch(/^QL(-[0-9A-Z]{4}){8}$/);
  return receipt;
}

describe('integrity codes and reports', () => {
  test('codes page: department codes listed with their QR, settings carry the hotline, posters print one per page', async () => {
    const { page } = b;
    await login(page, 'hadmin');
    await openMenu(page, 'report-settings');
    const form = page.getByTestId('report-settings-form');
    await form.getByLabel('监督电话').fill('0773-12345678');
    await page.getByTestId('settings-save').click();
    await page.getByText('已保存').first().waitFor();
    await screenshot(page, 'reports-settings');

    await openMenu(page, 'codes');
    const table = page.getByTestId('codes-table');
    await poll(() => rowsOf(table).count()).toBeGreaterThan(5);
    // Generating again keeps every existing code (printed posters stay valid).
    await page.getByTestId('generate-button').click();
    await modal(page).getByRole('button', { name: /生\s*成/ }).last().click();
    await page.getByText(/新生成 0 个/).waitFor();
    await poll(() => table.locator('[data-testid="qr"] svg').count()).toBeGreaterThan(5);
    await screenshot(page, 'reports-codes');

    await rowsOf(table).nth(0).locator('.ant-checkbox-input').check();
    await rowsOf(table).nth(1).locator('.ant-checkbox-input').check();
    await page.evaluate(() => {
      // Headless Chromium has no print dialog; keep the poster markup for the check below.
      window.print = () => undefined;
    });
    await page.getByTestId('print-posters').click();
    const posters = page.getByTestId('poster');
    await poll(() => posters.count()).toBe(2);
    await poll(() => page.locator('[data-testid="poster"] [data-testid="qr"] svg').count()).toBe(2);
    expect(await textOf(posters.first())).toContain('扫码评价服务、表扬或举报');
    expect(await textOf(posters.first())).toContain('0773-12345678');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => document.body.classList.add('ql-printing-posters'));
    await screenshot(page, 'reports-posters-print');
    await page.emulateMedia({ media: 'screen' });
  });

  test('a patient reports anonymously with a photo; triage, question, answer, conclusion, outcome; the figures move', async () => {
    const { page } = b;
    const before = await officerApi.get<Stats>('/api/reports/stats');
    const marker = `E2E${RUN}`;
    const text = `${marker} 心内科医生查房时收受患者家属红包两千元，上周三上午`;
    const p = await openPhone();
    try {
      const { phone } = p;
      const receipt = await reportOnPhone(phone, { text, category: '收受红包', photo: writePng(), shots: 'reports-a' });
      await phone.getByText('收据码是查询进展的唯一凭证，请截图或抄写保存').waitFor();
      await screenshot(phone, 'reports-a-phone-3-receipt');
      await phone.getByTestId('go-follow-up').click();
      await phone.getByTestId('status-text').getByText('已收到，等待受理').waitFor();
      await screenshot(phone, 'reports-a-phone-4-status');

      // The officer finds it, sees the photo, triages it as a clue and asks a question.
      await login(page, 'jijian');
      await openMenu(page, 'cases');
      await search(page, marker);
      const table = page.getByTestId('cases-table');
      await poll(() => rowsOf(table).count()).toBe(1);
      expect(await textOf(rowsOf(table).first())).toContain('待受理');
      await screenshot(page, 'reports-a-cases');
      await rowsOf(table).first().getByTestId('case-link').click();
      await page.getByTestId('case-text').getByText(marker).waitFor();
      await poll(() => page.locator('[data-testid="event-files"] img').count()).toBe(1);
      await page.getByTestId('case-action-triage').click();
      await modal(page).getByText('初步核实', { exact: true }).click();
      await page.getByTestId('action-ok').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('case-status').getByText(/办理中/).waitFor();
      await page.getByTestId('case-action-question').click();
      await modal(page).locator('textarea').fill('请问具体是哪一天？当时还有谁在场？');
      await page.getByTestId('action-ok').click();
      await page.locator('[data-testid="case-event"][data-kind="question"]').waitFor();
      await screenshot(page, 'reports-a-case-questioned');

      // The patient comes back with the receipt typed loosely (lower case, spaces for dashes).
      await phone.goto('/report');
      await phone.getByTestId('receipt-input').fill(receipt.toLowerCase().replace(/-/g, ' '));
      await phone.getByTestId('receipt-submit').click();
      await phone.getByTestId('status-text').getByText('已受理，正在核查').waitFor();
      await phone.getByTestId('timeline').getByText('请问具体是哪一天？').waitFor();
      await phone.getByTestId('reply-text').fill('11月3日上午，护士长也在场');
      await phone.getByTestId('reply-submit').click();
      await phone.getByText('已发送，办理人员会看到您的回复。').waitFor();
      await screenshot(phone, 'reports-a-phone-5-answered');

      // The officer reads the answer, concludes, tells the reporter and closes.
      await page.reload();
      await settle(page);
      await page.locator('[data-testid="case-event"][data-kind="reporter_reply"]').getByText('护士长也在场').waitFor();
      await page.getByTestId('case-action-conclude').click();
      await modal(page).getByText('属实', { exact: true }).click();
      await modal(page).locator('textarea').nth(0).fill('经调取监控、询问当事人，反映问题属实');
      await modal(page).locator('textarea').nth(1).fill('责令退还红包，给予诫勉谈话');
      await page.getByTestId('action-ok').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('case-outcome').waitFor();
      await page.getByTestId('case-action-feedback').click();
      expect(await modal(page).locator('textarea').inputValue()).toContain('属实');
      await page.getByTestId('action-ok').click();
      await page.getByTestId('confirm-ok').click();
      await page.locator('[data-testid="case-event"][data-kind="feedback"]').waitFor();
      await page.getByTestId('case-action-close').click();
      await confirmPopup(page);
      await page.getByTestId('case-status').getByText('已结案').waitFor();
      await screenshot(page, 'reports-a-case-closed');

      // The patient sees the outcome.
      await phone.reload();
      await phone.getByTestId('receipt-input').fill(receipt);
      await phone.getByTestId('receipt-submit').click();
      await phone.getByTestId('status-text').getByText('已办结').waitFor();
      expect(await textOf(phone.getByTestId('outcome'))).toContain('属实');
      await poll(() => phone.getByTestId('reply-form').count()).toBe(0);
      await screenshot(phone, 'reports-a-phone-6-outcome');

      // The figures moved.
      await openMenu(page, 'report-stats');
      const shown = Number((await textOf(page.getByTestId('figure-reports').locator('.ant-statistic-content-value'))).replace(/\D/g, ''));
      expect(shown).toBeGreaterThan(before.reports);
      await page.getByTestId('chart-trend').locator('svg').first().waitFor();
      await screenshot(page, 'reports-a-stats');
    } finally {
      await closePhone(p);
    }
  });

  test('a rating and a praise from the phone are counted', async () => {
    const before = await officerApi.get<Stats>('/api/reports/stats');
    const p = await openPhone();
    try {
      const { phone } = p;
      await phone.goto(new URL(card.url).pathname);
      // English is one tap away and stays chosen; back to Chinese for the rest.
      await phone.getByTestId('public-lang').click();
      await phone.getByTestId('choose-report').getByText('Report', { exact: true }).waitFor();
      await screenshot(phone, 'reports-b-phone-english');
      await phone.getByTestId('public-lang').click();
      await phone.getByTestId('choose-rate').getByText('评价服务').waitFor();
      await phone.getByTestId('choose-rate').click();
      await phone.getByTestId('star-4').click();
      await phone.getByRole('button', { name: '解释清楚' }).click();
      await screenshot(phone, 'reports-b-phone-rating');
      await phone.getByTestId('rating-submit').click();
      await phone.getByTestId('thanks').waitFor({ timeout: 30_000 });
      await phone.getByRole('button', { name: '返回首页' }).click();
      await phone.getByTestId('choose-praise').click();
      await phone.locator('.p-choice', { hasText: '已送锦旗' }).click();
      await phone.getByLabel('表扬内容').fill('感谢心内科张医生耐心细致');
      await phone.getByTestId('praise-submit').click();
      await phone.getByTestId('thanks').waitFor({ timeout: 30_000 });
      await screenshot(phone, 'reports-b-phone-praised');
    } finally {
      await closePhone(p);
    }
    const after = await officerApi.get<Stats>('/api/reports/stats');
    expect(after.ratings).toBe(before.ratings + 1);
    expect(after.praise).toBe(before.praise + 1);
  });

  test('a report about the hospital leadership lands with the region’s supervisor, not with the hospital', async () => {
    const { page } = b;
    const marker = `LEAD${RUN}`;
    const p = await openPhone();
    try {
      await reportOnPhone(p.phone, { text: `${marker} 院领导收受设备供应商好处费`, category: '收受回扣', aboutLeadership: true });
      await screenshot(p.phone, 'reports-c-phone-receipt');
    } finally {
      await closePhone(p);
    }
    const hospital = await officerApi.get<{ total: number }>(`/api/reports/cases?q=${marker}`);
    expect(hospital.total).toBe(0);

    await login(page, 'supervisor');
    await openMenu(page, 'cases');
    await search(page, marker);
    const table = page.getByTestId('cases-table');
    await poll(() => rowsOf(table).count()).toBe(1);
    const row = rowsOf(table).first();
    await row.getByTestId('routed-region').waitFor();
    expect(await textOf(row)).toContain('清源市人民医院');
    await screenshot(page, 'reports-c-region-cases');
    await row.getByTestId('case-link').click();
    await page.getByTestId('case-text').getByText(marker).waitFor();
    await screenshot(page, 'reports-c-region-case');
  });

  test('the office enters a hotline report and passes on its receipt; retention lists what is due', async () => {
    const { page } = b;
    const marker = `TEL${RUN}`;
    await login(page, 'jijian');
    await openMenu(page, 'cases');
    await page.getByTestId('create-button').click();
    const m = modal(page);
    await m.getByText('电话', { exact: true }).click();
    await m.getByTestId('create-category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '违规收费' }).click();
    await m.getByTestId('create-text').fill(`${marker} 来电反映放射科检查重复收费`);
    await screenshot(page, 'reports-d-create');
    await m.getByRole('button', { name: /登\s*记/ }).click();
    const receipt = await textOf(page.getByTestId('created-receipt'));
    expect(receipt).toMatch(/^QL(-[0-9A-Z]{4}){8}/);
    await screenshot(page, 'reports-d-created');
    await page.getByRole('button', { name: /打开案件/ }).click();
    await page.getByTestId('case-text').getByText(marker).waitFor();
    expect(await textOf(page.getByTestId('case-facts'))).toContain('电话');

    await openMenu(page, 'retention');
    await page.getByTestId('retention-table').getByText('没有到期的案件').waitFor();
    await screenshot(page, 'reports-d-retention');
  });
});

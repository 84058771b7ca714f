/**
 * Sales representatives (issue 4): a rep signs up on a phone (SMS code from the server log), fills in
 * the registration with documents and the integrity pledge, and applies; the discipline office
 * approves; the rep books a slot, which the office approves naming two hosts; the reception desk checks
 * the rep in and out by the code on the phone and prints the badge; the hosts record the visit and
 * each confirms it. A clinical department is never offered, and the server refuses it as a destination.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { login, modal, openMenu, rowsOf, screenshot, settle, textOf } from '../lib/app.ts';
import { ErrorWatch, useBrowser } from '../lib/browser.ts';
import { ARTIFACTS } from '../lib/chromium.ts';
import { RUN, validNationalId } from '../lib/data.ts';

const b = useBrowser();
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });

// A phone number and a credit code of this run (GB 32100 check character computed here, independently of the app).
const PHONE = `139${String(Date.now() % 100_000_000).padStart(8, '0')}`;
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(seed: string): string {
  const body = `91330100MA${seed.padStart(7, '0').slice(-7)}`.toUpperCase().replace(/[IOSVZ]/g, '1');
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body].reduce((s, c, i) => s + USCC.indexOf(c) * w[i]!, 0);
  return body + USCC[(31 - (sum % 31)) % 31];
}
const CREDIT = creditCode(String(Date.now() % 10_000_000));
const PASSWORD = 'rep-password-1';
const REP_NAME = `代表${RUN}`;

interface Ctx {
  officer: ApiClient;
  institutionId: string;
  institutionName: string;
  pharmacy: { id: string; name: string };
  cardiology: { id: string; name: string };
  hosts: string[];
}
let ctx: Ctx;

/** Minutes since midnight, China time. */
const shanghaiMinutes = () => {
  const now = new Date(Date.now() + 8 * 3600_000);
  return now.getUTCHours() * 60 + now.getUTCMinutes();
};

/**
 * A visit is booked, approved and checked in on one calendar day, and the last slot closes at 23:55.
 * A run that starts in the day's last quarter hour waits for the new day rather than fail at midnight.
 */
async function waitForDaytime(): Promise<void> {
  const minutes = shanghaiMinutes();
  if (minutes < 23 * 60 + 45) return;
  const msToMidnight = (24 * 60 - minutes) * 60_000 - (Date.now() % 60_000);
  await new Promise((resolve) => setTimeout(resolve, msToMidnight + 30_000));
}

/** Today and the slot of two hours that is open now (or the next one when this one is about to end), China time. */
function todayAndSlot(): { date: string; start: string } {
  const minutes = shanghaiMinutes();
  let slot = Math.floor(minutes / 120);
  if ((slot + 1) * 120 - minutes < 8 && slot < 11) slot++;
  return { date: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), start: `${String(slot * 2).padStart(2, '0')}:00` };
}

/** The newest SMS code the development transport wrote for this phone into the server log. */
function smsCodeFromLog(): string {
  const log = fs.readFileSync(path.join(ARTIFACTS, 'server.log'), 'utf8');
  const masked = `${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`;
  const line = log
    .split('\n')
    .filter((l) => l.includes('sms (development transport)') && l.includes(masked))
    .pop();
  return line?.match(/验证码为 (\d{6})/)?.[1] ?? '';
}

/** A small PNG and a PDF for the documents. */
function files() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-rep-'));
  const png = path.join(dir, 'me.png');
  fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
  const pdf = path.join(dir, 'letter.pdf');
  fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  return { png, pdf };
}

/** A phone-sized context whose console is watched. */
async function openPhone(): Promise<{ phone: Page; context: BrowserContext; watch: ErrorWatch }> {
  const context = await b.browser.newContext({ baseURL: b.baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(20_000);
  const phone = await context.newPage();
  const watch = new ErrorWatch();
  // Before sign-in the rep pages ask who is signed in and are told 401.
  watch.expect(/401 \(Unauthorized\)/);
  watch.attach(phone);
  return { phone, context, watch };
}

let rep: Awaited<ReturnType<typeof openPhone>>;

beforeAll(async () => {
  await waitForDaytime();
  const officer = await ApiClient.login(b.baseURL, 'jijian');
  const me = await officer.get<{ institutionId: string; institutionName: string }>('/api/auth/me');
  const depts = await officer.get<{ items: { id: string; code: string; name: string }[] }>(`/api/org/departments?institutionId=${me.institutionId}&pageSize=500`);
  const dept = (code: string) => depts.items.find((d) => d.code.endsWith(code))!;
  const hosts: string[] = [];
  for (const u of ['jijian', 'yuanzhang']) hosts.push((await (await ApiClient.login(b.baseURL, u)).get<{ displayName: string }>('/api/auth/me')).displayName);
  ctx = { officer, institutionId: me.institutionId, institutionName: me.institutionName, pharmacy: dept('PHAR'), cardiology: dept('CARD'), hosts };
  // Reception every day around the clock in two-hour slots, same-day bookings: the test runs whenever CI does.
  const rules = await officer.get<Record<string, unknown>>('/api/reps/rules');
  const { institutionId: _i, ...rest } = rules;
  const saved = await officer.call('PUT', '/api/reps/rules', { ...rest, weekdays: [1, 2, 3, 4, 5, 6, 7], timeFrom: '00:00', timeTo: '23:55', slotMinutes: 120, leadDays: 0, departmentIds: [ctx.pharmacy.id] });
  expect(saved.status).toBe(200);
}, 20 * 60_000);

describe('a sales rep from sign-up to a recorded visit', () => {
  test('signs up with an SMS code, registers with documents and the pledge, and applies', async () => {
    rep = await openPhone();
    const { phone } = rep;
    await phone.goto('/rep');
    await phone.getByTestId('rep-to-signup').click();
    await phone.getByTestId('rep-region').selectOption({ label: '清源市' });
    await phone.getByLabel('手机号').fill(PHONE);
    await phone.getByTestId('rep-send-code').click();
    await poll(async () => smsCodeFromLog()).toMatch(/^\d{6}$/);
    await phone.getByLabel('短信验证码').fill(smsCodeFromLog());
    await phone.getByLabel(/^密码/).fill(PASSWORD);
    await screenshot(phone, 'reps-01-signup');
    await phone.getByTestId('rep-signup-submit').click();
    await phone.getByTestId('rep-profile').waitFor();

    const { png, pdf } = files();
    await phone.getByLabel('姓名').fill(REP_NAME);
    await phone.getByLabel(/^身份证号/).fill(validNationalId('19880305', '417'));
    await phone.getByLabel('医药代表备案号').fill(`YYDB-${RUN}`);
    await phone.getByLabel(/授权推广的产品/).fill('阿莫西林胶囊\n头孢克肟片');
    await phone.getByLabel('授权起始日期').fill('2025-01-01');
    await phone.getByLabel('授权截止日期').fill('2099-12-31');
    await phone.getByLabel('企业名称').fill(`浙江${RUN}药业有限公司`);
    await phone.getByLabel('统一社会信用代码').fill(CREDIT);
    await phone.getByLabel(/许可证号/).fill(`浙${RUN}`);
    await phone.getByTestId('rep-profile-save').click();
    await poll(() => phone.getByLabel(/^身份证号（/).count()).toBe(1);
    await phone.getByTestId('rep-upload-photo').setInputFiles(png);
    await poll(async () => textOf(phone.locator('.rp-doc').first())).toContain('已上传');
    await phone.getByTestId('rep-upload-letter').setInputFiles(pdf);
    await poll(async () => textOf(phone.locator('.rp-doc').nth(1))).toContain('已上传');
    await phone.getByTestId('rep-pledge-agree').check();
    await phone.getByTestId('rep-pledge-sign').click();
    await phone.getByText(/已于 .* 签署/).waitFor();
    await screenshot(phone, 'reps-02-profile');
    await phone.getByTestId('rep-submit').click();
    await phone.getByTestId('rep-institutions').waitFor();
    const row = phone.getByTestId('rep-institutions').locator('.rp-row').filter({ hasText: ctx.institutionName });
    await row.getByTestId('rep-apply').click();
    await poll(async () => textOf(row)).toContain('待审核');
    await screenshot(phone, 'reps-03-applied');
  });

  test('a rejection shows its reason on the phone, and the rep applies again', async () => {
    const page = b.page;
    await login(page, 'jijian');
    await openMenu(page, 'rep-registry');
    const row = rowsOf(page.getByTestId('reps-table')).filter({ hasText: REP_NAME });
    await row.getByTestId('rep-refuse').click();
    const dialog = modal(page);
    await dialog.getByLabel('理由').fill('授权委托书未加盖企业公章');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await settle(page);
    await poll(async () => textOf(row.getByTestId('rep-status'))).toBe('未通过');

    const { phone } = rep;
    await phone.goto('/rep');
    const rejected = phone.getByTestId('rep-rejected');
    await poll(async () => textOf(rejected)).toContain('授权委托书未加盖企业公章');
    await screenshot(phone, 'reps-03b-rejected');
    await rejected.getByTestId('rep-reapply').click();
    const inst = phone.getByTestId('rep-inst').filter({ hasText: ctx.institutionName });
    await poll(async () => textOf(inst.getByTestId('rep-inst-status'))).toBe('待审核');
  });

  test('the discipline office approves the rep in the registry', async () => {
    const page = b.page;
    await login(page, 'jijian');
    await openMenu(page, 'rep-registry');
    const row = rowsOf(page.getByTestId('reps-table')).filter({ hasText: REP_NAME });
    await row.getByTestId('rep-approve').click();
    await poll(async () => textOf(row.getByTestId('rep-status'))).toBe('已准入');
    await row.getByTestId('rep-view').click();
    await page.getByTestId('rep-drawer').getByText('3301**********').waitFor();
    await screenshot(page, 'reps-04-registry');
  });

  test('only non-clinical departments are offered, and a clinical destination is refused', async () => {
    const { phone } = rep;
    await phone.goto('/rep');
    await phone.getByTestId('rep-book').click();
    await phone.getByTestId('rep-book-inst').selectOption({ label: ctx.institutionName });
    const offered = await phone.getByTestId('rep-book-dept').locator('option').allInnerTexts();
    expect(offered).toContain(ctx.pharmacy.name);
    expect(offered).not.toContain(ctx.cardiology.name);
    const { date, start } = todayAndSlot();
    // The page never offers it; the server refuses it all the same when asked directly.
    rep.watch.expect(/400 \(Bad Request\)/);
    const refused = await phone.evaluate(
      async ({ body }) => {
        const me = await (await fetch('/api/rep/me')).json();
        const res = await fetch('/api/rep/bookings', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
        return { status: res.status, body: await res.json() };
      },
      { body: { institutionId: ctx.institutionId, departmentId: ctx.cardiology.id, date, start, purpose: '临床科室推广', products: ['阿莫西林胶囊'] } },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0]).toMatchObject({ field: 'departmentId', reason: 'clinical_department' });
  });

  test('books a slot today; the office approves it with two hosts', async () => {
    const { phone } = rep;
    const { date, start } = todayAndSlot();
    await phone.getByTestId('rep-book-dept').selectOption({ label: ctx.pharmacy.name });
    await phone.getByTestId('rep-book-date').fill(date);
    await phone.locator(`[data-testid="rep-book-slot"][value="${start}"]`).check({ force: true });
    await phone.getByLabel('来访事由').fill('阿莫西林胶囊新规格学术推广');
    await phone.getByTestId('rep-book-product').first().check();
    await screenshot(phone, 'reps-05-book');
    await phone.getByTestId('rep-book-submit').click();
    await poll(async () => textOf(phone.getByTestId('rep-booking-status').first())).toBe('待审批');

    const page = b.page;
    await login(page, 'jijian');
    await openMenu(page, 'rep-bookings');
    const row = rowsOf(page.getByTestId('bookings-table')).filter({ hasText: REP_NAME });
    await row.getByTestId('booking-approve').click();
    const dialog = modal(page);
    const hosts = dialog.getByTestId('booking-hosts');
    for (const name of ctx.hosts) {
      await hosts.click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
    }
    await screenshot(page, 'reps-06-approve');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await settle(page);
    await openMenu(page, 'rep-bookings');
    // The dropdown may still be opening on a busy machine: pick again until the filter is in the address.
    const status = () => new URL(page.url()).searchParams.get('status');
    await poll(async () => {
      if (status() !== 'approved') {
        await page.getByTestId('status-filter').click();
        await page
          .locator('.ant-select-dropdown:visible .ant-select-item-option')
          .filter({ hasText: '已同意' })
          .click({ timeout: 3000 })
          .catch(() => undefined);
      }
      return status();
    }).toBe('approved');
    await poll(async () => textOf(rowsOf(page.getByTestId('bookings-table')).filter({ hasText: REP_NAME }).getByTestId('booking-status'))).toBe('已同意');
    await screenshot(page, 'reps-07-bookings');
  });

  test('checks in and out at the desk with the code on the phone; the badge prints', async () => {
    const { phone } = rep;
    await phone.goto('/rep');
    await poll(async () => textOf(phone.getByTestId('rep-booking-status').first())).toBe('已同意');
    await phone.getByTestId('rep-show-code').first().click();
    const digits = phone.getByTestId('rep-code-digits');
    await poll(async () => textOf(digits)).toMatch(/^\d{6}$/);
    await screenshot(phone, 'reps-08-code');

    const page = b.page;
    await login(page, 'jijian');
    await openMenu(page, 'rep-desk');
    await page.getByTestId('desk-code').fill(await textOf(digits));
    // The desk compares the person with the registry's photo and masked ID before checking in.
    await page.getByTestId('desk-verify').click();
    const check = page.getByTestId('desk-check');
    await check.getByText(REP_NAME).waitFor();
    await poll(async () => textOf(check.getByTestId('desk-national-id'))).toMatch(/^\d{4}\*{10}/);
    await poll(() => check.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, 'reps-09a-identity-check');
    await check.getByTestId('desk-checkin').click();
    await page.getByTestId('desk-result').getByText(REP_NAME).waitFor();
    await poll(() => rowsOf(page.getByTestId('onsite-table')).filter({ hasText: REP_NAME }).count()).toBe(1);
    await screenshot(page, 'reps-09-checked-in');
    await page.getByTestId('desk-badge').click();
    await page.getByTestId('badge').getByText(REP_NAME).waitFor();
    await poll(() => page.locator('.rep-badge-photo').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, 'reps-10-badge');

    // Check-out: a fresh code (the first was used), typed at the desk.
    await phone.getByRole('button', { name: '立即更新' }).click();
    await poll(async () => textOf(digits)).toMatch(/^\d{6}$/);
    await openMenu(page, 'rep-desk');
    await page.getByTestId('desk-code').fill(await textOf(digits));
    await page.getByTestId('desk-checkout').click();
    await page.getByTestId('desk-result').getByText('签退').waitFor();
    await poll(() => rowsOf(page.getByTestId('onsite-table')).filter({ hasText: REP_NAME }).count()).toBe(0);
  });

  test('the desk refuses a person who does not match the registry; the phone asks before cancelling', async () => {
    const { phone } = rep;
    const { date, start } = todayAndSlot();
    /** Books through the rep's own session, as the booking page does. */
    const bookAsRep = () =>
      phone.evaluate(
        async ({ body }) => {
          const me = await (await fetch('/api/rep/me')).json();
          const res = await fetch('/api/rep/bookings', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
          return (await res.json()) as { id: string };
        },
        { body: { institutionId: ctx.institutionId, departmentId: ctx.pharmacy.id, date, start, purpose: '补充介绍头孢克肟片', products: ['头孢克肟片'] } },
      );
    const second = await bookAsRep();
    const first = await ctx.officer.get<{ items: { id: string; status: string; hosts: { id: string }[] }[] }>(`/api/reps/bookings?q=${encodeURIComponent(REP_NAME)}&status=done`);
    const hostIds = first.items[0]!.hosts.map((h) => h.id);
    expect((await ctx.officer.call('POST', `/api/reps/bookings/${second.id}/decide`, { decision: 'approve', hostIds })).status).toBe(200);

    await phone.goto(`/rep/code/${second.id}`);
    const digits = phone.getByTestId('rep-code-digits');
    await poll(async () => textOf(digits)).toMatch(/^\d{6}$/);
    const page = b.page;
    await login(page, 'jijian');
    await openMenu(page, 'rep-desk');
    await page.getByTestId('desk-code').fill(await textOf(digits));
    await page.getByTestId('desk-verify').click();
    await page.getByTestId('desk-check').getByText(REP_NAME).waitFor();
    await page.getByTestId('desk-refuse').click();
    const dialog = modal(page);
    await dialog.getByRole('textbox').fill('来人与备案照片明显不符，自称替同事送资料');
    await screenshot(page, 'reps-10a-desk-refuse');
    await dialog.getByRole('button', { name: /身份不符/ }).click();
    await page.getByText('已拒绝进入，并登记“身份不符”违规待认定').waitFor();
    const violations = await ctx.officer.get<{ items: { kind: string; status: string }[] }>(`/api/reps/violations?kind=identity_mismatch&q=${encodeURIComponent(REP_NAME)}`);
    expect(violations.items).toMatchObject([{ kind: 'identity_mismatch', status: 'reported' }]);

    // A booking the rep withdraws: the phone asks first.
    const third = await bookAsRep();
    await phone.goto('/rep');
    const card = phone.getByTestId('rep-booking').filter({ hasText: '补充介绍头孢克肟片' }).filter({ hasText: '待审批' });
    await card.getByTestId('rep-cancel').click();
    await card.getByTestId('rep-cancel-confirm').waitFor();
    await screenshot(phone, 'reps-10b-cancel-confirm');
    await card.getByTestId('rep-cancel-yes').click();
    await poll(async () => (await ctx.officer.get<{ items: { id: string; status: string }[] }>(`/api/reps/bookings?q=${encodeURIComponent(REP_NAME)}&status=cancelled`)).items.map((x) => x.id)).toEqual([third.id]);
  });

  test('the hosts record the visit and each confirms; the ledger shows it confirmed', async () => {
    const page = b.page;
    await login(page, 'yuanzhang');
    await openMenu(page, 'rep-hosting');
    const row = rowsOf(page.getByTestId('hosting-table')).filter({ hasText: REP_NAME });
    await row.getByTestId('visit-write').click();
    const dialog = modal(page);
    await dialog.getByLabel('接待内容').fill('介绍阿莫西林胶囊新规格及不良反应监测；未涉及处方数据。');
    await dialog.getByLabel('资料').fill('产品说明书 1 份');
    await dialog.getByLabel('参加人员').fill(ctx.hosts.join('，'));
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await settle(page);
    await row.getByTestId('visit-confirm').click();
    await poll(async () => textOf(row)).toContain('我已确认');
    await screenshot(page, 'reps-11-hosting');

    const other = await b.newPage();
    await login(other, 'jijian');
    await openMenu(other, 'rep-hosting');
    const mine = rowsOf(other.getByTestId('hosting-table')).filter({ hasText: REP_NAME });
    await mine.getByTestId('visit-confirm').click();
    await poll(async () => textOf(mine.getByTestId('visit-status'))).toBe('已确认');
    await openMenu(other, 'rep-visits');
    const ledger = rowsOf(other.getByTestId('visits-table')).filter({ hasText: REP_NAME });
    await poll(async () => textOf(ledger.getByTestId('visit-status'))).toBe('已确认');
    await screenshot(other, 'reps-12-ledger');
    await rep.context.close();
    expect(rep.watch.errors).toEqual([]);
  });

  test('the office records a violation on the ladder and sees rules, blacklist and figures', async () => {
    const page = b.page;
    await login(page, 'jijian');
    await openMenu(page, 'rep-violations');
    await page.getByTestId('create-button').click();
    const dialog = modal(page);
    await dialog.getByTestId('rep-select').click();
    await page.keyboard.type(REP_NAME);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: REP_NAME }).first().click();
    await dialog.getByLabel('情况').fill('在走廊向医生赠送购物卡');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await settle(page);
    const row = rowsOf(page.getByTestId('violations-table')).filter({ hasText: REP_NAME }).filter({ hasText: '在走廊向医生赠送购物卡' });
    await poll(async () => textOf(row)).toContain('约谈企业');
    await screenshot(page, 'reps-13-violations');
    await openMenu(page, 'rep-rules');
    await page.getByTestId('rules-form').waitFor();
    await screenshot(page, 'reps-14-rules');
    await openMenu(page, 'rep-blacklist');
    await screenshot(page, 'reps-15-blacklist');
    await openMenu(page, 'rep-figures');
    await poll(async () => textOf(page.getByTestId('by-company'))).toContain(`浙江${RUN}药业有限公司`);
    await screenshot(page, 'reps-16-figures');
  });

  test('a third violation blacklists the company, and another hospital of the region sees it', async () => {
    const company = `浙江${RUN}药业有限公司`;
    const reps = await ctx.officer.get<{ items: { id: string; name: string }[] }>(`/api/reps/reps?q=${encodeURIComponent(REP_NAME)}`);
    const repId = reps.items.find((r) => r.name === REP_NAME)!.id;
    const second = await ctx.officer.call<{ sanction: string }>('POST', '/api/reps/violations', { repId, kind: 'prescription_stats', description: '向药房打听处方量' });
    expect(second.body.sanction).toBe('suspend_products');

    // The third, through the page: before saving, the office is told what it will trigger.
    const page = b.page;
    await login(page, 'jijian');
    await openMenu(page, 'rep-violations');
    await page.getByTestId('create-button').click();
    const dialog = modal(page);
    await dialog.getByTestId('rep-select').click();
    await page.keyboard.type(REP_NAME);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: REP_NAME }).first().click();
    await poll(async () => textOf(dialog.getByTestId('ladder-notice'))).toContain('第3次违规：企业将被全市列入黑名单');
    await dialog.getByLabel('情况').fill('未预约进入药剂科推销');
    await screenshot(page, 'reps-17-third-violation');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await settle(page);
    await poll(async () => textOf(rowsOf(page.getByTestId('violations-table')).first())).toContain('企业列入黑名单');
    await page.getByRole('tab', { name: '暂停采购清单' }).click();
    await poll(async () => textOf(page.getByTestId('suspensions-table'))).toContain(company);
    await screenshot(page, 'reps-18-suspensions');

    // Another hospital of the region: the company is on its blacklist page, decided by the first; it cannot lift it.
    const other = await b.newPage();
    await login(other, 'zy_jijian');
    await openMenu(other, 'rep-blacklist');
    await other.getByTestId('list-search').locator('input').fill(company);
    await other.getByTestId('list-search').locator('input').press('Enter');
    const row = rowsOf(other.getByTestId('blacklist-table')).filter({ hasText: company });
    await poll(() => row.count()).toBe(1);
    expect(await textOf(row)).toContain(ctx.institutionName);
    expect(await row.getByTestId('blacklist-lift').count()).toBe(0);
    await settle(other);
    await other.evaluate(() => window.scrollTo(0, 0));
    await screenshot(other, 'reps-19-blacklist-elsewhere');
  });

  test('a report of a rep in a clinical area becomes a violation of the rep the office picks', async () => {
    const created = await ctx.officer.call<{ id: string }>('POST', '/api/reports/cases', {
      channel: 'hotline',
      category: 'rep_in_clinical',
      text: `患者反映：有${REP_NAME}模样的医药代表在心内科病房向医生推销药品`,
      departmentId: ctx.cardiology.id,
    });
    expect(created.status).toBe(201);
    const page = b.page;
    await login(page, 'jijian');
    await page.goto(`/cases/${created.body.id}`);
    await page.getByTestId('case-rep-violation').click();
    const dialog = modal(page);
    await dialog.getByTestId('rep-select').click();
    await page.keyboard.type(REP_NAME);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: REP_NAME }).first().click();
    await dialog.getByTestId('ladder-notice').waitFor();
    await screenshot(page, 'reps-20-case-to-violation');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('case-rep-violation-link').waitFor();
    const list = await ctx.officer.get<{ items: { kind: string; status: string }[] }>(`/api/reps/violations?caseId=${created.body.id}`);
    expect(list.items).toMatchObject([{ kind: 'clinical_area', status: 'reported' }]);
  });

  test('a region supervisor picks an institution on the ledger and the figures', async () => {
    const page = b.page;
    await login(page, 'supervisor');
    await openMenu(page, 'rep-visits');
    await page.getByTestId('filter-institution').click();
    await page.keyboard.type(ctx.institutionName);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: ctx.institutionName }).first().click();
    await poll(async () => new URL(page.url()).searchParams.get('institutionId')).toBe(ctx.institutionId);
    await poll(async () => textOf(rowsOf(page.getByTestId('visits-table')).filter({ hasText: REP_NAME }).first())).toContain(REP_NAME);
    await settle(page);
    await screenshot(page, 'reps-21-region-ledger');
    // The figures take the same picker (opened here with the institution already chosen).
    await page.goto(`/reps/figures?institutionId=${ctx.institutionId}`);
    await page.getByTestId('filter-institution').getByText(ctx.institutionName).waitFor();
    await poll(async () => textOf(page.getByTestId('by-company'))).toContain(`浙江${RUN}药业有限公司`);
    await settle(page);
    await screenshot(page, 'reps-22-region-figures');
  });
});

/**
 * Screening (issue 5) in the console, from upload to an escalated case: the discipline office uploads a
 * bad purchase file (rejected, every problem listed by row and column), then the reference and fact files
 * a few alerts need, starts a run and waits for it, finds the alerts in the list, reads one's evidence,
 * dismisses one with a reason and escalates another into a case. The rule parameters get a new version.
 * Roles without screening permissions see no menu entry and get nothing from the API (统方).
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { columnIndex, columnTexts, confirmPopup, login, modal, openMenu, rowsOf, screenshot, settle, textOf } from '../lib/app.ts';
import { useBrowser } from '../lib/browser.ts';
import { RUN, writeCsv } from '../lib/data.ts';

const b = useBrowser();
const poll = <T>(fn: () => Promise<T>, timeout = 30_000) => expect.poll(fn, { timeout });

const INST = 'QY001';
const MAKER = `M${RUN}`;
const DIST = `D${RUN}`;
const P_PLAIN = `A${RUN}`;
const P_PRICED = `B${RUN}`;
const PO = (n: number) => `PO-${RUN}-${n}`;

const SUPPLIERS = [
  ['supplier_code', 'name', 'credit_code', 'kind'],
  [MAKER, `清源${RUN}制药有限公司`, '', 'manufacturer'],
  [DIST, `清源${RUN}医药配送有限公司`, '', 'distributor'],
];
const PRODUCTS = [
  ['product_code', 'generic_name', 'brand_name', 'spec', 'manufacturer_code', 'category', 'platform_price', 'vbp', 'key_monitored'],
  [P_PLAIN, `阿莫西林胶囊${RUN}`, '阿莫安', '0.25g*24粒', MAKER, 'drug', '10.00', '0', '0'],
  [P_PRICED, `头孢克肟片${RUN}`, '头孢安', '0.1g*6片', MAKER, 'drug', '50.00', '0', '0'],
];
const PO_HEAD = ['order_id', 'line_no', 'institution_code', 'ordered_on', 'supplier_code', 'product_code', 'quantity', 'unit_price', 'amount', 'channel'];
/** PO-1 matches its platform record; PO-2 (platform) and PO-4 (offline) have none; PO-3 pays 65.00 for a 50.00 product. */
const PURCHASES = [
  PO_HEAD,
  [PO(1), '1', INST, '2025-03-04', DIST, P_PLAIN, '100', '10.00', '1000.00', 'platform'],
  [PO(2), '1', INST, '2025-04-08', DIST, P_PLAIN, '80', '10.00', '800.00', 'platform'],
  [PO(3), '1', INST, '2025-05-12', DIST, P_PRICED, '40', '65.00', '2600.00', 'platform'],
  [PO(4), '1', INST, '2025-06-16', DIST, P_PLAIN, '30', '10.00', '300.00', 'offline'],
];
const PLATFORM = [
  ['record_id', 'institution_code', 'ordered_on', 'supplier_code', 'product_code', 'quantity', 'unit_price'],
  [`R-${RUN}-1`, INST, '2025-03-05', DIST, P_PLAIN, '100', '10.00'],
  [`R-${RUN}-3`, INST, '2025-05-12', DIST, P_PRICED, '40', '50.00'],
];
/** Row 2: a date that does not exist and an unknown supplier; row 3: a quantity that is not a number and an unknown channel. */
const BAD = [
  PO_HEAD,
  [PO(91), '1', INST, '2025-02-30', 'NOBODY', P_PLAIN, '10', '10.00', '100.00', 'platform'],
  [PO(92), '1', INST, '2025-03-01', DIST, P_PLAIN, 'many', '10.00', '100.00', 'mail'],
];

let officer: ApiClient;
beforeAll(async () => {
  officer = await ApiClient.login(b.baseURL, 'jijian');
});

/** Chooses the kind, attaches the file, starts the import and waits for its outcome on the page. */
async function importFile(kind: string, name: string, rows: string[][]): Promise<void> {
  const { page } = b;
  await page.getByTestId(`kind-${kind}`).click();
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(writeCsv(name, rows));
  await page.getByTestId('import-start').click();
  const result = page.getByTestId('import-result');
  await poll(async () => (await result.count()) > 0 && (await textOf(result)).includes(name)).toBe(true);
  await poll(async () => textOf(result.getByTestId('import-status'))).not.toMatch(/导入中/);
}

describe('screening from upload to an escalated case', () => {
  test('imports: a bad file is refused with every problem, the good files import with counts and history', async () => {
    const { page } = b;
    await login(page, 'jijian');
    await openMenu(page, 'screening-imports');
    // the eleven kinds in the recommended order, each with its columns
    await expect.poll(() => page.getByTestId('kind-list').locator('.ant-list-item').count()).toBe(11);
    await page.getByTestId('kind-prescriptions').click();
    expect(await textOf(page.getByTestId('kind-columns'))).toContain('doctor_staff_no');
    // a header template for the chosen kind, in the contract's column order
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-download').click()]);
    expect(template.suggestedFilename()).toBe('prescriptions.csv');
    expect(fs.readFileSync((await template.path())!, 'utf8').trim()).toBe(
      'rx_id,line_no,institution_code,dept_code,doctor_staff_no,patient_key,prescribed_on,product_code,quantity,amount',
    );
    await screenshot(page, 'screening-01-imports');

    await importFile('purchase_orders', 'purchase-bad.csv', BAD);
    const result = page.getByTestId('import-result');
    await result.getByTestId('import-failed').waitFor();
    expect(await textOf(result.getByTestId('import-imported'))).toContain('0');
    const problems = page.getByTestId('problems-table');
    const lines = await rowsOf(problems).allInnerTexts();
    const flat = lines.map((l) => l.replace(/\s+/g, ' ').trim());
    // row numbers as a spreadsheet shows them (header = 1), the column as written, the reason in Chinese
    expect(flat.some((l) => /^2 ordered_on .*日期/.test(l))).toBe(true);
    expect(flat.some((l) => /^2 supplier_code .*供应商编码不存在/.test(l))).toBe(true);
    expect(flat.some((l) => /^3 quantity /.test(l))).toBe(true);
    expect(flat.some((l) => /^3 channel .*取值不在允许范围内/.test(l))).toBe(true);
    await screenshot(page, 'screening-02-import-rejected');

    await importFile('suppliers', 'suppliers.csv', SUPPLIERS);
    await result.getByTestId('import-done').waitFor();
    await importFile('products', 'products.csv', PRODUCTS);
    await result.getByTestId('import-done').waitFor();
    await importFile('purchase_orders', 'purchase_orders.csv', PURCHASES);
    await result.getByTestId('import-done').waitFor();
    expect(await textOf(result.getByTestId('import-imported'))).toContain('4');
    await importFile('platform_records', 'platform_records.csv', PLATFORM);
    await result.getByTestId('import-done').waitFor();
    // importing the same file again changes nothing
    await importFile('platform_records', 'platform_records-again.csv', PLATFORM);
    await result.getByTestId('import-done').waitFor();
    expect(await textOf(result.getByTestId('import-unchanged'))).toContain('2');

    // the history lists this test's six files newest first (the demo seed's own imports sit below them)
    const history = page.getByTestId('imports-table');
    const mine = rowsOf(history).filter({ hasText: RUN });
    await poll(() => mine.count()).toBe(6);
    const statuses = async () => Promise.all((await mine.all()).map((r) => textOf(r.getByTestId('import-status'))));
    await poll(statuses).toEqual(['已完成', '已完成', '已完成', '已完成', '已完成', '未导入']);
    await screenshot(page, 'screening-03-imports-done');
  });

  test('a run finds the alerts; one is read, one dismissed with a reason, one escalated into a case', async () => {
    const { page } = b;
    await login(page, 'jijian');
    await openMenu(page, 'screening-runs');
    const runs = page.getByTestId('runs-table');
    await page.getByTestId('run-start').click();
    const dialog = modal(page);
    await dialog.waitFor();
    await screenshot(page, 'screening-04-run-start');
    await dialog.getByTestId('action-ok').click();
    // the demo seed's own run is listed too: this one is the manual one
    const mine = rowsOf(runs).filter({ hasText: '手动' });
    await poll(() => mine.count()).toBe(1);
    // the page follows the run until it is done (the job queue picks it up within seconds)
    await poll(async () => textOf(mine.getByTestId('run-status')), 90_000).toBe('已完成');
    const found = Number(await textOf(mine.locator('td').nth(await columnIndex(runs, /^发现预警$/))));
    expect(found).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'screening-05-runs');

    await openMenu(page, 'screening-alerts');
    const table = page.getByTestId('alerts-table');
    await page.getByTestId('list-search').locator('input').fill(RUN);
    await page.getByTestId('list-search').locator('input').press('Enter');
    await settle(page);
    await poll(() => rowsOf(table).count()).toBe(3);
    const rules = (await columnTexts(table, /^规则$/)).sort();
    expect(rules).toEqual(['线下采购（平台无记录）', '线下采购（平台无记录）', '采购价高于挂网价']);
    expect(new URL(page.url()).searchParams.get('q')).toBe(RUN);
    // the figures above the list count open alerts per rule
    expect(Number(await textOf(page.getByTestId('figure-open').locator('.ant-statistic-content-value')))).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'screening-06-alerts');
    // the filtered list as Excel, from the server
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');

    // the off-platform alert of PO-2: the purchase row and no platform record of that quantity
    await rowsOf(table).filter({ hasText: PO(2) }).getByTestId('alert-link').click();
    await page.getByTestId('alert-evidence').waitFor();
    await settle(page);
    expect(await textOf(page.getByTestId('alert-summary'))).toContain(PO(2));
    expect(await textOf(page.getByTestId('evidence-purchase'))).toContain(`${PO(2)} / 行号 1`);
    expect(await textOf(page.getByTestId('alert-facts'))).toMatch(/第 \d+ 版/);
    await screenshot(page, 'screening-07-alert-off-platform');

    // dismissal needs a reason, then a confirmation
    await page.getByTestId('alert-dismiss').click();
    const dismiss = modal(page);
    await dismiss.getByTestId('action-ok').click();
    await dismiss.locator('.ant-form-item-explain-error').waitFor();
    await dismiss.getByTestId('dismiss-reason').fill('已核实：抢救急用线下采购，平台订单已补录');
    await screenshot(page, 'screening-08-dismiss');
    await dismiss.getByTestId('action-ok').click();
    await confirmPopup(page);
    await page.getByTestId('alert-dismissed').waitFor();
    expect(await textOf(page.getByTestId('alert-dismissed'))).toContain('抢救急用线下采购');
    expect(await textOf(page.getByTestId('alert-status'))).toBe('已排除');
    expect(await textOf(page.getByTestId('alert-history'))).toContain('排除');
    await expect.poll(() => page.getByTestId('alert-dismiss').count()).toBe(0);
    await screenshot(page, 'screening-09-dismissed');

    // the price alert of PO-3: 65.00 paid against the listed 50.00, 600.00 too much
    await page.goBack();
    await settle(page);
    await poll(() => rowsOf(table).count()).toBe(2);
    await rowsOf(table).filter({ hasText: PO(3) }).getByTestId('alert-link').click();
    await page.getByTestId('evidence-price').waitFor();
    const price = await textOf(page.getByTestId('evidence-price'));
    expect(price).toContain('50.00');
    expect(price).toContain('600.00');
    expect(price).toContain('30.0%');
    expect(await textOf(page.getByTestId('evidence-platform-rows'))).toContain(`R-${RUN}-3`);
    const alertUrl = page.url();
    await screenshot(page, 'screening-10-alert-price');

    await page.getByTestId('alert-escalate').click();
    const escalate = modal(page);
    expect(await escalate.getByTestId('escalate-text').inputValue()).toContain(PO(3));
    await escalate.getByTestId('action-ok').click();
    await confirmPopup(page);
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId('case-facts').waitFor();
    await settle(page);
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    await screenshot(page, 'screening-11-case');

    // the alert now links to its case
    await page.goto(alertUrl);
    await page.getByTestId('alert-case').waitFor();
    expect(await page.getByTestId('alert-case-link').getAttribute('href')).toBe(`/cases/${caseId}`);
    expect(await textOf(page.getByTestId('alert-status'))).toBe('已转线索');
    await screenshot(page, 'screening-12-escalated');
    const alertId = alertUrl.split('/').pop()!;
    const detail = await officer.get<{ status: string; caseId: string }>(`/api/screening/alerts/${alertId}`);
    expect(detail).toMatchObject({ status: 'escalated', caseId });
  });

  test('rule parameters: editing makes a new version after a confirmation', async () => {
    const { page } = b;
    await login(page, 'jijian');
    await openMenu(page, 'screening-params');
    const before = await officer.get<{ items: { version: number; current: boolean }[] }>('/api/screening/params');
    const was = before.items.find((v) => v.current)!.version;
    expect(await textOf(page.getByTestId('param-split_purchase.thresholdYuan'))).toBe('100000');
    await screenshot(page, 'screening-13-params');
    await page.getByTestId('params-edit').click();
    await page.getByLabel('split_purchase.thresholdYuan', { exact: true }).fill('200000');
    await page.getByTestId('params-note').fill('按院党委会决定调整招标限额');
    await screenshot(page, 'screening-14-params-edit');
    await page.getByTestId('params-save').click();
    await confirmPopup(page);
    await poll(async () => textOf(page.getByTestId('param-split_purchase.thresholdYuan'))).toBe('200000');
    expect(await textOf(page.getByTestId('params-current'))).toContain(`第 ${was + 1} 版`);
    const versions = page.getByTestId('param-versions');
    expect(await textOf(rowsOf(versions).first())).toContain('split_purchase.thresholdYuan = 200000');
    await screenshot(page, 'screening-15-params-saved');
  });

  test('tender red flags sit in the same list: the seeded run shows a flag’s reasoning and links its process', async () => {
    const { page } = b;
    await login(page, 'jijian');
    await page.goto('/screening/alerts?rule=tender_red_flag&status=open');
    const table = page.getByTestId('alerts-table');
    await poll(() => rowsOf(table).count()).toBeGreaterThan(0);
    expect(new Set(await columnTexts(table, /^规则$/))).toEqual(new Set(['招投标红旗指标']));
    await rowsOf(table).first().getByTestId('alert-link').click();
    const reason = page.getByTestId('evidence-tender-reason');
    await reason.waitFor();
    expect(await textOf(reason)).toMatch(/^(R|H)\d+/);
    await settle(page);
    await screenshot(page, 'screening-17-tender-flag');
    await page.getByTestId('evidence-tender-link').click();
    await page.waitForURL(/\/tenders\/[0-9a-f-]{36}$/);
    await settle(page);
    await screenshot(page, 'screening-18-tender-process');
  });
});

describe('confidentiality (统方)', () => {
  test('roles without screening permissions see no menu and get no data; an administrator may only load files', async () => {
    const { page } = b;
    for (const user of ['yuanzhang', 'yisheng', 'admin']) {
      const api = await ApiClient.login(b.baseURL, user);
      for (const path of ['/api/screening/alerts', '/api/screening/summary', '/api/screening/runs', '/api/screening/alerts/export']) {
        const r = await api.call('GET', path);
        expect(r.status, `${user} ${path}`).toBe(403);
        expect(JSON.stringify(r.body)).not.toContain(PO(3));
      }
    }
    await login(page, 'yuanzhang');
    expect(await page.locator('[data-testid^="menu-screening-"]').count()).toBe(0);
    b.expectConsoleError(/403/);
    await page.goto('/screening/alerts');
    await settle(page);
    expect(await rowsOf(page.getByTestId('alerts-table')).count()).toBe(0);
    await page.getByText(/没有访问此页面的权限/).waitFor();
    await screenshot(page, 'screening-16-forbidden');

    // the hospital administrator loads data but never sees alerts
    const hadmin = await ApiClient.login(b.baseURL, 'hadmin');
    expect((await hadmin.call('GET', '/api/screening/alerts')).status).toBe(403);
    expect((await hadmin.call('GET', '/api/screening/imports')).status).toBe(200);
    await page.context().clearCookies();
    await login(page, 'hadmin');
    expect(await page.getByTestId('menu-screening-imports').count()).toBe(1);
    expect(await page.getByTestId('menu-screening-alerts').count()).toBe(0);
  });
});

/**
 * The supervision workbench (issue 7): a round from plan to a verified rectification with its suggestion
 * letter, a talk recorded from the finding, a risk point adopted from the library and reviewed, the
 * quarterly cadre assessment, and scope (another department's head cannot see the rectification).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ApiClient } from '../lib/api.ts';
import { columnTexts, confirmPopup, login, modal, openMenu, rowsOf, screenshot, settle, textOf, untilAnimated } from '../lib/app.ts';
import { ARTIFACTS } from '../lib/chromium.ts';
import { ErrorWatch, useBrowser } from '../lib/browser.ts';
import { RUN, writeCsv } from '../lib/data.ts';

const b = useBrowser();
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const TEMPLATE = `临床科室检查表${RUN}`;
const ROUND = `第四季度清廉查房${RUN}`;
const FINDING = `医药代表接待未登记${RUN}`;

interface Person {
  id: string;
  name: string;
  staffNo: string;
  departmentName?: string | null;
}
interface Page_<T> {
  items: T[];
  total: number;
}

/** YYYY-MM-DD in Shanghai, `days` from today. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Facts the spec needs that no screen should be asked for: people and departments of 清源市人民医院. */
async function facts() {
  const officer = await ApiClient.login(b.baseURL, 'jijian');
  const head = await ApiClient.login(b.baseURL, 'xinnei');
  const depts = await officer.get<Page_<{ id: string; code: string; name: string }>>('/api/org/departments?pageSize=200');
  const med = depts.items.find((d) => d.code === 'MED')!;
  const me = await officer.get<{ personId: string }>('/api/auth/me');
  const headMe = await head.get<{ personId: string }>('/api/auth/me');
  const officerPerson = await officer.get<Person>(`/api/org/people/${me.personId}`);
  const headPerson = await officer.get<Person>(`/api/org/people/${headMe.personId}`);
  const medPerson = (await officer.get<Page_<Person>>(`/api/org/people?departmentId=${med.id}&active=true&pageSize=1`)).items[0]!;
  return { officer, officerPerson, headPerson, medPerson };
}

/** A screenshot from the top of the page (the sticky header would otherwise sit mid-picture). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** Closes any open select list of a dialog (a multiple select keeps its list open) by clicking the dialog's title. */
async function closeLists(page: Page, dialog: Locator): Promise<void> {
  await poll(async () => {
    const open = await page.locator('.ant-select-dropdown:visible').count();
    if (open) await dialog.locator('.ant-modal-title').click();
    return open;
  }).toBe(0);
}

/**
 * Picks an option of a select in a dialog and checks it took: waits for the list's opening motion (a
 * click during it can be lost), closes the list, and tries again if the field does not show the choice.
 */
async function choose(page: Page, dialog: Locator, label: RegExp, option: string | RegExp, type?: string): Promise<void> {
  const item = dialog.locator('.ant-form-item').filter({ has: page.getByLabel(label) }).last();
  const want = typeof option === 'string' ? option : option.source.replace(/^\^|\$$/g, '');
  for (let attempt = 0; attempt < 3; attempt++) {
    const input = dialog.getByLabel(label);
    await input.click();
    if (type) await input.fill(type);
    const list = page.locator('.ant-select-dropdown:visible').last();
    await untilAnimated(list);
    await list.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    await closeLists(page, dialog);
    if ((await textOf(item)).includes(want)) return;
  }
  throw new Error(`could not choose ${want} for ${label}`);
}

/** Types a date into an antd DatePicker found by its label. */
async function fillDate(scope: Locator, label: RegExp, date: string): Promise<void> {
  const input = scope.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Clicks one of 符合 / 不符合 / 不适用 of a checklist item. */
async function answer(item: Locator, a: '符合' | '不符合' | '不适用'): Promise<void> {
  await item.locator('.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^\\s*${a}\\s*$`) }).click();
}

/** A 16x16 PNG in a temp file (a phone photo, a scanned register). */
function writePng(name: string): string {
  const size = 16;
  const raw = Buffer.alloc((size * 3 + 1) * size, 180);
  for (let y = 0; y < size; y++) raw[y * (size * 3 + 1)] = 0;
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
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-')), name);
  fs.writeFileSync(file, png);
  return file;
}

/** A minimal .xlsx (deflated parts, shared strings for text, numbers as numbers) as Excel writes one. */
function writeXlsx(name: string, rows: (string | number)[][]): string {
  const strings: string[] = [];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const cell = (v: string | number, ref: string) =>
    typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="s"><v>${strings.push(v) - 1}</v></c>`;
  const sheetRows = rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => cell(v, `${'AB'[j]}${i + 1}`)).join('')}</row>`).join('');
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const parts: [string, string][] = [
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="成绩" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
    ['xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet ${ns}><sheetData>${sheetRows}</sheetData></worksheet>`],
  ];
  parts.push(['xl/sharedStrings.xml', `<?xml version="1.0"?><sst ${ns}>${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`]);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [file, text] of parts) {
    const data = Buffer.from(text, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const fname = Buffer.from(file);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(zlib.crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(fname.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(zlib.crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(fname.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, fname, packed);
    central.push(dir, fname);
    offset += head.length + fname.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  const dirPath = path.join(ARTIFACTS, 'uploads');
  fs.mkdirSync(dirPath, { recursive: true });
  const out = path.join(dirPath, `${RUN}-${name}`);
  fs.writeFileSync(out, Buffer.concat([...locals, cd, end]));
  return out;
}

/** A phone (390x844, touch) signed in as `username`, watched for console errors. */
async function openPhone(username: string) {
  const context = await b.browser.newContext({ baseURL: b.baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(20_000);
  const phone = await context.newPage();
  const watch = new ErrorWatch();
  watch.attach(phone);
  try {
    await login(phone, username);
  } catch (e) {
    await shot(phone, 'FAILED-phone-login');
    throw new Error(`phone sign-in failed (${watch.errors.join('; ') || 'no page errors'})`, { cause: e });
  }
  return { phone, context, watch };
}

/** The id of this run's rectification (created by the first test). */
async function findingId(officer: ApiClient): Promise<string> {
  const list = await officer.get<Page_<{ id: string; description: string }>>('/api/supervision/rectifications?pageSize=100');
  return list.items.find((r) => r.description === FINDING)!.id;
}

describe('a round from plan to a verified rectification', () => {
  test('jijian plans and scores a round, xinnei answers the finding, jijian verifies and prints the letter', async () => {
    const { page } = b;
    const f = await facts();
    await login(page, 'jijian');

    // A checklist template: the sample, renamed.
    await openMenu(page, 'round-templates');
    await page.getByTestId('templates-table').waitFor();
    await page.getByTestId('create-button').click();
    let form = modal(page);
    await form.getByTestId('template-sample').click();
    await form.getByLabel('清单名称').fill(TEMPLATE);
    expect(await form.getByTestId('template-section').count()).toBe(3);
    await shot(page, 'supervision-template-create');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByTestId('templates-table').getByText(TEMPLATE).waitFor();
    await shot(page, 'supervision-templates');

    // Plan the round: methods, a team from two departments, two departments to visit, the checklist.
    await openMenu(page, 'rounds');
    // Pages share the create-button test id: wait until the rounds page has replaced the checklists page.
    await page.getByTestId('rounds-table').waitFor();
    await page.getByTestId('create-button').click();
    form = modal(page);
    await form.getByLabel('查房名称').fill(ROUND);
    await fillDate(form, /^查房日期$/, dayFromNow(0));
    await form.getByLabel('个别访谈').check();
    await form.getByLabel('查阅资料').check();
    await choose(page, form, /^查房组成员$/, f.officerPerson.name, f.officerPerson.staffNo);
    await choose(page, form, /^查房组成员$/, f.medPerson.name, f.medPerson.staffNo);
    await choose(page, form, /^被查科室$/, /^心血管内科$/, '心血管');
    await choose(page, form, /^被查科室$/, /^骨科$/, '骨科');
    await choose(page, form, /^检查清单$/, TEMPLATE);
    await shot(page, 'supervision-round-plan');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/supervision\/rounds\/[0-9a-f-]{36}$/);
    await settle(page);
    const roundUrl = new URL(page.url()).pathname;
    expect(await textOf(page.getByTestId('round-facts'))).toContain('突击检查、个别访谈、查阅资料');
    expect(await textOf(page.getByTestId('round-facts'))).toContain(f.medPerson.name);

    // 心血管内科 on the desktop: the reps section fails, one custom score.
    expect(await textOf(page.getByTestId('checklist-department'))).toContain('心血管内科');
    const items = page.getByTestId('checklist-item');
    expect(await items.count()).toBe(8);
    for (const i of [0, 1, 2, 3, 6, 7]) await answer(items.nth(i), '符合');
    await answer(items.nth(4), '不符合');
    await answer(items.nth(5), '不适用');
    await items.nth(6).getByLabel('自定分数').fill('60');
    await items.nth(4).getByLabel('备注').fill('接待登记本缺失');
    await page.getByTestId('checklist-submit').click();
    const result = page.getByTestId('checklist-result');
    await result.waitFor();
    // (3+3+1)×100 + 2×100 + 2×0 + 2×60 + 2×100 over weight 15; the reps section scores 50 < 80.
    expect(await textOf(result)).toContain('总分 81.33 · 不合格');
    expect(await textOf(result)).toContain('医药代表接待 50 · 不合格');
    expect(await textOf(result)).toContain('收费与处方 80 · 合格');
    await shot(page, 'supervision-round-checklist-result');

    // 骨科 on a phone, with a photo: everything in order.
    const p = await openPhone('jijian');
    await p.phone.goto(roundUrl);
    await settle(p.phone);
    await p.phone.getByTestId('checklist-department').click();
    const list = p.phone.locator('.ant-select-dropdown:visible').last();
    await untilAnimated(list);
    await list.locator('.ant-select-item-option').filter({ hasText: /^骨科$/ }).click();
    await poll(async () => textOf(p.phone.getByTestId('checklist-department'))).toBe('骨科');
    const phoneItems = p.phone.getByTestId('checklist-item');
    await poll(() => phoneItems.count()).toBe(8);
    for (let i = 0; i < 8; i++) await answer(phoneItems.nth(i), '符合');
    await phoneItems.nth(0).locator('input[type=file]').setInputFiles(writePng('IMG_0412.png'));
    await phoneItems.nth(0).locator('.ant-upload-list-item-done').waitFor();
    await shot(p.phone, 'supervision-round-phone-checklist');
    await p.phone.getByTestId('checklist-submit').click();
    await p.phone.getByTestId('checklist-result').waitFor();
    expect(await textOf(p.phone.getByTestId('checklist-result'))).toContain('总分 100 · 合格');
    await shot(p.phone, 'supervision-round-phone-result');
    await p.context.close();
    expect(p.watch.errors).toEqual([]);

    // A finding for 心血管内科, its head responsible.
    await page.reload();
    await settle(page);
    await page.getByRole('tab', { name: /检查结果/ }).click();
    const results = page.getByTestId('results-table');
    await poll(async () => (await textOf(results)).includes('总分 100 · 合格')).toBe(true);
    // Item by item: 心血管内科's failed item with its note stands out; 骨科's photo is shown.
    const cardiology = results.getByTestId('result-detail').first();
    expect(await textOf(cardiology.getByTestId('failed-items'))).toBe('1 项不符合');
    expect(await textOf(cardiology.locator('.ql-row-failed'))).toContain('接待登记本缺失');
    expect(await results.locator('.ant-image img').count()).toBe(1);
    await shot(page, 'supervision-round-results');
    await page.getByRole('tab', { name: /发现问题/ }).click();
    await page.getByTestId('add-finding').click();
    form = modal(page);
    await choose(page, form, /^问题科室$/, /^心血管内科$/);
    await choose(page, form, /^问题类型$/, '医药代表接待');
    await form.getByLabel('问题描述').fill(FINDING);
    await choose(page, form, /^整改责任人$/, f.headPerson.name, f.headPerson.staffNo);
    await fillDate(form, /^整改期限$/, dayFromNow(30));
    await shot(page, 'supervision-finding-create');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });
    await poll(() => rowsOf(page.getByTestId('findings-table')).count()).toBe(1);
    await page.getByTestId('complete-round').click();
    await confirmPopup(page);
    await poll(async () => textOf(page.getByTestId('round-status'))).toBe('已完成');
    await shot(page, 'supervision-round-completed');

    // xinnei sees the order of 心血管内科 and submits evidence.
    const head = await b.newPage();
    await login(head, 'xinnei');
    await openMenu(head, 'rectifications');
    const table = head.getByTestId('rectifications-table');
    await poll(() => rowsOf(table).count()).toBeGreaterThan(0);
    expect(new Set(await columnTexts(table, /^科室$/))).toEqual(new Set(['心血管内科']));
    await shot(head, 'supervision-rectifications-head');
    await table.getByText(FINDING).click();
    await head.waitForURL(/\/supervision\/rectifications\/[0-9a-f-]{36}$/);
    const rectUrl = new URL(head.url()).pathname;
    const submitEvidence = async (text: string) => {
      const card = head.getByTestId('evidence-card');
      await card.getByLabel('整改情况').fill(text);
      await card.locator('input[type=file]').setInputFiles(writePng('登记本.png'));
      await card.locator('.ant-upload-list-item-done').waitFor();
      await card.getByTestId('evidence-submit').click();
      await poll(async () => textOf(head.getByTestId('rect-status'))).toContain('待验收');
    };
    await submitEvidence('已建立医药代表接待登记本，全科培训');
    await shot(head, 'supervision-rectification-submitted');

    // jijian sends it back once, xinnei adds to it, jijian accepts.
    await page.goto(rectUrl);
    await settle(page);
    await page.getByTestId('verify-card').getByLabel('验收意见').fill('缺少登记本照片和培训签到');
    await page.getByTestId('verify-return').click();
    // Sending back is confirmed first.
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '退回重改' }).click();
    await poll(async () => textOf(page.getByTestId('rect-status'))).toContain('已退回');
    await head.reload();
    await settle(head);
    expect(await textOf(head.getByTestId('evidence-card'))).toContain('缺少登记本照片和培训签到');
    await submitEvidence('补充登记本照片和培训签到表');
    await page.reload();
    await settle(page);
    expect(await textOf(page.getByTestId('rect-evidence'))).toBe('补充登记本照片和培训签到表');
    await page.getByTestId('verify-card').getByLabel('验收意见').fill('整改到位');
    await shot(page, 'supervision-rectification-verify');
    await page.getByTestId('verify-accept').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '验收通过' }).click();
    await poll(async () => textOf(page.getByTestId('rect-status'))).toContain('已验收');
    await shot(page, 'supervision-rectification-accepted');

    // The suggestion letter: opening it does not number it; the office edits the suggestions, then issues it
    // (confirmed); numbered, addressed to the department, printable on A4 without the console.
    await page.getByTestId('rect-letter').click();
    await page.waitForURL(/\/letter$/);
    await settle(page);
    const letter = page.getByTestId('letter');
    await page.getByTestId('letter-draft').waitFor();
    expect(await textOf(letter.getByTestId('letter-number'))).toBe('尚未出具');
    expect(await textOf(letter.getByTestId('letter-suggestions'))).toContain(FINDING);
    await page.getByTestId('letter-edit').click();
    const suggestions = `一、请于${dayFromNow(30)}前完成整改，建立医药代表接待登记制度。\n二、组织全科开展廉洁从业教育。`;
    await page.getByTestId('letter-suggestions-input').fill(suggestions);
    await shot(page, 'supervision-letter-edit');
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
    await poll(async () => textOf(letter.getByTestId('letter-suggestions'))).toContain('组织全科开展廉洁从业教育');
    await shot(page, 'supervision-letter-draft');
    await page.getByTestId('letter-issue').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '出具并编号' }).click();
    await poll(async () => textOf(letter.getByTestId('letter-number'))).toMatch(/^QY001监建〔\d{4}〕\d+号$/);
    expect(await textOf(letter.getByTestId('letter-number'))).toMatch(/^QY001监建〔\d{4}〕\d+号$/);
    expect(await textOf(letter)).toContain('监察建议书');
    expect(await textOf(letter.getByTestId('letter-to'))).toBe('心血管内科：');
    expect(await textOf(letter.getByTestId('letter-finding'))).toBe(FINDING);
    expect(await textOf(letter.getByTestId('letter-suggestions'))).toContain('建立医药代表接待登记制度');
    expect(await textOf(letter.getByTestId('letter-issuer'))).toBe('清源市人民医院纪检监察室');
    await shot(page, 'supervision-letter');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ql-sider').isVisible()).toBe(false);
    expect(await page.locator('.ql-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    expect(await letter.isVisible()).toBe(true);
    await shot(page, 'supervision-letter-print');
    const pdf = await page.pdf({ path: path.join(ARTIFACTS, 'supervision-letter.pdf'), preferCSSPageSize: true, printBackground: true });
    const text = pdf.toString('latin1');
    // One A4 portrait page: about 595 × 842 points.
    expect(text.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    expect(Math.round(Number(box?.[1]))).toBeGreaterThanOrEqual(594);
    expect(Math.round(Number(box?.[1]))).toBeLessThanOrEqual(597);
    expect(Math.round(Number(box?.[2]))).toBeGreaterThanOrEqual(841);
    expect(Math.round(Number(box?.[2]))).toBeLessThanOrEqual(843);
    await page.emulateMedia({ media: 'screen' });

    // xinnei, the addressed department's head, reads the issued letter: no edit, no issuing.
    await head.goto(rectUrl);
    await settle(head);
    await head.getByTestId('rect-letter').click();
    await head.waitForURL(/\/letter$/);
    await settle(head);
    expect(await textOf(head.getByTestId('letter').getByTestId('letter-number'))).toMatch(/^QY001监建〔\d{4}〕\d+号$/);
    expect(await head.getByTestId('letter-issue').count()).toBe(0);
    expect(await head.getByTestId('letter-edit').count()).toBe(0);
    await shot(head, 'supervision-letter-head');
  });

  test('a talk recorded from the finding', async () => {
    const { page } = b;
    const f = await facts();
    const id = await findingId(f.officer);
    await login(page, 'jijian');
    await page.goto(`/supervision/rectifications/${id}`);
    await settle(page);
    await page.getByTestId('rect-talk').click();
    const form = modal(page);
    await form.getByTestId('talk-form').waitFor();
    // Pre-filled from the finding: the responsible person, a reminder, the reason.
    expect(await textOf(form.locator('.ant-form-item').filter({ hasText: '谈话对象' }))).toContain(f.headPerson.name);
    expect(await form.getByLabel('查房发现', { exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel('事由说明').inputValue()).toBe(`${ROUND}发现问题：${FINDING}`);
    expect(await textOf(form.locator('.ant-form-item').filter({ hasText: '谈话人' }))).toContain(f.officerPerson.name);
    await form.getByLabel('谈话记录').fill('指出接待登记缺失的问题，本人表示接受并立即整改。');
    await form.getByLabel('后续要求').fill('一个月后回访');
    await shot(page, 'supervision-talk-from-finding');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });

    await openMenu(page, 'talks');
    const table = page.getByTestId('talks-table');
    await table.waitFor();
    await poll(async () => (await textOf(table)).includes(FINDING)).toBe(true);
    const row = rowsOf(table).filter({ hasText: FINDING });
    expect(await textOf(row)).toContain(f.headPerson.name);
    expect(await textOf(row)).toContain('提醒谈话');
    expect(Number(await textOf(page.getByTestId('talk-count-reminder').locator('.ant-statistic-content-value')))).toBeGreaterThanOrEqual(1);
    expect(await textOf(page.getByTestId('talk-sentence'))).toMatch(/本期共谈话 \d+ 次：提醒谈话 \d+ 次/);
    await shot(page, 'supervision-talks');
  });

  test('a talk recorded from a case, opened, edited, its follow-up recorded, and the talks exported', async () => {
    const { page } = b;
    const f = await facts();
    const created = await f.officer.call<{ id: string; number: string }>('POST', '/api/reports/cases', {
      channel: 'visit',
      category: 'red_envelope',
      text: `来访反映医务科工作人员收受患者家属红包${RUN}`,
      subjectIds: [f.medPerson.id],
    });
    expect(created.status).toBe(201);
    await login(page, 'jijian');
    await page.goto(`/cases/${created.body.id}`);
    await settle(page);
    await page.getByTestId('case-talk').click();
    const form = modal(page);
    await form.getByTestId('talk-form').waitFor();
    // Pre-filled from the case: its subject, the case as the reason.
    expect(await textOf(form.locator('.ant-form-item').filter({ hasText: '谈话对象' }))).toContain(f.medPerson.name);
    expect(await form.getByRole('radio', { name: '问题线索' }).isChecked()).toBe(true);
    expect(await form.getByLabel('事由说明').inputValue()).toBe(`问题线索 ${created.body.number}`);
    expect(await textOf(form.getByTestId('talk-case'))).toContain(created.body.number);
    await form.getByLabel('谈话记录').fill(`就来访反映的问题进行提醒，本人说明了情况并表示今后严格遵守廉洁从业规定。${RUN}`);
    await form.getByLabel('后续要求').fill('两周后回访');
    await fillDate(form, /^回访期限$/, dayFromNow(14));
    await shot(page, 'supervision-talk-from-case');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });

    // The list finds it by the subject's name; its detail page is the printable record.
    await page.goto(`/supervision/talks?q=${encodeURIComponent(f.medPerson.name)}`);
    await settle(page);
    const table = page.getByTestId('talks-table');
    const row = rowsOf(table).filter({ hasText: `问题线索 ${created.body.number}` });
    await poll(() => row.count()).toBe(1);
    expect(await textOf(row)).toContain('待跟进');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    expect((await download).suggestedFilename()).toMatch(/^谈话记录_\d{4}-\d{2}-\d{2}\.xlsx$/);
    await row.getByTestId('talk-link').click();
    await page.waitForURL(/\/supervision\/talks\/[0-9a-f-]{36}$/);
    await settle(page);
    const detail = page.getByTestId('talk-detail');
    expect(await textOf(detail)).toContain(RUN);
    expect(await textOf(detail)).toContain(f.medPerson.name);

    // Edit: a criticism talk after all.
    await page.getByTestId('talk-edit').click();
    const edit = modal(page);
    await edit.getByTestId('talk-form').waitFor();
    await edit.locator('.ant-radio-button-wrapper').filter({ hasText: /^\s*批评谈话\s*$/ }).click();
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await poll(async () => textOf(detail)).toContain('批评谈话');

    // The follow-up is done: its reminders stop and the page says so.
    await page.getByTestId('follow-up-done').click();
    const fu = modal(page);
    await fu.getByLabel('跟进结果').fill('回访核实，本人已将礼品退还患者家属');
    await fu.getByRole('button', { name: /保\s*存/ }).click();
    await fu.waitFor({ state: 'hidden' });
    await poll(async () => textOf(page.getByTestId('follow-up-state'))).toMatch(/^已于 \d{4}-\d{2}-\d{2} 完成$/);
    expect(await page.getByTestId('follow-up-done').count()).toBe(0);
    await shot(page, 'supervision-talk-detail');
    await page.goto('/supervision/talks?from=all&to=all');
    await settle(page);
    await poll(() => rowsOf(page.getByTestId('talks-table')).count()).toBeGreaterThan(10);
    await shot(page, 'supervision-talks-year');
  });
});

describe('the demo’s rounds', () => {
  test('the rounds list filters by period and method, and a seeded order shows the finding’s photo', async () => {
    const { page } = b;
    await login(page, 'jijian');
    await openMenu(page, 'rounds');
    const table = page.getByTestId('rounds-table');
    await poll(() => rowsOf(table).count()).toBeGreaterThan(5);
    await page.getByTestId('export-button').waitFor();
    await shot(page, 'supervision-rounds');
    // The document-review rounds only: the figures follow the period, the list follows every filter.
    await page.getByTestId('filter-method').click();
    const list = page.locator('.ant-select-dropdown:visible').last();
    await untilAnimated(list);
    await list.locator('.ant-select-item-option').filter({ hasText: /^查阅资料$/ }).click();
    await poll(async () => (await rowsOf(table).allTextContents()).every((t) => t.includes('查阅资料'))).toBe(true);
    expect(await rowsOf(table).count()).toBeGreaterThan(0);

    await openMenu(page, 'rectifications');
    const rects = page.getByTestId('rectifications-table');
    await rects.waitFor();
    await page.getByTestId('list-search').locator('input').fill('登记本缺页');
    await page.getByTestId('list-search').locator('input').press('Enter');
    await poll(() => rowsOf(rects).count()).toBe(1);
    await rects.getByTestId('rect-link').click();
    await page.waitForURL(/\/supervision\/rectifications\/[0-9a-f-]{36}$/);
    await settle(page);
    await poll(() => page.getByTestId('rect-photos').locator('img').count()).toBe(1);
    await shot(page, 'supervision-rectification-photos');

    // The planned round is cancelled, with a reason, after a confirmation.
    await openMenu(page, 'rounds');
    await page.getByTestId('rounds-table').waitFor();
    await page.getByTestId('list-search').locator('input').fill('医保结算');
    await page.getByTestId('list-search').locator('input').press('Enter');
    await poll(() => rowsOf(page.getByTestId('rounds-table')).count()).toBe(1);
    await page.getByTestId('rounds-table').getByRole('link').first().click();
    await page.waitForURL(/\/supervision\/rounds\/[0-9a-f-]{36}$/);
    await settle(page);
    expect(await textOf(page.getByTestId('round-status'))).toBe('已计划');
    await page.getByTestId('cancel-round').click();
    const dialog = modal(page);
    await dialog.getByTestId('cancel-reason').fill('医保办迎接省级飞行检查，延至下月');
    await shot(page, 'supervision-round-cancel');
    await dialog.getByRole('button', { name: '取消查房' }).click();
    await poll(async () => textOf(page.getByTestId('round-status'))).toBe('已取消');
    expect(await textOf(page.getByTestId('cancelled-banner'))).toContain('医保办迎接省级飞行检查');
    expect(await page.getByTestId('cancel-round').count()).toBe(0);
  });
});

describe('risk points', () => {
  test('jijian adopts two library entries for 心血管内科, edits one, adds a measure and records the review', async () => {
    const { page } = b;
    await login(page, 'jijian');
    await openMenu(page, 'risks');
    await page.getByTestId('risks-table').waitFor();
    await page.getByTestId('adopt-button').click();
    const dlg = modal(page);
    const library = dlg.getByTestId('library-table');
    await poll(() => rowsOf(library).count()).toBeGreaterThan(10);
    for (const title of ['收受回扣开具处方', '收受患者红包']) await rowsOf(library).filter({ hasText: title }).locator('.ant-checkbox-input').check();
    await choose(page, dlg, /^归属科室$/, /^心血管内科$/, '心血管');
    await shot(page, 'supervision-risk-adopt');
    await dlg.getByRole('button', { name: /选用 2 个/ }).click();
    await dlg.waitFor({ state: 'hidden' });

    await page.goto('/supervision/risks?q=收受回扣开具处方');
    await settle(page);
    const table = page.getByTestId('risks-table');
    await poll(() => rowsOf(table).count()).toBeGreaterThan(0);
    const row = rowsOf(table).filter({ hasText: '心血管内科' }).first();
    expect(await textOf(row)).toContain('3×5=15');
    expect(await textOf(row.getByTestId('risk-level'))).toBe('高');

    // Edit: likelihood 4 makes it 20, critical — the dialog shows it before saving.
    await row.getByTestId('row-edit').click();
    const form = modal(page);
    await form.locator('.ant-radio-button-wrapper').filter({ hasText: /^\s*4 较高\s*$/ }).first().click();
    expect(await textOf(form.getByTestId('level-preview'))).toBe('可能性 4 × 影响 5 = 20极高');
    await form.getByLabel('岗位').fill('临床医师');
    await shot(page, 'supervision-risk-edit');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });
    await poll(async () => textOf(row.getByTestId('risk-level'))).toBe('极高');

    // A measure with owner, status, due date and evidence, shown under the expanded row.
    await row.getByTestId('row-measure').click();
    const m = modal(page);
    await m.getByLabel('措施内容').fill(`科室每月处方点评${RUN}`);
    await choose(page, m, /^落实状态$/, '落实中');
    await fillDate(m, /^完成期限$/, dayFromNow(60));
    await m.getByLabel('落实情况').fill('已排定每月第一周点评');
    // Evidence goes up with the measure.
    await m.locator('input[type=file]').setInputFiles(writePng('处方点评记录.png'));
    await m.locator('.ant-upload-list-item-done').waitFor();
    await m.getByRole('button', { name: /保\s*存/ }).click();
    await m.waitFor({ state: 'hidden' });
    await row.locator('.ant-table-row-expand-icon').click();
    const measures = page.getByTestId('measures').first();
    await poll(async () => (await textOf(measures)).includes(`科室每月处方点评${RUN}`)).toBe(true);
    expect(await textOf(measures)).toContain('落实中');
    await poll(async () => textOf(measures)).toContain('处方点评记录.png');
    await shot(page, 'supervision-risk-measures');

    // A measure that does not fit is deleted, after a confirmation.
    const count = await rowsOf(measures).count();
    await rowsOf(measures).filter({ hasText: '统方权限管理与留痕' }).getByTestId('measure-delete').click();
    const pop = page.locator('.ant-popover:visible').last();
    await untilAnimated(pop);
    await pop.getByRole('button', { name: /删\s*除/ }).click();
    await page.getByText('已删除防控措施').waitFor();
    await poll(() => rowsOf(measures).count()).toBe(count - 1);
    expect(await textOf(measures)).not.toContain('统方权限管理与留痕');

    // Reviewed today: the next review is a year on.
    await row.getByTestId('risk-review').click();
    await confirmPopup(page);
    await page.getByText(/已记录复核，下次复核日期/).waitFor();
    const nextYear = String(Number(dayFromNow(0).slice(0, 4)) + 1);
    await poll(async () => textOf(row)).toContain(nextYear);
    await shot(page, 'supervision-risks');

    // The point's own page (the review reminder links there) and the summary with its charts.
    await row.getByRole('link', { name: '收受回扣开具处方' }).click();
    await settle(page);
    expect(await textOf(page.getByTestId('risk-facts'))).toContain('临床医师');
    await shot(page, 'supervision-risk-detail');
    await openMenu(page, 'risk-summary');
    expect(await textOf(page.getByTestId('risk-totals'))).toMatch(/^共 \d+ 个风险点、\d+ 项防控措施$/);
    await page.getByTestId('risk-heatmap').locator('svg').waitFor();
    await page.getByTestId('risk-matrix').locator('svg').waitFor();
    expect(await textOf(page.getByTestId('heat-table'))).toContain('心血管内科');
    await shot(page, 'supervision-risk-summary');

    // The list exports what it shows; adopting an entry 心血管内科 already has is marked and confirmed.
    await openMenu(page, 'risks');
    await page.getByTestId('risks-table').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    expect((await download).suggestedFilename()).toMatch(/^廉政风险点_\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByTestId('adopt-button').click();
    const again = page.locator('.ant-modal:visible').filter({ has: page.getByTestId('adopt-modal') });
    await choose(page, again, /^归属科室$/, /^心血管内科$/, '心血管');
    const entry = rowsOf(again.getByTestId('library-table')).filter({ hasText: '收受回扣开具处方' });
    await poll(async () => textOf(entry)).toContain('本科室已选用');
    await entry.locator('.ant-checkbox-input').check();
    await again.getByRole('button', { name: /选用 1 个/ }).click();
    const warn = page.locator('.ant-modal-confirm:visible');
    await poll(async () => textOf(warn)).toContain('收受回扣开具处方');
    await shot(page, 'supervision-risk-adopt-again');
    await warn.getByRole('button', { name: /取\s*消/ }).click();
    await warn.waitFor({ state: 'hidden' });
    await again.getByRole('button', { name: /取\s*消/ }).click();
    await again.waitFor({ state: 'hidden' });

    // The region sees points and measures per institution.
    const region = await b.newPage();
    await login(region, 'supervisor');
    await region.goto('/supervision/risks/summary');
    await settle(region);
    const units = region.getByTestId('institution-table');
    await poll(async () => textOf(units)).toContain('清源市人民医院');
    await shot(region, 'supervision-risk-summary-region');
  });
});

describe('cadre assessment', () => {
  test('scores from a CSV with mistakes are refused row by row, an .xlsx is taken, the bottom four are proposed for a talk', async () => {
    const { page } = b;
    const officer = await ApiClient.login(b.baseURL, 'jijian');
    const posts = await officer.get<Page_<{ personId: string; personStaffNo: string; personName: string }>>('/api/org/posts?cadreLevel=middle&active=true&pageSize=500');
    // Cadres the demo's talks have not already talked to after an assessment (those show "talked", not "proposed").
    const demoTalks = await officer.get<Page_<{ subjectId: string; reasonKind: string }>>('/api/supervision/talks?pageSize=500');
    const talkedTo = new Set(demoTalks.items.filter((t) => t.reasonKind === 'assessment').map((t) => t.subjectId));
    const cadres = [...new Map(posts.items.map((p) => [p.personStaffNo, p])).values()].filter((p) => !talkedTo.has(p.personId)).slice(0, 6);
    const scores = [95.5, 88, 91.25, 70, 86, 60.5];
    b.expectConsoleError(/422.*\/api\/supervision\/assessments|\/api\/supervision\/assessments.*422/);
    await login(page, 'jijian');
    await openMenu(page, 'assessments');
    // The demo holds the last two quarters' scores: this test enters the quarter before them.
    const now = new Date(Date.now() + 8 * 3600_000);
    let [y, q] = [now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) + 1];
    for (let i = 0; i < 3; i++) [y, q] = q === 1 ? [y - 1, 4] : [y, q - 1];
    await page.goto(`${new URL(page.url()).pathname}?period=${y}-Q${q}`);
    await settle(page);
    const editor = page.getByTestId('score-editor');

    // A CSV with a bad score and an unknown staff number.
    const csv = writeCsv('scores-bad.csv', [['工号', '分数'], [cadres[0]!.personStaffNo, '95.5'], [cadres[1]!.personStaffNo, '八十八'], [`X${RUN}`, '80']]);
    await editor.locator('input[type=file]').setInputFiles(csv);
    await poll(async () => editor.getByLabel('工号 3').inputValue()).toBe(`X${RUN}`);
    await page.getByTestId('scores-submit').click();
    const errors = page.getByTestId('row-errors');
    await errors.waitFor();
    expect(await textOf(errors)).toContain('有 2 处问题');
    expect(await textOf(errors)).toContain('第 2 行');
    expect(await textOf(errors)).toContain('分数：分数应为 0–100，最多两位小数');
    expect(await textOf(errors)).toContain(`第 3 行（X${RUN}）工号：人员不存在`);
    await shot(page, 'supervision-assessment-errors');

    // The fixed sheet as .xlsx: six cadres.
    const xlsx = writeXlsx('scores.xlsx', [['工号', '分数'], ...cadres.map((c, i) => [c.personStaffNo, scores[i]!])]);
    await editor.locator('input[type=file]').setInputFiles(xlsx);
    await poll(async () => editor.getByLabel('分数 3').inputValue()).toBe('91.25');
    await page.getByTestId('scores-submit').click();
    await page.getByText('已保存 6 人的成绩').waitFor();

    const ranking = page.getByTestId('ranking-table');
    await poll(() => rowsOf(ranking).count()).toBeGreaterThanOrEqual(6);
    expect(await rowsOf(ranking).first().textContent()).toContain(cadres[0]!.personName);
    expect(await ranking.getByTestId('proposed-talk').count()).toBe(4);
    const last = rowsOf(ranking).last();
    expect(await textOf(last)).toContain(cadres[5]!.personName);
    await shot(page, 'supervision-assessment');

    // Entering the quarter again asks before overwriting; declining changes nothing.
    await editor.locator('input[type=file]').setInputFiles(xlsx);
    await poll(async () => editor.getByLabel('分数 3').inputValue()).toBe('91.25');
    await page.getByTestId('scores-submit').click();
    const overwrite = page.locator('.ant-modal-confirm:visible');
    await overwrite.waitFor();
    expect(await textOf(overwrite)).toContain('该季度已录入 6 人的分数');
    await overwrite.getByRole('button', { name: /取\s*消/ }).click();
    await overwrite.waitFor({ state: 'hidden' });
    expect(await editor.getByLabel('分数 3').inputValue()).toBe('91.25');

    // The office proposes the bottom two instead of four.
    await page.getByLabel('建议提醒谈话人数').fill('2');
    await page.getByLabel('建议提醒谈话人数').press('Enter');
    await poll(() => ranking.getByTestId('proposed-talk').count()).toBe(2);
    await page.getByLabel('建议提醒谈话人数').fill('4');
    await page.getByLabel('建议提醒谈话人数').press('Enter');
    await poll(() => ranking.getByTestId('proposed-talk').count()).toBe(4);

    // The last one's reminder talk, pre-filled with the assessment as its reason.
    await last.getByTestId('ranking-talk').click();
    const form = modal(page);
    expect(await form.getByLabel('干部考核', { exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel('事由说明').inputValue()).toMatch(/中层干部考核排名第 6 名（60\.50 分）/);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });
    await poll(async () => textOf(rowsOf(ranking).last())).toContain('已谈话');
  });
});

describe('scope', () => {
  test("guke (骨科) cannot see 心血管内科's rectification: not in the list, not by link, not by the API", async () => {
    const { page } = b;
    const officer = await ApiClient.login(b.baseURL, 'jijian');
    const id = await findingId(officer);
    b.expectConsoleError(/404.*\/api\/supervision\/rectifications\/|\/api\/supervision\/rectifications\/.*404/);
    await login(page, 'guke');
    await openMenu(page, 'rectifications');
    const table = page.getByTestId('rectifications-table');
    await table.waitFor();
    await settle(page);
    expect(await textOf(table)).not.toContain(FINDING);
    expect((await columnTexts(table, /^科室$/)).filter((d) => d !== '骨科')).toEqual([]);
    await page.goto(`/supervision/rectifications/${id}`);
    await settle(page);
    await page.getByText('整改事项不存在，或您无权查看').waitFor();
    await shot(page, 'supervision-scope-guke');
    const res = await page.evaluate(async (rid) => {
      const r = await fetch(`/api/supervision/rectifications/${rid}`, { credentials: 'same-origin' });
      return { status: r.status, body: await r.text() };
    }, id);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(FINDING);
  });
});

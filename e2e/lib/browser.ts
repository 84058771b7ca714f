/**
 * Chromium for the specs: one browser per spec file, a fresh context (zh-CN, 1366x900) per test, and a
 * watcher that fails the test on any uncaught page error or console error it did not expect.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { ARTIFACTS, findChromium } from './chromium.ts';

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Debian's Chromium. Playwright gives every launch a fresh temporary profile directory
 * (its own user-data-dir) and deletes it on close, so no state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is not installed (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
}

export interface PageOptions {
  locale?: string;
}

/** A new isolated context and page: zh-CN, Asia/Shanghai, 1366x900, downloads allowed. */
export async function newPage(browser: Browser, baseURL: string, opts: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** Records page errors and console errors; `expected` patterns are errors a test provokes on purpose. */
export class ErrorWatch {
  readonly errors: string[] = [];
  private readonly expected: RegExp[] = [
    // Before sign-in the console asks who is signed in and is told 401: Chromium logs that response.
    /401 \(Unauthorized\).*\/api\/auth\/me|\/api\/auth\/me.*401/,
  ];

  /** Starts watching a page. */
  attach(page: Page): void {
    page.on('pageerror', (err) => this.errors.push(`uncaught page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location().url;
      const text = `console error: ${msg.text()}${where ? ` @ ${where}` : ''}`;
      if (!this.expected.some((re) => re.test(text))) this.errors.push(text);
    });
  }

  /** Declares an error the current test provokes on purpose (e.g. a 404 for another department's person). */
  expect(pattern: RegExp): void {
    this.expected.push(pattern);
  }
}

/** The handle a spec file gets from useBrowser(). */
export interface BrowserFixture {
  readonly baseURL: string;
  readonly browser: Browser;
  /** The current test's page (fresh per test). */
  readonly page: Page;
  readonly context: BrowserContext;
  /** Opens another isolated page in the same test (e.g. a second user), watched like the first. */
  newPage(opts?: PageOptions): Promise<Page>;
  /** Tolerates console errors matching the pattern in the current test. */
  expectConsoleError(pattern: RegExp): void;
}

const safe = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100);

/**
 * Registers the hooks of a spec file: one browser for the file, a fresh watched page per test, a
 * screenshot when a test fails, and a failure when the page logged an unexpected error.
 */
export function useBrowser(opts: PageOptions = {}): BrowserFixture {
  let launched: Browser | null = null;
  let current: { contexts: BrowserContext[]; page: Page | null; watch: ErrorWatch } | null = null;
  const baseURL = inject('baseURL');

  const open = async (o: PageOptions) => {
    if (!launched || !current) throw new Error('useBrowser: no browser (used outside a test?)');
    const { context, page } = await newPage(launched, baseURL, { ...opts, ...o });
    current.contexts.push(context);
    current.watch.attach(page);
    return { context, page };
  };

  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
  });
  beforeEach(async () => {
    current = { contexts: [], page: null, watch: new ErrorWatch() };
    current.page = (await open({})).page;
  });
  afterEach(async (ctx) => {
    if (!current) return;
    const { contexts, page, watch } = current;
    if (ctx.task.result?.state === 'fail' && page && !page.isClosed()) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `FAILED-${safe(ctx.task.name)}.png`), fullPage: true }).catch(() => undefined);
    }
    for (const c of contexts) await c.close().catch(() => undefined);
    current = null;
    if (watch.errors.length) throw new Error(`the page reported errors:\n  ${watch.errors.join('\n  ')}`);
  });

  return {
    baseURL,
    get browser() {
      return launched!;
    },
    get page() {
      if (!current?.page) throw new Error('useBrowser: no page outside a test');
      return current.page;
    },
    get context() {
      if (!current?.contexts[0]) throw new Error('useBrowser: no context outside a test');
      return current.contexts[0];
    },
    newPage: async (o = {}) => (await open(o)).page,
    expectConsoleError: (pattern) => current?.watch.expect(pattern),
  };
}

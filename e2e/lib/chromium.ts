/** Where Debian's Chromium lives; the suite never downloads a Playwright browser. */
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_DIST = path.join(REPO_ROOT, 'apps/web/dist');
export const ARTIFACTS = path.join(REPO_ROOT, 'e2e/artifacts');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/** The Chromium executable: $CHROMIUM_PATH when set, else the Debian package's; null when absent. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** Why the browser suite cannot run here, or null when it can. */
export function missingPrerequisite(): string | null {
  if (!findChromium())
    return process.env.CHROMIUM_PATH
      ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`
      : 'Chromium is not installed. Install it with: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).';
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    return 'apps/web/dist is missing: run npm run build first (or use npm run test:e2e, which builds the console).';
  return null;
}

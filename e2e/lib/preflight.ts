/** Run before vitest: a plain one-line reason and a non-zero exit when the browser suite cannot run. */
import { missingPrerequisite } from './chromium.ts';

const problem = missingPrerequisite();
if (problem) {
  console.error(`\nBrowser tests (e2e) cannot run: ${problem}\n`);
  process.exit(1);
}

#!/usr/bin/env node
// Measures the gzipped JavaScript the login route loads (the entry chunk, its static imports, and the
// login page chunk with its static imports, from dist/.vite/manifest.json) and fails over budget.
// Also measures the phone pages' entry (public.html: what a patient's phone loads after scanning an
// integrity code), which has its own, smaller budget.
// Run after `vite build`: `npm run check:bundle -w @qinglian/web`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const BUDGET_KB = Number(process.env.LOGIN_BUDGET_KB ?? 300);
const LOGIN_PAGE = 'src/features/auth/pages/LoginPage.tsx';
const PUBLIC_BUDGET_KB = Number(process.env.PUBLIC_BUDGET_KB ?? 150);
const PUBLIC_ENTRY = 'public.html';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const manifestPath = path.join(dist, '.vite', 'manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error(`check-bundle: ${path.relative(process.cwd(), manifestPath)} not found; run the web build first.`);
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));

// Two entries since the phone pages have their own: the console's is index.html.
const entryKey = manifest['index.html']?.isEntry ? 'index.html' : Object.keys(manifest).find((k) => manifest[k].isEntry && k !== PUBLIC_ENTRY);
if (!entryKey) throw new Error('no entry chunk in the manifest');
if (!manifest[LOGIN_PAGE]) throw new Error(`${LOGIN_PAGE} is not a chunk of its own: is the login route lazy?`);

/** The chunk and everything it imports statically (what the browser must fetch before running it). */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) closure(dep, seen);
  return seen;
}
/** Gzipped size of the JavaScript files of some chunks, printed largest first. */
function measure(label, keys, budgetKb) {
  const files = [...new Set([...keys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js')))];
  let total = 0;
  const rows = files.map((file) => {
    const buf = fs.readFileSync(path.join(dist, file));
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    total += gz;
    return { file, raw: buf.length, gz };
  });
  rows.sort((a, b) => b.gz - a.gz);
  for (const r of rows) console.log(`${kb(r.gz).padStart(10)} gz  ${kb(r.raw).padStart(10)} raw  ${r.file}`);
  console.log(`${label}: ${kb(total)} of gzipped JavaScript in ${rows.length} files (budget ${budgetKb} KB)`);
  if (total > budgetKb * 1024) {
    console.error(`check-bundle: ${label} over budget by ${kb(total - budgetKb * 1024)}`);
    return false;
  }
  return true;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let ok = measure('login route', closure(LOGIN_PAGE, closure(entryKey)), BUDGET_KB);
if (!manifest[PUBLIC_ENTRY]) {
  console.error(`check-bundle: ${PUBLIC_ENTRY} is not an entry of the build (vite.config.ts input)`);
  ok = false;
} else ok = measure('phone pages', closure(PUBLIC_ENTRY), PUBLIC_BUDGET_KB) && ok;
if (!ok) process.exit(1);

#!/usr/bin/env node
// `npm test`: every suite this machine can run, and a plain account of what it skipped and why.
// Static checks → migration drift → server tests on PGlite → the same on PostgreSQL → browser suite.
// With CI=true a skipped suite is a failure: CI must run everything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const results = [];
let passed = 0;
let failed = 0;

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function vitest(name, args, env = {}) {
  const out = path.join(os.tmpdir(), `ql-vitest-${process.pid}-${results.length}.json`);
  const ok = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  let counts = '';
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    counts = ` (${j.numPassedTests} passed, ${j.numFailedTests} failed)`;
    if (j.numTotalTests === 0) return step(name, false, 'ran no test');
    fs.rmSync(out);
  }
  return step(name, ok, counts);
}

function step(name, ok, note = '') {
  results.push({ name, status: ok ? 'passed' : 'FAILED', note });
  if (!ok) failed += note.includes('passed') ? 0 : 1;
  return ok;
}
function skip(name, why) {
  results.push({ name, status: 'SKIPPED', note: ` — ${why}` });
}

async function postgresUrl() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const guess = 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new pg.Client({ connectionString: guess, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return guess;
  } catch {
    return null;
  }
}

function chromium() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (p && fs.existsSync(p)) return p;
  return null;
}

step('lint (biome)', run('npx', ['biome', 'check', '.']));
step('typecheck (tsc)', run('npm', ['run', 'typecheck', '--silent']));
step('migrations match schema', run('node', ['scripts/check-migrations.mjs']));
vitest('server tests on PGlite', [], { TEST_DATABASE_URL: '' });

const pgUrl = await postgresUrl();
if (pgUrl) vitest(`server tests on PostgreSQL (${pgUrl.replace(/\/\/[^@]*@/, '//')})`, [], { TEST_DATABASE_URL: pgUrl });
else skip('server tests on PostgreSQL', 'no server at 127.0.0.1:5432 and TEST_DATABASE_URL unset');

const browser = chromium();
if (browser) {
  if (step('web build', run('npm', ['run', 'build', '--silent']))) {
    step('login bundle budget', run('npm', ['run', 'check:bundle', '-w', '@qinglian/web', '--silent']));
    vitest('browser suite (Chromium)', ['--config', 'e2e/vitest.config.ts'], { CHROMIUM_PATH: browser });
  }
} else skip('browser suite', 'Chromium not found (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)');

console.log('\n──── Qinglian test summary ────');
for (const r of results) console.log(`${r.status.padEnd(8)} ${r.name}${r.note}`);
const skipped = results.filter((r) => r.status === 'SKIPPED').length;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (skipped && ci) console.log('CI=true: a skipped suite fails the run.');
process.exit(results.some((r) => r.status === 'FAILED') || (ci && skipped) ? 1 : 0);

/**
 * `npm run bench -- intake [--n 20000] [--concurrency 64] [--institutions 4]`
 * Public report submissions per second and p50/p99 latency against the real server in its own
 * process, on PostgreSQL (when reachable) and on PGlite. A submission is acknowledged once it is
 * committed to the report inbox; on PostgreSQL the bench also waits for the inbox to drain (every
 * report registered as a case) and prints how long that took. Then the server is killed with SIGKILL,
 * the database is opened as a restarted server would (draining what was left in the inbox), and every
 * acknowledged receipt is looked up among the cases: none may be missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { count, inArray } from 'drizzle-orm';
import pg from 'pg';
import { cases, drainInbox, reportInbox } from '../src/modules/reports/index.ts';
import { receiptHash } from '../src/modules/reports/receipts.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loadKeyring } from '../src/platform/crypto.ts';
import { openPlatform } from '../src/platform/open.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg('n', 20_000);
const CONCURRENCY = arg('concurrency', 64);
const INSTITUTIONS = arg('institutions', 4);
const SECRET = crypto.randomBytes(32).toString('hex');
const ROOT = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string; tokens: string[] }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/intake-server.ts')], {
    env: { ...process.env, ...env, PORT: String(port), QINGLIAN_SECRET_KEY: SECRET, QINGLIAN_POW_BITS: '0', QINGLIAN_PUBLIC_RATE: '100000000', BENCH_INSTITUTIONS: String(INSTITUTIONS), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tokens = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/READY (.*)\n/);
      if (m) resolve(JSON.parse(m[1]!));
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, tokens };
}

// A lean client (keep-alive sockets, no fetch machinery): the machine's two cores are for the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function run(label: string, env: Record<string, string>, verify: (hashes: string[]) => Promise<{ found: number; leftInInbox: number }>, inboxCount?: () => Promise<number>) {
  const { child, base, tokens } = await startServer(env);
  // Challenges are fetched before the clock starts: the figure is for submissions.
  const challenges = await Promise.all(
    Array.from({ length: N }, async () => ((await (await fetch(`${base}/api/public/pow`, { method: 'POST' })).json()) as { challenge: string }).challenge),
  );
  const receipts: string[] = [];
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < N; i = next++) {
        const body = JSON.stringify({
          code: tokens[i % tokens.length],
          category: 'red_envelope',
          text: `压测举报第 ${i} 件：科室医生收受红包`,
          idempotencyKey: crypto.randomBytes(18).toString('base64url'),
          pow: { challenge: challenges[i], nonce: '0' },
        });
        const s = performance.now();
        const res = await post(`${base}/api/public/reports`, body);
        latencies.push(performance.now() - s);
        const json = res.status === 200 ? (JSON.parse(res.body) as { receipt?: string }) : {};
        if (json.receipt) receipts.push(json.receipt);
        else errors++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  let drained = '';
  if (inboxCount) {
    while ((await inboxCount()) > 0) await new Promise((r) => setTimeout(r, 50));
    const all = (performance.now() - t0) / 1000;
    drained = `  all registered as cases after ${all.toFixed(1)} s (${(receipts.length / all).toFixed(0)} /s)`;
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const keyring = loadKeyring(SECRET, null);
  const { found, leftInInbox } = await verify(receipts.map((r) => receiptHash(keyring, r)));
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(12)} ${String(N).padStart(6)} submissions  ${(receipts.length / seconds).toFixed(0).padStart(6)} /s  p50 ${pct(latencies, 0.5).toFixed(1)} ms  p99 ${pct(latencies, 0.99).toFixed(1)} ms  errors ${errors}  acknowledged ${receipts.length}${drained}  in the inbox at SIGKILL ${leftInInbox}  missing after restart ${receipts.length - found}`,
  );
  return receipts.length - found;
}

/** Opens the database as a restarted server would: registers what the inbox still holds, then counts. */
async function countIn(platform: Awaited<ReturnType<typeof openPlatform>>['platform'], hashes: string[]) {
  const db = platform.db;
  const [left] = await db.select({ n: count() }).from(reportInbox);
  await drainInbox(platform);
  let found = 0;
  for (let i = 0; i < hashes.length; i += 1000) {
    const batch = hashes.slice(i, i + 1000);
    found += (await db.select({ h: cases.receiptHash }).from(cases).where(inArray(cases.receiptHash, batch))).length;
  }
  return { found, leftInInbox: left?.n ?? 0 };
}

console.log(`intake benchmark: ${N} submissions, concurrency ${CONCURRENCY}, ${INSTITUTIONS} institutions, ${os.cpus().length} cores`);
let missing = 0;
const pgBase = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: pgBase, connectionTimeoutMillis: 2000 });
const hasPg = await admin.connect().then(
  () => true,
  () => false,
);
if (hasPg) {
  const name = `qinglian_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(pgBase);
  url.pathname = `/${name}`;
  const watcher = new pg.Client({ connectionString: url.toString() });
  await watcher.connect();
  const inboxCount = async () => Number((await watcher.query('select count(*) as n from report_inbox')).rows[0].n);
  missing += await run(
    'PostgreSQL',
    { DATABASE_URL: url.toString() },
    async (hashes) => {
      const opened = await openPlatform(loadConfig({ DATABASE_URL: url.toString(), QINGLIAN_SECRET_KEY: SECRET }), { migrate: false });
      try {
        return await countIn(opened.platform, hashes);
      } finally {
        await opened.close();
      }
    },
    inboxCount,
  );
  await watcher.end();
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
} else console.log('PostgreSQL   skipped: no server at', pgBase.replace(/\/\/[^@]*@/, '//'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-bench-'));
missing += await run('PGlite', { QINGLIAN_DATA_DIR: dir, DATABASE_URL: '' }, async (hashes) => {
  const opened = await openPlatform(loadConfig({ QINGLIAN_DATA_DIR: dir, DATABASE_URL: '', QINGLIAN_SECRET_KEY: SECRET }), { migrate: false });
  try {
    return await countIn(opened.platform, hashes);
  } finally {
    await opened.close();
  }
});
fs.rmSync(dir, { recursive: true, force: true });
process.exit(missing ? 1 : 0);

/**
 * `npm run bench -- tenders [--n 100000] [--db pglite|postgres|both|none]`
 * On n generated processes (deterministic): generation, parse rate (streamed JSON Lines), the eleven
 * indicators one by one and all together (in memory, then streamed end to end), the hospital flags,
 * and the database import + flag recomputation on PGlite and PostgreSQL (when reachable). Peak memory
 * is sampled throughout. Figures go to stdout.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createEngine } from '../src/modules/tenders/engine/engine.ts';
import type { JsonObject } from '../src/modules/tenders/engine/ocds.ts';
import { CODES } from '../src/modules/tenders/engine/state.ts';
import { APP_SETTINGS, recomputeFlags } from '../src/modules/tenders/tenders.flags.ts';
import { generateReleases } from '../src/modules/tenders/tenders.generate.ts';
import { createHospitalFlags } from '../src/modules/tenders/tenders.hospital.ts';
import { importTenders } from '../src/modules/tenders/tenders.import.ts';
import { readReleases } from '../src/modules/tenders/tenders.read.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemCtx } from '../src/platform/context.ts';
import { openPlatform } from '../src/platform/open.ts';
import { createRegion } from '../src/seed/factories.ts';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const N = Number(arg('n', '100000'));
const DB = arg('db', 'both');
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 20);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const rows: [string, string][] = [];
const report = (what: string, value: string) => {
  rows.push([what, value]);
  console.log(`${what.padEnd(44)} ${value}`);
};
/** Seconds of CPU this process used in the last timed() call: on a shared machine, wall time also counts others' work. */
let lastCpu = 0;
async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await fn();
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1e6;
  sample();
  return [r, (performance.now() - t0) / 1000];
}
const cpu = () => `cpu ${lastCpu.toFixed(2)} s`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-bench-tenders-'));
const file = path.join(dir, 'processes.jsonl');
console.log(`tenders bench: ${N.toLocaleString()} processes, node ${process.version}, ${os.cpus().length} CPUs\n`);

const [, genSecs] = await timed(() => {
  const fd = fs.openSync(file, 'w');
  let buf: string[] = [];
  for (const r of generateReleases({ processes: N })) {
    buf.push(JSON.stringify(r));
    if (buf.length === 1000) {
      fs.writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, `${buf.join('\n')}\n`);
  fs.closeSync(fd);
});
const bytes = fs.statSync(file).size;
report('generate (deterministic)', `${genSecs.toFixed(2)} s (${cpu()}), ${mb(bytes)}, sha256 ${crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12)}`);

const [parsed, parseSecs] = await timed(() => readReleases(fs.createReadStream(file), () => {}));
report('parse (readline + JSON.parse, streamed)', `${parseSecs.toFixed(2)} s (${cpu()}) = ${Math.round(parsed.releases / parseSecs).toLocaleString()} processes/s, ${(bytes / 1024 / 1024 / parseSecs).toFixed(0)} MB/s`);

const [all, streamSecs] = await timed(async () => {
  const engine = createEngine(APP_SETTINGS);
  await readReleases(fs.createReadStream(file), (r) => {
    engine.fold(r);
  });
  return engine.finish();
});
report('all 11 indicators, streamed end to end', `${streamSecs.toFixed(2)} s (${cpu()}; parse included), ${[...all.results.values()].reduce((n, g) => n + g.size, 0).toLocaleString()} results; peak RSS so far ${mb(peakRss)}`);

const releases: JsonObject[] = [];
await readReleases(fs.createReadStream(file), (r) => {
  releases.push(r);
});
sample();
report('held in memory', `${releases.length.toLocaleString()} releases, heap ${mb(process.memoryUsage().heapUsed)}`);
let sum = 0;
let cpuSum = 0;
for (const code of CODES) {
  const [res, secs] = await timed(() => {
    const engine = createEngine(APP_SETTINGS, { only: [code] });
    for (const r of releases) engine.fold(r);
    return engine.finish();
  });
  sum += secs;
  cpuSum += lastCpu;
  const flagged = [...res.results.values()].reduce((n, g) => n + [...g.values()].filter((c) => c.has(code)).length, 0);
  report(`  ${code}`, `${(secs * 1000).toFixed(0).padStart(5)} ms (${cpu()}), ${flagged.toLocaleString()} results`);
}
report('  sum of the eleven, one by one', `${sum.toFixed(2)} s (cpu ${cpuSum.toFixed(2)} s)`);
const [allRes, allSecs] = await timed(() => {
  const engine = createEngine(APP_SETTINGS, { map: true });
  for (const r of releases) engine.fold(r);
  return engine.finish();
});
const groups = [...allRes.results].map(([g, ids]) => `${g} ${ids.size}`).join(', ');
report('all 11 together (one pass, with maps)', `${allSecs.toFixed(2)} s (${cpu()}) — ${groups}`);
const [hosp, hospSecs] = await timed(() => {
  const h = createHospitalFlags();
  for (const r of releases) h.fold(r);
  return h.finish();
});
report('hospital flags H01–H03', `${(hospSecs * 1000).toFixed(0)} ms (${cpu()}), ${hosp.length.toLocaleString()} flags`);
releases.length = 0;

async function dbRun(kind: 'pglite' | 'postgres') {
  let url = '';
  let drop = async () => {};
  if (kind === 'postgres') {
    const name = `ql_bench_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
    } catch {
      report('postgres', `not reachable at ${PG_URL}: skipped`);
      return;
    }
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const config = loadConfig({ ...process.env, QINGLIAN_DATA_DIR: path.join(dir, `data-${kind}`), DATABASE_URL: url }, { secretKey: 'bench' });
  const opened = await openPlatform(config);
  try {
    const ctx = systemCtx(opened.platform, null, 'bench');
    const region = await createRegion(opened.platform.db, { code: 'BENCH', name: '压测市' });
    const [res, secs] = await timed(() => importTenders(ctx, fs.createReadStream(file), { regionId: region.id, institutionId: null, filename: 'bench.jsonl' }));
    report(`${kind}: import + flags`, `${secs.toFixed(1)} s (${cpu()} in this process) = ${Math.round(res.processes / secs).toLocaleString()} processes/s; ${res.flags.toLocaleString()} flags`);
    const [run, flagSecs] = await timed(() => recomputeFlags(ctx, region.id));
    report(`${kind}: recompute flags alone`, `${flagSecs.toFixed(1)} s (${cpu()}) for ${run.processes.toLocaleString()} processes`);
    const ms = (x: number) => `${(x / 1000).toFixed(1)} s`;
    report(`${kind}:   read back / compute / write`, `${ms(run.timings.read)} / ${ms(run.timings.compute)} / ${ms(run.timings.write)}`);
    const [again, againSecs] = await timed(() => importTenders(ctx, fs.createReadStream(file), { regionId: region.id, institutionId: null }));
    report(`${kind}: re-import (unchanged)`, `${againSecs.toFixed(1)} s (${cpu()}), ${again.unchanged.toLocaleString()} unchanged`);
  } finally {
    await opened.close();
    await drop();
  }
}
if (DB === 'pglite' || DB === 'both') await dbRun('pglite');
if (DB === 'postgres' || DB === 'both') await dbRun('postgres');

clearInterval(sampler);
sample();
report('peak memory', `RSS ${mb(peakRss)}, heap ${mb(peakHeap)}`);
fs.rmSync(dir, { recursive: true, force: true });

/**
 * `npm run bench -- screening [--rx 10000000] [--pg yes|no] [--keep DIR] [--files DIR (reuse generated files)]`
 * Generates the synthetic region (`qinglian demo-data`), imports the eleven files into a fresh data directory
 * through the real importers (rows/s for the facts), runs the nine rules on DuckDB through the real run path
 * (each rule's time, total), then loads the same facts into a temporary database on the PostgreSQL server and
 * runs the same rules' detection there (each time and the ratio). Peak RSS (Node + DuckDB, one process) is
 * sampled throughout. Figures go to stdout.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCREENING_KINDS, SCREENING_RULES, type TScreeningRule } from '@qinglian/contracts';
import pg from 'pg';
import { generateDemoData } from '../src/modules/screening/demo.generate.ts';
import { importFile } from '../src/modules/screening/imports.service.ts';
import { DEFAULT_PARAMS } from '../src/modules/screening/rules.params.ts';
import { screenNow } from '../src/modules/screening/runs.service.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemCtx } from '../src/platform/context.ts';
import { openPlatform } from '../src/platform/open.ts';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const RX = Number(arg('rx', '2000000'));
const PG = arg('pg', 'yes') === 'yes';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const report = (what: string, value: string) => console.log(`${what.padEnd(46)} ${value}`);
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  sample();
  return [r, (performance.now() - t0) / 1000];
}

const root = arg('keep', '') || fs.mkdtempSync(path.join(os.tmpdir(), 'ql-bench-screening-'));
const files = path.join(root, 'files');
console.log(`screening benchmark: ${RX.toLocaleString()} prescription lines, ${os.cpus().length} cores, data in ${root}`);

if (arg('files', '')) fs.cpSync(arg('files', ''), files, { recursive: true });
else {
  const [gen, genSecs] = await timed(() => generateDemoData({ rx: RX, out: files, seed: 1 }));
  report('generate (demo-data)', `${genSecs.toFixed(1)} s, ${gen.plants.length} plants, ${mb(Object.values(gen.files).reduce((a, b) => a + b, 0))} of CSV`);
}

const { platform, close } = await openPlatform(loadConfig({ ...process.env, QINGLIAN_DATA_DIR: path.join(root, 'data'), DATABASE_URL: '' }));
const ctx = systemCtx(platform, null, 'bench');
let factRows = 0;
let factSecs = 0;
for (const kind of SCREENING_KINDS) {
  const [res, secs] = await timed(() => importFile(ctx, kind, path.join(files, `${kind}.csv`)));
  if (res.status !== 'done') throw new Error(`${kind}: ${JSON.stringify(res.problems.slice(0, 3))} ${res.error}`);
  if (['purchase_orders', 'platform_records', 'prescriptions'].includes(kind)) {
    factRows += res.rowsRead;
    factSecs += secs;
    report(`import ${kind}`, `${res.rowsRead.toLocaleString()} rows in ${secs.toFixed(1)} s = ${Math.round(res.rowsRead / secs).toLocaleString()} rows/s`);
  }
}
report('import facts total', `${factRows.toLocaleString()} rows in ${factSecs.toFixed(1)} s = ${Math.round(factRows / factSecs).toLocaleString()} rows/s`);
const [again, againSecs] = await timed(() => importFile(ctx, 'purchase_orders', path.join(files, 'purchase_orders.csv')));
report('re-import purchase_orders (nothing changes)', `${againSecs.toFixed(1)} s, ${again.imported} imported, ${again.unchanged.toLocaleString()} unchanged`);
report('peak RSS after imports', mb(peakRss));

const [screen, screenSecs] = await timed(() => screenNow(ctx, {}));
const times = screen.run.ruleTimes as Record<string, number>;
for (const rule of SCREENING_RULES) report(`rule ${rule} (DuckDB)`, `${(times[rule]! / 1000).toFixed(2)} s, ${screen.alerts.filter((a) => a.rule === rule).length} alerts`);
const ruleSum = Object.values(times).reduce((a, b) => a + b, 0) / 1000;
report('all nine rules (DuckDB)', `${ruleSum.toFixed(2)} s of rules; whole run ${screenSecs.toFixed(2)} s (copying reference data, storing ${screen.alerts.length} alerts)`);
report('peak RSS', mb(peakRss));
const window = { from: screen.run.fromPeriod, to: screen.run.toPeriod };
await close();

if (PG) await postgres(window);
clearInterval(sampler);
if (!arg('keep', '')) fs.rmSync(root, { recursive: true, force: true });

/** The same detection on PostgreSQL (counts only, no evidence), on the same files. */
async function postgres(w: { from: string; to: string }) {
  const name = `ql_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (e) {
    report('PostgreSQL', `not reachable (${(e as Error).message})`);
    return;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    await db.query(`
      create table purchase_orders (order_id text, line_no text, institution_code text, ordered_on date, supplier_code text, product_code text, quantity numeric(18,3), unit_price numeric(18,2), amount numeric(18,2), channel text);
      create table platform_records (record_id text, institution_code text, ordered_on date, supplier_code text, product_code text, quantity numeric(18,3), unit_price numeric(18,2));
      create table prescriptions (rx_id text, line_no text, institution_code text, dept_code text, doctor_staff_no text, patient_key text, prescribed_on date, product_code text, quantity numeric(18,3), amount numeric(18,2));
      create table ref_staff (staff_no text, name text, institution_code text, dept_code text, title text, specialty text);
      create table ref_products (code text, generic_name text, brand_name text, spec text, manufacturer_code text, category text, platform_price text, vbp int, key_monitored int);
      create table ref_relations (staff_no text, supplier_code text, relation text, declared_on date);
      create table ref_votes (decision_id text, institution_code text, decided_on date, product_code text, outcome text, member_staff_no text, vote text);
      create table ref_visits (visit_id text, institution_code text, supplier_code text, rep_id text, visited_on date, dept_code text, host_staff_no text);`);
    const load = (table: string, file: string) => {
      const r = spawnSync('psql', [url.toString(), '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${table} from '${path.join(files, file)}' with (format csv, header true)`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
    };
    const [, loadSecs] = await timed(async () => {
      for (const [t, f] of [
        ['purchase_orders', 'purchase_orders.csv'],
        ['platform_records', 'platform_records.csv'],
        ['prescriptions', 'prescriptions.csv'],
        ['ref_staff', 'staff.csv'],
        ['ref_products', 'products.csv'],
        ['ref_relations', 'relations.csv'],
        ['ref_votes', 'committee_decisions.csv'],
        ['ref_visits', 'rep_visits.csv'],
      ])
        load(t, f);
      await db.query(`create index on platform_records (institution_code, supplier_code, product_code, quantity);
        create index on prescriptions (institution_code, doctor_staff_no, prescribed_on);
        create index on purchase_orders (institution_code, ordered_on);
        alter table ref_products alter column platform_price type numeric(18,2) using nullif(platform_price, '')::numeric;
        analyze;`);
    });
    report('PostgreSQL: COPY facts + indexes + analyze', `${loadSecs.toFixed(1)} s (${Math.round(factRows / loadSecs).toLocaleString()} rows/s)`);
    let pgTotal = 0;
    for (const rule of SCREENING_RULES) {
      const [res, secs] = await timed(() => db.query(pgRule(rule, w)));
      pgTotal += secs;
      const duck = times[rule]! / 1000;
      report(`rule ${rule} (PostgreSQL)`, `${secs.toFixed(2)} s, ${(res.rows[0] as { n: string }).n} found — ${(secs / duck).toFixed(1)}x DuckDB`);
    }
    report('all nine rules (PostgreSQL)', `${pgTotal.toFixed(2)} s — ${(pgTotal / ruleSum).toFixed(1)}x DuckDB's ${ruleSum.toFixed(2)} s`);
  } finally {
    await db.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Each rule's detection in PostgreSQL's dialect with the default parameters (counts of what DuckDB alerts on). */
function pgRule(rule: TScreeningRule, w: { from: string; to: string }): string {
  const d0 = `date '${w.from}-01'`;
  const d1 = `(date '${w.to}-01' + interval '1 month')::date`;
  const within = (c: string) => `${c} >= ${d0} and ${c} < ${d1}`;
  const p = DEFAULT_PARAMS;
  const lines = `lines as (select x.institution_code, x.doctor_staff_no, s.specialty, p.generic_name, x.product_code, count(*) n
      from prescriptions x join ref_products p on p.code = x.product_code join ref_staff s on s.institution_code = x.institution_code and s.staff_no = x.doctor_staff_no
      where ${within('x.prescribed_on')} and coalesce(s.specialty, '') <> '' group by 1, 2, 3, 4, 5),
    dg as (select institution_code, doctor_staff_no, specialty, generic_name, sum(n) total from lines
      where generic_name in (select generic_name from ref_products group by 1 having count(*) > 1) group by 1, 2, 3, 4)`;
  switch (rule) {
    case 'off_platform_purchase':
      return `select count(*) n from purchase_orders po where ${within('po.ordered_on')} and not exists (select 1 from platform_records pr
        where pr.institution_code = po.institution_code and pr.supplier_code = po.supplier_code and pr.product_code = po.product_code and pr.quantity = po.quantity
        and pr.ordered_on between po.ordered_on - ${p.off_platform_purchase.matchDays} and po.ordered_on + ${p.off_platform_purchase.matchDays})`;
    case 'price_above_platform':
      return `select count(*) n from purchase_orders po join ref_products rp on rp.code = po.product_code where ${within('po.ordered_on')}
        and rp.platform_price > 0 and po.unit_price > rp.platform_price * 1.01 and (po.unit_price - rp.platform_price) * po.quantity >= 100`;
    case 'split_purchase':
      return `with o as (select institution_code, order_id, supplier_code, min(ordered_on) d, sum(amount) total from purchase_orders where ${within('ordered_on')} group by 1, 2, 3),
        g as (select institution_code, supplier_code, to_char(d, 'YYYY-MM') m, count(*) k, sum(total) s from o where total >= 60000 and total < 100000 group by 1, 2, 3)
        select count(*) n from g where k >= 3 and s >= 100000`;
    case 'supplier_concentration':
      return `with s as (select po.institution_code, rp.category, po.supplier_code, sum(po.amount) amt from purchase_orders po join ref_products rp on rp.code = po.product_code
          where ${within('po.ordered_on')} group by 1, 2, 3),
        c as (select institution_code, category, sum(amt) total, count(*) k from s group by 1, 2)
        select count(distinct (s.institution_code, s.supplier_code)) n from s join c using (institution_code, category)
        where c.total >= 100000 and c.k >= 2 and s.amt / c.total >= 0.4 and s.amt / c.total >= least(3.0 / c.k, (1 + 1.0 / c.k) / 2)`;
    case 'usage_spike':
      return `with m as (select institution_code, product_code, date_trunc('month', prescribed_on)::date mon, sum(quantity)::float8 q from prescriptions
          where prescribed_on >= ${d0} - interval '12 months' and prescribed_on < ${d1} group by 1, 2, 3),
        h as (select *, avg(q) over w a, stddev_pop(q) over w sd, count(*) over w k from m
          window w as (partition by institution_code, product_code order by mon range between interval '6 months' preceding and interval '1 month' preceding))
        select count(*) n from h left join m y on y.institution_code = h.institution_code and y.product_code = h.product_code and y.mon = h.mon - interval '12 months'
        where ${within('h.mon')} and h.k >= 3 and h.a >= 30 and h.q >= 2.5 * h.a and (h.sd = 0 or (h.q - h.a) / h.sd >= 3) and (y.q is null or h.q >= 2.5 * y.q)`;
    case 'prescriber_concentration':
      return `with ${lines},
        cand as (select dg.*, rp.code product_code, coalesce(l.n, 0)::float8 / dg.total share from dg join ref_products rp on rp.generic_name = dg.generic_name
          left join lines l on l.institution_code = dg.institution_code and l.doctor_staff_no = dg.doctor_staff_no and l.product_code = rp.code where dg.total >= 30),
        peer as (select a.institution_code, a.doctor_staff_no, a.product_code, count(*) k, percentile_cont(0.9) within group (order by b.share) p90 from cand a
          join cand b on b.institution_code = a.institution_code and b.specialty = a.specialty and b.product_code = a.product_code and b.doctor_staff_no <> a.doctor_staff_no group by 1, 2, 3)
        select count(*) n from cand c join peer pe using (institution_code, doctor_staff_no, product_code) where pe.k >= 4 and c.share >= 0.6 and c.share >= pe.p90 + 0.15`;
    case 'vbp_bypass':
      return `with ${lines},
        v as (select generic_name from ref_products where vbp = 1 group by 1),
        c2 as (select dg.*, coalesce((select sum(l.n) from lines l join ref_products rp on rp.code = l.product_code where l.institution_code = dg.institution_code
            and l.doctor_staff_no = dg.doctor_staff_no and l.generic_name = dg.generic_name and rp.vbp = 0), 0)::float8 / dg.total share
          from dg join v using (generic_name) where dg.total >= 30),
        peer as (select a.institution_code, a.doctor_staff_no, a.generic_name, count(*) k, percentile_cont(0.9) within group (order by b.share) p90 from c2 a
          join c2 b on b.institution_code = a.institution_code and b.specialty = a.specialty and b.generic_name = a.generic_name and b.doctor_staff_no <> a.doctor_staff_no group by 1, 2, 3)
        select count(*) n from c2 c join peer pe using (institution_code, doctor_staff_no, generic_name) where pe.k >= 4 and c.share >= 0.6 and c.share >= pe.p90 + 0.15`;
    case 'post_visit_uplift':
      return `with v as (select v.institution_code, st.staff_no doctor, st.specialty, v.supplier_code, min(v.visited_on) first_visit from ref_visits v
          join ref_staff st on st.institution_code = v.institution_code and st.staff_no = v.host_staff_no where ${within('v.visited_on')} and coalesce(st.specialty, '') <> '' group by 1, 2, 3, 4),
        daily as (select x.institution_code, x.doctor_staff_no, x.prescribed_on d, rp.manufacturer_code m, count(*) n from prescriptions x
          join ref_products rp on rp.code = x.product_code where x.prescribed_on >= ${d0} - 60 and x.prescribed_on < ${d1} + 60 group by 1, 2, 3, 4),
        c as (select v.institution_code, v.doctor, v.supplier_code, dl.doctor_staff_no who,
            coalesce(sum(dl.n) filter (where dl.m = v.supplier_code and dl.d < v.first_visit), 0) b,
            coalesce(sum(dl.n) filter (where dl.m = v.supplier_code and dl.d >= v.first_visit), 0) a,
            coalesce(sum(dl.n) filter (where dl.d < v.first_visit), 0) ball, coalesce(sum(dl.n) filter (where dl.d >= v.first_visit), 0) aall
          from v join ref_staff peer on peer.institution_code = v.institution_code and peer.specialty = v.specialty
          join daily dl on dl.institution_code = v.institution_code and dl.doctor_staff_no = peer.staff_no and dl.d >= v.first_visit - 60 and dl.d < v.first_visit + 60
          group by 1, 2, 3, 4),
        u as (select institution_code, doctor, supplier_code,
            sum(a) filter (where who = doctor) a, ((sum(a) filter (where who = doctor) + 1.0) / (sum(aall) filter (where who = doctor) + 1)) / ((sum(b) filter (where who = doctor) + 1.0) / (sum(ball) filter (where who = doctor) + 1)) up,
            ((coalesce(sum(a) filter (where who <> doctor), 0) + 1.0) / (coalesce(sum(aall) filter (where who <> doctor), 0) + 1)) / ((coalesce(sum(b) filter (where who <> doctor), 0) + 1.0) / (coalesce(sum(ball) filter (where who <> doctor), 0) + 1)) pup
          from c group by 1, 2, 3)
        select count(*) n from u where coalesce(a, 0) >= 12 and up / pup >= 2 and up >= 2`;
    case 'committee_conflict':
      return `select count(distinct (v.institution_code, v.decision_id, v.member_staff_no)) n from ref_votes v join ref_products rp on rp.code = v.product_code
        join ref_staff st on st.staff_no = v.member_staff_no and st.institution_code = v.institution_code
        join ref_relations r on r.staff_no = v.member_staff_no and r.supplier_code = rp.manufacturer_code
        where ${within('v.decided_on')} and v.outcome = 'admitted' and v.vote = 'for'`;
  }
}

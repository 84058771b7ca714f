/**
 * `qinglian demo-data`: the eleven files of the screening data contract for a synthetic region of two
 * hospitals — specialties with their generics and alternatives, VBP winners, manufacturers and
 * distributors, seasonal usage, rep visits, committee votes — with schemes planted for every rule and
 * their ground truth (ground_truth.csv). Deterministic by seed; prescriptions are written as they are
 * drawn, so 10 million lines need no more memory than 10 thousand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { creditCodeCheckChar } from '@qinglian/contracts';
import { prng } from '../../seed/names.ts';
import { DISTRIBUTORS, GIVEN, MANUFACTURERS, SPECIALTIES, SURNAMES, TITLES, VBP_GENERICS_PER_SPECIALTY } from './demo.catalog.ts';

export interface DemoInstitution {
  code: string;
  name: string;
  level: 'tertiary' | 'secondary' | 'primary';
  /** Share of the prescription lines. */
  share: number;
  doctorsPerSpecialty: number;
}
export interface DemoOptions {
  rx: number;
  seed?: number;
  out: string;
  regionCode?: string;
  institutions?: DemoInstitution[];
  /** Prefix of the generated department codes ('RX-' by default; '' to reuse existing CARD, RESP…). */
  deptPrefix?: string;
}
export interface Plant {
  rule: string;
  institution: string;
  keys: Record<string, string>;
}

export const DEFAULT_DEMO_INSTITUTIONS: DemoInstitution[] = [
  { code: 'H001', name: '清源示范第一医院', level: 'tertiary', share: 0.65, doctorsPerSpecialty: 10 },
  { code: 'H002', name: '清源示范第二医院', level: 'secondary', share: 0.35, doctorsPerSpecialty: 6 },
];
/** 24 months of data; the plants fall in the last twelve (the default screening window). */
export const DEMO_MONTHS = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

/** The demo seed's PRNG (mulberry32): the same seed gives the same files. */
const rng = prng;
type Rng = ReturnType<typeof rng>;

/** A buffered CSV writer that waits for the disk when its buffer is full. */
class Csv {
  private buf: string[] = [];
  private size = 0;
  private readonly stream: fs.WriteStream;
  rows = 0;
  constructor(file: string, header: string[]) {
    this.stream = fs.createWriteStream(file);
    this.buf.push(`${header.join(',')}\n`);
  }
  async row(cells: (string | number)[]) {
    const line = `${cells.map((c) => (typeof c === 'string' && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\n`;
    this.buf.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size > 1 << 20) await this.flush();
  }
  private async flush() {
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async close() {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${pad(fen % 100, 2)}`;
const daysIn = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const addDays = (date: string, d: number) => new Date(Date.parse(`${date}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
function creditCode(r: Rng): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (;;) {
    let body = '91331100';
    for (let i = 0; i < 9; i++) body += chars[r.int(0, chars.length - 1)];
    const check = creditCodeCheckChar(body);
    if (check) return body + check;
  }
}

interface Product {
  code: string;
  generic: string;
  spec: number;
  g: number;
  a: number;
  manufacturer: string;
  category: 'drug' | 'consumable' | 'device';
  priceFen: number;
  listed: boolean;
  vbp: boolean;
}
interface Doctor {
  inst: number;
  staffNo: string;
  spec: number;
  activity: number;
  /** Preference weights over the three alternatives of each of the specialty's generics. */
  prefs: number[][];
}

/** Writes the files and returns what was planted. */
export async function generateDemoData(opts: DemoOptions): Promise<{ files: Record<string, number>; plants: Plant[] }> {
  const r = rng(opts.seed ?? 20251231);
  const insts = opts.institutions ?? DEFAULT_DEMO_INSTITUTIONS;
  const region = opts.regionCode ?? 'DEMO';
  const dp = opts.deptPrefix ?? 'RX-';
  fs.mkdirSync(opts.out, { recursive: true });
  const file = (name: string, header: string[]) => new Csv(path.join(opts.out, `${name}.csv`), header);
  const plants: Plant[] = [];
  const window = DEMO_MONTHS.slice(12);

  // reference: institutions, departments, staff
  const fInst = file('institutions', ['institution_code', 'name', 'region_code', 'level']);
  for (const i of insts) await fInst.row([i.code, i.name, region, i.level]);
  await fInst.close();
  const fDept = file('departments', ['institution_code', 'dept_code', 'name', 'clinical']);
  for (const i of insts) {
    for (const s of SPECIALTIES) await fDept.row([i.code, `${dp}${s.dept}`, s.name, 1]);
    await fDept.row([i.code, `${dp}PHAR`, '药学部', 0]);
  }
  await fDept.close();

  // suppliers and products
  const fSup = file('suppliers', ['supplier_code', 'name', 'credit_code', 'kind']);
  const manu = MANUFACTURERS.map((n, i) => ({ code: `M${pad(i + 1, 2)}`, name: n }));
  const dist = DISTRIBUTORS.map((n, i) => ({ code: `D${pad(i + 1, 2)}`, name: n }));
  for (const m of manu) await fSup.row([m.code, `${m.name}有限公司`, creditCode(r), 'manufacturer']);
  for (const d of dist) await fSup.row([d.code, d.name, creditCode(r), 'distributor']);
  await fSup.close();
  const products: Product[] = [];
  for (const [si, s] of SPECIALTIES.entries())
    for (const [g, generic] of s.generics.entries()) {
      const category = s.code === 'orthopedics' && g === 2 ? 'device' : s.code === 'orthopedics' && g > 0 ? 'consumable' : 'drug';
      const base = category === 'device' ? r.int(1500, 3000) * 100 : category === 'consumable' ? r.int(200, 800) * 100 : r.int(8, 300) * 100;
      for (let a = 0; a < 3; a++) {
        const vbp = g < VBP_GENERICS_PER_SPECIALTY && a === 0;
        const priceFen = vbp ? Math.round(base * 0.45) : Math.round(base * (0.9 + r.next() * 0.25));
        products.push({ code: `P${si + 1}${g + 1}${a + 1}`, generic, spec: si, g, a, manufacturer: manu[(si * 12 + g * 3 + a) % manu.length]!.code, category, priceFen, listed: !(si === 3 && g === 3 && a === 2), vbp });
      }
    }
  const fProd = file('products', ['product_code', 'generic_name', 'brand_name', 'spec', 'manufacturer_code', 'category', 'platform_price', 'vbp', 'key_monitored']);
  for (const p of products)
    await fProd.row([p.code, p.generic, `${p.generic.slice(0, 2)}${['安', '康', '宁'][p.a]}`, ['10mg*28片', '0.5g*12片', '1支'][p.a]!, p.manufacturer, p.category, p.listed ? yuan(p.priceFen) : '', p.vbp ? 1 : 0, p.g === 3 ? 1 : 0]);
  await fProd.close();
  const productOf = (spec: number, g: number, a: number) => products[spec * 12 + g * 3 + a]!;

  // doctors with their preferences; a few become plants
  const doctors: Doctor[] = [];
  const fStaff = file('staff', ['staff_no', 'name', 'institution_code', 'dept_code', 'title', 'specialty']);
  for (const [ii, i] of insts.entries()) {
    for (const [si, s] of SPECIALTIES.entries())
      for (let n = 1; n <= i.doctorsPerSpecialty; n++) {
        const prefs = s.generics.map((_, g) => {
          const w = g < VBP_GENERICS_PER_SPECIALTY ? [0.6, 0.2, 0.2] : [0.34, 0.33, 0.33];
          const noisy = w.map((x) => Math.max(0.02, x + (r.next() - 0.5) * 0.16));
          const sum = noisy.reduce((a, b) => a + b, 0);
          return noisy.map((x) => x / sum);
        });
        const d: Doctor = { inst: ii, staffNo: `${i.code}D${si + 1}${pad(n, 2)}`, spec: si, activity: 0.7 + r.next() * 0.6, prefs };
        doctors.push(d);
        await fStaff.row([d.staffNo, r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.5) ? r.pick([...GIVEN]) : ''), i.code, `${dp}${s.dept}`, r.pick(TITLES), s.code]);
      }
    for (let n = 1; n <= 5; n++) await fStaff.row([`${i.code}F${pad(n, 2)}`, r.pick([...SURNAMES]) + r.pick([...GIVEN]), i.code, `${dp}PHAR`, '主任药师', 'pharmacy']);
  }
  await fStaff.close();

  // plants on doctors: one scheme per doctor, in specialties 0..4 (orthopedics keeps the devices clean)
  const uplift: { doctor: Doctor; product: Product; visit: string }[] = [];
  for (const [ii, i] of insts.entries()) {
    const pool = doctors.filter((d) => d.inst === ii && d.spec < 5);
    // one plant of a kind per specialty, so the peers a planted doctor is compared with are ordinary
    const used = new Set<string>();
    const take = (kind: string) => {
      const free = pool.filter((d) => !used.has(`${kind}|${d.spec}`));
      const d = free[r.int(0, free.length - 1)]!;
      pool.splice(pool.indexOf(d), 1);
      used.add(`${kind}|${d.spec}`);
      return d;
    };
    for (let k = 0; k < 4; k++) {
      const d = take('concentration');
      const g = r.int(VBP_GENERICS_PER_SPECIALTY, 3);
      const a = r.int(0, 2);
      d.prefs[g] = [0, 1, 2].map((x) => (x === a ? 0.86 : 0.07));
      plants.push({ rule: 'prescriber_concentration', institution: i.code, keys: { doctor_staff_no: d.staffNo, product_code: productOf(d.spec, g, a).code } });
    }
    for (let k = 0; k < 4; k++) {
      const d = take('vbp');
      const g = r.int(0, VBP_GENERICS_PER_SPECIALTY - 1);
      d.prefs[g] = [0.16, 0.42, 0.42];
      plants.push({ rule: 'vbp_bypass', institution: i.code, keys: { doctor_staff_no: d.staffNo, product_code: productOf(d.spec, g, 0).code } });
    }
    for (let k = 0; k < 3; k++) {
      const d = take('uplift');
      const product = productOf(d.spec, r.int(VBP_GENERICS_PER_SPECIALTY, 3), r.int(0, 2));
      const month = window[r.int(3, 7)]!;
      uplift.push({ doctor: d, product, visit: `${month}-${pad(r.int(1, 20), 2)}` });
      plants.push({ rule: 'post_visit_uplift', institution: i.code, keys: { doctor_staff_no: d.staffNo, supplier_code: product.manufacturer } });
    }
  }
  const upliftOf = new Map(uplift.map((u) => [u.doctor.staffNo, u]));

  // prescriptions: doctors weighted by activity, months by season and a slight trend
  const fRx = file('prescriptions', ['rx_id', 'line_no', 'institution_code', 'dept_code', 'doctor_staff_no', 'patient_key', 'prescribed_on', 'product_code', 'quantity', 'amount']);
  const monthWeights = SPECIALTIES.map((s) => DEMO_MONTHS.map((m, k) => (['12', '01', '02'].includes(m.slice(5)) ? s.winter : 1) * (1 + k * 0.004)));
  const cumulative = (w: number[]) => {
    const out: number[] = [];
    let acc = 0;
    for (const x of w) {
      acc += x;
      out.push(acc);
    }
    return out.map((x) => x / acc);
  };
  const monthCum = monthWeights.map(cumulative);
  const prefCum = new Map(doctors.map((d) => [d, d.prefs.map(cumulative)]));
  const docCum = insts.map((_, ii) => {
    const list = doctors.filter((d) => d.inst === ii);
    return { list, cum: cumulative(list.map((d) => d.activity)) };
  });
  const instCum = cumulative(insts.map((i) => i.share));
  const find = (cum: number[], x: number) => {
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Usage per institution × product × month (quantity), for purchases and the spikes. */
  const usage = new Map<string, number>();
  const useKey = (ii: number, p: Product, m: number) => `${ii}|${p.code}|${m}`;
  let rxSeq = 0;
  const writeLine = async (ii: number, d: Doctor, rxId: string, line: number, date: string, patient: string, p: Product, m: number) => {
    const qty = p.category === 'device' ? 1 : r.int(1, 3);
    usage.set(useKey(ii, p, m), (usage.get(useKey(ii, p, m)) ?? 0) + qty);
    await fRx.row([rxId, line, insts[ii]!.code, `${dp}${SPECIALTIES[d.spec]!.dept}`, d.staffNo, patient, date, p.code, qty, yuan(p.priceFen * qty)]);
  };
  let written = 0;
  while (written < opts.rx) {
    const ii = find(instCum, r.next());
    const dc = docCum[ii]!;
    const d = dc.list[find(dc.cum, r.next())]!;
    const m = find(monthCum[d.spec]!, r.next());
    const date = `${DEMO_MONTHS[m]}-${pad(r.int(1, daysIn(DEMO_MONTHS[m]!)), 2)}`;
    const rxId = `RX${pad(++rxSeq, 9)}`;
    const patient = `PK${(r.next() * 36 ** 8).toString(36).slice(0, 8).padStart(8, '0')}`;
    const lines = Math.min(opts.rx - written, r.chance(0.5) ? 1 : r.int(2, 3));
    const up = upliftOf.get(d.staffNo);
    const boosted = up && date >= up.visit && date <= addDays(up.visit, 65);
    for (let line = 1; line <= lines; line++) {
      const g = r.int(0, 3);
      let a = find(prefCum.get(d)![g]!, r.next());
      if (boosted && up.product.g === g) a = r.chance(0.9) ? up.product.a : a;
      await writeLine(ii, d, rxId, line, date, patient, productOf(d.spec, g, a), m);
      written++;
    }
    // after the visits the doctor also prescribes the company's product more often
    if (boosted && r.chance(0.7)) await writeLine(ii, d, rxId, lines + 1, date, patient, up.product, m);
  }
  // usage spikes: one product-month per institution triples against its own history
  for (const [ii, i] of insts.entries()) {
    const taken = new Set<string>();
    for (let k = 0; k < 3; k++) {
      let p: Product;
      let m: number;
      // a product with enough use to tell a spike from noise, outside the seasonal specialties
      let tries = 0;
      do {
        p = productOf(r.int(0, 4), r.int(0, 3), r.int(0, 2));
        m = 12 + r.int(2, 9);
      } while ((SPECIALTIES[p.spec]!.winter > 1.2 || taken.has(p.code) || p.category === 'device' || uplift.some((u) => u.doctor.inst === ii && u.product.manufacturer === p.manufacturer) || (usage.get(useKey(ii, p, m)) ?? 0) < 55) && ++tries < 2000);
      taken.add(p.code);
      const extra = Math.round((usage.get(useKey(ii, p, m)) ?? 0) * 2.5);
      const docs = docCum[ii]!.list.filter((d) => d.spec === p.spec);
      for (let q = 0; q < extra; ) {
        const d = r.pick(docs);
        const date = `${DEMO_MONTHS[m]}-${pad(r.int(1, daysIn(DEMO_MONTHS[m]!)), 2)}`;
        const qty = r.int(1, 3);
        usage.set(useKey(ii, p, m), (usage.get(useKey(ii, p, m)) ?? 0) + qty);
        await fRx.row([`RX${pad(++rxSeq, 9)}`, 1, i.code, `${dp}${SPECIALTIES[d.spec]!.dept}`, d.staffNo, `PK${pad(r.int(1, 99999999), 8)}`, date, p.code, qty, yuan(p.priceFen * qty)]);
        q += qty;
      }
      plants.push({ rule: 'usage_spike', institution: i.code, keys: { product_code: p.code, period: DEMO_MONTHS[m]! } });
    }
  }
  await fRx.close();

  await writePurchases(opts, r, insts, products, usage, useKey, plants, file);
  await writeCommitteeAndVisits(r, insts, doctors, products, uplift, plants, file, dp);

  const fTruth = file('ground_truth', ['rule', 'institution_code', 'keys']);
  for (const p of plants) await fTruth.row([p.rule, p.institution, JSON.stringify(p.keys)]);
  await fTruth.close();
  const files: Record<string, number> = {};
  for (const f of fs.readdirSync(opts.out)) if (f.endsWith('.csv')) files[f] = fs.statSync(path.join(opts.out, f)).size;
  return { files, plants };
}

type FileFn = (name: string, header: string[]) => Csv;

/** Purchase lines follow usage, grouped into weekly orders per distributor; platform records mirror them. */
async function writePurchases(
  opts: DemoOptions,
  r: Rng,
  insts: DemoInstitution[],
  products: Product[],
  usage: Map<string, number>,
  useKey: (ii: number, p: Product, m: number) => string,
  plants: Plant[],
  file: FileFn,
) {
  const fPo = file('purchase_orders', ['order_id', 'line_no', 'institution_code', 'ordered_on', 'supplier_code', 'product_code', 'quantity', 'unit_price', 'amount', 'channel']);
  const fPr = file('platform_records', ['record_id', 'institution_code', 'ordered_on', 'supplier_code', 'product_code', 'quantity', 'unit_price']);
  const distributors = DISTRIBUTORS.map((_, i) => `D${pad(i + 1, 2)}`);
  const baseLines = Math.max(1, Math.round((opts.rx * 0.02) / (insts.length * products.length * DEMO_MONTHS.length)));
  let orderSeq = 0;
  let recordSeq = 0;
  const record = async (inst: string, date: string, supplier: string, p: Product, qty: number, priceFen: number) => {
    const gap = r.chance(0.8) ? 0 : r.chance(0.75) ? 1 : 2;
    await fPr.row([`PR${pad(++recordSeq, 9)}`, inst, addDays(date, gap), supplier, p.code, qty, yuan(priceFen)]);
  };
  for (const [ii, inst] of insts.entries()) {
    // supplier_concentration: one distributor takes most of one category in the window
    const concCategory = ii % 2 === 0 ? 'consumable' : 'drug';
    const concSupplier = distributors[ii % 2 === 0 ? 2 : 4]!;
    plants.push({ rule: 'supplier_concentration', institution: inst.code, keys: { supplier_code: concSupplier } });
    for (let m = 0; m < DEMO_MONTHS.length; m++) {
      const month = DEMO_MONTHS[m]!;
      // per week and supplier an open order, closed when it would pass 50,000 yuan
      const orders = new Map<string, { id: string; lines: number; total: number; date: string }>();
      for (const p of products) {
        const qty = Math.round((usage.get(useKey(ii, p, m)) ?? 0) * (0.95 + r.next() * 0.1));
        if (qty <= 0) continue;
        const n = Math.min(qty, Math.max(baseLines, Math.ceil((qty * p.priceFen) / 2_000_000)));
        for (let k = 0; k < n; k++) {
          const q = Math.floor(qty / n) + (k < qty % n ? 1 : 0);
          if (q <= 0) continue;
          const week = r.int(0, 3);
          const inWindow = m >= 12;
          const supplier = inWindow && p.category === concCategory && r.chance(0.75) ? concSupplier : r.pick(distributors);
          const key = `${week}|${supplier}`;
          let o = orders.get(key);
          const amount = q * p.priceFen;
          if (!o || o.total + amount > 5_000_000) {
            o = { id: `PO-${inst.code}-${pad(++orderSeq, 7)}`, lines: 0, total: 0, date: `${month}-${pad(Math.min(daysIn(month), week * 7 + r.int(1, 7)), 2)}` };
            orders.set(key, o);
          }
          o.lines++;
          o.total += amount;
          const price = p.priceFen;
          await fPo.row([o.id, o.lines, inst.code, o.date, supplier, p.code, q, yuan(price), yuan(price * q), 'platform']);
          await record(inst.code, o.date, supplier, p, q, p.priceFen);
        }
      }
    }
    // price_above_platform: lines in the window bought 15–40% above the listed price (the platform saw them)
    for (let k = 0; k < 8; k++) {
      const p = r.pick(products.filter((x) => x.listed && x.category === 'drug'));
      const id = `PO-${inst.code}-${pad(++orderSeq, 7)}`;
      const date = `${DEMO_MONTHS[12 + r.int(0, 11)]}-${pad(r.int(1, 28), 2)}`;
      const q = Math.max(10, Math.ceil(400_000 / p.priceFen));
      const price = Math.round(p.priceFen * (1.15 + r.next() * 0.25));
      const supplier = r.pick(distributors);
      await fPo.row([id, 1, inst.code, date, supplier, p.code, q, yuan(price), yuan(price * q), 'platform']);
      await record(inst.code, date, supplier, p, q, p.priceFen);
      plants.push({ rule: 'price_above_platform', institution: inst.code, keys: { order_id: id, line_no: '1' } });
    }
    // off_platform_purchase: lines the platform never saw (half declared offline)
    for (let k = 0; k < 8; k++) {
      const p = r.pick(products.filter((x) => x.listed && x.category !== 'device'));
      const id = `PO-${inst.code}-${pad(++orderSeq, 7)}`;
      const date = `${DEMO_MONTHS[12 + r.int(0, 11)]}-${pad(r.int(1, 28), 2)}`;
      const q = Math.max(5, Math.ceil(r.int(500_000, 3_000_000) / p.priceFen));
      await fPo.row([id, 1, inst.code, date, r.pick(distributors), p.code, q, yuan(p.priceFen), yuan(p.priceFen * q), k % 2 ? 'offline' : 'platform']);
      plants.push({ rule: 'off_platform_purchase', institution: inst.code, keys: { order_id: id, line_no: '1' } });
    }
    // split_purchase: one supplier's orders in one month, each just under the 100,000 yuan threshold
    for (let k = 0; k < 2; k++) {
      const supplier = distributors[(ii * 3 + k * 5 + 1) % distributors.length]!;
      const month = DEMO_MONTHS[13 + k * 4 + ii]!;
      const n = r.int(3, 4);
      for (let o = 0; o < n; o++) {
        const id = `PO-${inst.code}-${pad(++orderSeq, 7)}`;
        const date = `${month}-${pad(o * 6 + r.int(1, 5), 2)}`;
        const target = r.int(7_200_000, 9_700_000);
        const p = r.pick(products.filter((x) => x.listed && x.category === 'consumable'));
        const q = Math.max(1, Math.floor(target / p.priceFen));
        await fPo.row([id, 1, inst.code, date, supplier, p.code, q, yuan(p.priceFen), yuan(p.priceFen * q), 'platform']);
        await record(inst.code, date, supplier, p, q, p.priceFen);
      }
      plants.push({ rule: 'split_purchase', institution: inst.code, keys: { supplier_code: supplier, period: month } });
    }
  }
  await fPo.close();
  await fPr.close();
}

/** Committee votes (some by members related to the manufacturer) and rep visits (some followed by uplift). */
async function writeCommitteeAndVisits(r: Rng, insts: DemoInstitution[], doctors: Doctor[], products: Product[], uplift: { doctor: Doctor; product: Product; visit: string }[], plants: Plant[], file: FileFn, dp: string) {
  const fVotes = file('committee_decisions', ['decision_id', 'institution_code', 'decided_on', 'product_code', 'outcome', 'member_staff_no', 'vote']);
  const fRel = file('relations', ['staff_no', 'supplier_code', 'relation', 'declared_on']);
  const fVis = file('rep_visits', ['visit_id', 'institution_code', 'supplier_code', 'rep_id', 'visited_on', 'dept_code', 'host_staff_no']);
  let visitSeq = 0;
  for (const [ii, inst] of insts.entries()) {
    const staff = doctors.filter((d) => d.inst === ii);
    const members = [...Array.from({ length: 5 }, (_, n) => `${inst.code}F${pad(n + 1, 2)}`), staff[0]!.staffNo, staff[staff.length - 1]!.staffNo];
    const relSeen = new Set<string>();
    const rel = async (staff: string, supplier: string, relation: string, on: string) => {
      if (relSeen.has(`${staff}|${supplier}|${relation}`)) return;
      relSeen.add(`${staff}|${supplier}|${relation}`);
      await fRel.row([staff, supplier, relation, on]);
    };
    // declared relations that matter nowhere: family members at distributors
    for (let k = 0; k < 6; k++) await rel(r.pick(members), `D${pad(r.int(1, 8), 2)}`, r.pick(['family', 'former_employee']), `2024-${pad(r.int(1, 12), 2)}-15`);
    const conflicted = new Set<number>();
    while (conflicted.size < 3) conflicted.add(r.int(4, 15));
    const relations: { staff: string; supplier: string }[] = [];
    const votes: { id: string; date: string; product: Product; outcome: string; member: string; vote: string }[] = [];
    for (let k = 0; k < 16; k++) {
      const product = r.pick(products);
      const month = DEMO_MONTHS[k < 4 ? k * 3 : 12 + ((k - 4) % 12)]!;
      const id = `CD-${inst.code}-${pad(k + 1, 3)}`;
      const related = conflicted.has(k) ? members[r.int(0, members.length - 1)]! : null;
      if (related) {
        await rel(related, product.manufacturer, r.pick(['family', 'shareholding']), `2024-0${r.int(1, 9)}-01`);
        relations.push({ staff: related, supplier: product.manufacturer });
      }
      const outcome = related || r.chance(0.85) ? 'admitted' : 'rejected';
      const date = `${month}-${pad(r.int(1, 28), 2)}`;
      for (const m of members) votes.push({ id, date, product, outcome, member: m, vote: m === related ? 'for' : r.chance(0.85) ? 'for' : r.chance(0.6) ? 'against' : 'abstain' });
    }
    // the truth is what the data says: every vote for an admission by a member related to the manufacturer, in the window
    for (const v of votes) {
      await fVotes.row([v.id, inst.code, v.date, v.product.code, v.outcome, v.member, v.vote]);
      if (v.outcome === 'admitted' && v.vote === 'for' && v.date >= DEMO_MONTHS[12]! && relations.some((x) => x.staff === v.member && x.supplier === v.product.manufacturer))
        plants.push({ rule: 'committee_conflict', institution: inst.code, keys: { decision_id: v.id, member_staff_no: v.member } });
    }
    // ordinary visits: reps of random manufacturers received by random doctors
    for (const month of DEMO_MONTHS)
      for (let k = 0; k < 4; k++) {
        const d = r.pick(staff.filter((x) => !uplift.some((u) => u.doctor === x)));
        await fVis.row([`V${pad(++visitSeq, 7)}`, inst.code, `M${pad(r.int(1, 18), 2)}`, `REP${pad(r.int(1, 60), 3)}`, `${month}-${pad(r.int(1, 28), 2)}`, `${dp}${SPECIALTIES[d.spec]!.dept}`, d.staffNo]);
      }
    for (const u of uplift.filter((x) => x.doctor.inst === ii))
      for (const gap of [0, 9, 23])
        await fVis.row([`V${pad(++visitSeq, 7)}`, inst.code, u.product.manufacturer, `REP${pad(r.int(61, 90), 3)}`, addDays(u.visit, gap), `${dp}${SPECIALTIES[u.doctor.spec]!.dept}`, u.doctor.staffNo]);
  }
  await fVotes.close();
  await fRel.close();
  await fVis.close();
}

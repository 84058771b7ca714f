/**
 * A deterministic generator of OCDS compiled releases that look like a region's hospital procurement:
 * buyers are hospitals, suppliers specialise in a few CPV segments, most tenders are open and won by the
 * lowest valid bid — with the patterns the flags look for mixed in at realistic rates (short periods,
 * single bids, identical prices, late winning bids, disqualified rivals, amounts just under the threshold,
 * a few suppliers that dominate a buyer). The same seed gives the same file, byte for byte.
 */
import type { JsonObject } from './engine/ocds.ts';

export interface GenerateOptions {
  processes: number;
  buyers?: number;
  suppliers?: number;
  seed?: number;
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS: [string, string, number][] = [
  ['open', '公开招标', 0.6],
  ['selective', '邀请招标', 0.15],
  ['limited', '竞争性谈判', 0.15],
  ['direct', '单一来源', 0.1],
];
const SEGMENTS = ['33', '38', '42', '44', '45', '48', '50', '71', '72', '79', '85', '90'];
const DAY = 86_400_000;
const BASE = Date.UTC(2023, 0, 1);

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Yields `processes` compiled releases. */
export function* generateReleases(opts: GenerateOptions): Generator<JsonObject> {
  const rnd = prng(opts.seed ?? 20240601);
  const nBuyers = opts.buyers ?? 60;
  const nSuppliers = opts.suppliers ?? 2000;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const money = (x: number) => Math.round(x * 100) / 100;
  const supplier = (i: number) => ({ id: `91450300MA${String(100000 + i)}`, name: `供应商${i}号医疗科技有限公司` });
  const specialty = (i: number) => SEGMENTS[i % SEGMENTS.length]!;
  for (let seq = 1; seq <= opts.processes; seq++) {
    const b = between(1, nBuyers);
    const buyer = { id: `H${String(b).padStart(3, '0')}`, name: `第${b}人民医院` };
    const roll = rnd();
    let acc = 0;
    const [method, details] = METHODS.find(([, , p]) => {
      acc += p;
      return roll < acc;
    }) ?? METHODS[0]!;
    const start = BASE + between(0, 700) * DAY + between(0, 9) * 3600_000;
    const days = rnd() < 0.08 ? between(3, 14) : between(15, 40);
    const end = start + days * DAY;
    const estimate = rnd() < 0.06 ? money(between(90_000, 99_990)) : money(10 ** (4 + rnd() * 3));
    const cancelled = rnd() < 0.03;
    // A buyer's favourite: some buyers send many awards to one supplier.
    const favourite = b % 7 === 0 && rnd() < 0.5 ? b * 13 : null;
    const nBids = rnd() < 0.1 ? 1 : between(2, 6);
    const bidders = new Set<number>(favourite !== null ? [favourite] : []);
    while (bidders.size < nBids) bidders.add(between(1, nSuppliers));
    const identical = rnd() < 0.02;
    const bids = [...bidders].map((s, i) => {
      const roll = rnd();
      const status = roll < 0.85 ? 'valid' : roll < 0.95 ? 'disqualified' : roll < 0.98 ? 'pending' : 'withdrawn';
      const amount = identical && i < 2 ? estimate : money(estimate * (0.85 + rnd() * 0.3));
      const late = rnd() < 0.01;
      return {
        id: `${seq}-bid-${i + 1}`,
        status,
        date: iso((late ? end + DAY : end - between(1, days) * 3600_000) as number),
        tenderers: [supplier(s)],
        value: { amount, currency: 'CNY' },
      };
    });
    const valid = bids.filter((x) => x.status === 'valid').sort((x, y) => x.value.amount - y.value.amount);
    const pending = rnd() < 0.05;
    const winner = favourite !== null && valid.some((x) => x.tenderers[0]!.id === supplier(favourite).id) ? valid.find((x) => x.tenderers[0]!.id === supplier(favourite).id)! : rnd() < 0.9 ? valid[0] : valid[valid.length - 1];
    const awards = [];
    if (winner && !cancelled) {
      const sid = Number(winner.tenderers[0]!.id.slice(-6)) - 100000;
      const nItems = between(1, 3);
      const items = Array.from({ length: nItems }, (_, k) => ({
        id: String(k + 1),
        description: `物资${k + 1}`,
        classification: { scheme: 'CPV', id: `${rnd() < 0.05 ? pick(SEGMENTS) : specialty(sid)}${String(between(100000, 999999))}` },
      }));
      awards.push({ id: `${seq}-award-1`, status: pending ? 'pending' : 'active', date: iso(end + between(1, 20) * DAY), suppliers: [winner.tenderers[0]!], value: winner.value, items });
    }
    yield {
      ocid: `ocds-qlgen-${String(seq).padStart(7, '0')}`,
      id: `${seq}-compiled`,
      date: iso(end + 30 * DAY),
      tag: ['compiled'],
      initiationType: 'tender',
      buyer,
      tender: {
        id: `${seq}-tender`,
        title: `${buyer.name}采购项目${seq}`,
        status: cancelled ? 'cancelled' : 'complete',
        procurementMethod: method,
        procurementMethodDetails: details,
        procuringEntity: buyer,
        numberOfTenderers: nBids,
        value: { amount: estimate, currency: 'CNY' },
        tenderPeriod: { startDate: iso(start), endDate: iso(end) },
      },
      bids: { details: bids },
      awards,
    } as unknown as JsonObject;
  }
}

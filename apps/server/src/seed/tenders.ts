/**
 * The demo region's tender processes: about three hundred OCDS compiled releases of the region's
 * hospitals buying equipment, consumables, software, services and works, imported through the real
 * import so the flags are the engine's own. Mostly ordinary open tenders won by the lowest valid bid,
 * with the patterns the flags look for mixed in: short bidding periods, a single bid, identical prices,
 * a late winning bid, rivals disqualified, amounts just under the 100,000-yuan tender threshold, a
 * supplier that never wins, one that sells everything, and two hospitals with a favourite supplier.
 * Deterministic: the same institutions give the same file, byte for byte.
 */
import { Readable } from 'node:stream';
import type { Ctx } from '../platform/context.ts';
import { importTenders } from '../modules/tenders/tenders.import.ts';
import { prng, type Rng } from './names.ts';

interface Supplier {
  id: string;
  name: string;
}
interface Item {
  name: string;
  /** CPV division (the first two digits R048 compares). */
  cpv: string;
  category: 'goods' | 'works' | 'services';
  /** Estimate range in yuan. */
  lo: number;
  hi: number;
  unit: string;
}

const ITEMS: Item[] = [
  { name: '彩色多普勒超声诊断仪', cpv: '33', category: 'goods', lo: 800_000, hi: 2_600_000, unit: '台' },
  { name: '全自动生化分析仪', cpv: '33', category: 'goods', lo: 600_000, hi: 1_500_000, unit: '台' },
  { name: '数字化X射线摄影系统（DR）', cpv: '33', category: 'goods', lo: 900_000, hi: 2_200_000, unit: '套' },
  { name: '有创呼吸机', cpv: '33', category: 'goods', lo: 150_000, hi: 450_000, unit: '台' },
  { name: '多参数监护仪', cpv: '33', category: 'goods', lo: 60_000, hi: 300_000, unit: '批' },
  { name: '电子胃肠镜系统', cpv: '33', category: 'goods', lo: 1_000_000, hi: 3_000_000, unit: '套' },
  { name: '一次性使用输液器及注射器', cpv: '33', category: 'goods', lo: 200_000, hi: 900_000, unit: '批' },
  { name: '骨科植入类耗材', cpv: '33', category: 'goods', lo: 500_000, hi: 3_000_000, unit: '批' },
  { name: '心血管介入类耗材', cpv: '33', category: 'goods', lo: 800_000, hi: 4_000_000, unit: '批' },
  { name: '医用防护用品', cpv: '33', category: 'goods', lo: 50_000, hi: 400_000, unit: '批' },
  { name: '血细胞分析仪', cpv: '38', category: 'goods', lo: 150_000, hi: 600_000, unit: '台' },
  { name: '实时荧光定量PCR仪', cpv: '38', category: 'goods', lo: 200_000, hi: 700_000, unit: '台' },
  { name: '生物安全柜', cpv: '38', category: 'goods', lo: 40_000, hi: 180_000, unit: '台' },
  { name: '医院信息系统（HIS）升级改造', cpv: '48', category: 'services', lo: 600_000, hi: 3_000_000, unit: '项' },
  { name: '电子病历系统（五级）建设', cpv: '48', category: 'services', lo: 800_000, hi: 2_500_000, unit: '项' },
  { name: '网络安全等级保护测评服务', cpv: '72', category: 'services', lo: 60_000, hi: 250_000, unit: '项' },
  { name: '物业保洁服务', cpv: '90', category: 'services', lo: 300_000, hi: 1_800_000, unit: '年' },
  { name: '医疗废物收集处置服务', cpv: '90', category: 'services', lo: 100_000, hi: 600_000, unit: '年' },
  { name: '年度财务审计服务', cpv: '79', category: 'services', lo: 50_000, hi: 200_000, unit: '项' },
  { name: '安保服务', cpv: '79', category: 'services', lo: 200_000, hi: 900_000, unit: '年' },
  { name: '门诊楼改造工程', cpv: '45', category: 'works', lo: 1_500_000, hi: 6_000_000, unit: '项' },
  { name: '病房装修工程', cpv: '45', category: 'works', lo: 500_000, hi: 2_500_000, unit: '项' },
  { name: '病床及床头柜', cpv: '39', category: 'goods', lo: 80_000, hi: 500_000, unit: '批' },
  { name: '大型医疗设备维保服务', cpv: '50', category: 'services', lo: 200_000, hi: 1_200_000, unit: '年' },
  { name: '职工食堂餐饮服务', cpv: '55', category: 'services', lo: 300_000, hi: 1_200_000, unit: '年' },
];

const SUPPLIER_NAMES: Record<string, string[]> = {
  '33': [
    '浙江迈康医疗器械有限公司',
    '华润浙江医药有限公司',
    '上海联影医疗科技股份有限公司',
    '深圳迈瑞生物医疗电子股份有限公司',
    '宁波天益医疗器械有限公司',
    '丽水康宁医疗器械有限公司',
    '国药控股浙江有限公司',
    '英特药业（浙江）医疗器械有限公司',
    '杭州微创医疗器械有限公司',
  ],
  '38': ['杭州安图生物工程有限公司', '浙江东方基因生物制品有限公司', '苏州赛默飞世尔仪器有限公司', '宁波美康生物科技股份有限公司'],
  '48': ['创业慧康科技股份有限公司', '卫宁健康科技集团股份有限公司', '浙江和仁科技股份有限公司', '东软集团股份有限公司'],
  '72': ['浙江省网络安全测评中心有限公司', '杭州安恒信息技术股份有限公司', '浙江远望信息有限公司'],
  '90': ['浙江绿城物业服务集团有限公司', '丽水清源环保科技有限公司', '浙江特种环境服务有限公司', '浙江新南北物业管理有限公司', '杭州滨江物业管理有限公司'],
  '79': ['天健会计师事务所（特殊普通合伙）', '浙江众和保安服务有限公司', '丽水中汇会计师事务所', '浙江省保安服务有限公司'],
  '45': ['浙江省建工集团有限责任公司', '丽水市城建工程有限公司', '浙江中天装饰集团有限公司', '浙江亚厦装饰股份有限公司'],
  '39': ['浙江圣奥家具有限公司', '宁波康复医用家具有限公司', '杭州恒丰医疗家具有限公司'],
  '50': ['杭州医疗设备维修服务有限公司', '上海西门子医疗器械有限公司', '浙江华东医疗设备工程有限公司'],
  '55': ['浙江膳源餐饮管理有限公司', '丽水市百味餐饮服务有限公司', '浙江千喜餐饮管理有限公司'],
};

/** Suppliers with a behaviour: one that bids everywhere and almost never wins, one that sells everything, two favourites. */
const SHADOW: Supplier = { id: '91331100MA2HX0001K', name: '清源市众鑫贸易有限公司' };
const BROAD: Supplier = { id: '91331100MA2HX0002L', name: '清源市康达医疗贸易有限公司' };
const FAVOURITES: Record<string, Supplier> = {
  QY004: { id: '91331100MA2HX0003M', name: '清源恒信医疗器械有限公司' },
  QY009: { id: '91331124MA2HX0004N', name: '松阳县瑞康医疗用品有限公司' },
};
const AGENCIES = [
  { id: '12331100MB1A00001X', name: '清源市公共资源交易中心' },
  { id: '91331100MA2HA0001P', name: '浙江求是招标代理有限公司' },
  { id: '91331100MA2HA0002Q', name: '清源市政采招标咨询有限公司' },
];
/** Buyers outside the institutions (region-level processes). */
const OTHER_BUYERS = [{ id: 'QYWJW', name: '清源市卫生健康委员会' }];

const METHOD_DETAILS: Record<string, string[]> = {
  open: ['公开招标'],
  selective: ['邀请招标'],
  limited: ['竞争性磋商', '竞争性谈判'],
  direct: ['单一来源采购'],
};

const DAY = 86_400_000;
/** The first tender period starts here (Asia/Shanghai 09:00); processes spread over the following 660 days. */
const BASE = Date.UTC(2025, 0, 6, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const yuan = (x: number) => Math.round(x * 100) / 100;

function suppliersOf(): Map<string, Supplier[]> {
  const out = new Map<string, Supplier[]>();
  let n = 10;
  for (const [cpv, names] of Object.entries(SUPPLIER_NAMES)) {
    // 18 characters like a unified social credit code (not a valid one: the check character is fixed).
    out.set(
      cpv,
      names.map((name) => ({ id: `91331100MA2S${String(n++).padStart(5, '0')}X`, name })),
    );
  }
  return out;
}

/** A copy of the list in random order (Fisher–Yates on the seeded generator). */
function shuffled<T>(r: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The method a hospital would use for this amount (limits of the 政府采购 rules, simplified). */
function methodFor(r: Rng, estimate: number): string {
  if (estimate >= 1_000_000) return r.next() < 0.9 ? 'open' : 'selective';
  if (estimate >= 200_000) return r.pick(['open', 'open', 'limited', 'selective']);
  if (estimate >= 100_000) return r.pick(['limited', 'limited', 'open', 'selective']);
  return r.pick(['limited', 'direct', 'limited']);
}

interface Bid {
  supplier: Supplier;
  amount: number;
  status: 'valid' | 'disqualified' | 'withdrawn';
  late?: boolean;
}

/** The demo releases for these institutions (code and name), in a fixed order. */
export function demoTenderReleases(institutions: { code: string; name: string }[], count = 320): Record<string, unknown>[] {
  const r = prng(20250106);
  const pools = suppliersOf();
  const releases: Record<string, unknown>[] = [];
  // Bigger hospitals buy more: the first institutions of the list are the city's main hospitals.
  const weights = institutions.map((_, i) => Math.max(1, 12 - i));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickBuyer = () => {
    if (r.next() < 0.03) return OTHER_BUYERS[0]!;
    let x = r.next() * total;
    for (const [i, w] of weights.entries()) {
      x -= w;
      if (x < 0) return { id: institutions[i]!.code, name: institutions[i]!.name };
    }
    return { id: institutions[0]!.code, name: institutions[0]!.name };
  };
  const seqByBuyer = new Map<string, number>();
  for (let k = 0; k < count; k++) {
    const buyer = pickBuyer();
    const favourite = FAVOURITES[buyer.id];
    const useFavourite = favourite !== undefined && r.next() < 0.55;
    // The favourites sell consumables; everyone else buys across the catalogue.
    const item = useFavourite ? r.pick(ITEMS.filter((i) => i.cpv === '33' && i.unit === '批')) : r.pick(ITEMS);
    const pattern = r.next();
    const justUnder = !useFavourite && pattern < 0.07;
    const estimate = justUnder ? yuan(r.int(92_000, 99_800)) : yuan(item.lo + r.next() * (item.hi - item.lo));
    const method = justUnder ? r.pick(['limited', 'direct']) : methodFor(r, estimate);
    const startMs = BASE + r.int(0, 660) * DAY + r.int(0, 6) * 3600_000;
    const short = method === 'open' && r.next() < 0.1;
    const days = short ? r.int(5, 12) : method === 'open' ? r.int(20, 32) : r.int(15, 22);
    const endMs = startMs + days * DAY;
    const year = new Date(startMs + 8 * 3600_000).getUTCFullYear();
    const seq = (seqByBuyer.get(`${buyer.id}${year}`) ?? 0) + 1;
    seqByBuyer.set(`${buyer.id}${year}`, seq);
    const ocid = `ocds-qy2025-${buyer.id}-${year}-${String(seq).padStart(3, '0')}`;
    const title = `${buyer.name}${item.name}采购项目`;
    const agency = r.next() < 0.6 ? r.pick(AGENCIES) : buyer;
    const pool = pools.get(item.cpv)!;

    // Who bids.
    const roll = r.next();
    const single = method === 'direct' || (method === 'open' && roll < 0.08);
    const wanted = single ? 1 : r.int(3, Math.min(6, pool.length + 2));
    const bidders: Supplier[] = [];
    if (useFavourite) bidders.push(favourite!);
    if (!single && r.next() < 0.25) bidders.push(SHADOW);
    if (!single && r.next() < 0.12) bidders.push(BROAD);
    for (const s of shuffled(r, pool)) if (bidders.length < wanted && !bidders.includes(s)) bidders.push(s);
    if (bidders.length === 0) bidders.push(pool[0]!);
    // Competitive prices: the lowest a little under the estimate, the others 5–9 % above it and spreading.
    // Just under the threshold: the winning price lands between 90,000 and 100,000 yuan.
    const floor = justUnder ? r.int(90_500, 99_800) : estimate * (0.88 + r.next() * 0.1);
    const bids: Bid[] = shuffled(r, bidders).map((s, i) => ({
      supplier: s,
      amount: yuan(i === 0 ? floor : floor * (1.05 + r.next() * 0.04 + (i - 1) * 0.02)),
      status: r.next() < 0.03 ? 'disqualified' : 'valid',
    }));
    // The shadow bidder prices itself out; the favourite prices itself in.
    for (const b of bids) if (b.supplier === SHADOW) b.amount = yuan(estimate * (1.02 + r.next() * 0.06));
    const fav = bids.find((b) => b.supplier === favourite);
    if (fav) {
      fav.status = 'valid';
      fav.amount = yuan(Math.min(...bids.map((b) => b.amount)) * (0.93 + r.next() * 0.03));
    }
    const special = r.next();
    if (bids.length >= 2 && !fav) {
      const sorted = [...bids].sort((a, b) => a.amount - b.amount);
      if (special < 0.03) sorted[1]!.amount = sorted[0]!.amount; // identical prices
      else if (special < 0.06) sorted[1]!.amount = yuan(sorted[0]!.amount * 1.001); // a runner-up a hair above
      else if (special < 0.08) sorted[0]!.amount = yuan(sorted[1]!.amount * 0.55); // a winner far below the rest
      else if (special < 0.1) for (const b of sorted.slice(1)) b.status = 'disqualified'; // all rivals out
      else if (special < 0.12) sorted[0]!.status = 'disqualified'; // the lowest thrown out
    }
    const cancelled = r.next() < 0.02;
    const recent = startMs > BASE + 640 * DAY;
    const valid = bids.filter((b) => b.status === 'valid').sort((a, b) => a.amount - b.amount);
    const winner = fav ?? (r.next() < 0.08 ? valid[1] : undefined) ?? valid[0];
    if (winner && special >= 0.12 && special < 0.14) winner.late = true;

    const party = (o: { id: string; name: string }, roles: string[]) => ({ id: o.id, name: o.name, roles });
    const bidDetails = bids.map((b, i) => ({
      id: `${ocid}-bid-${i + 1}`,
      status: b.status,
      date: iso(b.late ? endMs + r.int(2, 20) * 3600_000 : endMs - r.int(2, 96) * 3600_000),
      tenderers: [{ id: b.supplier.id, name: b.supplier.name }],
      value: { amount: b.amount, currency: 'CNY' },
    }));
    const quantity = item.unit === '批' || item.unit === '年' || item.unit === '项' ? 1 : r.int(1, 4);
    const items = [{ id: '1', description: item.name, quantity, unit: { name: item.unit }, classification: { scheme: 'CPV', id: `${item.cpv}${String(r.int(100000, 999999))}` } }];
    // The supplier that sells everything gets items classified across divisions.
    if (winner?.supplier === BROAD) items[0]!.classification.id = `${r.pick(Object.keys(SUPPLIER_NAMES))}${String(r.int(100000, 999999))}`;
    const awards = [];
    const contracts = [];
    if (winner && !cancelled && !recent) {
      const awardMs = endMs + r.int(3, 15) * DAY;
      const awardId = `${ocid}-award-1`;
      awards.push({ id: awardId, title: `${item.name}中标结果`, status: 'active', date: iso(awardMs), value: { amount: winner.amount, currency: 'CNY' }, suppliers: [{ id: winner.supplier.id, name: winner.supplier.name }], items });
      const signed = awardMs + r.int(5, 20) * DAY;
      contracts.push({
        id: `${ocid}-contract-1`,
        awardID: awardId,
        title: `${item.name}采购合同`,
        status: r.next() < 0.9 ? 'active' : 'terminated',
        dateSigned: iso(signed),
        period: { startDate: iso(signed), endDate: iso(signed + (item.unit === '年' ? 365 : r.int(30, 180)) * DAY) },
        value: { amount: winner.amount, currency: 'CNY' },
      });
    }
    const parties = [party(buyer, ['buyer']), ...(agency === buyer ? [] : [party(agency, ['procuringEntity'])]), ...bids.map((b) => party(b.supplier, b === winner && awards.length ? ['tenderer', 'supplier'] : ['tenderer']))];
    releases.push({
      ocid,
      id: `${ocid}-compiled`,
      date: iso((awards.length ? endMs + 30 * DAY : endMs) as number),
      tag: ['compiled'],
      initiationType: 'tender',
      language: 'zh',
      parties,
      buyer: { id: buyer.id, name: buyer.name },
      tender: {
        id: `${ocid}-tender`,
        title,
        description: `${buyer.name}采购${item.name}（${quantity}${item.unit}），预算 ${estimate.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 元。`,
        status: cancelled ? 'cancelled' : recent && !awards.length ? 'active' : 'complete',
        procurementMethod: method,
        procurementMethodDetails: r.pick(METHOD_DETAILS[method]!),
        mainProcurementCategory: item.category,
        awardCriteria: item.category === 'goods' ? 'priceOnly' : 'ratedCriteria',
        procuringEntity: { id: agency.id, name: agency.name },
        numberOfTenderers: bids.length,
        value: { amount: estimate, currency: 'CNY' },
        tenderPeriod: { startDate: iso(startMs), endDate: iso(endMs) },
        items,
      },
      bids: { details: bidDetails },
      awards,
      contracts,
    });
  }
  return releases;
}

/** Imports the demo releases into the region (all or nothing, flags computed by the engine). */
export async function seedDemoTenders(ctx: Ctx, regionId: string, institutions: { code: string; name: string }[]) {
  const text = demoTenderReleases(institutions)
    .map((x) => JSON.stringify(x))
    .join('\n');
  return importTenders(ctx, Readable.from([Buffer.from(`${text}\n`)]), { regionId, institutionId: null, filename: 'demo-tenders.jsonl' });
}

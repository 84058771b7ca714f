/**
 * Hospital flags beside cardinal's indicators, for Chinese public hospitals' procurement:
 * H01 contract just under the tender threshold (规避招标: awarded total within a margin below the limit),
 * H02 repeated awards by one buyer to one supplier in a year, H03 one supplier's share of a buyer's
 * awarded spending in a year. Amounts are summed as integer fen; only the configured currency counts.
 */
import { arr, isCancelled, type JsonObject, num, obj, str } from './engine/ocds.ts';
import { activeAwards, dateOf, orgLabel } from './tenders.extract.ts';
import { fenToYuanText, percentText, toFen } from './tenders.money.ts';

export interface HospitalSettings {
  currency: string;
  /** The amount from which a tender is required (公开招标限额), in fen. */
  thresholdFen: bigint;
  /** How far below the threshold (percent of it) counts as "just under". */
  marginPercent: number;
  /** Awards by one buyer to one supplier in one year from which H02 flags. */
  repeatMinimum: number;
  /** A supplier's share of a buyer's yearly awarded amount from which H03 flags (percent). */
  shareMinimumPercent: number;
  /** H03 needs the buyer to have awarded at least this many processes that year. */
  shareMinimumProcesses: number;
}

export const DEFAULT_HOSPITAL_SETTINGS: HospitalSettings = {
  currency: 'CNY',
  thresholdFen: 10_000_000n, // 100,000.00 yuan
  marginPercent: 10,
  repeatMinimum: 3,
  shareMinimumPercent: 50,
  shareMinimumProcesses: 3,
};

export type HospitalCode = 'H01' | 'H02' | 'H03';

export interface HospitalFlag {
  ocid: string;
  code: HospitalCode;
  subject: 'process' | 'tenderer';
  subjectId: string;
  value: number;
  detail: Record<string, string | number>;
}

interface Awarded {
  ocid: string;
  buyer: string | null;
  buyerLabel: string;
  year: string;
  method: string | null;
  /** Sum of active awards in the currency; null when none has an amount in it. */
  totalFen: bigint | null;
  /** Per supplier key: label and the amount of its single-supplier awards. */
  suppliers: Map<string, { label: string; fen: bigint }>;
}

const SHANGHAI_MS = 8 * 3600_000; // UTC+8 all year

/** The Asia/Shanghai year of the first active award (else the tender period's start, else the release date). */
function yearOf(release: JsonObject, awards: JsonObject[]): string {
  const dates = awards.map((a) => dateOf(str(a, 'date'))).filter((d): d is Date => d !== null);
  const d = dates.sort((a, b) => a.getTime() - b.getTime())[0] ?? dateOf(str(obj(obj(release, 'tender'), 'tenderPeriod'), 'startDate')) ?? dateOf(str(release, 'date'));
  return d ? String(new Date(d.getTime() + SHANGHAI_MS).getUTCFullYear()) : '未知';
}

/** Collects what the hospital flags need from each release, then computes them. */
export function createHospitalFlags(settings: HospitalSettings = DEFAULT_HOSPITAL_SETTINGS) {
  const processes: Awarded[] = [];
  return {
    /** Folds one release in (cancelled processes are skipped, as by the indicators). */
    fold(release: JsonObject): void {
      const ocid = str(release, 'ocid');
      if (ocid === undefined || isCancelled(release)) return;
      const awards = activeAwards(release);
      if (awards.length === 0) return;
      const buyer = obj(release, 'buyer');
      const p: Awarded = {
        ocid,
        buyer: str(buyer, 'id') ?? str(buyer, 'name') ?? null,
        buyerLabel: orgLabel(buyer) ?? '',
        year: yearOf(release, awards),
        method: str(obj(release, 'tender'), 'procurementMethod') ?? null,
        totalFen: null,
        suppliers: new Map(),
      };
      for (const award of awards) {
        const value = obj(award, 'value');
        const amount = num(value, 'amount');
        const fen = amount !== undefined && str(value, 'currency') === settings.currency ? toFen(amount) : null;
        if (fen !== null) p.totalFen = (p.totalFen ?? 0n) + fen;
        const suppliers = arr(award, 'suppliers') ?? [];
        for (const s of suppliers) {
          const key = str(s, 'id') ?? str(s, 'name');
          if (key === undefined) continue;
          const entry = p.suppliers.get(key) ?? { label: orgLabel(s) ?? key, fen: 0n };
          // Several suppliers on one award share it in unknown parts: only sole suppliers get the amount.
          if (fen !== null && suppliers.length === 1) entry.fen += fen;
          p.suppliers.set(key, entry);
        }
      }
      processes.push(p);
    },
    /** The flags, process by process. */
    finish(): HospitalFlag[] {
      return [...justUnderThreshold(processes, settings), ...repeatedAndShare(processes, settings)];
    },
  };
}

function* justUnderThreshold(processes: Awarded[], s: HospitalSettings): Generator<HospitalFlag> {
  const lower = (s.thresholdFen * BigInt(100 - s.marginPercent)) / 100n;
  for (const p of processes) {
    if (p.totalFen === null || p.totalFen < lower || p.totalFen >= s.thresholdFen) continue;
    yield {
      ocid: p.ocid,
      code: 'H01',
      subject: 'process',
      subjectId: p.ocid,
      value: Number((p.totalFen * 10_000n) / s.thresholdFen) / 10_000,
      detail: { amount: fenToYuanText(p.totalFen), threshold: fenToYuanText(s.thresholdFen), lower: fenToYuanText(lower), method: p.method ?? '' },
    };
  }
}

function* repeatedAndShare(processes: Awarded[], s: HospitalSettings): Generator<HospitalFlag> {
  // buyer|year → its processes
  const byBuyerYear = new Map<string, Awarded[]>();
  for (const p of processes) {
    if (p.buyer === null) continue;
    const key = `${p.buyer}\u0000${p.year}`;
    const list = byBuyerYear.get(key);
    if (list) list.push(p);
    else byBuyerYear.set(key, [p]);
  }
  for (const list of byBuyerYear.values()) {
    const { year, buyerLabel } = list[0]!;
    const bySupplier = new Map<string, { label: string; fen: bigint; ocids: string[] }>();
    let buyerFen = 0n;
    for (const p of list) {
      buyerFen += p.totalFen ?? 0n;
      for (const [key, sup] of p.suppliers) {
        const e = bySupplier.get(key) ?? { label: sup.label, fen: 0n, ocids: [] };
        e.fen += sup.fen;
        e.ocids.push(p.ocid);
        bySupplier.set(key, e);
      }
    }
    for (const [key, e] of bySupplier) {
      if (e.ocids.length >= s.repeatMinimum) {
        for (const ocid of e.ocids)
          yield { ocid, code: 'H02', subject: 'tenderer', subjectId: key, value: e.ocids.length, detail: { supplier: e.label, buyer: buyerLabel, year, count: e.ocids.length, minimum: s.repeatMinimum } };
      }
      const shareOk = buyerFen > 0n && e.fen * 100n >= buyerFen * BigInt(s.shareMinimumPercent);
      if (list.length >= s.shareMinimumProcesses && shareOk) {
        for (const ocid of e.ocids)
          yield {
            ocid,
            code: 'H03',
            subject: 'tenderer',
            subjectId: key,
            value: Number((e.fen * 10_000n) / buyerFen) / 10_000,
            detail: {
              supplier: e.label,
              buyer: buyerLabel,
              year,
              share: percentText(e.fen, buyerFen),
              supplierAmount: fenToYuanText(e.fen),
              buyerAmount: fenToYuanText(buyerFen),
              processes: list.length,
              minimum: s.shareMinimumPercent,
            },
          };
      }
    }
  }
}

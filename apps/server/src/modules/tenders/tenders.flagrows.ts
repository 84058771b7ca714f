/**
 * Turns the indicator result map and the hospital flags into flag rows on processes. Organisation
 * results go on the processes they concern, as cardinal's `--map` does: a tenderer's R025/R038 on the
 * processes it bid in, a supplier's R048 on the processes it was awarded, a buyer's or procuring
 * entity's R038 on its processes with a disqualified bid. Tenderer results that repeat a process
 * result (R024, R028, R030, R035, R058) become that process flag's `tenderers` detail instead.
 */
import type { EngineResult } from './engine/engine.ts';
import type { Code, Fraction } from './engine/state.ts';
import type { HospitalFlag } from './tenders.hospital.ts';

export type FlagSubject = 'process' | 'buyer' | 'procuring_entity' | 'tenderer';

export interface FlagRow {
  ocid: string;
  code: string;
  subject: FlagSubject;
  subjectId: string;
  value: number;
  detail: Record<string, string | number | string[]>;
}

const pct = (ratio: number) => (Number.isFinite(ratio) ? (Math.round(ratio * 1000) / 10).toFixed(1) : String(ratio));
const fence = (r: EngineResult, code: Code, key: string) => r.meta.get(code)?.get(key) ?? Number.NaN;

/** Inverts ocid → organisations into organisation → ocids for the flagged organisations only. */
function ocidsOf(byOcid: Map<string, Set<string>> | Map<string, string>, wanted: Set<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [ocid, orgs] of byOcid) {
    for (const org of typeof orgs === 'string' ? [orgs] : orgs) {
      if (!wanted.has(org)) continue;
      const list = out.get(org);
      if (list) list.push(ocid);
      else out.set(org, [ocid]);
    }
  }
  return out;
}

const ratioDetail = (f: Fraction | undefined) => ({ numerator: f?.numerator ?? 0, denominator: f?.denominator ?? 0 });

/** Flag rows for an engine run made with `map: true`; `supplierOcids` maps supplier → processes it was awarded. */
export function indicatorFlagRows(r: EngineResult, supplierOcids: Map<string, Set<string>>): FlagRow[] {
  const rows: FlagRow[] = [];
  const flagged = r.maps?.flaggedTenderers;
  for (const [ocid, codes] of r.results.get('OCID') ?? []) {
    for (const [code, value] of codes) {
      const detail: FlagRow['detail'] = {};
      const tenderers = [...(flagged?.get(code)?.get(ocid) ?? [])];
      // R024 records the winner, then the second-lowest bidder.
      if (code === 'R024') Object.assign(detail, { ratio: pct(value), fence: pct(fence(r, 'R024', 'lower_fence')), winner: tenderers[0] ?? '', runnerUp: tenderers[1] ?? '' });
      if (code === 'R058') Object.assign(detail, { ratio: pct(value), fence: pct(fence(r, 'R058', 'upper_fence')), winner: tenderers[0] ?? '' });
      if (tenderers.length) detail.tenderers = tenderers.sort();
      rows.push({ ocid, code, subject: 'process', subjectId: ocid, value, detail });
    }
  }
  const tendererResults = r.results.get('Tenderer') ?? new Map<string, Map<Code, number>>();
  const byCode = (code: Code) => new Set([...tendererResults].filter(([, c]) => c.has(code)).map(([id]) => id));
  const bidders = r.maps?.ocidTenderer ?? new Map<string, Set<string>>();
  for (const [code, fractions] of [
    ['R025', r.counts.r025Tenderer],
    ['R038', r.counts.r038Tenderer],
  ] as const) {
    const ids = byCode(code);
    for (const [id, ocids] of ocidsOf(bidders, ids)) {
      const value = tendererResults.get(id)!.get(code)!;
      const f = ratioDetail(fractions.get(id));
      const detail: FlagRow['detail'] = code === 'R025' ? { ratio: pct(value), wins: f.numerator, bids: f.denominator, fence: pct(fence(r, 'R025', 'lower_fence')) } : { ratio: pct(value), disqualified: f.numerator, submitted: f.denominator, fence: pct(fence(r, 'R038', 'Tenderer_upper_fence')) };
      for (const ocid of ocids) rows.push({ ocid, code, subject: 'tenderer', subjectId: id, value, detail });
    }
  }
  const upper = fence(r, 'R048', 'upper_fence');
  for (const id of byCode('R048')) {
    const value = tendererResults.get(id)!.get('R048')!;
    const detail = { variety: value, fence: Number.isFinite(upper) ? String(Math.round(upper * 100) / 100) : '' };
    for (const ocid of supplierOcids.get(id) ?? []) rows.push({ ocid, code: 'R048', subject: 'tenderer', subjectId: id, value, detail });
  }
  for (const [group, subject, map, counts] of [
    ['Buyer', 'buyer', r.maps?.ocidBuyerR038, r.counts.r038Buyer],
    ['ProcuringEntity', 'procuring_entity', r.maps?.ocidProcuringEntityR038, r.counts.r038ProcuringEntity],
  ] as const) {
    const results = r.results.get(group);
    if (!results || !map) continue;
    for (const [id, ocids] of ocidsOf(map, new Set(results.keys()))) {
      const value = results.get(id)!.get('R038')!;
      const f = ratioDetail(counts.get(id));
      const detail = { ratio: pct(value), disqualified: f.numerator, submitted: f.denominator, fence: pct(fence(r, 'R038', `${group}_upper_fence`)) };
      for (const ocid of ocids) rows.push({ ocid, code: 'R038', subject, subjectId: id, value, detail });
    }
  }
  return rows;
}

/** Hospital flags as flag rows. */
export const hospitalFlagRows = (flags: HospitalFlag[]): FlagRow[] => flags.map((f) => ({ ...f }));

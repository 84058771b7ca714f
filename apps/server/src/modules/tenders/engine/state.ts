/** The accumulator the indicators fold releases into, and the result map they write (cardinal's `Indicators`). */
import type { JsonObject } from './ocds.ts';
import type { Settings } from './settings.ts';

export const CODES = ['R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R048', 'R058'] as const;
export type Code = (typeof CODES)[number];
export const GROUPS = ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const;
export type Group = (typeof GROUPS)[number];

/** A ratio kept as its two counts, so partial sums add as mediants. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** Which processes an organisation-level result is about (cardinal's `--map`). */
export interface Maps {
  /** Tenderers that submitted bids, per ocid. */
  ocidTenderer: Map<string, Set<string>>;
  /** Buyer / procuring entity of each ocid with at least one disqualified bid. */
  ocidBuyerR038: Map<string, string>;
  ocidProcuringEntityR038: Map<string, string>;
  /** Flagged tenderers of each flagged ocid, per indicator. */
  flaggedTenderers: Map<Code, Map<string, Set<string>>>;
}

export interface State {
  results: Map<Group, Map<string, Map<Code, number>>>;
  meta: Map<Code, Map<string, number>>;
  /** The main currency: configured, or the first one observed. */
  currency: string | undefined;
  /** (second-lowest valid bid − winning bid) / winning bid, per ocid. */
  secondLowestBidRatios: Map<string, number>;
  winnerAndLowestNonWinner: Map<string, [string, string]>;
  r025Tenderer: Map<string, Fraction>;
  r038Buyer: Map<string, Fraction>;
  r038ProcuringEntity: Map<string, Fraction>;
  r038Tenderer: Map<string, Fraction>;
  r048Classifications: Map<string, { count: number; codes: Set<string> }>;
  maps: Maps | null;
}

/** One indicator: folds each release in, then decides in finalize (for outliers across the dataset). */
export interface Indicator {
  fold?(s: State, release: JsonObject, ocid: string): void;
  finalize?(s: State): void;
}

export type IndicatorFactory = (settings: Settings) => Indicator;

export function newState(map: boolean): State {
  return {
    results: new Map(),
    meta: new Map(),
    currency: undefined,
    secondLowestBidRatios: new Map(),
    winnerAndLowestNonWinner: new Map(),
    r025Tenderer: new Map(),
    r038Buyer: new Map(),
    r038ProcuringEntity: new Map(),
    r038Tenderer: new Map(),
    r048Classifications: new Map(),
    maps: map ? { ocidTenderer: new Map(), ocidBuyerR038: new Map(), ocidProcuringEntityR038: new Map(), flaggedTenderers: new Map() } : null,
  };
}

/** m.get(key), inserting make() first when the key is absent. */
export function entry<K, V>(m: Map<K, V>, key: K, make: () => V): V {
  let v = m.get(key);
  if (v === undefined) {
    v = make();
    m.set(key, v);
  }
  return v;
}

/** results[group][key][code] = value. */
export function setResult(s: State, group: Group, key: string, code: Code, value: number): void {
  entry(entry(s.results, group, () => new Map()), key, () => new Map()).set(code, value);
}

/** meta[code][key] = value (quartiles and fences, for interpretation). */
export function setMeta(s: State, code: Code, key: string, value: number): void {
  entry(s.meta, code, () => new Map()).set(key, value);
}

/** Records that `tenderer` is flagged by `code` in `ocid` (only when mapping). */
export function mapTenderer(s: State, code: Code, ocid: string, tenderer: string): void {
  if (!s.maps) return;
  entry(entry(s.maps.flaggedTenderers, code, () => new Map()), ocid, () => new Set<string>()).add(tenderer);
}

/** fractions[key] += numerator/denominator. */
export function addFraction(m: Map<string, Fraction>, key: string, numerator: number, denominator: number): void {
  const f = m.get(key);
  if (f) {
    f.numerator += numerator;
    f.denominator += denominator;
  } else m.set(key, { numerator, denominator });
}

/** The shared main-currency test: sets the main currency on first use, then compares. */
export function isMainCurrency(s: State, configured: string | undefined, currency: string): boolean {
  if (s.currency === undefined) s.currency = configured ?? currency;
  return currency === s.currency;
}

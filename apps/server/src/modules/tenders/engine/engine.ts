/**
 * The indicator engine: a streaming fold over OCDS compiled releases, then a finalize step for the
 * outlier indicators — the shape of cardinal-rs's `Indicators::run`, single-threaded. Memory grows
 * with the number of organisations and of price ratios, not with the number of releases.
 */
import { R024, R058, secondLowestBidRatio } from './indicators.price.ts';
import { R003, R018, R028, R030, R035, R036 } from './indicators.process.ts';
import { R025, R038, R048, tenderersMap } from './indicators.orgs.ts';
import { isCancelled, isObject, matchesProcurementMethodDetails, parsePipe } from './ocds.ts';
import { enabled, type Settings } from './settings.ts';
import { CODES, type Code, type Group, type Indicator, type IndicatorFactory, type Maps, newState, type State } from './state.ts';

const FACTORIES: Record<Code, IndicatorFactory> = { R003, R018, R024, R025, R028, R030, R035, R036, R038, R048, R058 };
const NONE = new Set<string>();

export interface EngineResult {
  results: Map<Group, Map<string, Map<Code, number>>>;
  meta: Map<Code, Map<string, number>>;
  maps: Maps | null;
  /** The counts behind the organisation results, for explaining them. */
  counts: Pick<State, 'r025Tenderer' | 'r038Buyer' | 'r038ProcuringEntity' | 'r038Tenderer' | 'r048Classifications'>;
}

export interface Engine {
  /** Folds one release in; false when it is skipped (no string ocid, cancelled, excluded). */
  fold(release: unknown): boolean;
  /** Runs the outlier steps and returns the result map. Call once. */
  finish(): EngineResult;
}

/** An engine running the indicators the settings enable; `map` also records which processes organisation results concern. */
export function createEngine(settings: Settings, opts: { map?: boolean; only?: readonly Code[] } = {}): Engine {
  const codes = CODES.filter((c) => enabled(settings, c) && (!opts.only || opts.only.includes(c)));
  const exclude = parsePipe(settings.exclusions?.procurement_method_details);
  const indicators: Indicator[] = [];
  if (opts.map && codes.some((c) => c === 'R025' || c === 'R038' || c === 'R048')) indicators.push(tenderersMap(settings));
  if (codes.includes('R024') || codes.includes('R058')) indicators.push(secondLowestBidRatio(settings));
  for (const code of codes) indicators.push(FACTORIES[code](settings));
  const folds = indicators.filter((i) => i.fold);
  const state = newState(Boolean(opts.map));
  return {
    fold(release) {
      if (!isObject(release)) return false;
      const ocid = release.ocid;
      if (typeof ocid !== 'string' || isCancelled(release) || !matchesProcurementMethodDetails(release, NONE, exclude)) return false;
      for (const i of folds) i.fold!(state, release, ocid);
      return true;
    },
    finish() {
      for (const i of indicators) i.finalize?.(state);
      const { results, meta, maps, r025Tenderer, r038Buyer, r038ProcuringEntity, r038Tenderer, r048Classifications } = state;
      return { results, meta, maps, counts: { r025Tenderer, r038Buyer, r038ProcuringEntity, r038Tenderer, r048Classifications } };
    },
  };
}

/** Runs the engine over releases in memory. */
export function runIndicators(settings: Settings, releases: Iterable<unknown>, opts: { map?: boolean; only?: readonly Code[] } = {}): EngineResult {
  const engine = createEngine(settings, opts);
  for (const r of releases) engine.fold(r);
  return engine.finish();
}

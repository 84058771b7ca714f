/**
 * Indicators about organisations across all processes: R025 excessive unsuccessful bids (tenderer),
 * R038 excessive disqualified bids (buyer, procuring entity, tenderer) and R048 heterogeneous supplier.
 * They fold counts per organisation and flag outliers against quartile fences in finalize.
 */
import { arr, completeAwardsAndBids, obj, soleSupplierId, str, submittedBids, takeChars } from './ocds.ts';
import { mulAdd, percentile, quartiles } from './stats.ts';
import { addFraction, entry, type Fraction, type Group, type IndicatorFactory, setMeta, setResult, type State } from './state.ts';

/** Tenderers that submitted bids in each process (the map R025, R038 and R048 results are reported on). */
export const tenderersMap: IndicatorFactory = () => ({
  fold(s, release, ocid) {
    for (const bid of submittedBids(release)) {
      for (const tenderer of arr(bid, 'tenderers') ?? []) {
        const id = str(tenderer, 'id');
        if (id !== undefined && s.maps) entry(s.maps.ocidTenderer, ocid, () => new Set<string>()).add(id);
      }
    }
  },
});

const ratioOf = (f: Fraction) => f.numerator / f.denominator;

/** R025: a frequent tenderer (bid count at or above the percentile) whose win ratio is a low outlier. */
export const R025: IndicatorFactory = (settings) => {
  const pct = settings.R025?.percentile ?? 75;
  const threshold = settings.R025?.threshold;
  return {
    fold(s, release) {
      const complete = completeAwardsAndBids(release);
      if (!complete) return;
      const supplierId = soleSupplierId(complete.awards);
      if (supplierId === undefined) return;
      const valid = new Set<string>();
      for (const bid of complete.details) {
        const tenderers = arr(bid, 'tenderers');
        if (str(bid, 'status') !== 'valid' || !tenderers || tenderers.length !== 1) continue;
        const id = str(tenderers[0], 'id');
        if (id !== undefined) valid.add(id);
      }
      // Each tenderer counts once per process, however many bids it submitted.
      for (const id of valid) addFraction(s.r025Tenderer, id, id === supplierId ? 1 : 0, 1);
    },
    finalize(s) {
      const fractions = [...s.r025Tenderer.values()];
      const upperFence = percentile(
        fractions.map((f) => f.denominator),
        pct,
      );
      let lowerFence: number;
      let q1: number;
      if (threshold === undefined) {
        const q = quartiles(fractions.map(ratioOf));
        setMeta(s, 'R025', 'q1', q.q1);
        setMeta(s, 'R025', 'q3', q.q3);
        q1 = q.q1;
        lowerFence = mulAdd(q.q3 - q.q1, -1.5, q.q1);
      } else {
        lowerFence = threshold;
        q1 = 1;
      }
      setMeta(s, 'R025', 'upper_fence', upperFence);
      setMeta(s, 'R025', 'lower_fence', lowerFence);
      // Ratios are non-negative: when most tenderers never win, flagging would flag the top tenderers.
      if (!(q1 > 0 && lowerFence > 0)) return;
      for (const [id, f] of s.r025Tenderer) {
        const ratio = ratioOf(f);
        if (f.denominator >= upperFence && ratio <= lowerFence) setResult(s, 'Tenderer', id, 'R025', ratio);
      }
    },
  };
};

/** Flags the organisations of one group whose disqualified/submitted ratio is at or above the upper fence. */
function flagR038(s: State, fractions: Map<string, Fraction>, minimum: number, group: Group, threshold: number | undefined) {
  const ratios = new Map<string, number>();
  for (const [id, f] of fractions) if (f.denominator >= minimum) ratios.set(id, ratioOf(f));
  if (ratios.size === 0) return;
  let upperFence: number;
  if (threshold === undefined) {
    const q = quartiles(ratios.values());
    setMeta(s, 'R038', `${group}_q1`, q.q1);
    setMeta(s, 'R038', `${group}_q3`, q.q3);
    upperFence = mulAdd(q.q3 - q.q1, 1.5, q.q3);
  } else upperFence = threshold;
  setMeta(s, 'R038', `${group}_upper_fence`, upperFence);
  // When 75% have no disqualified bids the fence is 0 and everyone would be flagged.
  if (!(upperFence > 0)) return;
  for (const [id, ratio] of ratios) if (ratio >= upperFence) setResult(s, group, id, 'R038', ratio);
}

/** R038: the share of disqualified bids is a high outlier per buyer, procuring entity or tenderer. */
export const R038: IndicatorFactory = (settings) => {
  const threshold = settings.R038?.threshold;
  const minimumBids = settings.R038?.minimum_submitted_bids ?? 2;
  const minimumProcesses = settings.R038?.minimum_contracting_processes ?? 2;
  return {
    fold(s, release, ocid) {
      const bids = submittedBids(release);
      if (bids.length === 0) return;
      let disqualified = 0;
      for (const bid of bids) {
        const increment = str(bid, 'status') === 'disqualified' ? 1 : 0;
        disqualified += increment;
        for (const tenderer of arr(bid, 'tenderers') ?? []) {
          const id = str(tenderer, 'id');
          if (id !== undefined) addFraction(s.r038Tenderer, id, increment, 1);
        }
      }
      const buyer = str(obj(release, 'buyer'), 'id');
      if (buyer !== undefined) {
        addFraction(s.r038Buyer, buyer, disqualified, bids.length);
        if (s.maps && disqualified > 0) s.maps.ocidBuyerR038.set(ocid, buyer);
      }
      const entity = str(obj(obj(release, 'tender'), 'procuringEntity'), 'id');
      if (entity !== undefined) {
        addFraction(s.r038ProcuringEntity, entity, disqualified, bids.length);
        if (s.maps && disqualified > 0) s.maps.ocidProcuringEntityR038.set(ocid, entity);
      }
    },
    finalize(s) {
      // As in cardinal, the buyer minimum counts submitted bids (the fraction's denominator).
      flagR038(s, s.r038Buyer, minimumProcesses, 'Buyer', threshold);
      flagR038(s, s.r038ProcuringEntity, minimumProcesses, 'ProcuringEntity', threshold);
      flagR038(s, s.r038Tenderer, minimumBids, 'Tenderer', threshold);
    },
  };
};

/** R048: the number of distinct item classifications (first `digits` characters) a supplier was awarded is a high outlier. */
export const R048: IndicatorFactory = (settings) => {
  const digits = settings.R048?.digits ?? 2;
  const threshold = settings.R048?.threshold;
  const minimumProcesses = settings.R048?.minimum_contracting_processes ?? 20;
  return {
    fold(s, release) {
      const seen = new Set<string>();
      for (const award of arr(release, 'awards') ?? []) {
        const items = arr(award, 'items');
        const suppliers = arr(award, 'suppliers');
        // Several suppliers on one award may each supply only some items, so such awards are left out.
        if (str(award, 'status') !== 'active' || !items || !suppliers || suppliers.length !== 1) continue;
        const supplierId = str(suppliers[0], 'id');
        if (supplierId === undefined) continue;
        for (const item of items) {
          const code = str(obj(item, 'classification'), 'id');
          if (code === undefined) continue;
          const e = entry(s.r048Classifications, supplierId, () => ({ count: 0, codes: new Set<string>() }));
          // A supplier counts once per process.
          if (!seen.has(supplierId)) {
            seen.add(supplierId);
            e.count++;
          }
          e.codes.add(takeChars(code, digits));
        }
      }
    },
    finalize(s) {
      const varieties = new Map<string, number>();
      for (const [id, e] of s.r048Classifications) if (e.count >= minimumProcesses) varieties.set(id, e.codes.size);
      let upperFence: number;
      if (threshold === undefined) {
        const q = quartiles(varieties.values());
        setMeta(s, 'R048', 'q1', q.q1);
        setMeta(s, 'R048', 'q3', q.q3);
        upperFence = mulAdd(q.q3 - q.q1, 1.5, q.q3);
      } else upperFence = threshold;
      setMeta(s, 'R048', 'upper_fence', upperFence);
      for (const [id, variety] of varieties) if (variety >= upperFence) setResult(s, 'Tenderer', id, 'R048', variety);
    },
  };
};

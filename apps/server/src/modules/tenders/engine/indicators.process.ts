/**
 * Indicators decided within one contracting process: R003 short submission period, R018 single bid,
 * R028 identical bid prices, R030 late bid won, R035 all except the winning bid disqualified and
 * R036 lowest bid disqualified. Each follows cardinal-rs's fold for that code.
 */
import {
  arr,
  completeAwardsAndBids,
  isObject,
  matchesProcurementMethod,
  matchesProcurementMethodDetails,
  num,
  obj,
  parsePipe,
  str,
  submittedBids,
} from './ocds.ts';
import { parseRfc3339, wholeDaysBetween } from './rfc3339.ts';
import type { Settings } from './settings.ts';
import { type IndicatorFactory, isMainCurrency, mapTenderer, setResult } from './state.ts';

/** The procurement-method-details filter for price comparisons (R024, R028, R036, R058). */
export function priceComparisonFilter(settings: Settings) {
  const include = parsePipe(settings.price_comparison_procurement_methods);
  const exclude = parsePipe(settings.no_price_comparison_procurement_methods);
  return (release: Parameters<typeof matchesProcurementMethodDetails>[0]) => matchesProcurementMethodDetails(release, include, exclude);
}

/** R003: the tender period is shorter than the threshold (15 days, or per procurement method details). */
export const R003: IndicatorFactory = (settings) => {
  const threshold = settings.R003?.threshold ?? 15;
  const methods = parsePipe(settings.R003?.procurement_methods);
  const byDetails = new Map(Object.entries(settings.R003?.procurement_method_details ?? {}));
  return {
    fold(s, release, ocid) {
      const tender = obj(release, 'tender');
      if (!tender || !matchesProcurementMethod(tender, methods)) return;
      const period = obj(tender, 'tenderPeriod');
      const startText = str(period, 'startDate');
      const endText = str(period, 'endDate');
      if (startText === undefined || endText === undefined) return;
      const start = parseRfc3339(startText);
      const end = parseRfc3339(endText);
      if (!start || !end) return;
      const details = str(tender, 'procurementMethodDetails');
      const limit = details !== undefined && byDetails.has(details) ? byDetails.get(details)! : threshold;
      if (wholeDaysBetween(start, end) < limit) setResult(s, 'OCID', ocid, 'R003', 1);
    },
  };
};

/** R018: an open or selective (by default) procedure received exactly one tender. */
export const R018: IndicatorFactory = (settings) => {
  const methods = parsePipe(settings.R018?.procurement_methods ?? 'open|selective');
  return {
    fold(s, release, ocid) {
      const tender = obj(release, 'tender');
      if (!tender || !matchesProcurementMethod(tender, methods)) return;
      // serde's as_u64(): a non-negative integer; anything else counts as 0.
      if (num(tender, 'numberOfTenderers') === 1) setResult(s, 'OCID', ocid, 'R018', 1);
    },
  };
};

/** R028: two submitted bids by different tenderers have the same price (amount and currency). */
export const R028: IndicatorFactory = (settings) => {
  const priced = priceComparisonFilter(settings);
  return {
    fold(s, release, ocid) {
      if (!priced(release)) return;
      const prices = new Map<string, Set<string>>();
      for (const bid of submittedBids(release)) {
        const tenderers = arr(bid, 'tenderers');
        const value = obj(bid, 'value');
        const amount = num(value, 'amount');
        const currency = str(value, 'currency');
        if (!tenderers || amount === undefined || currency === undefined) continue;
        const ids = new Set<string>();
        for (const t of tenderers) {
          const id = str(t, 'id');
          if (id !== undefined) ids.add(id);
        }
        if (ids.size === 0) continue;
        // String(-0) is "0": Rust's OrderedFloat also treats 0.0 and -0.0 as one price.
        const price = `${String(amount)}\u0000${currency}`;
        const other = prices.get(price);
        if (other && !sameSet(ids, other)) {
          setResult(s, 'OCID', ocid, 'R028', 1);
          for (const id of [...ids, ...other]) {
            setResult(s, 'Tenderer', id, 'R028', 1);
            mapTenderer(s, 'R028', ocid, id);
          }
        }
        prices.set(price, ids);
      }
    },
  };
};

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** R030: a valid bid dated after the tender period's end belongs to a winner. */
export const R030: IndicatorFactory = () => ({
  fold(s, release, ocid) {
    const endDate = str(obj(obj(release, 'tender'), 'tenderPeriod'), 'endDate');
    const awards = arr(release, 'awards');
    const details = arr(obj(release, 'bids'), 'details');
    if (endDate === undefined || !awards || !details) return;
    const suppliers = new Set<string>();
    for (const award of awards) {
      if (str(award, 'status') !== 'active') continue;
      for (const supplier of arr(award, 'suppliers') ?? []) {
        const id = str(supplier, 'id');
        if (id !== undefined) suppliers.add(id);
      }
    }
    for (const bid of details) {
      const date = str(bid, 'date');
      // Dates compare as text, as in cardinal (RFC 3339 in one offset sorts chronologically).
      if (str(bid, 'status') !== 'valid' || date === undefined || !(date > endDate)) continue;
      for (const tenderer of arr(bid, 'tenderers') ?? []) {
        const id = str(tenderer, 'id');
        if (id !== undefined && suppliers.has(id)) {
          setResult(s, 'OCID', ocid, 'R030', 1);
          setResult(s, 'Tenderer', id, 'R030', 1);
          mapTenderer(s, 'R030', ocid, id);
        }
      }
    }
  },
});

/** R035: the single valid tenderer won, and at least `threshold` other tenderers were disqualified. */
export const R035: IndicatorFactory = (settings) => {
  const threshold = Math.max(settings.R035?.threshold ?? 1, 1);
  return {
    fold(s, release, ocid) {
      const complete = completeAwardsAndBids(release);
      if (!complete) return;
      const suppliers = new Set<string>();
      const valid = new Set<string>();
      const disqualified = new Set<string>();
      for (const award of complete.awards) {
        for (const supplier of arr(award, 'suppliers') ?? []) {
          const id = str(supplier, 'id');
          if (id !== undefined) suppliers.add(id);
        }
      }
      for (const bid of complete.details) {
        const status = str(bid, 'status');
        const tenderers = arr(bid, 'tenderers');
        if (status === undefined || !tenderers) continue;
        const set = status === 'valid' ? valid : status === 'disqualified' ? disqualified : null;
        if (!set) continue;
        for (const tenderer of tenderers) {
          const id = str(tenderer, 'id');
          if (id !== undefined) set.add(id);
        }
      }
      if (valid.size !== 1 || suppliers.size !== 1) return;
      const [winner] = valid;
      if (!suppliers.has(winner!)) return;
      let difference = 0;
      for (const id of disqualified) if (!valid.has(id)) difference++;
      if (difference < threshold) return;
      setResult(s, 'OCID', ocid, 'R035', difference);
      setResult(s, 'Tenderer', winner!, 'R035', 0);
      mapTenderer(s, 'R035', ocid, winner!);
    },
  };
};

/** R036: with an active award and a valid priced bid, the lowest submitted bid was disqualified. */
export const R036: IndicatorFactory = (settings) => {
  const priced = priceComparisonFilter(settings);
  return {
    fold(s, release, ocid) {
      if (!priced(release)) return;
      const awards = arr(release, 'awards');
      if (!awards?.some((a) => isObject(a) && a.status === 'active')) return;
      let lowest: number | undefined;
      let lowestDisqualified = false;
      let validWithAmount = false;
      for (const bid of submittedBids(release)) {
        const status = str(bid, 'status')!;
        const value = obj(bid, 'value');
        const amount = num(value, 'amount');
        const currency = str(value, 'currency');
        if (amount === undefined || currency === undefined) continue;
        if (!isMainCurrency(s, settings.currency, currency)) continue;
        if (lowest === undefined || amount < lowest) {
          lowest = amount;
          lowestDisqualified = status === 'disqualified';
        }
        if (status === 'valid') validWithAmount = true;
      }
      if (validWithAmount && lowestDisqualified) setResult(s, 'OCID', ocid, 'R036', 1);
    },
  };
};

/**
 * Indicators on the gap between the winning bid and the lowest losing bid (price-only awards):
 * R024 price close to the winning bid (a low outlier) and R058 heavily discounted bid (a high outlier).
 * Both read the ratios one shared pass computes, as cardinal's `SecondLowestBidRatio` does.
 */
import { completeAwardsAndBids, soleSupplierId, validPricedBids } from './ocds.ts';
import { priceComparisonFilter } from './indicators.process.ts';
import { mulAdd, quartiles } from './stats.ts';
import { type IndicatorFactory, isMainCurrency, mapTenderer, setMeta, setResult } from './state.ts';

/** (lowest losing bid − winning bid) / winning bid, for processes with one complete award to one supplier. */
export const secondLowestBidRatio: IndicatorFactory = (settings) => {
  const priced = priceComparisonFilter(settings);
  return {
    fold(s, release, ocid) {
      if (!priced(release)) return;
      const complete = completeAwardsAndBids(release);
      if (!complete) return;
      // One active award: all bids compete for all items. Several active awards mean lots, which OCDS
      // bids cannot be matched to, so those processes are left out.
      const supplierId = soleSupplierId(complete.awards);
      if (supplierId === undefined) return;
      let winner: string | undefined;
      let winnerAmount: number | undefined;
      let loser: string | undefined;
      let loserAmount: number | undefined;
      for (const [tenderer, amount, currency] of validPricedBids(complete.details)) {
        if (!isMainCurrency(s, settings.currency, currency)) continue;
        if (tenderer === supplierId) {
          // A winner with several bids is taken at its lowest.
          if (winnerAmount === undefined || amount < winnerAmount) {
            winner = tenderer;
            winnerAmount = amount;
          }
        } else if (loserAmount === undefined || amount < loserAmount) {
          loser = tenderer;
          loserAmount = amount;
        }
      }
      // If a lower bid lost, the award criteria were not price only, as the ratio assumes.
      if (winner === undefined || winnerAmount === undefined || loser === undefined || loserAmount === undefined || !(loserAmount >= winnerAmount)) return;
      s.secondLowestBidRatios.set(ocid, (loserAmount - winnerAmount) / winnerAmount);
      s.winnerAndLowestNonWinner.set(ocid, [winner, loser]);
    },
  };
};

/** R024: the ratio is at or below the lower fence Q1 − 1.5·IQR (or the configured threshold). */
export const R024: IndicatorFactory = (settings) => {
  const threshold = settings.R024?.threshold;
  return {
    finalize(s) {
      let lowerFence: number;
      let q1: number;
      if (threshold === undefined) {
        const q = quartiles(s.secondLowestBidRatios.values());
        setMeta(s, 'R024', 'q1', q.q1);
        setMeta(s, 'R024', 'q3', q.q3);
        q1 = q.q1;
        lowerFence = mulAdd(q.q3 - q.q1, -1.5, q.q1);
      } else {
        lowerFence = threshold;
        q1 = 1; // a configured threshold passes the guard below
      }
      setMeta(s, 'R024', 'lower_fence', lowerFence);
      // Ratios are non-negative: when Q1 or the fence is 0, flagging would flag most processes.
      if (!(q1 > 0 && lowerFence > 0)) return;
      for (const [ocid, ratio] of s.secondLowestBidRatios) {
        if (!(ratio <= lowerFence)) continue;
        setResult(s, 'OCID', ocid, 'R024', ratio);
        for (const id of s.winnerAndLowestNonWinner.get(ocid)!) {
          setResult(s, 'Tenderer', id, 'R024', 0);
          mapTenderer(s, 'R024', ocid, id);
        }
      }
    },
  };
};

/** R058: the ratio is at or above the upper fence Q3 + 1.5·IQR (or the configured threshold). */
export const R058: IndicatorFactory = (settings) => {
  const threshold = settings.R058?.threshold;
  return {
    finalize(s) {
      let upperFence: number;
      if (threshold === undefined) {
        const q = quartiles(s.secondLowestBidRatios.values());
        setMeta(s, 'R058', 'q1', q.q1);
        setMeta(s, 'R058', 'q3', q.q3);
        upperFence = mulAdd(q.q3 - q.q1, 1.5, q.q3);
      } else upperFence = threshold;
      setMeta(s, 'R058', 'upper_fence', upperFence);
      if (!(upperFence > 0)) return;
      for (const [ocid, ratio] of s.secondLowestBidRatios) {
        if (!(ratio >= upperFence)) continue;
        setResult(s, 'OCID', ocid, 'R058', ratio);
        const winner = s.winnerAndLowestNonWinner.get(ocid)![0];
        setResult(s, 'Tenderer', winner, 'R058', 0);
        mapTenderer(s, 'R058', ocid, winner);
      }
    },
  };
};

// Curves for binary classifiers: ROC, precision–recall, calibration, lift and cumulative gains.
// Tied scores always move together (one point per distinct score).
import { scoreSteps as steps } from './metrics';

export interface RocCurve {
  /** Starts at (0, 0) with threshold +Infinity, ends at (1, 1). */
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/** ROC points; fpr or tpr is NaN throughout when the class it divides by is absent. */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const { steps: st, nPos, nNeg } = steps(labels, scores);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  for (const s of st) {
    fpr.push(nNeg ? s.fp / nNeg : NaN);
    tpr.push(nPos ? s.tp / nPos : NaN);
    thresholds.push(s.threshold);
  }
  if (!nNeg) fpr[0] = NaN;
  if (!nPos) tpr[0] = NaN;
  return { fpr, tpr, thresholds };
}

export interface PrCurve {
  /** One point per distinct score, highest threshold first (recall increasing). */
  precision: number[];
  recall: number[];
  thresholds: number[];
}

export function prCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): PrCurve {
  const { steps: st, nPos } = steps(labels, scores);
  return {
    precision: st.map((s) => s.tp / (s.tp + s.fp)),
    recall: st.map((s) => (nPos ? s.tp / nPos : NaN)),
    thresholds: st.map((s) => s.threshold)
  };
}

/**
 * Average precision (PR AUC as a step sum): Σ_n (R_n − R_{n−1}) · P_n over distinct thresholds,
 * as scikit-learn's average_precision_score. NaN without positives.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { steps: st, nPos } = steps(labels, scores);
  if (!nPos) return NaN;
  let ap = 0;
  let prev = 0;
  for (const s of st) {
    const r = s.tp / nPos;
    ap += (r - prev) * (s.tp / (s.tp + s.fp));
    prev = r;
  }
  return ap;
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin (NaN when empty). */
  meanPredicted: number;
  /** Observed fraction of positives in the bin (NaN when empty). */
  fractionPositive: number;
}

/**
 * Reliability curve with `nBins` equal-width bins on [0, 1] (a probability of exactly 1 goes in
 * the last bin), plus the expected calibration error Σ (n_b / N) |mean p − fraction positive|.
 */
export function calibrationCurve(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  nBins = 10
): { bins: CalibrationBin[]; ece: number } {
  const sumP = new Float64Array(nBins);
  const sumY = new Float64Array(nBins);
  const cnt = new Float64Array(nBins);
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1, Math.max(0, probs[i]));
    const b = Math.min(nBins - 1, Math.floor(p * nBins));
    sumP[b] += p;
    sumY[b] += labels[i] === 1 ? 1 : 0;
    cnt[b]++;
  }
  let ece = 0;
  const bins = Array.from({ length: nBins }, (_, b) => {
    const meanPredicted = cnt[b] ? sumP[b] / cnt[b] : NaN;
    const fractionPositive = cnt[b] ? sumY[b] / cnt[b] : NaN;
    if (cnt[b]) ece += (cnt[b] / labels.length) * Math.abs(meanPredicted - fractionPositive);
    return {
      lower: b / nBins,
      upper: (b + 1) / nBins,
      count: cnt[b],
      meanPredicted,
      fractionPositive
    };
  });
  return { bins, ece: labels.length ? ece : NaN };
}

export interface GainsPoint {
  /** Fraction of customers targeted, highest scores first. */
  fraction: number;
  /** Cumulative gain: fraction of all positives among those targeted. */
  gain: number;
  /** Lift: positive rate among those targeted / overall positive rate. */
  lift: number;
}

/**
 * Cumulative gains and lift at `nBins` quantiles (deciles by default) of the ranking. Ties at a
 * cut are split in proportion (expected value over orderings of the tied group).
 */
export function gainsCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  nBins = 10
): GainsPoint[] {
  const { steps: st, nPos } = steps(labels, scores);
  const n = labels.length;
  const out: GainsPoint[] = [];
  for (let b = 1; b <= nBins; b++) {
    const take = (b / nBins) * n;
    // positives among the first `take` ranked items, interpolating within a tied group
    let prevN = 0;
    let prevTp = 0;
    let tp = 0;
    for (const s of st) {
      const cum = s.tp + s.fp;
      if (cum >= take) {
        tp = prevTp + ((take - prevN) / (cum - prevN)) * (s.tp - prevTp);
        break;
      }
      prevN = cum;
      prevTp = s.tp;
      tp = s.tp;
    }
    const gain = nPos ? tp / nPos : NaN;
    out.push({ fraction: b / nBins, gain, lift: gain / (b / nBins) });
  }
  return out;
}

/** Lift per quantile (same points as `gainsCurve`, lift = gain / fraction). */
export function liftCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  nBins = 10
): { fraction: number; lift: number }[] {
  return gainsCurve(labels, scores, nBins).map(({ fraction, lift }) => ({ fraction, lift }));
}

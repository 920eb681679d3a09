// Classification metrics. Pure functions over plain arrays (labels 0/1, scores in any range).
// A NaN score has no place in a ranking: every function here that sorts by score refuses one.

/** Throws when a score is NaN (±Infinity still orders correctly and is allowed). */
export function assertScores(scores: ArrayLike<number>, what = 'score'): void {
  for (let i = 0; i < scores.length; i++)
    if (Number.isNaN(scores[i]))
      throw new Error(`${what} of row ${i + 1} is not a number (NaN): the model produced no score`);
}

/**
 * Area under the ROC curve by the Mann–Whitney U statistic, ties counted as one half.
 * Returns NaN when one class is absent.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  assertScores(scores);
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let nPos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1; // average 1-based rank of the tie group
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        nPos++;
        rankSumPos += midRank;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Counts at a threshold: predicted positive when score >= threshold. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold = 0.5
): ConfusionMatrix {
  const cm = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const pred = scores[i] >= threshold;
    if (labels[i] === 1) pred ? cm.tp++ : cm.fn++;
    else pred ? cm.fp++ : cm.tn++;
  }
  return cm;
}

export interface ClassificationMetrics {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  specificity: number;
}

/** Precision, recall, F1, accuracy, specificity; 0 where a ratio has an empty denominator. */
export function classificationMetrics(cm: ConfusionMatrix): ClassificationMetrics {
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
  const precision = ratio(cm.tp, cm.tp + cm.fp);
  const recall = ratio(cm.tp, cm.tp + cm.fn);
  return {
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    accuracy: ratio(cm.tp + cm.tn, cm.tp + cm.tn + cm.fp + cm.fn),
    specificity: ratio(cm.tn, cm.tn + cm.fp)
  };
}

/** Indices sorted by score, highest first. */
export function orderByScoreDesc(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
}

export interface ScoreStep {
  threshold: number;
  tp: number;
  fp: number;
}

/** Cumulative (tp, fp) after each distinct score, highest score first (ties move together). */
export function scoreSteps(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>
): { steps: ScoreStep[]; nPos: number; nNeg: number } {
  assertScores(scores);
  const order = orderByScoreDesc(scores);
  const out: ScoreStep[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length;) {
    const s = scores[order[i]];
    while (i < order.length && scores[order[i]] === s) {
      if (labels[order[i]] === 1) tp++;
      else fp++;
      i++;
    }
    out.push({ threshold: s, tp, fp });
  }
  return { steps: out, nPos: tp, nNeg: fp };
}

/**
 * The threshold (one of the scores; predict positive when score >= it) with the highest F1.
 * Tied scores move together. f1 = 0 and threshold = Infinity when there are no positives.
 */
export function bestF1Threshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>
): { threshold: number; f1: number; precision: number; recall: number } {
  const { steps, nPos } = scoreSteps(labels, scores);
  let best = { threshold: Infinity, f1: 0, precision: 0, recall: 0 };
  if (nPos === 0) return best;
  for (const { threshold, tp, fp } of steps) {
    const precision = tp / (tp + fp);
    const recall = tp / nPos;
    const f1 = tp > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1) best = { threshold, f1, precision, recall };
  }
  return best;
}

/** Mean binary cross-entropy; probabilities clipped to [eps, 1 − eps]. */
export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>, eps = 1e-15): number {
  if (labels.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probs[i]));
    s -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / labels.length;
}

/** Brier score: mean squared difference between probability and outcome (0 is perfect). */
export function brierScore(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  if (labels.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (probs[i] - (labels[i] === 1 ? 1 : 0)) ** 2;
  return s / labels.length;
}

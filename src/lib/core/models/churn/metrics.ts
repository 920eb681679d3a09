// Classification metrics the churn trainer needs beyond evaluate/metrics.ts's rocAuc.
// Private helpers until the shared evaluate module grows PR AUC and best-F1.
import { rocAuc } from '../../evaluate/metrics';
import type { Metrics } from '../model';

function byScoreDesc(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
}

/** Average precision (area under the precision–recall step curve), ties taken as one step. */
export function prAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = byScoreDesc(scores);
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) nPos += labels[i] === 1 ? 1 : 0;
  if (nPos === 0) return NaN;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (labels[order[j]] === 1) tp++;
      else fp++;
      j++;
    }
    const recall = tp / nPos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
    i = j;
  }
  return ap;
}

/** Highest F1 over all thresholds, and the threshold (predict churn when score >= it). */
export function bestF1(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>
): { f1: number; threshold: number } {
  const order = byScoreDesc(scores);
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) nPos += labels[i] === 1 ? 1 : 0;
  let tp = 0;
  let fp = 0;
  let best = { f1: 0, threshold: Infinity };
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (labels[order[j]] === 1) tp++;
      else fp++;
      j++;
    }
    const f1 = (2 * tp) / (tp + fp + nPos);
    if (f1 > best.f1) best = { f1, threshold: scores[order[i]] };
    i = j;
  }
  return best;
}

export function classificationMetrics(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>
): Metrics {
  const { f1, threshold } = bestF1(labels, scores);
  return { auc: rocAuc(labels, scores), prAuc: prAuc(labels, scores), f1, threshold };
}

// The metrics every churn model reports, from the shared evaluation library: ROC AUC, PR AUC
// (average precision), and the best F1 over thresholds with its threshold.
import { averagePrecision } from '../../evaluate/curves';
import { bestF1Threshold, rocAuc } from '../../evaluate/metrics';
import type { Metrics } from '../model';

export function classificationMetrics(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>
): Metrics {
  const { f1, threshold } = bestF1Threshold(labels, scores);
  return {
    auc: rocAuc(labels, scores),
    prAuc: averagePrecision(labels, scores),
    f1,
    threshold
  };
}

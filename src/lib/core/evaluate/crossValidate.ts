// Run a train-and-score function over folds and summarise each metric as mean ± sd.
import type { Fold } from './splits';

export type FoldMetrics = Record<string, number>;

export interface CrossValidationResult {
  perFold: FoldMetrics[];
  mean: FoldMetrics;
  /** Sample standard deviation across folds (n − 1); 0 with a single fold. */
  sd: FoldMetrics;
}

/**
 * Calls `trainAndScore` on each fold in turn (sequentially: folds may train tfjs models) and
 * aggregates every metric that all folds report. NaN fold values are skipped for that metric.
 */
export async function crossValidate(
  folds: readonly Fold[],
  trainAndScore: (fold: Fold, index: number) => FoldMetrics | Promise<FoldMetrics>
): Promise<CrossValidationResult> {
  const perFold: FoldMetrics[] = [];
  for (let i = 0; i < folds.length; i++) perFold.push(await trainAndScore(folds[i], i));
  return { perFold, ...summariseFolds(perFold) };
}

export function summariseFolds(perFold: readonly FoldMetrics[]): {
  mean: FoldMetrics;
  sd: FoldMetrics;
} {
  const mean: FoldMetrics = {};
  const sd: FoldMetrics = {};
  if (!perFold.length) return { mean, sd };
  const keys = Object.keys(perFold[0]).filter((k) => perFold.every((m) => k in m));
  for (const k of keys) {
    const v = perFold.map((m) => m[k]).filter((x) => !Number.isNaN(x));
    const mu = v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
    mean[k] = mu;
    sd[k] =
      v.length > 1
        ? Math.sqrt(v.reduce((a, b) => a + (b - mu) ** 2, 0) / (v.length - 1))
        : v.length
          ? 0
          : NaN;
  }
  return { mean, sd };
}

// Champion / challenger: a retrained model (the challenger) replaces the one in use (the
// champion) only when it is better on the same held-out rows, by more than chance. The test is a
// paired bootstrap of the difference (Efron & Tibshirani, "An Introduction to the Bootstrap",
// 1993, ch. 16): rows are resampled together for both models, and the challenger is promoted only
// when the lower end of the one-sided 95% interval of figure(challenger) - figure(champion) is
// above zero. The figure is the AUC of a ranking (`compareOnHoldout`, churn) or the mean of a
// per-row figure (`compareMeans`: 1/0 for a correct intent, NDCG@10 of a customer's list).
// A worse or equal challenger is never promoted; the comparison is returned for the page.
import { rocAuc } from '../evaluate/metrics';

export interface Comparison {
  /** What is compared: 'auc', or the per-row figure a mean is taken of ('accuracy', 'ndcg@10'). */
  metric: string;
  rows: number;
  /** The champion's and the challenger's figure on the held-out rows. */
  champion: number;
  challenger: number;
  /** challenger - champion on the held-out rows. */
  difference: number;
  /** 5th percentile of the bootstrapped difference. */
  lowerBound: number;
  promote: boolean;
  reason: 'better' | 'not-better' | 'too-few-rows' | 'one-class';
}

export interface CompareOptions {
  /** Bootstrap resamples (default 500). */
  resamples?: number;
  /** Seed of the resampling (default 1): the same inputs give the same decision. */
  seed?: number;
  /** Fewest held-out rows (default 50) and of each class (default 10) for a decision. */
  minRows?: number;
  minPerClass?: number;
}

/** mulberry32: a small seeded generator, enough for resampling indices. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Compare two models' scores on the same held-out rows (labels 1 = the event, e.g. churned).
 * Both score arrays must be aligned with `labels`.
 */
export function compareOnHoldout(
  labels: ArrayLike<number>,
  champion: ArrayLike<number>,
  challenger: ArrayLike<number>,
  opts: CompareOptions = {}
): Comparison {
  const n = labels.length;
  if (champion.length !== n || challenger.length !== n)
    throw new Error('champion, challenger and labels must score the same held-out rows');
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] === 1 ? 1 : 0;
  const base = { metric: 'auc', rows: n, champion: NaN, challenger: NaN, difference: NaN, lowerBound: NaN }; // prettier-ignore
  if (pos === 0 || pos === n) return { ...base, promote: false, reason: 'one-class' };
  const a0 = rocAuc(labels, champion);
  const b0 = rocAuc(labels, challenger);
  const minRows = opts.minRows ?? 50;
  const minPerClass = opts.minPerClass ?? 10;
  if (n < minRows || pos < minPerClass || n - pos < minPerClass)
    return { ...base, champion: a0, challenger: b0, difference: b0 - a0, promote: false, reason: 'too-few-rows' }; // prettier-ignore
  const B = opts.resamples ?? 500;
  const next = rng(opts.seed ?? 1);
  const diffs: number[] = [];
  const y = new Float64Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let k = 0; k < B; k++) {
    let p = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(next() * n);
      y[i] = labels[j];
      a[i] = champion[j];
      b[i] = challenger[j];
      p += y[i];
    }
    if (p === 0 || p === n) continue;
    diffs.push(rocAuc(y, b) - rocAuc(y, a));
  }
  return decide('auc', n, a0, b0, diffs);
}

function decide(metric: string, n: number, a: number, b: number, diffs: number[]): Comparison {
  diffs.sort((x, z) => x - z);
  const lowerBound = diffs[Math.floor(0.05 * diffs.length)] ?? NaN;
  const difference = b - a;
  const promote = difference > 0 && lowerBound > 0;
  return {
    metric,
    rows: n,
    champion: a,
    challenger: b,
    difference,
    lowerBound,
    promote,
    reason: promote ? 'better' : 'not-better'
  };
}

/**
 * Compare the mean of a per-row figure (higher is better) of two models on the same held-out
 * rows: `champion[i]` and `challenger[i]` are the two models' figures on row i.
 */
export function compareMeans(
  metric: string,
  champion: ArrayLike<number>,
  challenger: ArrayLike<number>,
  opts: Pick<CompareOptions, 'resamples' | 'seed' | 'minRows'> = {}
): Comparison {
  const n = champion.length;
  if (challenger.length !== n)
    throw new Error('champion and challenger must score the same held-out rows');
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += champion[i];
    sb += challenger[i];
  }
  const a = n ? sa / n : NaN;
  const b = n ? sb / n : NaN;
  if (n < (opts.minRows ?? 30))
    return { metric, rows: n, champion: a, challenger: b, difference: b - a, lowerBound: NaN, promote: false, reason: 'too-few-rows' }; // prettier-ignore
  const next = rng(opts.seed ?? 1);
  const diffs: number[] = [];
  for (let k = 0; k < (opts.resamples ?? 500); k++) {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(next() * n);
      d += challenger[j] - champion[j];
    }
    diffs.push(d / n);
  }
  return decide(metric, n, a, b, diffs);
}

export interface RetrainPolicy {
  /** New or changed rows since the champion was trained (default 5% of its rows, at least 200). */
  minNewRows?: number;
  /** New feedback signals since then (default 50). */
  minFeedback?: number;
}

/** Whether enough has arrived to try a challenger (the page runs it when idle, in the worker). */
export function retrainDue(
  state: { trainedRows: number; newRows: number; newFeedback: number },
  policy: RetrainPolicy = {}
): boolean {
  const rows = policy.minNewRows ?? Math.max(200, Math.round(state.trainedRows * 0.05));
  const feedback = policy.minFeedback ?? 50;
  return state.newRows >= rows || state.newFeedback >= feedback;
}

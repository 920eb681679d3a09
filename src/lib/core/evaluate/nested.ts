// Honest model selection for binary classifiers (Varma & Simon 2006; Cawley & Talbot 2010):
// everything chosen from data — the learner, its configuration (hyper-parameters, extra
// columns), the decision threshold, a baseline's column — is chosen on an inner split of the
// training rows, and the figures reported come from outer test folds that no choice saw.
//
// For each stratified outer fold: split its training rows into inner-train and inner-validation;
// fit every candidate on inner-train, keep each learner's best configuration by ROC AUC on
// inner-validation and its F1-best threshold there; of the learners within one standard error
// of the best inner AUC, the simplest (first listed) is that fold's choice. Each learner's best configuration is then refitted on all the fold's training
// rows and scored on the fold's test rows with its inner threshold. The "selected" row reports
// the choice made in each fold, so its mean is the figure of the whole procedure. A baseline is
// fitted and thresholded on the same training rows and scored on the same test rows.
// `selectAndFit` runs the same selection once on all rows and fits the chosen configuration.
import { averagePrecision } from './curves';
import { summariseFolds } from './crossValidate';
import { bestF1Threshold, classificationMetrics, confusionMatrix, rocAuc } from './metrics';
import { stratifiedKFold, stratifiedSplit, type Fold } from './splits';

export interface FitContext {
  seed: number;
  signal?: AbortSignal;
  /** Names the set of training rows ('o1/inner', 'o1', 'final'...) so callers can cache work
   * (encodings) shared by candidates fitted on the same rows. */
  key: string;
}

export interface Fitted<D> {
  /** Scores (higher = more likely positive) of `rows` of the data. */
  predict(data: D, rows: readonly number[]): Float32Array;
  dispose?(): void;
  /** What was chosen in fitting, when that is worth reporting (a baseline's column). */
  label?: string;
}

export interface Candidate<D> {
  /** The learner ('logistic', 'gbdt'...): selection picks one configuration per learner. */
  learner: string;
  /** Which configuration of it ('l2=1', 'leaves=15'...). */
  config: string;
  fit(data: D, rows: readonly number[], ctx: FitContext): Promise<Fitted<D>>;
}

export interface HeldOutMetrics {
  auc: number;
  prAuc: number;
  /** At the threshold chosen on training data. */
  f1: number;
  precision: number;
  recall: number;
  threshold: number;
}

export interface LearnerResult {
  learner: string;
  folds: HeldOutMetrics[];
  mean: Record<string, number>;
  sd: Record<string, number>;
  /** Out-of-fold score of every row (from the fold model that did not see it). */
  oof: Float32Array;
  /** The configuration (or, for 'selected', the learner) chosen in each fold. */
  chosen: string[];
  thresholds: number[];
}

export interface NestedResult {
  learners: LearnerResult[];
  /** The selection procedure itself: each fold scored by the learner chosen inside it. */
  selected: LearnerResult;
  baseline: LearnerResult | null;
  folds: Fold[];
  foldOf: Int32Array;
}

export interface Step {
  done: number;
  total: number;
  phase: 'inner' | 'outer' | 'baseline' | 'final';
  fold: number;
  folds: number;
  learner: string;
}

export interface NestedOptions<D> {
  folds?: number;
  seed?: number;
  /** Share of the training rows held out for selection (default 0.25). */
  innerShare?: number;
  signal?: AbortSignal;
  onStep?(s: Step): void;
  baseline?: Candidate<D>;
  /** Called with each fold's refitted model of the learner chosen in that fold, before it is
   * disposed (permutation importance on the fold's test rows). */
  onChosenFold?(fitted: Fitted<D>, test: readonly number[], fold: number): void;
}

const check = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
};

export function heldOutMetrics(
  y: ArrayLike<number>,
  s: ArrayLike<number>,
  threshold: number
): HeldOutMetrics {
  const m = classificationMetrics(confusionMatrix(y, s, threshold));
  return {
    auc: rocAuc(y, s),
    prAuc: averagePrecision(y, s),
    f1: m.f1,
    precision: m.precision,
    recall: m.recall,
    threshold
  };
}

const pick = (y: ArrayLike<number>, rows: readonly number[]) => Uint8Array.from(rows, (r) => y[r]);

interface InnerChoice<D> {
  candidate: Candidate<D>;
  auc: number;
  threshold: number;
}

/** Each learner's best configuration on an inner split of `rows`, and the best learner. */
async function selectInner<D>(
  data: D,
  y: ArrayLike<number>,
  rows: readonly number[],
  candidates: readonly Candidate<D>[],
  opts: NestedOptions<D> & { key: string; seed: number; tick(l: string): void }
): Promise<{ perLearner: Map<string, InnerChoice<D>>; chosen: InnerChoice<D> }> {
  const { train, test } = stratifiedSplit(rows, y, opts.innerShare ?? 0.25, opts.seed + 7919);
  const yv = pick(y, test);
  const perLearner = new Map<string, InnerChoice<D>>();
  for (const c of candidates) {
    check(opts.signal);
    const fitted = await c.fit(data, train, {
      seed: opts.seed,
      signal: opts.signal,
      key: `${opts.key}/inner`
    });
    let s: Float32Array;
    try {
      s = fitted.predict(data, test);
    } finally {
      fitted.dispose?.();
    }
    const auc = rocAuc(yv, s);
    const best = perLearner.get(c.learner);
    if (!best || auc > best.auc || (Number.isNaN(best.auc) && !Number.isNaN(auc)))
      perLearner.set(c.learner, { candidate: c, auc, threshold: bestF1Threshold(yv, s).threshold });
    opts.tick(c.learner);
  }
  return { perLearner, chosen: oneStandardError(perLearner, yv) };
}

/**
 * Hanley & McNeil (1982) standard error of a ROC AUC estimated from `nPos` positives and
 * `nNeg` negatives.
 */
export function aucStandardError(auc: number, nPos: number, nNeg: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const v =
    (auc * (1 - auc) + (nPos - 1) * (q1 - auc * auc) + (nNeg - 1) * (q2 - auc * auc)) /
    (nPos * nNeg);
  return Math.sqrt(Math.max(0, v));
}

/**
 * The one-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani & Friedman 2009,
 * 7.10): of the learners whose inner AUC is within one standard error of the best, the
 * simplest — the first in candidate order — is chosen. A single inner split is noisy; this
 * keeps a more complex learner from winning on noise.
 */
function oneStandardError<D>(
  perLearner: Map<string, InnerChoice<D>>,
  y: ArrayLike<number>
): InnerChoice<D> {
  let best: InnerChoice<D> | null = null;
  for (const v of perLearner.values()) if (!best || v.auc > best.auc) best = v;
  if (!best || !Number.isFinite(best.auc)) return [...perLearner.values()][0];
  let nPos = 0;
  for (let i = 0; i < y.length; i++) nPos += y[i];
  const bar = best.auc - aucStandardError(best.auc, nPos, y.length - nPos);
  for (const v of perLearner.values()) if (v.auc >= bar) return v;
  return best;
}

function result(
  learner: string,
  folds: HeldOutMetrics[],
  oof: Float32Array,
  chosen: string[],
  thresholds: number[]
): LearnerResult {
  const { mean, sd } = summariseFolds(folds as unknown as Record<string, number>[]);
  return { learner, folds, mean, sd, oof, chosen, thresholds };
}

export async function nestedCrossValidate<D>(
  data: D,
  y: Uint8Array,
  candidates: readonly Candidate<D>[],
  opts: NestedOptions<D> = {}
): Promise<NestedResult> {
  const k = opts.folds ?? 5;
  const seed = opts.seed ?? 42;
  const learners = [...new Set(candidates.map((c) => c.learner))];
  const folds = stratifiedKFold(y, k, seed);
  const foldOf = new Int32Array(y.length);
  folds.forEach((f, i) => f.test.forEach((r) => (foldOf[r] = i)));
  const total = k * (candidates.length + learners.length + (opts.baseline ? 1 : 0));
  let done = 0;
  const step = (phase: Step['phase'], fold: number, learner: string) =>
    opts.onStep?.({ done: ++done, total, phase, fold: fold + 1, folds: k, learner });

  const per = new Map(
    learners.map((l) => [
      l,
      {
        folds: [] as HeldOutMetrics[],
        oof: new Float32Array(y.length),
        chosen: [] as string[],
        thr: [] as number[]
      }
    ])
  );
  const sel = { folds: [] as HeldOutMetrics[], oof: new Float32Array(y.length), chosen: [] as string[], thr: [] as number[] }; // prettier-ignore
  const base = { folds: [] as HeldOutMetrics[], oof: new Float32Array(y.length), chosen: [] as string[], thr: [] as number[] }; // prettier-ignore

  for (let f = 0; f < k; f++) {
    const { train, test } = folds[f];
    const yt = pick(y, test);
    const inner = await selectInner(data, y, train, candidates, {
      ...opts,
      seed: seed + f,
      key: `o${f}`,
      tick: (l) => step('inner', f, l)
    });
    for (const learner of learners) {
      check(opts.signal);
      const choice = inner.perLearner.get(learner)!;
      const fitted = await choice.candidate.fit(data, train, {
        seed: seed + f,
        signal: opts.signal,
        key: `o${f}`
      });
      try {
        const s = fitted.predict(data, test);
        const m = heldOutMetrics(yt, s, choice.threshold);
        const acc = per.get(learner)!;
        acc.folds.push(m);
        acc.chosen.push(choice.candidate.config);
        acc.thr.push(choice.threshold);
        test.forEach((r, i) => (acc.oof[r] = s[i]));
        if (learner === inner.chosen.candidate.learner) {
          sel.folds.push(m);
          sel.chosen.push(learner);
          sel.thr.push(choice.threshold);
          test.forEach((r, i) => (sel.oof[r] = s[i]));
          opts.onChosenFold?.(fitted, test, f);
        }
      } finally {
        fitted.dispose?.();
      }
      step('outer', f, learner);
    }
    if (opts.baseline) {
      check(opts.signal);
      const fitted = await opts.baseline.fit(data, train, {
        seed: seed + f,
        signal: opts.signal,
        key: `o${f}`
      });
      const threshold = bestF1Threshold(pick(y, train), fitted.predict(data, train)).threshold;
      const s = fitted.predict(data, test);
      base.folds.push(heldOutMetrics(yt, s, threshold));
      base.chosen.push(fitted.label ?? opts.baseline.config);
      base.thr.push(threshold);
      test.forEach((r, i) => (base.oof[r] = s[i]));
      fitted.dispose?.();
      step('baseline', f, 'baseline');
    }
  }
  return {
    learners: learners.map((l) => {
      const a = per.get(l)!;
      return result(l, a.folds, a.oof, a.chosen, a.thr);
    }),
    selected: result('selected', sel.folds, sel.oof, sel.chosen, sel.thr),
    baseline: opts.baseline
      ? result('baseline', base.folds, base.oof, base.chosen, base.thr)
      : null,
    folds,
    foldOf
  };
}

export interface FinalFit<D> {
  candidate: Candidate<D>;
  fitted: Fitted<D>;
  /** Threshold chosen on the inner validation rows. */
  threshold: number;
  /** Inner-validation AUC of each learner's best configuration. */
  innerAuc: Record<string, number>;
}

/** The selection of `nestedCrossValidate`, run once on all rows, then the chosen fit on all. */
export async function selectAndFit<D>(
  data: D,
  y: Uint8Array,
  candidates: readonly Candidate<D>[],
  opts: NestedOptions<D> = {}
): Promise<FinalFit<D>> {
  const seed = opts.seed ?? 42;
  const rows = Array.from({ length: y.length }, (_, i) => i);
  let done = 0;
  const total = candidates.length + 1;
  const step = (learner: string) =>
    opts.onStep?.({ done: ++done, total, phase: 'final', fold: 0, folds: 0, learner });
  const inner = await selectInner(data, y, rows, candidates, {
    ...opts,
    seed,
    key: 'final',
    tick: step
  });
  check(opts.signal);
  const c = inner.chosen.candidate;
  const fitted = await c.fit(data, rows, { seed, signal: opts.signal, key: 'final' });
  step(c.learner);
  const innerAuc: Record<string, number> = {};
  for (const [l, v] of inner.perLearner) innerAuc[l] = v.auc;
  return { candidate: c, fitted, threshold: inner.chosen.threshold, innerAuc };
}

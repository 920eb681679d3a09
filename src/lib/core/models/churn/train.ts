// Train churn models: stratified k-fold CV of logistic regression and the MLP, the encoder
// refitted on each training fold (no test-fold statistics leak into scaling or imputation),
// pick the better by mean CV ROC AUC, refit it on all rows. Nothing is saved here: a cancelled
// run (AbortSignal) just throws an AbortError.
import { stratifiedKFold } from '../../evaluate/splits';
import { columnGroups, encodeRows, fitEncoder } from '../../features/encode';
import type { FeatureTable } from '../../features/table';
import type { Progress } from '../../types';
import { initTf } from '../../tf/backend';
import type { Metrics } from '../model';
import { ChurnModel, type ChurnKind } from './churnModel';
import { permutationDrops, summariseDrops, type Importance } from './importance';
import { LogisticRegression, type LogisticParams } from './logistic';
import { classificationMetrics } from './metrics';
import { Mlp, type MlpParams } from './mlp';

/** One MLP epoch: `fold` is 0..folds-1 during cross-validation, `folds` for the final refit. */
export interface EpochInfo {
  model: 'mlp';
  fold: number;
  epoch: number;
  loss: number;
  valLoss: number;
}

export interface TrainChurnOptions {
  folds?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Called after every MLP epoch with training and validation loss (live loss curves). */
  onEpoch?: (info: EpochInfo) => void;
  kinds?: ChurnKind[];
  logistic?: LogisticParams;
  mlp?: MlpParams;
  /** Permutations per column group and fold for importance (0 to skip). Default 3. */
  importanceRepeats?: number;
}

export interface CvResult {
  kind: ChurnKind;
  folds: Metrics[];
  mean: Metrics;
  sd: Metrics;
  /** Out-of-fold risk for every row (each row scored by the model that did not see it). */
  oof: Float32Array;
  trainingMs: number;
}

export interface ChurnTraining {
  results: Partial<Record<ChurnKind, CvResult>>;
  chosen: ChurnKind;
  model: ChurnModel;
  /** Fold of every row, for per-fold ROC/PR curves from `oof`. */
  foldOf: Int32Array;
  importance: Importance[];
  labelRate: number;
  backend: string;
  trainingMs: number;
}

function meanSd(ms: Metrics[]): { mean: Metrics; sd: Metrics } {
  const mean: Metrics = {};
  const sd: Metrics = {};
  for (const k of Object.keys(ms[0] ?? {})) {
    const xs = ms.map((m) => m[k]);
    const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
    mean[k] = mu;
    sd[k] = Math.sqrt(xs.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(1, xs.length - 1));
  }
  return { mean, sd };
}

function make(kind: ChurnKind, opts: TrainChurnOptions, seed: number): LogisticRegression | Mlp {
  return kind === 'logistic'
    ? new LogisticRegression(opts.logistic)
    : new Mlp({ seed, ...opts.mlp });
}

export async function trainChurn(
  table: FeatureTable,
  labels: ArrayLike<number>,
  opts: TrainChurnOptions = {}
): Promise<ChurnTraining> {
  const t0 = performance.now();
  const k = opts.folds ?? 5;
  const seed = opts.seed ?? 42;
  const kinds = opts.kinds ?? ['logistic', 'mlp'];
  const repeats = opts.importanceRepeats ?? 3;
  if (labels.length !== table.nRows)
    throw new Error(`${labels.length} labels for ${table.nRows} rows`);
  const y = Uint8Array.from(labels);
  const nPos = y.reduce((s, v) => s + v, 0);
  if (nPos < k || table.nRows - nPos < k)
    throw new Error(
      `too few churned (${nPos}) or kept (${table.nRows - nPos}) customers for ${k} folds`
    );
  const backend = kinds.includes('mlp') ? await initTf() : 'plain';
  const folds = stratifiedKFold(y, k, seed);
  const foldOf = new Int32Array(table.nRows);
  folds.forEach((f, i) => f.test.forEach((r) => (foldOf[r] = i)));
  const total = kinds.length * k + 1;
  let done = 0;
  const progress = (phase: string) => opts.onProgress?.({ phase, done: ++done, total });
  const check = () => {
    if (opts.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
  };

  const epochHook = (kind: ChurnKind, fold: number) =>
    kind === 'mlp' && opts.onEpoch
      ? (epoch: number, logs: { loss: number; valLoss?: number }) =>
          opts.onEpoch!({
            model: 'mlp',
            fold,
            epoch,
            loss: logs.loss,
            valLoss: logs.valLoss ?? logs.loss
          })
      : undefined;

  // Encode each fold once (encoder fitted on its training rows), shared by both model kinds.
  const encoded = folds.map((f) => {
    const enc = fitEncoder(table.raw, f.train);
    return {
      enc,
      Xtr: encodeRows(enc, table.raw, f.train),
      Xte: encodeRows(enc, table.raw, f.test),
      ytr: Uint8Array.from(f.train, (i) => y[i]),
      yte: Uint8Array.from(f.test, (i) => y[i])
    };
  });

  const results: Partial<Record<ChurnKind, CvResult>> = {};
  let chosen: ChurnKind = kinds[0];
  const pooled = new Map<string, number[]>();
  const fitted = new Map<ChurnKind, (LogisticRegression | Mlp)[]>();
  try {
    for (const kind of kinds) {
      const tk = performance.now();
      const oof = new Float32Array(table.nRows);
      const foldMetrics: Metrics[] = [];
      const models: (LogisticRegression | Mlp)[] = [];
      fitted.set(kind, models);
      for (let f = 0; f < k; f++) {
        check();
        const e = encoded[f];
        const clf = make(kind, opts, seed + f);
        models.push(clf);
        await clf.fit(
          { X: e.Xtr, nCols: e.enc.columns.length, y: e.ytr },
          { signal: opts.signal, onEpoch: epochHook(kind, f) }
        );
        const s = clf.predict(e.Xte);
        folds[f].test.forEach((r, i) => (oof[r] = s[i]));
        foldMetrics.push(classificationMetrics(e.yte, s));
        progress(`${kind} fold ${f + 1}/${k}`);
      }
      results[kind] = {
        kind,
        folds: foldMetrics,
        ...meanSd(foldMetrics),
        oof,
        trainingMs: performance.now() - tk
      };
    }
    chosen = kinds.reduce((a, b) => (results[b]!.mean.auc > results[a]!.mean.auc ? b : a));
    // Importance of the chosen kind, each fold model on its own held-out rows, drops pooled.
    if (repeats > 0) {
      fitted.get(chosen)!.forEach((clf, f) => {
        const e = encoded[f];
        const d = permutationDrops(
          {
            X: e.Xte,
            nCols: e.enc.columns.length,
            y: e.yte,
            groups: columnGroups(e.enc),
            predict: (X) => clf.predict(X)
          },
          repeats,
          seed + f
        );
        for (const [g, v] of d) pooled.set(g, [...(pooled.get(g) ?? []), ...v]);
      });
    }
  } finally {
    for (const ms of fitted.values()) for (const m of ms) if (m instanceof Mlp) m.dispose();
  }

  check();
  const final = make(chosen, opts, seed);
  await final.fit(
    { X: table.X, nCols: table.nCols, y },
    { signal: opts.signal, onEpoch: epochHook(chosen, k) }
  );
  progress(`${chosen} refit on all rows`);
  const model = new ChurnModel(final, table.encoder, ChurnModel.metaOf(table.raw));
  return {
    results,
    chosen,
    model,
    foldOf,
    importance: summariseDrops(pooled),
    labelRate: nPos / table.nRows,
    backend,
    trainingMs: performance.now() - t0
  };
}

// The interface every model family shares, so the train page, the model registry and the
// feedback loop can treat them alike. Deliberately small.

/** Named scalar metrics, e.g. { auc: 0.85, prAuc: 0.66, f1: 0.62 }. */
export type Metrics = Record<string, number>;

export interface FitOptions {
  /** Called after each epoch (or iteration) with the loss; training stops cleanly on abort. */
  onEpoch?: (epoch: number, logs: { loss: number; valLoss?: number }) => void;
  signal?: AbortSignal;
}

/** One factor behind a prediction, in plain words. */
export interface Reason {
  /** Input column the factor comes from ("Contract", "recency_days"). */
  feature: string;
  /** Plain words from the raw value: "month-to-month contract", "tenure 2 months". */
  text: string;
  /** Signed effect on the prediction (risk points or log-odds, see the model). */
  effect: number;
  direction: 'raises' | 'lowers';
}

/** What a registry stores: enough to compare versions, restore one and say how it was made. */
export interface SavedModel {
  kind: string;
  version: number;
  createdAt: number;
  params: Record<string, unknown>;
  metrics: Metrics;
  trainingMs: number;
  /** tfjs backend used for training ('wasm', 'webgpu', 'plain' for non-tfjs models). */
  backend: string;
  /** Cutoff / data date the model was trained on (epoch ms). */
  snapshotDate: number;
  /** tfjs-style weights: shapes and dtypes, then all values concatenated. */
  weights?: { specs: WeightSpec[]; data: ArrayBuffer };
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
}

export interface Model<Data, X, P> {
  readonly kind: string;
  fit(data: Data, opts?: FitOptions): Promise<void>;
  predict(x: X): P;
  evaluate(data: Data): Metrics;
  explain?(row: X): Reason[];
  toJSON(): SavedModel;
}

/** Pack float32 arrays into one buffer with specs (the `weights` of a SavedModel). */
export function packWeights(named: { name: string; shape: number[]; values: Float32Array }[]): {
  specs: WeightSpec[];
  data: ArrayBuffer;
} {
  const total = named.reduce((s, w) => s + w.values.length, 0);
  const all = new Float32Array(total);
  let off = 0;
  for (const w of named) {
    all.set(w.values, off);
    off += w.values.length;
  }
  return {
    specs: named.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })),
    data: all.buffer
  };
}

export function unpackWeights(w: {
  specs: WeightSpec[];
  data: ArrayBuffer;
}): Map<string, { shape: number[]; values: Float32Array }> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  let off = 0;
  for (const s of w.specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    out.set(s.name, { shape: s.shape, values: new Float32Array(w.data, off * 4, n).slice() });
    off += n;
  }
  return out;
}

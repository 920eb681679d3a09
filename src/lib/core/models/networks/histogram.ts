// Weight histograms over training: a few dozen equal-width bins per kernel, recorded every few
// epochs (cheap next to an epoch: one read of each kernel), kept with the model so the
// "inside the networks" page can show how each layer's weights spread out as it learned.

export interface Histogram {
  min: number;
  max: number;
  /** Counts of equal-width bins between min and max. */
  counts: number[];
}

export interface HistogramSnapshot {
  epoch: number;
  /** Kernel histograms by saved weight name. */
  weights: Record<string, Histogram>;
}

/** Losses per epoch and weight snapshots: what the training-curve and histogram views draw. */
export interface TrainingHistory {
  /** Curves by name ('loss', 'valLoss', 'critic', 'generator'...), one value per epoch. */
  curves: Record<string, number[]>;
  snapshots: HistogramSnapshot[];
}

/** Equal-width histogram of the finite values (a single bin when they are all equal). */
export function histogram(values: ArrayLike<number>, bins = 30): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 0, counts: [] };
  if (min === max) return { min, max, counts: [values.length] };
  const counts = new Array<number>(bins).fill(0);
  const w = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.floor((v - min) / w))]++;
  }
  return { min, max, counts };
}

export class HistoryRecorder {
  readonly history: TrainingHistory = { curves: {}, snapshots: [] };

  /** Snapshot every `every` epochs (and the first), `bins` bins per kernel. */
  constructor(
    readonly every = 5,
    readonly bins = 30
  ) {}

  wants(epoch: number): boolean {
    return epoch % this.every === 0;
  }

  curve(name: string, value: number): void {
    (this.history.curves[name] ??= []).push(value);
  }

  snapshot(epoch: number, kernels: { name: string; values: ArrayLike<number> }[]): void {
    const weights: Record<string, Histogram> = {};
    for (const k of kernels) weights[k.name] = histogram(k.values, this.bins);
    const last = this.history.snapshots[this.history.snapshots.length - 1];
    if (last?.epoch === epoch) last.weights = weights;
    else this.history.snapshots.push({ epoch, weights });
  }
}

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

/**
 * Several histograms of one kernel (at different epochs, each with its own range) as shares of
 * the weights on one common grid of `bins` equal bins, so they can be drawn on the same axes.
 * A source bin's count is spread over the grid bins it overlaps, in proportion.
 */
export function onCommonGrid(
  hists: Histogram[],
  bins = 30
): { centres: number[]; shares: number[][] } {
  // prettier-ignore
  const used = hists.filter((h) => h.counts.length);
  const lo = Math.min(...used.map((h) => h.min));
  const hi = Math.max(...used.map((h) => h.max));
  if (!used.length || !(hi > lo)) return { centres: [lo || 0], shares: hists.map(() => [1]) };
  const w = (hi - lo) / bins;
  const centres = Array.from({ length: bins }, (_, b) => lo + (b + 0.5) * w);
  const shares = hists.map((h) => {
    const out = new Array<number>(bins).fill(0);
    const total = h.counts.reduce((a, b) => a + b, 0) || 1;
    if (h.counts.length === 1) {
      out[Math.min(bins - 1, Math.floor((h.min - lo) / w))] = h.counts[0] / total;
      return out;
    }
    const sw = (h.max - h.min) / h.counts.length;
    h.counts.forEach((c, k) => {
      const a = h.min + k * sw;
      const b = a + sw;
      for (let g = Math.max(0, Math.floor((a - lo) / w)); g < bins && lo + g * w < b; g++) {
        const overlap = Math.min(b, lo + (g + 1) * w) - Math.max(a, lo + g * w);
        if (overlap > 0) out[g] += (c / total) * (overlap / sw);
      }
    });
    return out;
  });
  return { centres, shares };
}

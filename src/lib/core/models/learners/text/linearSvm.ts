// Linear SVM over sparse TF-IDF vectors, one class against the rest, trained by dual coordinate
// descent on the L2-regularised squared-hinge loss (Hsieh et al. 2008, "A dual coordinate
// descent method for large-scale linear SVM" — what liblinear and sklearn's LinearSVC run).
// Deterministic for a seed; no learning rate to tune. Decision values are turned into
// probabilities by a temperature-scaled softmax fitted on validation texts (calibrate.ts).
import { checkAborted, yieldToLoop } from '../../family';
import { seededRandom, shuffleInPlace } from '../../../evaluate/splits';
import type { SparseVec } from '../../../text/sparse';

export interface SvmParams {
  /** Inverse regularisation strength (liblinear's C). */
  c?: number;
  /** Stop when the projected-gradient spread falls below this (liblinear's eps). */
  tol?: number;
  maxPasses?: number;
  seed?: number;
}

export const SVM_DEFAULTS: Required<SvmParams> = { c: 1, tol: 0.1, maxPasses: 40, seed: 42 };

export class LinearSvm {
  constructor(
    /** Weights [classes × (dims + 1)], the last column the bias. */
    readonly w: Float32Array,
    readonly classes: number,
    readonly dims: number
  ) {}

  static async fit(
    X: readonly SparseVec[],
    y: ArrayLike<number>,
    classes: number,
    dims: number,
    params: SvmParams = {},
    hooks: { signal?: AbortSignal; onClass?(c: number): void } = {}
  ): Promise<LinearSvm> {
    const p = { ...SVM_DEFAULTS, ...params };
    const n = X.length;
    const stride = dims + 1;
    const W = new Float32Array(classes * stride);
    const diag = 1 / (2 * p.c);
    // x·x plus the bias feature (constant 1).
    const qii = Float64Array.from(X, (x) => x.val.reduce((s, v) => s + v * v, 0) + 1 + diag);
    const order = Array.from({ length: n }, (_, i) => i);
    const alpha = new Float64Array(n);
    // Two classes: "class 0 against the rest" is "class 1 against the rest" with the signs
    // flipped (the same dual problem), so only class 1 is trained and class 0 is its negation.
    const binary = classes === 2;
    for (let c = binary ? 1 : 0; c < classes; c++) {
      checkAborted(hooks.signal);
      const w = new Float64Array(stride);
      alpha.fill(0);
      const rand = seededRandom(p.seed + c);
      for (let pass = 0; pass < p.maxPasses; pass++) {
        shuffleInPlace(order, rand);
        let maxPg = -Infinity;
        let minPg = Infinity;
        for (const i of order) {
          const x = X[i];
          const yi = y[i] === c ? 1 : -1;
          let dot = w[dims];
          for (let k = 0; k < x.idx.length; k++) dot += w[x.idx[k]] * x.val[k];
          const g = yi * dot - 1 + diag * alpha[i];
          const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
          if (pg > maxPg) maxPg = pg;
          if (pg < minPg) minPg = pg;
          if (Math.abs(pg) < 1e-12) continue;
          const old = alpha[i];
          alpha[i] = Math.max(old - g / qii[i], 0);
          const d = (alpha[i] - old) * yi;
          for (let k = 0; k < x.idx.length; k++) w[x.idx[k]] += d * x.val[k];
          w[dims] += d;
        }
        if (maxPg - minPg < p.tol) break;
      }
      W.set(w, c * stride);
      if (binary) {
        for (let j = 0; j < stride; j++) W[j] = -w[j];
        hooks.onClass?.(0);
      }
      hooks.onClass?.(c);
      if (c % 8 === 7) await yieldToLoop();
    }
    return new LinearSvm(W, classes, dims);
  }

  /** Decision values of one vector for every class. */
  decision(x: SparseVec, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    const { w, dims } = this;
    const stride = dims + 1;
    for (let c = 0; c < this.classes; c++) {
      const base = c * stride;
      let s = w[base + dims];
      for (let k = 0; k < x.idx.length; k++) s += w[base + x.idx[k]] * x.val[k];
      out[c] = s;
    }
    return out;
  }
}

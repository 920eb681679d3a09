// L2-regularised logistic regression fitted by Newton–Raphson (IRLS), in plain TypeScript.
// Minimises sum_i w_i * logloss_i + (lambda / 2) * ||beta||^2 (intercept not penalised), the
// objective of scikit-learn's LogisticRegression(C = 1 / lambda) with class weights w.
// Newton needs O(n p^2) per step: fine for the tens to low hundreds of columns of a feature table.
import type { FitOptions, SavedModel } from '../model';
import { packWeights, unpackWeights } from '../model';
import type { BinaryClassifier, LabelledMatrix } from './types';

export interface LogisticParams {
  /** L2 strength (1 / C). Default 1. */
  l2?: number;
  /** Weight classes by n / (2 n_class). Default false (AUC does not need it). */
  balanced?: boolean;
  maxIter?: number;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solve A x = b for symmetric positive-definite A (p x p, row-major) by Cholesky. */
function choleskySolve(A: Float64Array, b: Float64Array, p: number): Float64Array {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * p + j];
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}

export class LogisticRegression implements BinaryClassifier {
  readonly kind = 'logistic';
  coef = new Float64Array(0);
  intercept = 0;
  nCols = 0;
  params: Required<LogisticParams>;

  constructor(params: LogisticParams = {}) {
    this.params = {
      l2: params.l2 ?? 1,
      balanced: params.balanced ?? false,
      maxIter: params.maxIter ?? 50
    };
  }

  async fit(data: LabelledMatrix, opts: FitOptions = {}): Promise<void> {
    const { X, nCols: p, y } = data;
    const n = y.length;
    const q = p + 1; // last slot: intercept
    const beta = new Float64Array(q);
    let nPos = 0;
    for (let i = 0; i < n; i++) nPos += y[i];
    const wPos = this.params.balanced ? n / (2 * nPos) : 1;
    const wNeg = this.params.balanced ? n / (2 * (n - nPos)) : 1;
    const lambda = this.params.l2;
    for (let it = 0; it < this.params.maxIter; it++) {
      if (opts.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
      const g = new Float64Array(q);
      const H = new Float64Array(q * q);
      let loss = 0;
      const row = new Float64Array(q);
      row[p] = 1;
      for (let i = 0; i < n; i++) {
        let z = beta[p];
        for (let j = 0; j < p; j++) {
          row[j] = X[i * p + j];
          z += beta[j] * row[j];
        }
        const pr = sigmoid(z);
        const w = y[i] ? wPos : wNeg;
        loss -= w * (y[i] ? Math.log(Math.max(pr, 1e-15)) : Math.log(Math.max(1 - pr, 1e-15)));
        const r = w * (pr - y[i]);
        const h = w * pr * (1 - pr);
        for (let j = 0; j < q; j++) {
          g[j] += r * row[j];
          const hj = h * row[j];
          if (hj === 0) continue;
          for (let k = 0; k <= j; k++) H[j * q + k] += hj * row[k];
        }
      }
      for (let j = 0; j < p; j++) {
        g[j] += lambda * beta[j];
        H[j * q + j] += lambda;
        loss += 0.5 * lambda * beta[j] * beta[j];
      }
      H[p * q + p] += 1e-8;
      for (let j = 0; j < q; j++) for (let k = 0; k < j; k++) H[k * q + j] = H[j * q + k];
      const step = choleskySolve(H, g, q);
      let maxStep = 0;
      for (let j = 0; j < q; j++) {
        beta[j] -= step[j];
        maxStep = Math.max(maxStep, Math.abs(step[j]));
      }
      opts.onEpoch?.(it, { loss: loss / n });
      if (maxStep < 1e-7) break;
    }
    this.coef = beta.slice(0, p);
    this.intercept = beta[p];
    this.nCols = p;
  }

  /** Log-odds of churn for each row of a row-major matrix. */
  logit(X: Float32Array): Float64Array {
    const p = this.nCols;
    const n = X.length / p;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = this.intercept;
      for (let j = 0; j < p; j++) z += this.coef[j] * X[i * p + j];
      out[i] = z;
    }
    return out;
  }

  predict(X: Float32Array): Float32Array {
    return Float32Array.from(this.logit(X), sigmoid);
  }

  dispose(): void {}

  toJSON(): SavedModel {
    return {
      kind: this.kind,
      version: 0,
      createdAt: Date.now(),
      params: { ...this.params, nCols: this.nCols },
      metrics: {},
      trainingMs: 0,
      backend: 'plain',
      snapshotDate: 0,
      weights: packWeights([
        { name: 'coef', shape: [this.nCols], values: this.coef },
        { name: 'intercept', shape: [1], values: Float64Array.of(this.intercept) }
      ])
    };
  }

  static fromJSON(saved: SavedModel): LogisticRegression {
    const m = new LogisticRegression(saved.params as LogisticParams);
    const w = unpackWeights(saved.weights!);
    // Float64 now; versions saved before dtypes were kept hold float32 arrays.
    m.coef = Float64Array.from(w.get('coef')!.values);
    m.intercept = w.get('intercept')!.values[0];
    m.nCols = m.coef.length;
    return m;
  }
}

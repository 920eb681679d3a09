import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import type { Forest } from '../../../src/lib/core/models/learners/gbdt/forest';
import { Gbdt } from '../../../src/lib/core/models/learners/gbdt/gbdt';
import { expectedValue, treeShap } from '../../../src/lib/core/models/learners/gbdt/treeShap';

/** n x nCols uniform features; label from a nonlinear rule with noise. */
function data(n: number, nCols: number, seed: number) {
  const rand = seededRandom(seed);
  const X = new Float32Array(n * nCols);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < nCols; c++) X[i * nCols + c] = rand() * 2 - 1;
    const x = X.subarray(i * nCols, (i + 1) * nCols);
    const z = 2 * x[0] * x[1] + (x[2] > 0.2 ? 1.5 : -1) + x[3] + 0.5 * Math.sin(3 * x[4]);
    y[i] = rand() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0;
  }
  return { X, y };
}

/** Path-dependent value of subset S (bit mask): x's branch on S's features, covers elsewhere. */
function valueOf(f: Forest, x: Float32Array, S: number): number {
  const below = (k: number): number => {
    const c = f.feature[k];
    if (c < 0) return f.value[k];
    if (S & (1 << c)) return below(x[c] > f.threshold[k] ? f.right[k] : f.left[k]);
    const l = f.left[k];
    const r = f.right[k];
    return (f.cover[l] * below(l) + f.cover[r] * below(r)) / f.cover[k];
  };
  let v = f.initScore;
  for (let t = 0; t < f.root.length; t++) v += below(f.root[t]);
  return v;
}

/** Exact Shapley values by enumerating all feature subsets. */
function bruteForceShap(f: Forest, x: Float32Array): Float64Array {
  const M = f.nCols;
  const fact = [1];
  for (let i = 1; i <= M; i++) fact[i] = fact[i - 1] * i;
  const v = new Float64Array(1 << M);
  for (let S = 0; S < 1 << M; S++) v[S] = valueOf(f, x, S);
  const phi = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    for (let S = 0; S < 1 << M; S++) {
      if (S & (1 << i)) continue;
      let size = 0;
      for (let b = S; b; b &= b - 1) size++;
      const weight = (fact[size] * fact[M - size - 1]) / fact[M];
      phi[i] += weight * (v[S | (1 << i)] - v[S]);
    }
  }
  return phi;
}

function relClose(a: number, b: number, tol: number) {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('TreeSHAP', () => {
  it('is additive: expected + sum of contributions = margin', async () => {
    const nCols = 8;
    const { X, y } = data(3000, nCols, 1);
    const m = new Gbdt({ rounds: 80, numLeaves: 31, minDataInLeaf: 10 });
    await m.fit({ X, nCols, y });
    const test = data(200, nCols, 2).X;
    test[5 * nCols + 2] = NaN; // NaN follows the left branch in both predict and SHAP
    const { values, expected } = m.shap(test);
    const margin = m.margin(test);
    expect(expected).toBeCloseTo(expectedValue(m.forest!), 12);
    for (let i = 0; i < 200; i++) {
      let s = expected;
      for (let c = 0; c < nCols; c++) s += values[i * nCols + c];
      expect(relClose(s, margin[i], 1e-6)).toBe(true);
    }
  });

  it('equals brute-force Shapley values of the path-dependent value function', async () => {
    const nCols = 6;
    const { X, y } = data(1500, nCols, 3);
    // Few features and many leaves: features repeat along paths, exercising the unwind step.
    const m = new Gbdt({ rounds: 15, numLeaves: 24, minDataInLeaf: 5, learningRate: 0.3 });
    await m.fit({ X, nCols, y });
    const f = m.forest!;
    let repeats = 0;
    const walk = (k: number, seen: number) => {
      const c = f.feature[k];
      if (c < 0) return;
      if (seen & (1 << c)) repeats++;
      walk(f.left[k], seen | (1 << c));
      walk(f.right[k], seen | (1 << c));
    };
    for (let t = 0; t < f.root.length; t++) walk(f.root[t], 0);
    expect(repeats).toBeGreaterThan(0);

    const test = data(25, nCols, 4).X;
    const { values, expected } = treeShap(f, test);
    expect(relClose(expected, valueOf(f, test.subarray(0, nCols), 0), 1e-9)).toBe(true);
    for (let i = 0; i < 25; i++) {
      const x = test.subarray(i * nCols, (i + 1) * nCols);
      const exact = bruteForceShap(f, x);
      for (let c = 0; c < nCols; c++) {
        expect(values[i * nCols + c]).toBeCloseTo(exact[c], 9);
      }
    }
  });

  it('matches brute force on a hand-built tree that splits twice on one feature', () => {
    // x0 <= 0 ? (x1 <= 0 ? (x0 <= -1 ? 1 : 2) : 3) : 4, uneven covers.
    const f: Forest = {
      nCols: 3,
      initScore: 0.25,
      feature: Int32Array.from([0, 1, 0, -1, -1, -1, -1]),
      threshold: Float64Array.from([0, 0, -1, 0, 0, 0, 0]),
      left: Int32Array.from([1, 2, 3, -1, -1, -1, -1]),
      right: Int32Array.from([6, 5, 4, -1, -1, -1, -1]),
      value: Float64Array.from([0, 0, 0, 1, 2, 3, 4]),
      cover: Float64Array.from([10, 6, 4, 1, 3, 2, 4]),
      gain: new Float64Array(7),
      root: Int32Array.from([0])
    };
    const rows = [
      [-2, -1, 5],
      [-0.5, -1, 0],
      [-0.5, 1, 0],
      [3, -3, 1]
    ];
    const X = Float32Array.from(rows.flat());
    const { values, expected } = treeShap(f, X);
    expect(expected).toBeCloseTo(0.25 + (1 * 1 + 2 * 3 + 3 * 2 + 4 * 4) / 10, 12);
    rows.forEach((_, i) => {
      const exact = bruteForceShap(f, X.subarray(i * 3, i * 3 + 3));
      for (let c = 0; c < 3; c++) expect(values[i * 3 + c]).toBeCloseTo(exact[c], 12);
      expect(values[i * 3 + 2]).toBe(0);
    });
  });

  it('gives exactly 0 to a feature no split uses', async () => {
    const nCols = 5;
    const { X, y } = data(2000, nCols, 5);
    for (let i = 0; i < 2000; i++) X[i * nCols + 4] = 7; // constant: a single bin, never split
    const m = new Gbdt({ rounds: 40 });
    await m.fit({ X, nCols, y });
    expect(m.featureImportance().split[4]).toBe(0);
    const test = data(50, nCols, 6).X;
    const { values } = m.shap(test);
    let used = 0;
    for (let i = 0; i < 50; i++) {
      expect(values[i * nCols + 4]).toBe(0);
      used += Math.abs(values[i * nCols]);
    }
    expect(used).toBeGreaterThan(0);
  });
});

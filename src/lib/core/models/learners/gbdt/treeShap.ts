// Exact path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2; Lundberg et al. 2020,
// "From local explanations to global understanding with explainable AI for trees"), following
// the reference C++ implementation in the `shap` package. Values are in the margin (log-odds)
// space: for each row, expected + sum(values) = raw margin. "Missing" features follow the
// training-data distribution through each split, weighted by node cover (hessian sums).
import type { Forest } from './forest';

/** Cover-weighted mean output of the tree below `node` (the path-dependent expectation). */
function nodeExpectation(f: Forest, node: number): number {
  if (f.feature[node] < 0) return f.value[node];
  const l = f.left[node];
  const r = f.right[node];
  return (f.cover[l] * nodeExpectation(f, l) + f.cover[r] * nodeExpectation(f, r)) / f.cover[node];
}

/** Expected margin over the training distribution: initial score + each tree's expectation. */
export function expectedValue(f: Forest): number {
  let e = f.initScore;
  for (let t = 0; t < f.root.length; t++) e += nodeExpectation(f, f.root[t]);
  return e;
}

function depthBelow(f: Forest, node: number): number {
  if (f.feature[node] < 0) return 0;
  return 1 + Math.max(depthBelow(f, f.left[node]), depthBelow(f, f.right[node]));
}

/** SHAP values of every row of row-major X (n x nCols, output n x nCols) and the bias. */
export function treeShap(f: Forest, X: Float32Array): { values: Float64Array; expected: number } {
  const nCols = f.nCols;
  const n = X.length / nCols;
  const values = new Float64Array(n * nCols);
  let maxDepth = 0;
  for (let t = 0; t < f.root.length; t++) maxDepth = Math.max(maxDepth, depthBelow(f, f.root[t]));
  const shap = new PathShap(f, maxDepth);
  for (let i = 0; i < n; i++) {
    const phi = values.subarray(i * nCols, (i + 1) * nCols);
    for (let t = 0; t < f.root.length; t++) shap.tree(f.root[t], X, i * nCols, phi);
  }
  return { values, expected: expectedValue(f) };
}

// Path element layout in the working array: 4 doubles [feature, zero fraction, one fraction,
// permutation weight]. In the path-dependent algorithm one fractions are always 0 or 1.
const FEAT = 0;
const ZERO = 1;
const ONE = 2;
const W = 3;

/** Working memory and recursion for one forest. */
class PathShap {
  /** Path copies, one per recursion level (the reference implementation's unique_path). */
  private readonly path: Float64Array;
  /**
   * At [d * stride + i]: (i + 1) / (d + 1), its inverse, (d - i) / (d + 1), 1 / (d - i) and
   * (d - i) / (i + 1): the constant factors of the path-weight recurrences, so the hot loops
   * multiply instead of divide.
   */
  private readonly ratio: Float64Array;
  private readonly invRatio: Float64Array;
  private readonly rest: Float64Array;
  private readonly invDist: Float64Array;
  private readonly cross: Float64Array;
  private readonly stride: number;
  private X!: Float32Array;
  private base = 0;
  private phi!: Float64Array;

  constructor(
    private readonly f: Forest,
    maxDepth: number
  ) {
    // Level r holds a path of at most r + 2 elements at element offset <= (r + 1)(r + 2) / 2.
    const levels = maxDepth + 2;
    this.path = new Float64Array(((levels + 2) * (levels + 3) * 4) / 2);
    this.stride = levels + 1;
    const size = this.stride * this.stride;
    this.ratio = new Float64Array(size);
    this.invRatio = new Float64Array(size);
    this.rest = new Float64Array(size);
    this.invDist = new Float64Array(size);
    this.cross = new Float64Array(size);
    for (let d = 0; d < this.stride; d++) {
      for (let i = 0; i < d; i++) {
        const at = d * this.stride + i;
        this.ratio[at] = (i + 1) / (d + 1);
        this.invRatio[at] = (d + 1) / (i + 1);
        this.rest[at] = (d - i) / (d + 1);
        this.invDist[at] = 1 / (d - i);
        this.cross[at] = (d - i) / (i + 1);
      }
    }
  }

  tree(root: number, X: Float32Array, base: number, phi: Float64Array): void {
    this.X = X;
    this.base = base;
    this.phi = phi;
    this.recurse(root, 0, 0, 1, 1, -1);
  }

  /** `parent`: offset (in doubles) of the caller's path of `d` elements. */
  private recurse(
    node: number,
    d: number,
    parent: number,
    pZero: number,
    pOne: number,
    pFeature: number
  ): void {
    const path = this.path;
    const f = this.f;
    const off = parent + (d + 1) * 4;
    for (let j = 0; j < d * 4; j++) path[off + j] = path[parent + j];
    this.extend(off, d, pZero, pOne, pFeature);

    const split = f.feature[node];
    if (split < 0) {
      this.leaf(off, d, f.value[node]);
      return;
    }
    // NaN goes left, as in prediction.
    const goRight = this.X[this.base + split] > f.threshold[node];
    const hot = goRight ? f.right[node] : f.left[node];
    const cold = goRight ? f.left[node] : f.right[node];
    const cover = f.cover[node];
    let inZero = 1;
    let inOne = 1;
    let k = 1;
    while (k <= d && path[off + k * 4 + FEAT] !== split) k++;
    if (k <= d) {
      // Split on a feature already on the path: undo its earlier entry and merge the fractions.
      inZero = path[off + k * 4 + ZERO];
      inOne = path[off + k * 4 + ONE];
      this.unwind(off, d, k);
      d--;
    }
    this.recurse(hot, d + 1, off, (f.cover[hot] / cover) * inZero, inOne, split);
    this.recurse(cold, d + 1, off, (f.cover[cold] / cover) * inZero, 0, split);
  }

  private extend(off: number, d: number, pZero: number, pOne: number, pFeature: number): void {
    const { path, ratio, rest } = this;
    const at = off + d * 4;
    path[at + FEAT] = pFeature;
    path[at + ZERO] = pZero;
    path[at + ONE] = pOne;
    path[at + W] = d === 0 ? 1 : 0;
    const row = d * this.stride;
    for (let i = d - 1; i >= 0; i--) {
      const wi = path[off + i * 4 + W];
      path[off + (i + 1) * 4 + W] += pOne * wi * ratio[row + i];
      path[off + i * 4 + W] = pZero * wi * rest[row + i];
    }
  }

  /** Credit leaf value v to the features on the path (the reference's unwound_path_sum loop). */
  private leaf(off: number, d: number, v: number): void {
    const { path, invRatio, invDist, cross, phi } = this;
    const row = d * this.stride;
    // Elements with one fraction 0 all get the same share: -(d + 1) v sum_i w_i / (d - i).
    let zeroShare = 0;
    let zeroDone = false;
    for (let k = 1; k <= d; k++) {
      const at = off + k * 4;
      const o = path[at + ONE];
      if (o === 0) {
        if (!zeroDone) {
          let s = 0;
          for (let i = 0; i < d; i++) s += path[off + i * 4 + W] * invDist[row + i];
          zeroShare = -(d + 1) * v * s;
          zeroDone = true;
        }
        phi[path[at + FEAT]] += zeroShare;
      } else {
        // o is 1 here. The reference's tmp = next (d + 1) / (i + 1) and
        // next = w_i - tmp z (d - i) / (d + 1), with the constants folded so the serial chain
        // through `next` is one multiply and one subtract.
        const z = path[at + ZERO];
        let next = path[off + d * 4 + W];
        let total = 0;
        for (let i = d - 1; i >= 0; i--) {
          total += next * invRatio[row + i];
          next = path[off + i * 4 + W] - next * (z * cross[row + i]);
        }
        phi[path[at + FEAT]] += total * (1 - z) * v;
      }
    }
  }

  /** Remove element k from the path of d + 1 elements (the reference's unwind_path). */
  private unwind(off: number, d: number, k: number): void {
    const path = this.path;
    const o = path[off + k * 4 + ONE];
    const z = path[off + k * 4 + ZERO];
    const row = d * this.stride;
    let next = path[off + d * 4 + W];
    for (let i = d - 1; i >= 0; i--) {
      const at = off + i * 4 + W;
      if (o !== 0) {
        const tmp = path[at];
        path[at] = next / (this.ratio[row + i] * o);
        next = tmp - path[at] * z * this.rest[row + i];
      } else {
        path[at] = path[at] / (z * this.rest[row + i]);
      }
    }
    for (let j = k * 4; j < d * 4; j++) {
      // Shift feature and fractions left; weights were recomputed in place above.
      if ((j & 3) !== W) path[off + j] = path[off + j + 4];
    }
  }
}

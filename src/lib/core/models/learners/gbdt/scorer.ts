// Fast scoring of many rows: the forest re-laid out so a tree walk has no unpredictable branch.
// Walking a tree row by row costs mostly mispredicted branches (one data-dependent branch per
// node, and the loop exit), so instead:
// - each internal node's children sit next to each other: child = first + (x > threshold);
// - leaves loop to themselves, so a tree is walked a fixed number of steps (its depth);
// - float comparisons become integer ones: Float32 bit patterns map to order-preserving int32
//   keys, each threshold to the key of the largest float32 <= it (exact for Float32 inputs), and
//   "key(t) < key(x)" is computed with overflow-safe bit arithmetic (Hacker's Delight §2-12:
//   a < b when ((s ^ ((a ^ b) & (s ^ a))) >>> 31) is 1, s = (a - b) | 0);
// - eight rows are walked together so their independent steps overlap in the CPU.
// Results are identical to forest.ts's plain walk (tested), including NaN going left.
import type { Forest } from './forest';

export interface CompiledForest {
  nCols: number;
  initScore: number;
  /** Per slot: split column (0 for leaves), threshold key (INT32_MAX for leaves). */
  feature: Int32Array;
  key: Int32Array;
  /** Left child slot (right = left + 1); a leaf's own slot. */
  child: Int32Array;
  value: Float64Array;
  root: Int32Array;
  depth: Int32Array;
}

const INT32_MAX = 0x7fffffff;
const INT32_MIN = -0x80000000;

/** Order-preserving int32 key of a Float32 bit pattern; -0 → 0 (= +0), NaN → INT32_MIN. */
function orderedKey(bits: number): number {
  if ((bits & 0x7fffffff) > 0x7f800000) return INT32_MIN;
  if (bits === INT32_MIN) return 0; // -0
  return bits >= 0 ? bits : bits ^ 0x7fffffff;
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** Key of the largest float32 <= t: for a float32 x, x > t exactly when key(x) > this key. */
function thresholdKey(t: number): number {
  f32[0] = t; // rounds to nearest; step down one float32 when that went above t
  if (f32[0] > t) {
    // Positive: smaller bit pattern. Zero: the negative float32 closest to 0. Negative: larger.
    if (f32[0] > 0) i32[0] -= 1;
    else if (f32[0] === 0) i32[0] = INT32_MIN + 1;
    else i32[0] += 1;
  }
  return orderedKey(i32[0]);
}

export function compileForest(f: Forest): CompiledForest {
  const nTrees = f.root.length;
  // A binary tree with L leaves has 2L - 1 nodes: the same slot count as the source.
  const size = f.feature.length;
  const feature = new Int32Array(size);
  const key = new Int32Array(size);
  const child = new Int32Array(size);
  const value = new Float64Array(size);
  const root = new Int32Array(nTrees);
  const depth = new Int32Array(nTrees);
  let next = 0;
  const queue: number[] = [];
  for (let t = 0; t < nTrees; t++) {
    root[t] = next++;
    // Breadth-first: (source node, slot, depth) triples.
    queue.length = 0;
    queue.push(f.root[t], root[t], 0);
    for (let q = 0; q < queue.length; q += 3) {
      const k = queue[q];
      const at = queue[q + 1];
      const d = queue[q + 2];
      if (f.feature[k] < 0) {
        key[at] = INT32_MAX;
        child[at] = at;
        value[at] = f.value[k];
        if (d > depth[t]) depth[t] = d;
        continue;
      }
      feature[at] = f.feature[k];
      key[at] = thresholdKey(f.threshold[k]);
      child[at] = next;
      queue.push(f.left[k], next, d + 1, f.right[k], next + 1, d + 1);
      next += 2;
    }
  }
  return { nCols: f.nCols, initScore: f.initScore, feature, key, child, value, root, depth };
}

/** Rows keyed and scored together (their keys stay in cache across all trees). */
const BLOCK = 2048;

/** Raw scores (log-odds) of every row of row-major X; the same values as forestMargin. */
export function compiledMargin(c: CompiledForest, X: Float32Array): Float64Array {
  const { nCols } = c;
  const n = X.length / nCols;
  const out = new Float64Array(n);
  const bits = new Int32Array(X.buffer, X.byteOffset, X.length);
  const keys = new Int32Array(Math.min(n, BLOCK) * nCols);
  const part = new Float64Array(Math.min(n, BLOCK));
  for (let start = 0; start < n; start += BLOCK) {
    const rows = Math.min(BLOCK, n - start);
    const from = start * nCols;
    for (let j = 0; j < rows * nCols; j++) keys[j] = orderedKey(bits[from + j]);
    // Same summation order as the plain walk (initial score, then trees in order): equal results.
    part.fill(c.initScore);
    scoreBlock(c, keys, rows, part);
    for (let i = 0; i < rows; i++) out[start + i] = part[i];
  }
  return out;
}

function scoreBlock(c: CompiledForest, keys: Int32Array, rows: number, out: Float64Array): void {
  const { nCols, feature: F, key: K, child: C, value: V, root, depth } = c;
  const groups = rows - (rows % 8);
  for (let t = 0; t < root.length; t++) {
    const r = root[t];
    const D = depth[t];
    for (let i = 0; i < groups; i += 8) {
      const b0 = i * nCols;
      const b1 = b0 + nCols;
      const b2 = b1 + nCols;
      const b3 = b2 + nCols;
      const b4 = b3 + nCols;
      const b5 = b4 + nCols;
      const b6 = b5 + nCols;
      const b7 = b6 + nCols;
      let k0 = r;
      let k1 = r;
      let k2 = r;
      let k3 = r;
      let k4 = r;
      let k5 = r;
      let k6 = r;
      let k7 = r;
      for (let d = 0; d < D; d++) {
        let a = K[k0];
        let x = keys[b0 + F[k0]];
        let s = (a - x) | 0;
        k0 = C[k0] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
        a = K[k1];
        x = keys[b1 + F[k1]];
        s = (a - x) | 0;
        k1 = C[k1] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
        a = K[k2];
        x = keys[b2 + F[k2]];
        s = (a - x) | 0;
        k2 = C[k2] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
        a = K[k3];
        x = keys[b3 + F[k3]];
        s = (a - x) | 0;
        k3 = C[k3] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
        a = K[k4];
        x = keys[b4 + F[k4]];
        s = (a - x) | 0;
        k4 = C[k4] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
        a = K[k5];
        x = keys[b5 + F[k5]];
        s = (a - x) | 0;
        k5 = C[k5] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
        a = K[k6];
        x = keys[b6 + F[k6]];
        s = (a - x) | 0;
        k6 = C[k6] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
        a = K[k7];
        x = keys[b7 + F[k7]];
        s = (a - x) | 0;
        k7 = C[k7] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
      }
      out[i] += V[k0];
      out[i + 1] += V[k1];
      out[i + 2] += V[k2];
      out[i + 3] += V[k3];
      out[i + 4] += V[k4];
      out[i + 5] += V[k5];
      out[i + 6] += V[k6];
      out[i + 7] += V[k7];
    }
    for (let i = groups; i < rows; i++) {
      const b = i * nCols;
      let k = r;
      for (let d = 0; d < D; d++) {
        const a = K[k];
        const x = keys[b + F[k]];
        const s = (a - x) | 0;
        k = C[k] + ((s ^ ((a ^ x) & (s ^ a))) >>> 31);
      }
      out[i] += V[k];
    }
  }
}

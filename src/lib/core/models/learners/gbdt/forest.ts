// The trees of a boosted model as flat typed arrays (one slot per node, all trees concatenated).
// Node k: feature[k] = split column, or -1 for a leaf; "x <= threshold[k]" (and NaN) goes to
// left[k], otherwise right[k] (absolute node indices). value[k] is the leaf output (already
// multiplied by the learning rate), cover[k] the hessian sum of the training rows that reached
// the node (TreeSHAP weights), gain[k] the split gain (importance). Tree t's root is root[t].

export interface Forest {
  nCols: number;
  /** Raw score every row starts from (log-odds of the training base rate). */
  initScore: number;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  gain: Float64Array;
  /** Root node of each tree. */
  root: Int32Array;
}

/** Grows a forest node by node with amortised doubling of the typed arrays. */
export class ForestBuilder {
  nNodes = 0;
  nTrees = 0;
  private f: Forest;

  constructor(nCols: number, initScore: number) {
    this.f = {
      nCols,
      initScore,
      feature: new Int32Array(256),
      threshold: new Float64Array(256),
      left: new Int32Array(256),
      right: new Int32Array(256),
      value: new Float64Array(256),
      cover: new Float64Array(256),
      gain: new Float64Array(256),
      root: new Int32Array(64)
    };
  }

  get forest(): Forest {
    return this.f;
  }

  /** A new leaf node; returns its index. */
  addLeaf(value: number, cover: number): number {
    const f = this.f;
    if (this.nNodes === f.feature.length) {
      const cap = this.nNodes * 2;
      f.feature = grow(f.feature, cap);
      f.threshold = grow(f.threshold, cap);
      f.left = grow(f.left, cap);
      f.right = grow(f.right, cap);
      f.value = grow(f.value, cap);
      f.cover = grow(f.cover, cap);
      f.gain = grow(f.gain, cap);
    }
    const k = this.nNodes++;
    f.feature[k] = -1;
    f.threshold[k] = 0;
    f.left[k] = -1;
    f.right[k] = -1;
    f.value[k] = value;
    f.cover[k] = cover;
    f.gain[k] = 0;
    return k;
  }

  /** Turn leaf `k` into a split node with the given children. */
  setSplit(k: number, feature: number, threshold: number, gain: number, l: number, r: number) {
    const f = this.f;
    f.feature[k] = feature;
    f.threshold[k] = threshold;
    f.gain[k] = gain;
    f.left[k] = l;
    f.right[k] = r;
  }

  /** Start a tree whose root is node `k`. */
  addRoot(k: number): void {
    if (this.nTrees === this.f.root.length) this.f.root = grow(this.f.root, this.nTrees * 2);
    this.f.root[this.nTrees++] = k;
  }

  /** The first `nTrees` trees as exactly sized arrays (trees are stored in order). */
  finish(nTrees = this.nTrees): Forest {
    const f = this.f;
    const end = nTrees < this.nTrees ? f.root[nTrees] : this.nNodes;
    return {
      nCols: f.nCols,
      initScore: f.initScore,
      feature: f.feature.slice(0, end),
      threshold: f.threshold.slice(0, end),
      left: f.left.slice(0, end),
      right: f.right.slice(0, end),
      value: f.value.slice(0, end),
      cover: f.cover.slice(0, end),
      gain: f.gain.slice(0, end),
      root: f.root.slice(0, nTrees)
    };
  }
}

/**
 * The average of several forests' margins as one forest: their trees one after another, every
 * leaf value divided by their number, starting from the mean initial score. Covers (TreeSHAP's
 * weights) stay as they are, being relative within a tree; gains are averaged like the values.
 */
export function mergeForests(forests: readonly Forest[]): Forest {
  const k = forests.length;
  if (k === 1) return forests[0];
  const nodes = forests.reduce((t, f) => t + f.feature.length, 0);
  const trees = forests.reduce((t, f) => t + f.root.length, 0);
  const out: Forest = {
    nCols: forests[0].nCols,
    initScore: forests.reduce((t, f) => t + f.initScore, 0) / k,
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float64Array(nodes),
    cover: new Float64Array(nodes),
    gain: new Float64Array(nodes),
    root: new Int32Array(trees)
  };
  let at = 0;
  let t = 0;
  for (const f of forests) {
    if (f.nCols !== out.nCols) throw new Error('mergeForests: forests of different widths');
    const m = f.feature.length;
    out.feature.set(f.feature, at);
    out.threshold.set(f.threshold, at);
    out.cover.set(f.cover, at);
    for (let i = 0; i < m; i++) {
      // Child indices are absolute: shift them by the nodes placed before this forest.
      out.left[at + i] = f.left[i] < 0 ? -1 : f.left[i] + at;
      out.right[at + i] = f.right[i] < 0 ? -1 : f.right[i] + at;
      out.value[at + i] = f.value[i] / k;
      out.gain[at + i] = f.gain[i] / k;
    }
    for (let j = 0; j < f.root.length; j++) out.root[t + j] = f.root[j] + at;
    at += m;
    t += f.root.length;
  }
  return out;
}

function grow<T extends Int32Array | Float64Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** Leaf reached by row `base` of X (row-major) in the tree rooted at `node`. */
export function leafOf(f: Forest, node: number, X: ArrayLike<number>, base: number): number {
  const { feature, threshold, left, right } = f;
  let ft = feature[node];
  while (ft >= 0) {
    node = X[base + ft] > threshold[node] ? right[node] : left[node];
    ft = feature[node];
  }
  return node;
}

/** Add the output of trees [from, to) to `out` for every row of row-major X. */
export function addTrees(f: Forest, from: number, to: number, X: Float32Array, out: Float64Array) {
  const { nCols, feature, threshold, left, right, value, root } = f;
  const n = out.length;
  // Tree-outer order: one tree's nodes stay in cache and its branches stay predictable.
  for (let t = from; t < to; t++) {
    const r = root[t];
    for (let i = 0; i < n; i++) {
      const base = i * nCols;
      let node = r;
      let ft = feature[node];
      while (ft >= 0) {
        node = X[base + ft] > threshold[node] ? right[node] : left[node];
        ft = feature[node];
      }
      out[i] += value[node];
    }
  }
}

/** Raw scores (log-odds) of every row of row-major X. */
export function forestMargin(f: Forest, X: Float32Array): Float64Array {
  const out = new Float64Array(X.length / f.nCols).fill(f.initScore);
  addTrees(f, 0, f.root.length, X, out);
  return out;
}

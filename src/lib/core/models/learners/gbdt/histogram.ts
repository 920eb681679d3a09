// Gradient histograms and split search (Ke et al. 2017). A histogram holds, for every bin of
// every feature, the sums of gradient, hessian and row count of one leaf's rows, interleaved as
// [g, h, count] triples; feature c's bins start at triple offset[c].
import type { BinEdges } from './bins';

export interface HistLayout {
  offset: Int32Array;
  nBins: Int32Array;
  /** Length of a histogram array (3 per bin). */
  size: number;
}

export function histLayout(edges: BinEdges): HistLayout {
  const offset = new Int32Array(edges.length);
  const nBins = new Int32Array(edges.length);
  let total = 0;
  edges.forEach((e, c) => {
    offset[c] = total;
    nBins[c] = e.length;
    total += e.length;
  });
  return { offset, nBins, size: total * 3 };
}

/**
 * Fill `hist` (zeroed here for the listed features) from the rows rows[start..end).
 * `bins` is the column-major bin matrix with `nRows` rows; og/oh are scratch arrays of at least
 * end - start entries: the leaf's gradients are gathered once in row order ("ordered gradients")
 * so the per-feature loops read them sequentially. Features go four to a pass, so each pass
 * reads a row index and its gradients once for four histogram updates.
 */
export function buildHistogram(
  hist: Float64Array,
  layout: HistLayout,
  features: Int32Array,
  bins: Uint8Array,
  nRows: number,
  rows: Int32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
  og: Float64Array,
  oh: Float64Array
): void {
  const len = end - start;
  for (let k = 0; k < len; k++) {
    const i = rows[start + k];
    og[k] = g[i];
    oh[k] = h[i];
  }
  const { offset, nBins } = layout;
  for (let j = 0; j < features.length; j++) {
    const o = offset[features[j]] * 3;
    hist.fill(0, o, o + nBins[features[j]] * 3);
  }
  // Separate functions keep each loop's type feedback its own (no deopt when one never runs).
  let j = 0;
  for (; j + 4 <= features.length; j += 4) {
    accumulate4(hist, layout, features, j, bins, nRows, rows, start, len, og, oh);
  }
  for (; j < features.length; j++) {
    accumulate1(hist, layout, features[j], bins, nRows, rows, start, len, og, oh);
  }
}

function accumulate4(
  hist: Float64Array,
  { offset }: HistLayout,
  features: Int32Array,
  j: number,
  bins: Uint8Array,
  nRows: number,
  rows: Int32Array,
  start: number,
  len: number,
  og: Float64Array,
  oh: Float64Array
): void {
  const c0 = features[j] * nRows;
  const c1 = features[j + 1] * nRows;
  const c2 = features[j + 2] * nRows;
  const c3 = features[j + 3] * nRows;
  const o0 = offset[features[j]] * 3;
  const o1 = offset[features[j + 1]] * 3;
  const o2 = offset[features[j + 2]] * 3;
  const o3 = offset[features[j + 3]] * 3;
  for (let k = 0; k < len; k++) {
    const i = rows[start + k];
    const gk = og[k];
    const hk = oh[k];
    const b0 = o0 + bins[c0 + i] * 3;
    const b1 = o1 + bins[c1 + i] * 3;
    const b2 = o2 + bins[c2 + i] * 3;
    const b3 = o3 + bins[c3 + i] * 3;
    hist[b0] += gk;
    hist[b0 + 1] += hk;
    hist[b0 + 2]++;
    hist[b1] += gk;
    hist[b1 + 1] += hk;
    hist[b1 + 2]++;
    hist[b2] += gk;
    hist[b2 + 1] += hk;
    hist[b2 + 2]++;
    hist[b3] += gk;
    hist[b3 + 1] += hk;
    hist[b3 + 2]++;
  }
}

function accumulate1(
  hist: Float64Array,
  { offset }: HistLayout,
  feature: number,
  bins: Uint8Array,
  nRows: number,
  rows: Int32Array,
  start: number,
  len: number,
  og: Float64Array,
  oh: Float64Array
): void {
  const col = feature * nRows;
  const o = offset[feature] * 3;
  for (let k = 0; k < len; k++) {
    const b = o + bins[col + rows[start + k]] * 3;
    hist[b] += og[k];
    hist[b + 1] += oh[k];
    hist[b + 2]++;
  }
}

/** parent -= child over the listed features: the parent's array becomes the sibling's histogram. */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  layout: HistLayout,
  features: Int32Array
): void {
  for (let j = 0; j < features.length; j++) {
    const c = features[j];
    const o = layout.offset[c] * 3;
    const e = o + layout.nBins[c] * 3;
    for (let b = o; b < e; b++) parent[b] -= child[b];
  }
}

export interface SplitConstraints {
  lambdaL2: number;
  minDataInLeaf: number;
  minSumHessianInLeaf: number;
}

/** Best split of one leaf; gain -Infinity when none is allowed. Left side: bins <= bin. */
export interface SplitInfo {
  gain: number;
  feature: number;
  bin: number;
  gl: number;
  hl: number;
  cl: number;
}

export function emptySplit(): SplitInfo {
  return { gain: -Infinity, feature: -1, bin: -1, gl: 0, hl: 0, cl: 0 };
}

/**
 * Scan every listed feature's bins for the split with the largest gain
 * G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), given the leaf totals G, H, C. Writes into `out`.
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistLayout,
  features: Int32Array,
  G: number,
  H: number,
  C: number,
  k: SplitConstraints,
  out: SplitInfo
): void {
  const lambda = k.lambdaL2;
  const minData = k.minDataInLeaf;
  const minHess = k.minSumHessianInLeaf;
  const parentScore = (G * G) / (H + lambda);
  out.gain = -Infinity;
  out.feature = -1;
  for (let j = 0; j < features.length; j++) {
    const c = features[j];
    const o = layout.offset[c] * 3;
    const last = layout.nBins[c] - 1;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < last; b++) {
      const t = o + b * 3;
      gl += hist[t];
      hl += hist[t + 1];
      cl += hist[t + 2];
      if (cl < minData || hl < minHess) continue;
      const cr = C - cl;
      const hr = H - hl;
      if (cr < minData || hr < minHess) break; // the right side only shrinks from here
      const gr = G - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
      if (gain > out.gain) {
        out.gain = gain;
        out.feature = c;
        out.bin = b;
        out.gl = gl;
        out.hl = hl;
        out.cl = cl;
      }
    }
  }
}

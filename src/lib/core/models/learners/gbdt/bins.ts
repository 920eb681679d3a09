// Quantile binning of feature columns (Ke et al. 2017, LightGBM "histogram" algorithm).
// Each column gets at most `maxBins` bins described by their upper edges in raw feature space:
// a value goes to the first bin whose upper edge is >= it. A split "bin <= b goes left" is then
// exactly "x <= upper[b] goes left" on raw values, so prediction never needs to bin.
// NaN goes to bin 0 (always on the left side of any split), matching `!(x > t)` in prediction.

/** Upper bin edges per column; the last edge of every column is +Infinity. */
export type BinEdges = Float64Array[];

/** Rows looked at per column when choosing edges; beyond this a regular stride sample is used. */
const SAMPLE_CAP = 200_000;

/**
 * Bin edges of every column of row-major `X` (n x nCols), from the rows in `rows` only (all rows
 * when omitted). Fewer distinct values than `maxBins`: one bin per value, edges at midpoints.
 */
export function computeBinEdges(
  X: Float32Array,
  nCols: number,
  rows: ArrayLike<number> | null,
  maxBins = 255
): BinEdges {
  const nAll = rows ? rows.length : X.length / nCols;
  const stride = Math.max(1, Math.ceil(nAll / SAMPLE_CAP));
  const limit = Math.max(2, Math.min(256, Math.floor(maxBins))); // bin ids must fit a Uint8
  const vals = new Float64Array(Math.ceil(nAll / stride));
  const edges: BinEdges = [];
  for (let c = 0; c < nCols; c++) {
    let m = 0;
    for (let k = 0; k < nAll; k += stride) {
      const v = X[(rows ? rows[k] : k) * nCols + c];
      if (v === v) vals[m++] = v; // skip NaN
    }
    edges.push(columnEdges(vals.subarray(0, m).sort(), limit));
  }
  return edges;
}

/** Edges for one sorted column: greedy equal-count bins over the distinct values. */
function columnEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
    else {
      distinct.push(sorted[i]);
      counts.push(1);
    }
  }
  const d = distinct.length;
  const out: number[] = [];
  const mid = (k: number) => (distinct[k] + distinct[k + 1]) / 2;
  if (d <= maxBins) {
    for (let k = 0; k + 1 < d; k++) out.push(mid(k));
  } else {
    let remaining = sorted.length;
    let acc = 0;
    for (let k = 0; k + 1 < d && out.length < maxBins - 1; k++) {
      const target = remaining / (maxBins - out.length);
      // A heavy value that would overshoot the target by more than it fills gets its own bin.
      if (acc > 0 && acc + counts[k] > target && target - acc < acc + counts[k] - target) {
        out.push(mid(k - 1));
        remaining -= acc;
        acc = 0;
        if (out.length >= maxBins - 1) break;
      }
      acc += counts[k];
      if (acc >= remaining / (maxBins - out.length)) {
        out.push(mid(k));
        remaining -= acc;
        acc = 0;
      }
    }
  }
  out.push(Infinity);
  return Float64Array.from(out);
}

/** Bin id of `v`: the first edge >= v (binary search); NaN → 0. */
export function binOf(e: Float64Array, v: number): number {
  if (!(v > e[0])) return 0;
  let lo = 1;
  let hi = e.length - 1; // e[hi] = +Infinity >= v
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (e[m] >= v) hi = m;
    else lo = m + 1;
  }
  return lo;
}

/**
 * Bin ids of the rows in `rows` (all rows when omitted), column-major: column c of the result
 * is out[c * nRows .. (c + 1) * nRows), so a histogram pass over one feature reads one block.
 */
export function binMatrix(
  X: Float32Array,
  nCols: number,
  edges: BinEdges,
  rows: ArrayLike<number> | null = null
): Uint8Array {
  const nRows = rows ? rows.length : X.length / nCols;
  const out = new Uint8Array(nRows * nCols);
  for (let c = 0; c < nCols; c++) {
    const e = edges[c];
    const base = c * nRows;
    for (let k = 0; k < nRows; k++) out[base + k] = binOf(e, X[(rows ? rows[k] : k) * nCols + c]);
  }
  return out;
}

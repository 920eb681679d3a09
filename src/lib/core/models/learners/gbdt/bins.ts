// Quantile binning of feature columns (Ke et al. 2017, LightGBM "histogram" algorithm).
// Each column gets at most `maxBins` bins described by their upper edges in raw feature space:
// a value goes to the first bin whose upper edge is >= it. A split "bin <= b goes left" is then
// exactly "x <= upper[b] goes left" on raw values, so prediction never needs to bin.
// NaN goes to bin 0 (always on the left side of any split), matching `!(x > t)` in prediction.

/** Upper bin edges per column; the last edge of every column is +Infinity. */
export type BinEdges = Float64Array[];

/** Rows looked at per column when choosing edges; beyond this a regular stride sample is used. */
const SAMPLE_CAP = 200_000;

/** Columns gathered per pass over the rows (row-major reads, one buffer per column). */
const BLOCK = 8;

/**
 * Bin edges of every column of row-major `X` (n x nCols), from the rows in `rows` only (all rows
 * when null). Fewer distinct values than `maxBins`: one bin per value, edges at midpoints.
 */
export function computeBinEdges(
  X: Float32Array,
  nCols: number,
  rows: ArrayLike<number> | null,
  maxBins = 255
): BinEdges {
  const idx = rowIndex(X, nCols, rows);
  const stride = Math.max(1, Math.ceil(idx.length / SAMPLE_CAP));
  const limit = Math.max(2, Math.min(256, Math.floor(maxBins))); // bin ids must fit a Uint8
  const size = Math.ceil(idx.length / stride);
  const vals = Array.from({ length: Math.min(BLOCK, nCols) }, () => new Float32Array(size));
  const counts = new Int32Array(BLOCK);
  const edges: BinEdges = [];
  for (let c0 = 0; c0 < nCols; c0 += BLOCK) {
    const width = Math.min(BLOCK, nCols - c0);
    counts.fill(0);
    for (let k = 0; k < idx.length; k += stride) {
      const base = idx[k] * nCols + c0;
      for (let j = 0; j < width; j++) {
        const v = X[base + j];
        if (v === v) vals[j][counts[j]++] = v; // skip NaN
      }
    }
    for (let j = 0; j < width; j++) {
      edges.push(columnEdges(vals[j].subarray(0, counts[j]).sort(), limit));
    }
  }
  return edges;
}

/** `rows` as an Int32Array, or all row numbers when null (keeps the hot loops monomorphic). */
function rowIndex(X: Float32Array, nCols: number, rows: ArrayLike<number> | null): Int32Array {
  if (rows instanceof Int32Array) return rows;
  if (rows) return Int32Array.from(rows);
  return Int32Array.from({ length: X.length / nCols }, (_, i) => i);
}

/** Edges for one sorted column: greedy equal-count bins over the runs of equal values. */
function columnEdges(sorted: Float32Array, maxBins: number): Float64Array {
  const n = sorted.length;
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const out: number[] = [];
  if (distinct <= maxBins) {
    for (let i = 1; i < n; i++) {
      if (sorted[i] !== sorted[i - 1]) out.push((sorted[i - 1] + sorted[i]) / 2);
    }
  } else {
    let remaining = n;
    let acc = 0;
    let i = 0;
    while (out.length < maxBins - 1) {
      let j = i + 1;
      while (j < n && sorted[j] === sorted[i]) j++;
      if (j === n) break; // the last value's run always ends in the last bin
      const count = j - i;
      const target = remaining / (maxBins - out.length);
      // A heavy value that would overshoot the target by more than it fills gets its own bin.
      if (acc > 0 && acc + count > target && target - acc < acc + count - target) {
        out.push((sorted[i - 1] + sorted[i]) / 2);
        remaining -= acc;
        acc = 0;
        if (out.length >= maxBins - 1) break;
      }
      acc += count;
      if (acc >= remaining / (maxBins - out.length)) {
        out.push((sorted[i] + sorted[j]) / 2);
        remaining -= acc;
        acc = 0;
      }
      i = j;
    }
  }
  out.push(Infinity);
  return Float64Array.from(out);
}

/** Bin id of `v`: the first edge >= v; NaN → 0. Branch-free binary search (fixed step count). */
export function binOf(e: Float64Array, v: number): number {
  let base = 0;
  let len = e.length;
  while (len > 1) {
    const half = len >> 1;
    base = e[base + half - 1] < v ? base + half : base;
    len -= half;
  }
  return base;
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
  const idx = rowIndex(X, nCols, rows);
  const nRows = idx.length;
  const out = new Uint8Array(nRows * nCols);
  // Row-major reads, one sequential output stream per column.
  for (let k = 0; k < nRows; k++) {
    const base = idx[k] * nCols;
    for (let c = 0; c < nCols; c++) out[c * nRows + k] = binOf(edges[c], X[base + c]);
  }
  return out;
}

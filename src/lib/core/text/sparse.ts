// Sparse vectors: sorted term indices and their values.

export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** Dot product of two sparse vectors whose indices are sorted ascending. */
export function sparseDot(a: SparseVec, b: SparseVec): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i];
    const y = b.idx[j];
    if (x === y) s += a.val[i++] * b.val[j++];
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** How often each index occurs in `indices`, as a sparse vector. */
export function termCounts(indices: Int32Array): SparseVec {
  const sorted = indices.slice().sort();
  let n = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) n++;
  const idx = new Int32Array(n);
  const val = new Float32Array(n);
  let j = -1;
  for (let k = 0; k < sorted.length; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) idx[++j] = sorted[k];
    val[j]++;
  }
  return { idx, val };
}

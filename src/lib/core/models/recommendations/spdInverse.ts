// The inverse of a dense symmetric positive-definite matrix (row-major Float64Array, n × n), in
// place: Cholesky A = L Lᵀ, then M = L⁻¹ (kept transposed, so every inner loop is a dot product
// of two contiguous rows), then A⁻¹ = Mᵀ M. About n³/2 multiply-adds in all (n³/6 each step);
// EASE's cost is this, so it grows with the cube of the items it keeps (see README.md).
import { checkAborted, yieldToLoop } from '../family';

/** Σ a[ai + t] · b[bi + t] for t < len, four accumulators (the hot loop of all three steps). */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += a[ai + t] * b[bi + t];
    s1 += a[ai + t + 1] * b[bi + t + 1];
    s2 += a[ai + t + 2] * b[bi + t + 2];
    s3 += a[ai + t + 3] * b[bi + t + 3];
  }
  for (; t < len; t++) s0 += a[ai + t] * b[bi + t];
  return s0 + s1 + s2 + s3;
}

export interface InverseOptions {
  signal?: AbortSignal;
  /** Called now and then with the fraction done (0..1). */
  progress?(fraction: number): void;
}

/**
 * Replace `A` (symmetric positive definite, both triangles filled) by its inverse. Throws when
 * A is not numerically positive definite. Yields to the event loop between row blocks so a
 * cancel is seen.
 */
export async function invertSpd(A: Float64Array, n: number, o: InverseOptions = {}): Promise<void> {
  const d = new Float64Array(n); // L's diagonal, then Mᵀ's
  let work = 0;
  const total = 3 * n;
  const tick = async () => {
    if (++work % 64 === 0) {
      checkAborted(o.signal);
      o.progress?.(work / total);
      await yieldToLoop();
    }
  };
  // 1. Cholesky: L strictly below the diagonal of A, its diagonal in d.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i; j++) A[ri + j] = (A[ri + j] - dot(A, ri, A, j * n, j)) / d[j];
    const s = A[ri + i] - dot(A, ri, A, ri, i);
    if (!(s > 0)) throw new Error(`matrix is not positive definite (pivot ${i})`);
    d[i] = Math.sqrt(s);
    await tick();
  }
  // 2. Mᵀ = (L⁻¹)ᵀ, upper triangular, in A's upper triangle with its diagonal in d:
  //    M[i][j] = -(Σ_{k=j}^{i-1} L[i][k] M[k][j]) / L[i][i], and M[k][j] = Mᵀ[j][k].
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    // d[i] still holds L[i][i] for i > j. Mᵀ[j][j] goes in A's diagonal slot (no longer
    // needed), so row j of Mᵀ is contiguous for the dot products.
    d[j] = 1 / d[j];
    A[rj + j] = d[j];
    for (let i = j + 1; i < n; i++) A[rj + i] = -dot(A, i * n + j, A, rj + j, i - j) / d[i];
    await tick();
  }
  // 3. A⁻¹ = Mᵀ M: P[a][b] = Σ_{k ≥ b} Mᵀ[a][k] Mᵀ[b][k] for a ≤ b, written below the
  //    diagonal (L is no longer needed), the diagonal into d, then mirrored.
  for (let b = 0; b < n; b++) {
    const rb = b * n;
    for (let a = 0; a < b; a++) A[rb + a] = dot(A, a * n + b, A, rb + b, n - b);
    d[b] = dot(A, rb + b, A, rb + b, n - b);
    await tick();
  }
  for (let i = 0; i < n; i++) {
    A[i * n + i] = d[i];
    for (let j = 0; j < i; j++) A[j * n + i] = A[i * n + j];
  }
}

// Small dense linear algebra for parameter covariances (a handful of parameters).

/** Lower-triangular L with A = L Lᵀ, or null when A is not (numerically) positive definite. */
export function cholesky(A: number[][]): number[][] | null {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  return L;
}

/** Inverse of a symmetric positive-definite matrix via Cholesky, or null when it is not SPD. */
export function inverseSpd(A: number[][]): number[][] | null {
  const L = cholesky(A);
  if (!L) return null;
  const n = A.length;
  // inv(L) by forward substitution, then inv(A) = inv(L)ᵀ inv(L).
  const Li = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i][k] * Li[k][c];
      Li[i][c] = s / L[i][i];
    }
  }
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Li[k][i] * Li[k][j];
      out[i][j] = s;
    }
  return out;
}

/** Standard normal draws by Box–Muller from a uniform [0, 1) generator. */
export function normalSampler(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** One draw from N(mean, LLᵀ) given the Cholesky factor L. */
export function sampleMvn(mean: number[], L: number[][], normal: () => number): number[] {
  const n = mean.length;
  const z = Array.from({ length: n }, normal);
  return mean.map((m, i) => {
    let s = m;
    for (let k = 0; k <= i; k++) s += L[i][k] * z[k];
    return s;
  });
}

/** Linear-interpolated quantile of an already sorted array (type 7, as R and numpy). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

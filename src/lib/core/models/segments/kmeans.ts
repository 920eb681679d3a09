// k-means (Lloyd 1982) with k-means++ seeding (Arthur & Vassilvitskii 2007), seeded, on a
// row-major matrix (use the standardised feature table). The silhouette score (Rousseeuw 1987)
// on a sample proposes k.
import { seededRandom } from '../../evaluate/splits';

export interface KMeansResult {
  k: number;
  centroids: Float64Array; // k x nCols
  assignments: Int32Array;
  inertia: number;
  iterations: number;
}

function dist2(
  X: ArrayLike<number>,
  i: number,
  C: ArrayLike<number>,
  c: number,
  p: number
): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const d = X[i * p + j] - C[c * p + j];
    s += d * d;
  }
  return s;
}

export function kMeans(
  X: Float32Array,
  nCols: number,
  k: number,
  seed = 42,
  maxIter = 100
): KMeansResult {
  const n = X.length / nCols;
  if (k < 1 || k > n) throw new Error(`k must be between 1 and ${n}`);
  const rand = seededRandom(seed);
  const C = new Float64Array(k * nCols);
  // k-means++: next centre drawn with probability proportional to squared distance.
  const first = Math.floor(rand() * n);
  for (let j = 0; j < nCols; j++) C[j] = X[first * nCols + j];
  const d2 = Float64Array.from({ length: n }, (_, i) => dist2(X, i, C, 0, nCols));
  for (let c = 1; c < k; c++) {
    const total = d2.reduce((a, b) => a + b, 0);
    let target = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= d2[i];
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    for (let j = 0; j < nCols; j++) C[c * nCols + j] = X[pick * nCols + j];
    for (let i = 0; i < n; i++) d2[i] = Math.min(d2[i], dist2(X, i, C, c, nCols));
  }
  const assign = new Int32Array(n).fill(-1);
  let inertia = 0;
  let it = 0;
  for (; it < maxIter; it++) {
    let changed = 0;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bd = Infinity;
      for (let c = 0; c < k; c++) {
        const d = dist2(X, i, C, c, nCols);
        if (d < bd) {
          bd = d;
          best = c;
        }
      }
      inertia += bd;
      if (assign[i] !== best) {
        assign[i] = best;
        changed++;
      }
    }
    if (changed === 0) break;
    const counts = new Float64Array(k);
    C.fill(0);
    for (let i = 0; i < n; i++) {
      counts[assign[i]]++;
      for (let j = 0; j < nCols; j++) C[assign[i] * nCols + j] += X[i * nCols + j];
    }
    for (let c = 0; c < k; c++) {
      // An empty cluster keeps a random point as its centre.
      const src = counts[c] ? -1 : Math.floor(rand() * n);
      for (let j = 0; j < nCols; j++)
        C[c * nCols + j] = counts[c] ? C[c * nCols + j] / counts[c] : X[src * nCols + j];
    }
  }
  return { k, centroids: C, assignments: assign, inertia, iterations: it + 1 };
}

/** Mean silhouette over up to `sample` rows (exact when n <= sample). */
export function silhouette(
  X: Float32Array,
  nCols: number,
  assign: Int32Array,
  k: number,
  sample = 1000,
  seed = 1
): number {
  const n = assign.length;
  const rand = seededRandom(seed);
  const idx =
    n <= sample
      ? Array.from({ length: n }, (_, i) => i)
      : Array.from({ length: sample }, () => Math.floor(rand() * n));
  let total = 0;
  for (const i of idx) {
    const sum = new Float64Array(k);
    const cnt = new Float64Array(k);
    for (const o of idx) {
      if (o === i) continue;
      sum[assign[o]] += Math.sqrt(dist2(X, i, X, o, nCols));
      cnt[assign[o]]++;
    }
    const own = assign[i];
    const a = cnt[own] ? sum[own] / cnt[own] : 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && cnt[c]) b = Math.min(b, sum[c] / cnt[c]);
    total += cnt[own] && Number.isFinite(b) ? (b - a) / Math.max(a, b) : 0;
  }
  return total / idx.length;
}

/** Try k in [kMin, kMax]; propose the k with the highest silhouette. */
export function proposeK(
  X: Float32Array,
  nCols: number,
  kMin = 2,
  kMax = 8,
  seed = 42
): { k: number; scores: { k: number; silhouette: number; inertia: number }[] } {
  const scores = [];
  for (let k = kMin; k <= kMax; k++) {
    const r = kMeans(X, nCols, k, seed);
    scores.push({ k, silhouette: silhouette(X, nCols, r.assignments, k), inertia: r.inertia });
  }
  const best = scores.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  return { k: best.k, scores };
}

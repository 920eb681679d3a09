// A one-dimensional Gaussian mixture for CTGAN's mode-specific normalisation (Xu et al. 2019,
// §4.2): each number is represented by the mode it most likely came from (one-hot) and its
// offset from that mode's mean in units of 4 standard deviations, so a multi-modal, spiky
// column (tenure with peaks at 1 and 72 months) becomes easy for a network to produce.
// Fitted by EM from 10 modes at the quantiles; modes whose weight falls below 0.005 are
// dropped, as RDT's ClusterBasedNormalizer keeps only the modes its Bayesian (Dirichlet-
// process) mixture gives weight > 0.005.
import { quantileSorted } from '../../math/linalg';

export interface Gmm {
  means: number[];
  sds: number[];
  weights: number[];
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function logDensities(g: Gmm, x: number, out: Float64Array): void {
  for (let k = 0; k < g.means.length; k++) {
    const z = (x - g.means[k]) / g.sds[k];
    out[k] = Math.log(g.weights[k]) - Math.log(g.sds[k]) - LOG_SQRT_2PI - 0.5 * z * z;
  }
}

/** P(mode | x) for each mode. */
export function posterior(g: Gmm, x: number, out = new Float64Array(g.means.length)): Float64Array {
  logDensities(g, x, out);
  let m = -Infinity;
  for (const v of out) m = Math.max(m, v);
  let s = 0;
  for (let k = 0; k < out.length; k++) s += out[k] = Math.exp(out[k] - m);
  for (let k = 0; k < out.length; k++) out[k] /= s;
  return out;
}

/** EM on the values; `iterations` rounds, then modes under `minWeight` dropped and a few more. */
export function fitGmm(
  values: ArrayLike<number>,
  opts: { modes?: number; iterations?: number; minWeight?: number } = {}
): Gmm {
  const xs = Float64Array.from(values).sort();
  const n = xs.length;
  if (!n) return { means: [0], sds: [1], weights: [1] };
  const K = Math.max(1, Math.min(opts.modes ?? 10, n));
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const range = xs[n - 1] - xs[0];
  // Floor on each mode's sd: a spike of equal values must not collapse a mode to zero width.
  const floor = Math.max(Math.sqrt(variance) * 1e-3, range * 1e-4, 1e-6);
  let g: Gmm = {
    means: Array.from({ length: K }, (_, k) => quantileSorted(xs, (k + 0.5) / K)),
    sds: Array.from({ length: K }, () => Math.max(Math.sqrt(variance) / K, floor)),
    weights: Array.from({ length: K }, () => 1 / K)
  };
  const em = (rounds: number) => {
    for (let it = 0; it < rounds; it++) {
      const k = g.means.length;
      const nk = new Float64Array(k);
      const sx = new Float64Array(k);
      const sxx = new Float64Array(k);
      const r = new Float64Array(k);
      for (const x of xs) {
        posterior(g, x, r);
        for (let j = 0; j < k; j++) {
          nk[j] += r[j];
          sx[j] += r[j] * x;
          sxx[j] += r[j] * x * x;
        }
      }
      const next: Gmm = { means: [], sds: [], weights: [] };
      for (let j = 0; j < k; j++) {
        if (nk[j] < 1e-8) continue;
        const m = sx[j] / nk[j];
        next.means.push(m);
        next.sds.push(Math.max(Math.sqrt(Math.max(0, sxx[j] / nk[j] - m * m)), floor));
        next.weights.push(nk[j] / n);
      }
      g = next;
    }
  };
  em(opts.iterations ?? 60);
  const keep = g.weights
    .map((w, k) => (w >= (opts.minWeight ?? 0.005) ? k : -1))
    .filter((k) => k >= 0);
  const total = keep.reduce((s, k) => s + g.weights[k], 0);
  g = {
    means: keep.map((k) => g.means[k]),
    sds: keep.map((k) => g.sds[k]),
    weights: keep.map((k) => g.weights[k] / total)
  };
  em(10);
  return g;
}

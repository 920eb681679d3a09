// The GAN's data transformer: each discrete column a one-hot over its training levels; each
// number, by default, α = Φ⁻¹(F(x)) / 4, the normal score of its empirical CDF F (a quantile
// transform, as the copula does and TabDDPM, Kotelnikov et al., ICML 2023, does), plus a
// one-hot "blank" pair when the training rows had blanks. Ties (a spike such as tenure 1) get
// a uniform draw inside their CDF step; generated rows go back through the inverse CDF
// interpolated between 200 quantile knots, which never leaves the training range.
// Alternatives for experiments (bench/ctgan-tune.ts): 'quantile-bins', the CDF cut into 10
// equal-frequency bins — a one-hot bin and α ∈ (−1, 1) the position inside it (Gorishniy,
// Rubachev & Babenko's piecewise-linear encoding, NeurIPS 2022) — and 'gmm', CTGAN's
// mode-specific normalisation (Xu et al. 2019, §4.2: α the offset from a Gaussian-mixture
// mode and a one-hot mode). The generator's output has the same layout: tanh for α, a softmax
// over each one-hot span. Fitted on the synthesiser's training rows only; inverse maps
// generated rows back to values.
import type { RawTable, RawValue } from '../../features/columns';
import { seededRandom } from '../../evaluate/splits';
import { quantileSorted } from '../../math/linalg';
import { formatNumber, type ColumnPlan } from './columns';
import { fitGmm, posterior, type Gmm } from './gmm';
import { normalCdf, normalQuantile } from './normal';

export type Span = { type: 'alpha'; start: number } | { type: 'softmax'; start: number; size: number }; // prettier-ignore

export interface ColumnTransform {
  plan: ColumnPlan;
  gmm?: Gmm;
  /** Quantile knots (K + 1, from the minimum to the maximum) when the column is mapped
   * through its empirical CDF instead of the mixture. */
  knots?: number[];
  /** With knots: equal-frequency bins (one-hot, like the mixture's modes), α the position
   * inside the bin; absent: α is the normal score. */
  bins?: number;
  /** Where the column's spans start and how wide they are together. */
  start: number;
  width: number;
}

/** A discrete column as the conditional vector sees it. */
export interface DiscreteSpan {
  column: number;
  /** Its one-hot span in the data row and in the conditional vector. */
  start: number;
  condStart: number;
  size: number;
}

export interface Transformer {
  columns: ColumnTransform[];
  spans: Span[];
  discrete: DiscreteSpan[];
  width: number;
  condWidth: number;
}

/** Values for the mixture fit: at most this many (a seeded sample beyond). */
const GMM_SAMPLE = 10_000;

export interface TransformOptions {
  /** How numbers are normalised: CTGAN's mode-specific (mixture) or a quantile transform. */
  numeric?: 'gmm' | 'quantile' | 'quantile-bins';
  /** Quantile knots of the quantile transform. */
  knots?: number;
  /** Equal-frequency bins of 'quantile-bins'. */
  bins?: number;
  /** 'quantile-bins': a number's bin joins the conditional vector as a discrete column does
   * (CTAB-GAN conditions on the modes of continuous columns too), so training-by-sampling
   * also asks for a bin and the critic compares the other columns given it. */
  conditionBins?: boolean;
  modes?: number;
  minWeight?: number;
}

export const TRANSFORM_DEFAULTS: Required<
  Pick<TransformOptions, 'numeric' | 'knots' | 'bins' | 'conditionBins'>
> = {
  numeric: 'quantile',
  knots: 200,
  bins: 10,
  conditionBins: false
};

/** Scores are clipped to Φ⁻¹ of this and its complement (about ±3.1 sd, α within ±0.78). */
const U_CLIP = 0.001;
const SCALE = 4;

/** The CDF of the knots' piecewise-linear quantile function at x; a draw inside a tie's step. */
export function knotsCdf(knots: readonly number[], x: number, rand: () => number): number {
  const K = knots.length - 1;
  let lo = 0;
  let hi = K + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (knots[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  const a = lo; // first knot ≥ x
  let b = a;
  while (b <= K && knots[b] === x) b++;
  if (b > a) return (a + (b - 1 - a) * rand()) / K; // x is a knot (a run of them for a spike)
  if (a === 0) return 0;
  if (a > K) return 1;
  return (a - 1 + (x - knots[a - 1]) / (knots[a] - knots[a - 1])) / K;
}

export const quantileScore = (u: number) =>
  normalQuantile(Math.min(1 - U_CLIP, Math.max(U_CLIP, u))) / SCALE;

export const quantileValue = (knots: readonly number[], alpha: number) =>
  quantileSorted(knots, normalCdf(alpha * SCALE));

export function fitTransformer(
  raw: RawTable,
  plans: ColumnPlan[],
  seed = 1,
  options: TransformOptions = {}
): Transformer {
  const set = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const {
    numeric,
    knots: K,
    bins,
    conditionBins,
    ...gmm
  } = { ...TRANSFORM_DEFAULTS, ...set } as TransformOptions;
  const rand = seededRandom(seed);
  const columns: ColumnTransform[] = [];
  const spans: Span[] = [];
  const discrete: DiscreteSpan[] = [];
  let start = 0;
  let condStart = 0;
  plans.forEach((plan, j) => {
    const values = raw.columns.find((c) => c.name === plan.name)!.values;
    if (plan.kind === 'continuous') {
      let xs = values.filter((v): v is number => typeof v === 'number');
      if (numeric === 'quantile' || numeric === 'quantile-bins') {
        const sorted = [...xs].sort((a, b) => a - b);
        const knots = Array.from({ length: K! + 1 }, (_, k) => quantileSorted(sorted, k / K!));
        const nb = numeric === 'quantile-bins' ? bins! : 0;
        spans.push({ type: 'alpha', start });
        if (nb) spans.push({ type: 'softmax', start: start + 1, size: nb });
        if (nb && conditionBins) {
          discrete.push({ column: j, start: start + 1, condStart, size: nb });
          condStart += nb;
        }
        let width = 1 + nb;
        if (plan.missingShare > 0) {
          spans.push({ type: 'softmax', start: start + width, size: 2 });
          width += 2;
        }
        columns.push({ plan, knots, ...(nb ? { bins: nb } : {}), start, width });
        start += width;
        return;
      }
      if (xs.length > GMM_SAMPLE) xs = Array.from({ length: GMM_SAMPLE }, () => xs[Math.floor(rand() * xs.length)]); // prettier-ignore
      const fitted = fitGmm(xs, gmm);
      const k = fitted.means.length;
      spans.push({ type: 'alpha', start }, { type: 'softmax', start: start + 1, size: k });
      let width = 1 + k;
      if (plan.missingShare > 0) {
        spans.push({ type: 'softmax', start: start + width, size: 2 });
        width += 2;
      }
      columns.push({ plan, gmm: fitted, start, width });
      start += width;
    } else {
      const size = plan.levels.length;
      spans.push({ type: 'softmax', start, size });
      discrete.push({ column: j, start, condStart, size });
      columns.push({ plan, start, width: size });
      start += size;
      condStart += size;
    }
  });
  return { columns, spans, discrete, width: start, condWidth: condStart };
}

const levelIndex = (levels: RawValue[], v: RawValue) => {
  const i = levels.findIndex(
    (l) => l === v || (l !== null && v !== null && String(l) === String(v))
  );
  return i < 0 ? 0 : i;
};

/** Rows of `raw` in the transformer's layout; each number's mode drawn from its posterior. */
export function transformRows(t: Transformer, raw: RawTable, seed = 2): Float32Array {
  const n = raw.ids.length;
  const out = new Float32Array(n * t.width);
  const rand = seededRandom(seed);
  for (const c of t.columns) {
    const values = raw.columns.find((x) => x.name === c.plan.name)!.values;
    if (c.plan.kind === 'discrete') {
      const levels = c.plan.levels;
      for (let i = 0; i < n; i++) out[i * t.width + c.start + levelIndex(levels, values[i])] = 1;
      continue;
    }
    if (c.knots) {
      const fill = quantileSorted(c.knots, 0.5);
      const nb = c.bins ?? 0;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const row = i * t.width + c.start;
        const u = knotsCdf(c.knots, typeof v === 'number' ? v : fill, rand);
        if (nb) {
          const k = Math.min(nb - 1, Math.floor(u * nb));
          out[row] = Math.max(-0.99, Math.min(0.99, 2 * (u * nb - k) - 1));
          out[row + 1 + k] = 1;
        } else out[row] = quantileScore(u);
        if (c.width > 1 + nb) out[row + 1 + nb + (typeof v === 'number' ? 0 : 1)] = 1;
      }
      continue;
    }
    const g = c.gmm!;
    const K = g.means.length;
    const post = new Float64Array(K);
    const present = values.filter((v): v is number => typeof v === 'number');
    const fill = present.length ? present[Math.floor(present.length / 2)] : 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const x = typeof v === 'number' ? v : fill;
      posterior(g, x, post);
      let u = rand();
      let k = 0;
      while (k < K - 1 && (u -= post[k]) > 0) k++;
      const row = i * t.width + c.start;
      out[row] = Math.max(-0.99, Math.min(0.99, (x - g.means[k]) / (4 * g.sds[k])));
      out[row + 1 + k] = 1;
      if (c.width > 1 + K) out[row + 1 + K + (typeof v === 'number' ? 0 : 1)] = 1;
    }
  }
  return out;
}

/** Where a number's blank pair (present, blank) starts in the row; -1 when it has none. */
export function blankAt(c: ColumnTransform): number {
  const nb = c.bins ?? c.gmm?.means.length ?? 0;
  return c.plan.kind === 'continuous' && c.width > 1 + nb ? c.start + 1 + nb : -1;
}

/** The index of the largest of a[start .. start + size) (the first of ties). */
export function argmax(a: Float32Array, start: number, size: number): number {
  let best = 0;
  for (let k = 1; k < size; k++) if (a[start + k] > a[start + best]) best = k;
  return best;
}

/** Generated rows (α already in (−1, 1), one-hot spans as scores) back to values, by column. */
export function inverseRows(t: Transformer, data: Float32Array, n: number): RawValue[][] {
  return t.columns.map((c) => {
    const values: RawValue[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = i * t.width + c.start;
      if (c.plan.kind === 'discrete') {
        values[i] = c.plan.levels[argmax(data, row, c.width)];
        continue;
      }
      if (c.knots) {
        const nb = c.bins ?? 0;
        const blank = c.width > 1 + nb && argmax(data, row + 1 + nb, 2) === 1;
        const a = Math.max(-1, Math.min(1, data[row]));
        const x = nb
          ? quantileSorted(c.knots, (argmax(data, row + 1, nb) + (a + 1) / 2) / nb)
          : quantileValue(c.knots, a);
        values[i] = blank ? null : formatNumber(c.plan, x);
        continue;
      }
      const g = c.gmm!;
      const K = g.means.length;
      const k = argmax(data, row + 1, K);
      const blank = c.width > 1 + K && argmax(data, row + 1 + K, 2) === 1;
      const a = Math.max(-1, Math.min(1, data[row]));
      values[i] = blank ? null : formatNumber(c.plan, a * 4 * g.sds[k] + g.means[k]);
    }
    return values;
  });
}

// The classical baseline: a Gaussian copula (what SDV's GaussianCopulaSynthesizer does, Patki,
// Wedge & Veeramachaneni, "The Synthetic Data Vault", DSAA 2016), over the same column plan as
// the GAN (which columns are categories, blanks, ranges, rounding). Each column is mapped to a
// standard normal score through its own distribution — numbers through their empirical CDF
// (200 quantile knots, a smoother marginal than every real value; SDV fits parametric ones by
// default), categories through frequency intervals with a uniform draw inside (RDT's
// UniformEncoder) — a blank flag joins as a category; the scores' correlation matrix is the
// copula. Sampling draws correlated normals and maps each back through its column.
import type { RawTable, RawValue } from '../../features/columns';
import { seededRandom } from '../../evaluate/splits';
import { cholesky, normalSampler, quantileSorted } from '../../math/linalg';
import { formatNumber, type ColumnPlan } from './columns';
import { normalCdf, normalQuantile } from './normal';

const KNOTS = 200;

/** One copula dimension: a number's quantile knots, or a category's cumulative shares. */
type Dim =
  | { type: 'number'; column: number; knots: number[] }
  | { type: 'levels'; column: number; cumulative: number[]; blankFlag?: boolean };

export interface CopulaModel {
  dims: Dim[];
  /** Cholesky factor of the normal scores' correlation matrix. */
  chol: number[][];
}

function midRanks(xs: number[]): number[] {
  const order = xs.map((_, i) => i).filter((i) => !Number.isNaN(xs[i])).sort((a, b) => xs[a] - xs[b]); // prettier-ignore
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && xs[order[j + 1]] === xs[order[i]]) j++;
    for (let k = i; k <= j; k++) out[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

const same = (a: RawValue, b: RawValue) => a === b || (a !== null && b !== null && String(a) === String(b)); // prettier-ignore

/** Fit on the synthesiser's training table (every row of `raw`). */
export function fitCopula(raw: RawTable, plans: ColumnPlan[], seed = 3): CopulaModel {
  const n = raw.ids.length;
  const rand = seededRandom(seed);
  const dims: Dim[] = [];
  const scores: number[][] = [];
  const uniformIn = (lo: number, hi: number) => normalQuantile(lo + (hi - lo) * (0.05 + 0.9 * rand())); // prettier-ignore
  plans.forEach((p, j) => {
    const values = raw.columns.find((c) => c.name === p.name)!.values;
    if (p.kind === 'discrete') {
      const cumulative: number[] = [];
      p.shares.reduce((s, x) => (cumulative.push(s + x), s + x), 0);
      dims.push({ type: 'levels', column: j, cumulative });
      scores.push(values.map((v) => {
        const k = Math.max(0, p.levels.findIndex((l) => same(l, v)));
        return uniformIn(k ? cumulative[k - 1] : 0, cumulative[k]);
      })); // prettier-ignore
      return;
    }
    const present = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    const knots = Array.from({ length: KNOTS + 1 }, (_, k) => quantileSorted(present, k / KNOTS));
    dims.push({ type: 'number', column: j, knots });
    const ranks = midRanks(values.map((v) => (typeof v === 'number' ? v : NaN)));
    const m = present.length;
    scores.push(values.map((v, i) => (typeof v === 'number' ? normalQuantile((ranks[i] - 0.5) / m) : 0))); // prettier-ignore
    if (p.missingShare > 0) {
      const blank = values.map((v) => (typeof v === 'number' ? 0 : 1));
      dims.push({
        type: 'levels',
        column: j,
        cumulative: [1 - p.missingShare, 1],
        blankFlag: true
      });
      scores.push(blank.map((b) => (b ? uniformIn(1 - p.missingShare, 1) : uniformIn(0, 1 - p.missingShare)))); // prettier-ignore
    }
  });
  const d = dims.length;
  const R = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => {
      if (a === b) return 1;
      let s = 0;
      let sa = 0;
      let sb = 0;
      for (let i = 0; i < n; i++) {
        s += scores[a][i] * scores[b][i];
        sa += scores[a][i] ** 2;
        sb += scores[b][i] ** 2;
      }
      return sa > 0 && sb > 0 ? s / Math.sqrt(sa * sb) : 0;
    })
  );
  // Shrink towards the identity until the matrix is positive definite.
  for (let lambda = 1e-4; ; lambda *= 4) {
    const chol = cholesky(R.map((row, a) => row.map((r, b) => (a === b ? 1 : r * (1 - lambda)))));
    if (chol) return { dims, chol };
  }
}

/** n rows, one value array per plan column (in plan order). */
export function sampleCopula(
  m: CopulaModel,
  plans: ColumnPlan[],
  n: number,
  seed: number
): RawValue[][] {
  // prettier-ignore
  const normal = normalSampler(seededRandom(seed));
  const L = m.chol;
  const d = m.dims.length;
  const out = plans.map(() => new Array<RawValue>(n));
  const z = new Float64Array(d);
  const e = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) e[a] = normal();
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let k = 0; k <= a; k++) s += L[a][k] * e[k];
      z[a] = s;
    }
    m.dims.forEach((dim, a) => {
      const u = normalCdf(z[a]);
      const p = plans[dim.column];
      if (dim.type === 'number')
        out[dim.column][i] = formatNumber(p as Extract<ColumnPlan, { kind: 'continuous' }>, quantileSorted(dim.knots, u)); // prettier-ignore
      else {
        const k = Math.min(dim.cumulative.length - 1, dim.cumulative.findIndex((c) => u < c) >>> 0);
        if (dim.blankFlag) {
          if (k === 1) out[dim.column][i] = null;
        } else out[dim.column][i] = (p as Extract<ColumnPlan, { kind: 'discrete' }>).levels[k];
      }
    });
  }
  return out;
}

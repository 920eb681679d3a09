// CTGAN's data transformer (Xu et al. 2019, §4.2): each continuous column becomes a scalar
// α ∈ (−1, 1) and a one-hot mode β from its Gaussian mixture (plus a one-hot "blank" pair when
// the training rows had blanks), each discrete column a one-hot over its training levels. The
// generator's output has the same layout: tanh for α, a softmax over each one-hot span.
// Fitted on the synthesiser's training rows only; inverse maps generated rows back to values.
import type { RawTable, RawValue } from '../../features/columns';
import { seededRandom } from '../../evaluate/splits';
import { formatNumber, type ColumnPlan } from './columns';
import { fitGmm, posterior, type Gmm } from './gmm';

export type Span = { type: 'alpha'; start: number } | { type: 'softmax'; start: number; size: number }; // prettier-ignore

export interface ColumnTransform {
  plan: ColumnPlan;
  gmm?: Gmm;
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

export function fitTransformer(
  raw: RawTable,
  plans: ColumnPlan[],
  seed = 1,
  gmm: { modes?: number; minWeight?: number } = {}
): Transformer {
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

function argmax(a: Float32Array, start: number, size: number): number {
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

// The quality report in the style of SDMetrics (DataCebo): how alike a synthetic table and the
// real one are, column by column and pair by pair, each score in [0, 1] (1 = identical).
//  - column shapes: numbers KSComplement = 1 − the two-sample Kolmogorov–Smirnov statistic;
//    categories TVComplement = 1 − total variation distance ½ Σ |p_real − p_synthetic|;
//  - column pair trends: two numbers CorrelationSimilarity = 1 − |ρ_real − ρ_synthetic| / 2
//    (Pearson); any other pair ContingencySimilarity = 1 − total variation distance between
//    the two-way frequency tables, numbers cut into 10 equal-width bins over the real range;
//  - overall: the mean of the two averages.
// Blanks: ignored by KS and correlation, a category of their own elsewhere.
import type { RawColumn, RawTable, RawValue } from '../../../features/columns';

export interface ColumnShape {
  column: string;
  metric: 'KSComplement' | 'TVComplement';
  score: number;
}

export interface PairTrend {
  columns: [string, string];
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: number;
  /** Pearson correlations of both tables, for number pairs. */
  real?: number;
  synthetic?: number;
}

export interface QualityReport {
  overall: number;
  columnShapes: number;
  columnPairTrends: number;
  shapes: ColumnShape[];
  pairs: PairTrend[];
}

const finite = (vs: RawValue[]) =>
  Float64Array.from(
    vs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  ).sort();

/** Two-sample Kolmogorov–Smirnov statistic: the largest gap between the two empirical CDFs. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  if (!a.length || !b.length) return a.length === b.length ? 0 : 1;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i], b[j]);
    while (i < a.length && a[i] <= x) i++;
    while (j < b.length && b[j] <= x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

const key = (v: RawValue) => (v === null ? '\u0000blank' : String(v));

function frequencies(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1 / keys.length);
  return m;
}

/** Total variation distance between two frequency tables. */
export function totalVariation(p: Map<string, number>, q: Map<string, number>): number {
  let s = 0;
  for (const k of new Set([...p.keys(), ...q.keys()])) s += Math.abs((p.get(k) ?? 0) - (q.get(k) ?? 0)); // prettier-ignore
  return s / 2;
}

/** Pearson correlation over rows where both are numbers (0 when either is constant). */
export function pearson(x: RawValue[], y: RawValue[]): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (typeof a !== 'number' || typeof b !== 'number') continue;
    n++;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  return n > 1 && vx > 0 && vy > 0 ? (sxy - (sx * sy) / n) / Math.sqrt(vx * vy) : 0;
}

/** A column's values as category keys: numbers binned into 10 equal-width bins of the real range. */
function binner(real: RawColumn): (v: RawValue) => string {
  if (real.kind !== 'numeric') return key;
  const xs = finite(real.values);
  const lo = xs[0] ?? 0;
  const hi = xs[xs.length - 1] ?? 0;
  const w = (hi - lo) / 10 || 1;
  return (v) => (typeof v === 'number' ? String(Math.max(0, Math.min(9, Math.floor((v - lo) / w)))) : key(v)); // prettier-ignore
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

export function qualityReport(real: RawTable, synthetic: RawTable): QualityReport {
  const cols = real.columns.filter((c) => synthetic.columns.some((s) => s.name === c.name));
  const syn = (name: string) => synthetic.columns.find((s) => s.name === name)!;
  const shapes: ColumnShape[] = cols.map(
    (c) =>
    c.kind === 'numeric'
      ? { column: c.name, metric: 'KSComplement', score: 1 - ksStatistic(finite(c.values), finite(syn(c.name).values)) } // prettier-ignore
      : { column: c.name, metric: 'TVComplement', score: 1 - totalVariation(frequencies(c.values.map(key)), frequencies(syn(c.name).values.map(key))) } // prettier-ignore
  );
  const pairs: PairTrend[] = [];
  for (let a = 0; a < cols.length; a++)
    for (let b = a + 1; b < cols.length; b++) {
      const [ca, cb] = [cols[a], cols[b]];
      const [sa, sb] = [syn(ca.name), syn(cb.name)];
      if (ca.kind === 'numeric' && cb.kind === 'numeric') {
        const r = pearson(ca.values, cb.values);
        const s = pearson(sa.values, sb.values);
        pairs.push({ columns: [ca.name, cb.name], metric: 'CorrelationSimilarity', score: 1 - Math.abs(r - s) / 2, real: r, synthetic: s }); // prettier-ignore
      } else {
        const [ba, bb] = [binner(ca), binner(cb)];
        const joint = (x: RawValue[], y: RawValue[]) => frequencies(x.map((v, i) => `${ba(v)}\u0001${bb(y[i])}`)); // prettier-ignore
        pairs.push({ columns: [ca.name, cb.name], metric: 'ContingencySimilarity', score: 1 - totalVariation(joint(ca.values, cb.values), joint(sa.values, sb.values)) }); // prettier-ignore
      }
    }
  const columnShapes = mean(shapes.map((s) => s.score));
  const columnPairTrends = pairs.length ? mean(pairs.map((p) => p.score)) : columnShapes;
  return {
    overall: (columnShapes + columnPairTrends) / 2,
    columnShapes,
    columnPairTrends,
    shapes,
    pairs
  };
}

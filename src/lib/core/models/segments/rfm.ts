// RFM scoring (Hughes 1994, "Strategic Database Marketing"): recency, frequency and monetary
// value each scored 1-5 by quintile (5 = best: most recent, most frequent, highest spend), then
// mapped to named segments with the widely used R x F grid below (M is reported, not used
// for naming, as in the common 11-segment map collapsed to 8 names).
//
//             F/M 1-2        F/M 3         F/M 4-5
//   R 5       New            Potential     Champions
//   R 4       Potential      Potential     Loyal
//   R 3       Hibernating    Potential     Loyal
//   R 2       Hibernating    At risk       At risk (F 4) / Can't lose (F 5)
//   R 1       Lost           At risk       Can't lose
// "Loyal" at R 3-4 needs F >= 4; F here is the mean of the F and M scores, rounded.
import { quantile } from '../../features/stats';

export type RfmSegment =
  | 'Champions'
  | 'Loyal'
  | 'Potential'
  | 'New'
  | 'At risk'
  | "Can't lose"
  | 'Hibernating'
  | 'Lost'
  /** When the data spans too little time for recency to mean anything: value tiers only. */
  | 'High value'
  | 'Mid value'
  | 'Low value';

/** Value tiers used instead of the recency-based names on a short history. */
export const VALUE_SEGMENTS: RfmSegment[] = ['High value', 'Mid value', 'Low value'];

export const RFM_SEGMENTS: RfmSegment[] = [
  'Champions',
  'Loyal',
  'Potential',
  'New',
  'At risk',
  "Can't lose",
  'Hibernating',
  'Lost'
];

export interface RfmInput {
  id: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

export interface RfmRow extends RfmInput {
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

export interface RfmSummary {
  segment: RfmSegment;
  customers: number;
  share: number;
  totalValue: number;
  averageValue: number;
}

/** Score 1..5 by quintile cut points; `higherIsBetter` false flips it (recency). */
function quintileScores(xs: number[], higherIsBetter: boolean): number[] {
  const cuts = [0.2, 0.4, 0.6, 0.8].map((q) => quantile(xs, q));
  return xs.map((x) => {
    let s = 1;
    for (const c of cuts) if (x > c) s++;
    return higherIsBetter ? s : 6 - s;
  });
}

export function rfmSegment(r: number, fm: number): RfmSegment {
  if (r === 5) return fm >= 4 ? 'Champions' : fm === 3 ? 'Potential' : 'New';
  if (r >= 3) return fm >= 4 ? 'Loyal' : fm === 3 || r === 4 ? 'Potential' : 'Hibernating';
  if (r === 2) return fm === 5 ? "Can't lose" : fm >= 3 ? 'At risk' : 'Hibernating';
  return fm >= 4 ? "Can't lose" : fm === 3 ? 'At risk' : 'Lost';
}

/** Segment by frequency and spend only: for data spanning too little time for recency. */
export function valueSegment(fm: number): RfmSegment {
  return fm >= 4 ? 'High value' : fm === 3 ? 'Mid value' : 'Low value';
}

export function rfmScores(rows: RfmInput[], opts: { useRecency?: boolean } = {}): RfmRow[] {
  const useRecency = opts.useRecency ?? true;
  const r = quintileScores(
    rows.map((x) => x.recencyDays),
    false
  );
  const f = quintileScores(
    rows.map((x) => x.frequency),
    true
  );
  const m = quintileScores(
    rows.map((x) => x.monetary),
    true
  );
  return rows.map((row, i) => ({
    ...row,
    r: r[i],
    f: f[i],
    m: m[i],
    segment: useRecency
      ? rfmSegment(r[i], Math.round((f[i] + m[i]) / 2))
      : valueSegment(Math.round((f[i] + m[i]) / 2))
  }));
}

/** Customers and value per segment, every segment listed (zero when empty). */
export function rfmSummary(rows: RfmRow[], names: RfmSegment[] = RFM_SEGMENTS): RfmSummary[] {
  return names.map((segment) => {
    const inSeg = rows.filter((r) => r.segment === segment);
    const totalValue = inSeg.reduce((s, r) => s + r.monetary, 0);
    return {
      segment,
      customers: inSeg.length,
      share: rows.length ? inSeg.length / rows.length : 0,
      totalValue,
      averageValue: inSeg.length ? totalValue / inSeg.length : 0
    };
  });
}

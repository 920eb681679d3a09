// How well the anomaly score finds customers that are wrong, measured by planting known wrong
// rows among customers the model never saw and asking each score to rank them first (ROC AUC):
//  - swapped spend: the spend column takes a real value from the other end of its distribution
//    (plausible alone, inconsistent with the rest of the row);
//  - impossible frequency: an order-count-like column set to three times its largest value;
//  - swapped category: a categorical column set to another of its levels.
// The baseline is the classic robust z-score (Iglewicz & Hoaglin 1993): the largest
// |x − median| / (1.4826 · MAD) over the numeric columns, medians and MADs from training rows.
import type { RawTable, RawValue } from '../../features/columns';
import { median, quantile } from '../../features/stats';
import { rocAuc } from '../../evaluate/metrics';
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';

export type AnomalyKind = 'swappedSpend' | 'impossibleFrequency' | 'swappedCategory';
export const ANOMALY_KINDS: readonly AnomalyKind[] = ['swappedSpend', 'impossibleFrequency', 'swappedCategory']; // prettier-ignore

const SPEND = /(monetary|spen[dt]|charges?|amount|revenue|value|sales)/i;
const FREQUENCY = /(frequency|orders|purchases|visits|count|tenure)/i;

export interface Injected {
  /** The evaluation rows (copies), some corrupted. */
  table: RawTable;
  /** 1 where the row was corrupted. */
  labels: Uint8Array;
  kinds: (AnomalyKind | null)[];
  /** Which column each kind corrupted ('' when the table has none to corrupt). */
  columns: Record<AnomalyKind, string>;
}

const nums = (vals: RawValue[], rows: readonly number[]) =>
  rows.map((r) => vals[r]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));

/** The column a kind corrupts: by name first, else the numeric column with most distinct values. */
export function anomalyColumns(raw: RawTable): Record<AnomalyKind, string> {
  const numeric = raw.columns.filter((c) => c.kind === 'numeric');
  const distinct = (name: string) => new Set(raw.columns.find((c) => c.name === name)!.values).size;
  const byName = (re: RegExp, not?: string) =>
    numeric.find((c) => re.test(c.name) && c.name !== not && distinct(c.name) > 2)?.name;
  const ranked = numeric.map((c) => c.name).sort((a, b) => distinct(b) - distinct(a));
  const spend = byName(/monetary_total|total_?charges/i) ?? byName(SPEND) ?? ranked[0] ?? '';
  const frequency = byName(/^frequency$/i, spend) ?? byName(FREQUENCY, spend) ?? ranked.find((n) => n !== spend) ?? ''; // prettier-ignore
  const cat = raw.columns.find((c) => c.kind === 'categorical' && new Set(c.values).size > 1);
  return { swappedSpend: spend, impossibleFrequency: frequency, swappedCategory: cat ? '*' : '' };
}

/**
 * Copies of `rows` of the table with `share` of them corrupted, kinds in turn. Replacement
 * values come from the training rows only.
 */
export function injectAnomalies(
  raw: RawTable,
  rows: readonly number[],
  trainRows: readonly number[],
  opts: { share?: number; seed?: number } = {}
): Injected {
  const rand = seededRandom(opts.seed ?? 11);
  const columns = anomalyColumns(raw);
  const kinds = ANOMALY_KINDS.filter((k) => columns[k]);
  const table: RawTable = {
    ...raw,
    ids: rows.map((r) => raw.ids[r]),
    columns: raw.columns.map((c) => ({ ...c, values: rows.map((r) => c.values[r]) }))
  };
  const labels = new Uint8Array(rows.length);
  const kindOf: (AnomalyKind | null)[] = rows.map(() => null);
  if (!kinds.length) return { table, labels, kinds: kindOf, columns };
  const picks = shuffleInPlace(rows.map((_, i) => i), rand).slice(0, Math.max(kinds.length, Math.round(rows.length * (opts.share ?? 0.1)))); // prettier-ignore
  const col = (name: string) => table.columns.find((c) => c.name === name)!;
  const cats = table.columns.filter((c) => c.kind === 'categorical' && new Set(c.values).size > 1);
  // The training values' statistics, once (not per planted row: quantiles sort the column).
  const trainValues = (name: string) => nums(raw.columns.find((x) => x.name === name)!.values, trainRows); // prettier-ignore
  const spend = kinds.includes('swappedSpend') ? trainValues(columns.swappedSpend) : [];
  const spendMedian = median(spend);
  const [q10, q90] = [quantile(spend, 0.1), quantile(spend, 0.9)];
  const highPool = spend.filter((x) => x >= q90);
  const lowPool = spend.filter((x) => x <= q10);
  const frequencyMax = kinds.includes('impossibleFrequency')
    ? trainValues(columns.impossibleFrequency).reduce((m, x) => Math.max(m, x), 1)
    : 1;
  picks.forEach((i, k) => {
    const kind = kinds[k % kinds.length];
    if (kind === 'swappedSpend') {
      const c = col(columns.swappedSpend);
      const v = c.values[i];
      const pool = typeof v === 'number' && v <= spendMedian ? highPool : lowPool;
      if (!pool.length) return;
      c.values[i] = pool[Math.floor(rand() * pool.length)];
    } else if (kind === 'impossibleFrequency') {
      col(columns.impossibleFrequency).values[i] = 3 * frequencyMax;
    } else {
      const c = cats[Math.floor(rand() * cats.length)];
      const levels = [...new Set(c.values)].filter((l) => l !== c.values[i]);
      c.values[i] = levels[Math.floor(rand() * levels.length)];
    }
    labels[i] = 1;
    kindOf[i] = kind;
  });
  return { table, labels, kinds: kindOf, columns };
}

export interface RobustZ {
  columns: { name: string; median: number; scale: number }[];
}

/** Medians and robust scales of the numeric columns on the training rows. */
export function fitRobustZ(raw: RawTable, trainRows: readonly number[]): RobustZ {
  const columns = raw.columns
    .filter((c) => c.kind === 'numeric')
    .map((c) => {
      const xs = nums(c.values, trainRows);
      const med = xs.length ? median(xs) : 0;
      const mad = xs.length ? median(xs.map((x) => Math.abs(x - med))) : 0;
      const iqr = xs.length ? (quantile(xs, 0.75) - quantile(xs, 0.25)) / 1.349 : 0;
      const spread = xs.reduce((m, x) => Math.max(m, Math.abs(x - med)), 0);
      // MAD is 0 when most values are equal (counts of 0): fall back to the IQR, then the range.
      return { name: c.name, median: med, scale: 1.4826 * mad || iqr || spread || 1 };
    });
  return { columns };
}

/** The largest robust |z| of each row over the numeric columns (blanks count as typical). */
export function robustZScores(z: RobustZ, raw: RawTable): Float64Array {
  const out = new Float64Array(raw.ids.length);
  for (const c of z.columns) {
    const vals = raw.columns.find((x) => x.name === c.name)?.values;
    if (!vals) continue;
    for (let i = 0; i < out.length; i++) {
      const v = vals[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      out[i] = Math.max(out[i], Math.abs(v - c.median) / c.scale);
    }
  }
  return out;
}

export interface DetectionFigures {
  /** ROC AUC of injected against clean rows, all kinds together. */
  auc: number;
  /** Per kind: that kind's corrupted rows against the clean rows. */
  byKind: Partial<Record<AnomalyKind, number>>;
}

export function detection(inj: Injected, scores: ArrayLike<number>): DetectionFigures {
  const byKind: Partial<Record<AnomalyKind, number>> = {};
  for (const k of ANOMALY_KINDS) {
    const rows = inj.kinds.flatMap((kind, i) => (kind === k || kind === null ? [i] : []));
    if (!rows.some((i) => inj.kinds[i] === k)) continue;
    byKind[k] = rocAuc(
      rows.map((i) => inj.labels[i]),
      rows.map((i) => scores[i])
    );
  }
  return { auc: rocAuc(inj.labels, scores), byKind };
}

// How each column of the customer table is synthesised and written back, decided on the
// training rows only: numbers with few whole values (a 0/1 flag, a star rating) are treated as
// categories, other numbers as continuous with their range, whole-number-ness and decimals kept
// (SDV's "enforce rounding" and "enforce min/max"), blanks kept at their share.
import type { RawColumn, RawTable, RawValue } from '../../features/columns';

export interface ContinuousPlan {
  name: string;
  kind: 'continuous';
  min: number;
  max: number;
  decimals: number;
  /** Share of training rows that were blank. */
  missingShare: number;
}

export interface DiscretePlan {
  name: string;
  kind: 'discrete';
  /** The table's own type (a 0/1 number stays a number in the output). */
  numeric: boolean;
  /** Levels seen on the training rows, most frequent first; null = blank. */
  levels: RawValue[];
  /** Training share of each level. */
  shares: number[];
}

export type ColumnPlan = ContinuousPlan | DiscretePlan;

/** Numbers with at most this many distinct whole values are modelled as categories. */
export const MAX_DISCRETE_NUMBERS = 10;

function decimalsOf(x: number): number {
  for (let d = 0; d <= 4; d++) if (Math.abs(Math.round(x * 10 ** d) - x * 10 ** d) < 1e-6) return d;
  return 4;
}

/** The plan of every column, from the training rows of `raw` (all rows by default). */
export function planColumns(raw: RawTable, rows?: readonly number[]): ColumnPlan[] {
  const idx = rows ?? raw.ids.map((_, i) => i);
  return raw.columns.map((c): ColumnPlan => {
    const vals = idx.map((r) => c.values[r]);
    const present = vals.filter((v) => v !== null);
    const nums = present.filter((v): v is number => typeof v === 'number');
    const distinct = new Set(present);
    if (
      c.kind === 'numeric' &&
      !(distinct.size <= MAX_DISCRETE_NUMBERS && nums.every(Number.isInteger)) &&
      nums.length
    ) {
      let min = Infinity;
      let max = -Infinity;
      let decimals = 0;
      for (const x of nums) {
        min = Math.min(min, x);
        max = Math.max(max, x);
        decimals = Math.max(decimals, decimalsOf(x));
      }
      return { name: c.name, kind: 'continuous', min, max, decimals, missingShare: 1 - nums.length / vals.length }; // prettier-ignore
    }
    const counts = new Map<RawValue, number>();
    for (const v of vals) counts.set(v, (counts.get(v) ?? 0) + 1);
    const sorted = [...counts].sort(
      (a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))
    );
    return {
      name: c.name,
      kind: 'discrete',
      numeric: c.kind === 'numeric',
      levels: sorted.map(([v]) => v),
      shares: sorted.map(([, k]) => k / vals.length)
    };
  });
}

/** A synthetic number written as the real ones are: within range, with their decimals. */
export function formatNumber(p: ContinuousPlan, x: number): number {
  const clipped = Math.min(p.max, Math.max(p.min, x));
  const f = 10 ** p.decimals;
  return Math.round(clipped * f) / f;
}

/** A column's description without its values (what a saved synthesiser keeps). */
export type ColumnMeta = Omit<RawColumn, 'values'>;

export const metaOf = (raw: RawTable): ColumnMeta[] => raw.columns.map(({ values: _, ...m }) => m);

/** Synthetic values (one array per plan, in plan order) as a table with the real columns' names. */
export function asTable(
  meta: ColumnMeta[],
  plans: ColumnPlan[],
  values: RawValue[][],
  prefix = 'synthetic'
): RawTable {
  // prettier-ignore
  const n = values[0]?.length ?? 0;
  const width = String(n).length;
  return {
    ids: Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}`),
    columns: plans.map((p, j) => ({ ...meta.find((c) => c.name === p.name)!, values: values[j] })),
    dropped: []
  };
}

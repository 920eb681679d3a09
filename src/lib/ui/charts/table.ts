// Text alternatives for charts: the numbers behind a uPlot canvas as a small table (a screen
// reader, a keyboard user or anyone who prefers figures reads them) and a one-line summary.
import type { Curve } from '../types';

export interface ChartTable {
  columns: string[];
  rows: string[][];
  /** Set when only some of the points are listed (long series are thinned). */
  step?: number;
  total?: number;
}

/** At most `max` indices of 0..n-1, evenly spaced, always the first and the last. */
export function sampleIndices(n: number, max = 20): { indices: number[]; step: number } {
  if (n <= max) return { indices: Array.from({ length: n }, (_, i) => i), step: 1 };
  const step = Math.ceil((n - 1) / (max - 1));
  const indices: number[] = [];
  for (let i = 0; i < n - 1; i += step) indices.push(i);
  indices.push(n - 1);
  return { indices, step };
}

/** Series over a shared x: one row per (thinned) x, one column per series. */
export function lineTable(
  xLabel: string,
  series: string[],
  x: number[],
  y: (number | null)[][],
  formatX: (v: number) => string,
  formatY: (v: number) => string
): ChartTable {
  const { indices, step } = sampleIndices(x.length);
  return {
    columns: [xLabel, ...series],
    rows: indices.map((i) => [
      formatX(x[i]),
      ...series.map((_, s) => {
        const v = y[s]?.[i];
        return v === null || v === undefined || !Number.isFinite(v) ? '–' : formatY(v);
      })
    ]),
    step: step > 1 ? step : undefined,
    total: step > 1 ? x.length : undefined
  };
}

/** y of a curve at x, by linear interpolation between its points sorted by x. */
export function curveAt(c: Pick<Curve, 'x' | 'y'>, at: number): number | null {
  const pts = c.x
    .map((x, i) => [x, c.y[i]] as const)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    .sort((a, b) => a[0] - b[0]);
  if (!pts.length || at < pts[0][0] || at > pts[pts.length - 1][0]) return null;
  for (let i = 1; i < pts.length; i++) {
    const [x0, y0] = pts[i - 1];
    const [x1, y1] = pts[i];
    if (at <= x1) return x1 === x0 ? Math.max(y0, y1) : y0 + ((at - x0) / (x1 - x0)) * (y1 - y0);
  }
  return pts[pts.length - 1][1];
}

/** Curves on the unit square read at x = 0, 0.1, ..., 1: one row per x, one column per curve. */
export function curveTable(
  xLabel: string,
  curves: Pick<Curve, 'label' | 'x' | 'y'>[],
  format: (v: number) => string
): ChartTable {
  const grid = Array.from({ length: 11 }, (_, i) => i / 10);
  return {
    columns: [xLabel, ...curves.map((c) => c.label)],
    rows: grid.map((g) => [
      format(g),
      ...curves.map((c) => {
        const v = curveAt(c, g);
        return v === null ? '–' : format(v);
      })
    ])
  };
}

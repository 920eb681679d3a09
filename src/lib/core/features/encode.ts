// Turn a raw feature table into a numeric matrix: numerics imputed with the median (plus a
// `<col>_missing` flag), log1p for heavy right tails, standardised, optionally with a log1p
// companion and a piecewise-linear encoding; categoricals one-hot with rare levels pooled into
// "other". Fit on training rows only, apply to any rows or a single record.
import type { ColumnInfo, RawTable, RawValue } from './columns';
import { mean, median, quantile, sd, skewness } from './stats';

/** Distinct quantile edges of `values` for `bins` bins (fewer when values repeat). */
export function pleEdges(values: number[], bins: number): number[] {
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) {
    const q = quantile(values, b / bins);
    if (!edges.length || q > edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

export interface NumericSpec {
  type: 'numeric';
  source: string;
  median: number;
  /** log1p before standardising (non-negative and skewness > 2 on the training rows). */
  log: boolean;
  mean: number;
  sd: number;
  missingFlag: boolean;
  /** Share of training rows that were blank. */
  missingShare: number;
  /** Extra standardised log1p(x) column (non-negative, > 10 distinct values, not log already):
   * lets linear models bend, e.g. churn falling fast over the first months of tenure. */
  logCompanion?: { mean: number; sd: number };
  /** Piecewise-linear encoding (Gorishniy, Rubachev & Babenko, NeurIPS 2022): quantile bin
   * edges of the (log-)value on the training rows; one column per bin, 0 below it, 1 above,
   * linear inside, so an MLP can bend sharply where the data says. */
  ple?: number[];
}

export interface CategoricalSpec {
  type: 'categorical';
  source: string;
  /** Encoded levels in column order; may include 'other' and 'missing'. */
  levels: string[];
  /** Levels pooled into 'other' are every seen level not in `levels`. */
  hasOther: boolean;
  /** Mode on the training rows. */
  mode: string;
  /** Share of training rows per encoded level (the population mean of each indicator). */
  shares: number[];
}

export type ColumnSpec = NumericSpec | CategoricalSpec;

export interface Encoder {
  specs: ColumnSpec[];
  /** One entry per encoded column. */
  columns: ColumnInfo[];
}

export interface EncoderOptions {
  /** Most one-hot levels per categorical column (before 'other'/'missing'). Default 20. */
  maxLevels?: number;
  /** Levels rarer than this share of training rows go to 'other'. Default 0.01. */
  minLevelShare?: number;
  /** Add a standardised log1p(x) column beside non-negative numerics (default true). */
  logCompanions?: boolean;
  /** Bins of a piecewise-linear encoding of each numeric column (default 0: none). */
  pleBins?: number;
}

export const OTHER = 'other';
export const MISSING_LEVEL = 'missing';

function catValue(v: RawValue): string {
  return v === null ? MISSING_LEVEL : String(v);
}

export function fitEncoder(raw: RawTable, rows?: number[], opts: EncoderOptions = {}): Encoder {
  const idx = rows ?? raw.ids.map((_, i) => i);
  const maxLevels = opts.maxLevels ?? 20;
  const minShare = opts.minLevelShare ?? 0.01;
  const specs: ColumnSpec[] = [];
  const columns: ColumnInfo[] = [];
  for (const col of raw.columns) {
    const base = { source: col.name, origin: col.origin };
    if (col.kind === 'numeric') {
      const present: number[] = [];
      for (const i of idx) {
        const v = col.values[i];
        if (v !== null) present.push(Number(v));
      }
      const med = present.length ? median(present) : 0;
      const missingFlag = present.length < idx.length;
      const filled = idx.map((i) => (col.values[i] === null ? med : Number(col.values[i])));
      const log = filled.every((v) => v >= 0) && skewness(filled) > 2;
      const t = log ? filled.map(Math.log1p) : filled;
      const s = sd(t);
      const spec: NumericSpec = {
        type: 'numeric',
        source: col.name,
        median: med,
        log,
        mean: mean(t),
        sd: s > 0 ? s : 1,
        missingFlag,
        missingShare: 1 - present.length / Math.max(1, idx.length)
      };
      if (
        (opts.logCompanions ?? true) &&
        !log &&
        filled.every((v) => v >= 0) &&
        new Set(filled).size > 10
      ) {
        const l = filled.map(Math.log1p);
        spec.logCompanion = { mean: mean(l), sd: sd(l) || 1 };
      }
      const edges = opts.pleBins ? pleEdges(t, opts.pleBins) : [];
      if (edges.length > 2) spec.ple = edges;
      specs.push(spec);
      const how = [log ? 'log scale' : '', missingFlag ? 'blanks set to the median' : '']
        .filter(Boolean)
        .join(', ');
      columns.push({ ...base, name: col.name, kind: 'numeric', ...(how ? { reason: how } : {}) });
      if (spec.logCompanion)
        columns.push({ ...base, name: `log(1 + ${col.name})`, kind: 'numeric' });
      if (missingFlag) {
        columns.push({
          ...base,
          name: `${col.name}_missing`,
          kind: 'flag',
          reason: 'value was blank'
        });
      }
      for (let b = 1; b < (spec.ple?.length ?? 0); b++)
        columns.push({ ...base, name: `${col.name} (bin ${b})`, kind: 'numeric' });
    } else {
      const counts = new Map<string, number>();
      for (const i of idx) {
        const v = catValue(col.values[i]);
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const keep = sorted
        .filter(
          ([lvl, c], k) => lvl === MISSING_LEVEL || (k < maxLevels && c >= minShare * idx.length)
        )
        .map(([lvl]) => lvl);
      const hasOther = keep.length < sorted.length;
      let levels = hasOther ? [...keep, OTHER] : keep;
      // Two levels carry one bit: keep a single indicator ("Partner = Yes") for readable reasons.
      if (levels.length === 2) {
        const yes = levels.find((l) => /^(yes|true|1|y|是)$/i.test(l));
        levels = [yes ?? levels[1]];
      }
      const keptSet = new Set(keep);
      const shareOf = (lvl: string) =>
        (lvl === OTHER
          ? sorted.filter(([l]) => !keptSet.has(l)).reduce((a, [, c]) => a + c, 0)
          : (counts.get(lvl) ?? 0)) / Math.max(1, idx.length);
      specs.push({
        type: 'categorical',
        source: col.name,
        levels,
        hasOther,
        mode: sorted[0]?.[0] ?? MISSING_LEVEL,
        shares: levels.map(shareOf)
      });
      for (const lvl of levels) {
        columns.push({ ...base, name: `${col.name} = ${lvl}`, kind: 'categorical', level: lvl });
      }
    }
  }
  return { specs, columns };
}

/** Encode one column value into `out` at `offset`; returns the number of slots written. */
function encodeValue(
  spec: ColumnSpec,
  v: RawValue | undefined,
  out: Float32Array,
  offset: number
): number {
  if (spec.type === 'numeric') {
    const isMissing = v === null || v === undefined || !Number.isFinite(Number(v));
    let x = isMissing ? spec.median : Number(v);
    if (spec.log) x = Math.log1p(Math.max(0, x));
    out[offset] = (x - spec.mean) / spec.sd;
    let k = 1;
    if (spec.logCompanion) {
      const c = spec.logCompanion;
      out[offset + k++] = (Math.log1p(Math.max(0, x)) - c.mean) / c.sd;
    }
    if (spec.missingFlag) out[offset + k++] = isMissing ? 1 : 0;
    const e = spec.ple;
    if (e) {
      for (let b = 1; b < e.length; b++) {
        const lo = e[b - 1];
        const hi = e[b];
        out[offset + k++] = x <= lo ? 0 : x >= hi ? 1 : (x - lo) / (hi - lo);
      }
    }
    return k;
  }
  const lv = catValue(v ?? null);
  let pos = spec.levels.indexOf(lv);
  if (pos < 0 && spec.hasOther) pos = spec.levels.indexOf(OTHER);
  for (let k = 0; k < spec.levels.length; k++) out[offset + k] = k === pos ? 1 : 0;
  return spec.levels.length;
}

/** Encode rows of a raw table (all rows by default) into a row-major matrix. */
export function encodeRows(enc: Encoder, raw: RawTable, rows?: number[]): Float32Array {
  const idx = rows ?? raw.ids.map((_, i) => i);
  const nCols = enc.columns.length;
  const X = new Float32Array(idx.length * nCols);
  const byName = new Map(raw.columns.map((c) => [c.name, c]));
  idx.forEach((row, r) => {
    let off = r * nCols;
    for (const spec of enc.specs) {
      const col = byName.get(spec.source);
      off += encodeValue(spec, col ? col.values[row] : null, X, off);
    }
  });
  return X;
}

/** Encode one customer given as { column: raw value } (missing keys count as blank). */
export function encodeRecord(enc: Encoder, record: Record<string, RawValue>): Float32Array {
  const out = new Float32Array(enc.columns.length);
  let off = 0;
  for (const spec of enc.specs) off += encodeValue(spec, record[spec.source] ?? null, out, off);
  return out;
}

/** Encoded column indices of each input column, in encoder order. */
export function columnGroups(enc: Encoder): { source: string; cols: number[] }[] {
  const groups = new Map<string, number[]>();
  enc.columns.forEach((c, j) => {
    if (!groups.has(c.source)) groups.set(c.source, []);
    groups.get(c.source)!.push(j);
  });
  return [...groups.entries()].map(([source, cols]) => ({ source, cols }));
}

// The data-quality report: per table and column, missing values, invalid formats (e-mail, phone,
// dates), and outliers of amounts and quantities by two rules — the robust z-score
// 0.6745 (x − median) / MAD > 3.5 (Iglewicz & Hoaglin 1993) and Tukey's fences (outside
// Q1 − 1.5 IQR, Q3 + 1.5 IQR) — with the flagged rows, most extreme first.
import type { DataInputs } from '../models/inputs';
import { normaliseDob, normaliseEmail, normalisePhone } from './identity/normalise';
import { fieldOfColumn } from './identity/fields';
import { LINE_FLAG } from '../db/lineFixes';

export interface FlaggedRow {
  /** The row: customer id, or order id / line for order lines. */
  id: string;
  value: number;
  z: number;
}

export interface Outliers {
  median: number;
  mad: number;
  q1: number;
  q3: number;
  /** Rows with |robust z| > 3.5, and rows outside Tukey's fences. */
  robustZ: number;
  iqr: number;
  lower: number;
  upper: number;
  /** The most extreme flagged rows (either rule), at most `limit` (20). */
  flagged: FlaggedRow[];
}

export interface ColumnQuality {
  table: 'customers' | 'orders' | 'interactions';
  column: string;
  rows: number;
  missing: number;
  /** Values present but not readable as what the column holds (e-mail, phone, date). */
  invalid?: number;
  invalidSample?: string[];
  outliers?: Outliers;
  /** Order lines a data-quality fix marked in this column. */
  marked?: number;
}

export interface QualityReport {
  tables: { table: string; rows: number }[];
  columns: ColumnQuality[];
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (typeof v === 'number' && !Number.isFinite(v)); // prettier-ignore

function quantile(sorted: Float64Array, q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Outliers of finite values (ids name the rows in the flagged list). */
export function outliers(
  values: ArrayLike<number>,
  ids: (i: number) => string,
  limit = 20
): Outliers {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) idx.push(i);
  const sorted = Float64Array.from(idx.map((i) => values[i])).sort();
  const median = quantile(sorted, 0.5);
  const dev = Float64Array.from(sorted.map((x) => Math.abs(x - median))).sort();
  const mad = quantile(dev, 0.5);
  // With MAD = 0 (most values equal), Iglewicz & Hoaglin's fallback: 1.253314 × mean |x − median|.
  const meanAd = dev.reduce((s, x) => s + x, 0) / Math.max(1, dev.length);
  const scale = mad > 0 ? mad / 0.6745 : 1.253314 * meanAd;
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const lower = q1 - 1.5 * (q3 - q1);
  const upper = q3 + 1.5 * (q3 - q1);
  let robustZ = 0;
  let iqr = 0;
  const flagged: FlaggedRow[] = [];
  for (const i of idx) {
    const x = values[i];
    const z = scale > 0 ? (x - median) / scale : 0;
    const zOut = Math.abs(z) > 3.5;
    const fOut = x < lower || x > upper;
    if (zOut) robustZ++;
    if (fOut) iqr++;
    if (zOut || fOut) flagged.push({ id: ids(i), value: x, z });
  }
  flagged.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || (a.id < b.id ? -1 : 1));
  return { median, mad, q1, q3, robustZ, iqr, lower, upper, flagged: flagged.slice(0, limit) };
}

/** One column to check: where it is, how to read it, what else to check. */
interface ColumnSpec<T> {
  table: ColumnQuality['table'];
  column: string;
  get: (row: T) => unknown;
  /** Values present must pass it (e-mail, phone, date), else they count as invalid. */
  check?: (v: string) => boolean;
  /** Look for outliers among its numbers (rows named by `id`). */
  outliers?: boolean;
  /** Order lines: the flag bit of a data-quality "mark" (counted as `marked`). */
  flag?: number;
}

function column<T>(
  rows: readonly T[],
  spec: ColumnSpec<T>,
  id: (i: number) => string
): ColumnQuality {
  const values = rows.map(spec.get);
  const { check } = spec;
  let missing = 0;
  let invalid = 0;
  const sample: string[] = [];
  for (const v of values) {
    if (empty(v)) missing++;
    else if (check && !check(String(v))) {
      invalid++;
      if (sample.length < 5) sample.push(String(v));
    }
  }
  const out: ColumnQuality = {
    table: spec.table,
    column: spec.column,
    rows: values.length,
    missing,
    ...(check ? { invalid, invalidSample: sample } : {})
  };
  if (spec.outliers)
    out.outliers = outliers(
      values.map((v) => (typeof v === 'number' ? v : NaN)),
      id
    );
  if (spec.flag) {
    const bit = spec.flag;
    out.marked = rows.filter((r) => ((r as { flags?: number }).flags ?? 0) & bit).length;
  }
  return out;
}

/** Every column of a table by its specs, empty columns of an empty table left out later. */
const columns = <T>(rows: readonly T[], specs: ColumnSpec<T>[], id: (i: number) => string) =>
  specs.map((spec) => column(rows, spec, id));

export function qualityReport(
  inputs: DataInputs,
  country: Parameters<typeof normalisePhone>[1] = 'CN'
): QualityReport {
  const email = (v: string) => normaliseEmail(v) !== '';
  const phone = (v: string) => normalisePhone(v, country) !== '';
  const dob = (v: string) => normaliseDob(v) !== '';
  const cs = inputs.customers;
  const customerId = (i: number) => cs[i].id;
  type C = (typeof cs)[number];
  const cols: ColumnQuality[] = columns<C>(
    cs,
    [
      { table: 'customers', column: 'name', get: (c) => c.name },
      { table: 'customers', column: 'email', get: (c) => c.email, check: email },
      { table: 'customers', column: 'phone', get: (c) => c.phone, check: phone },
      { table: 'customers', column: 'country', get: (c) => c.country },
      { table: 'customers', column: 'city', get: (c) => c.city },
      { table: 'customers', column: 'createdAt', get: (c) => c.createdAt }
    ],
    customerId
  );
  const attrs = [...new Set(cs.flatMap((c) => Object.keys(c.attributes ?? {})))].sort();
  const specs: ColumnSpec<C>[] = attrs.map((k) => {
    const f = fieldOfColumn(k);
    const get = (c: C) => c.attributes?.[k];
    // Numbers that are codes (postcodes, id numbers) have no outliers: only other columns count.
    const numbers = !f && cs.filter((c) => typeof get(c) === 'number' && Number.isFinite(get(c))).length >= 10; // prettier-ignore
    const check = f === 'email' ? email : f === 'phone' ? phone : f === 'dob' ? dob : undefined;
    return { table: 'customers', column: k, get, ...(check ? { check } : {}), outliers: numbers };
  });
  cols.push(...columns(cs, specs, customerId));

  const os = inputs.orders;
  type O = (typeof os)[number];
  const lineId = (i: number) => `${os[i].orderId || '?'}#${os[i].productId}@${os[i].customerId}`;
  cols.push(
    ...columns<O>(
      os,
      [
        { table: 'orders', column: 'customerId', get: (o) => o.customerId },
        { table: 'orders', column: 'orderId', get: (o) => o.orderId },
        { table: 'orders', column: 'productId', get: (o) => o.productId },
        { table: 'orders', column: 'quantity', get: (o) => o.quantity, outliers: true, flag: LINE_FLAG.quantity }, // prettier-ignore
        { table: 'orders', column: 'unitPrice', get: (o) => o.unitPrice, outliers: true, flag: LINE_FLAG.unitPrice }, // prettier-ignore
        { table: 'orders', column: 'amount', get: (o) => o.quantity * o.unitPrice, outliers: true, flag: LINE_FLAG.amount }, // prettier-ignore
        { table: 'orders', column: 'date', get: (o) => o.ts }
      ],
      lineId
    )
  );
  const is = inputs.interactions;
  type I = (typeof is)[number];
  cols.push(
    ...columns<I>(
      is,
      [
        { table: 'interactions', column: 'customerId', get: (m) => m.customerId },
        { table: 'interactions', column: 'text', get: (m) => m.text },
        { table: 'interactions', column: 'date', get: (m) => m.ts }
      ],
      (i) => is[i].id
    )
  );
  return {
    tables: [
      { table: 'customers', rows: cs.length },
      { table: 'orders', rows: os.length },
      { table: 'interactions', rows: is.length }
    ],
    columns: cols.filter((c) => c.rows > 0)
  };
}

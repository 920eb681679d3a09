// The data-quality report: per table and column, missing values, invalid formats (e-mail, phone,
// dates), and outliers of amounts and quantities by two rules — the robust z-score
// 0.6745 (x − median) / MAD > 3.5 (Iglewicz & Hoaglin 1993) and Tukey's fences (outside
// Q1 − 1.5 IQR, Q3 + 1.5 IQR) — with the flagged rows, most extreme first.
import type { DataInputs } from '../models/inputs';
import { normaliseDob, normaliseEmail, normalisePhone } from './identity/normalise';
import { fieldOfColumn } from './identity/fields';

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

function column(
  table: ColumnQuality['table'],
  name: string,
  values: unknown[],
  check?: (v: string) => boolean
): ColumnQuality {
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
  return {
    table,
    column: name,
    rows: values.length,
    missing,
    ...(check ? { invalid, invalidSample: sample } : {})
  };
}

export function qualityReport(
  inputs: DataInputs,
  country: Parameters<typeof normalisePhone>[1] = 'CN'
): QualityReport {
  // prettier-ignore
  const cs = inputs.customers;
  const cols: ColumnQuality[] = [
    column(
      'customers',
      'name',
      cs.map((c) => c.name)
    ),
    column(
      'customers',
      'email',
      cs.map((c) => c.email),
      (v) => normaliseEmail(v) !== ''
    ),
    column(
      'customers',
      'phone',
      cs.map((c) => c.phone),
      (v) => normalisePhone(v, country) !== ''
    ),
    column(
      'customers',
      'country',
      cs.map((c) => c.country)
    ),
    column(
      'customers',
      'city',
      cs.map((c) => c.city)
    ),
    column(
      'customers',
      'createdAt',
      cs.map((c) => c.createdAt)
    )
  ];
  const attrs = new Set(cs.flatMap((c) => Object.keys(c.attributes ?? {})));
  for (const k of [...attrs].sort()) {
    const values = cs.map((c) => c.attributes?.[k]);
    const f = fieldOfColumn(k);
    const check =
      f === 'email' ? (v: string) => normaliseEmail(v) !== ''
      : f === 'phone' ? (v: string) => normalisePhone(v, country) !== ''
      : f === 'dob' ? (v: string) => normaliseDob(v) !== ''
      : undefined; // prettier-ignore
    const q = column('customers', k, values, check);
    const nums = values.map((v) => (typeof v === 'number' ? v : NaN));
    // Numbers that are codes (postcodes, id numbers) have no outliers: only other columns count.
    if (!f && nums.filter(Number.isFinite).length >= 10)
      q.outliers = outliers(nums, (i) => cs[i].id);
    cols.push(q);
  }
  const os = inputs.orders;
  const lineId = (i: number) => `${os[i].orderId || '?'}#${os[i].productId}@${os[i].customerId}`;
  const amount = os.map((o) => o.quantity * o.unitPrice);
  cols.push(
    column(
      'orders',
      'customerId',
      os.map((o) => o.customerId)
    ),
    column(
      'orders',
      'orderId',
      os.map((o) => o.orderId)
    ),
    column(
      'orders',
      'productId',
      os.map((o) => o.productId)
    ),
    { ...column('orders', 'quantity', os.map((o) => o.quantity)), outliers: outliers(os.map((o) => o.quantity), lineId) }, // prettier-ignore
    { ...column('orders', 'unitPrice', os.map((o) => o.unitPrice)), outliers: outliers(os.map((o) => o.unitPrice), lineId) }, // prettier-ignore
    { ...column('orders', 'amount', amount), outliers: outliers(amount, lineId) },
    column(
      'orders',
      'date',
      os.map((o) => o.ts)
    )
  );
  const is = inputs.interactions;
  cols.push(
    column(
      'interactions',
      'customerId',
      is.map((m) => m.customerId)
    ),
    column(
      'interactions',
      'text',
      is.map((m) => m.text)
    ),
    column(
      'interactions',
      'date',
      is.map((m) => m.ts)
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

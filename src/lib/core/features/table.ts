// The customer feature table: one row per customer, behaviour (before the cutoff) plus
// profiled customer attributes, encoded into a row-major Float32Array.
import { csvCell } from '../ingest/export';
import type {
  AttributeValue,
  Customer,
  Interaction,
  OrderLine,
  Product,
  Relationship
} from '../types';
import type { ColumnInfo, RawColumn, RawTable, RawValue } from './columns';
import { encodeRows, fitEncoder, type Encoder, type EncoderOptions } from './encode';
import { activeCustomers, historyColumns } from './history';
import { profileColumn } from './profile';

export interface FeatureInput {
  customers?: Customer[];
  orders?: OrderLine[];
  interactions?: Interaction[];
  relationships?: Relationship[];
  products?: Product[];
}

export interface FeatureOptions extends EncoderOptions {
  /** Epoch ms. Required with orders: only events strictly before it count. */
  cutoff?: number;
  /**
   * Attribute columns to keep even if profiling would drop them; in history mode also the
   * customer-file columns the user accepts although their values are as of the export.
   */
  include?: string[];
  /** Columns (attribute or history) to leave out. */
  exclude?: string[];
  /** Label column: never a feature. */
  label?: string;
}

export interface FeatureTable {
  /** Encoded columns, one per column of X. */
  columns: ColumnInfo[];
  /** Input columns left out, each with its reason. */
  dropped: ColumnInfo[];
  ids: string[];
  /** Row-major, nRows x nCols. */
  X: Float32Array;
  nRows: number;
  nCols: number;
  raw: RawTable;
  encoder: Encoder;
}

const PERSONAL: (keyof Customer)[] = ['name', 'email', 'phone'];
const BUILTIN_ATTRS: (keyof Customer)[] = ['country', 'city', 'channel'];

/** Split camelCase / snake_case into lower-case words: "MonthlyCharges" -> "monthly charges". */
export function humanise(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

export function buildRawTable(input: FeatureInput, opts: FeatureOptions = {}): RawTable {
  const customers = input.customers ?? [];
  const exclude = new Set(opts.exclude ?? []);
  const include = new Set(opts.include ?? []);
  let ids: string[];
  const columns: RawColumn[] = [];
  const dropped: ColumnInfo[] = [];
  const leaky: string[] = [];
  const history = !!input.orders?.length;

  if (input.orders && input.orders.length) {
    if (opts.cutoff === undefined)
      throw new Error('a cutoff date is needed to build features from orders');
    // Customers whose first purchase is on or after the cutoff have no history: excluded.
    ids = activeCustomers(input.orders, opts.cutoff);
    for (const c of historyColumns({ ...input, orders: input.orders }, ids, opts.cutoff)) {
      if (exclude.has(c.name))
        dropped.push({
          name: c.name,
          source: c.name,
          origin: 'history',
          kind: 'excluded',
          reason: 'excluded by user'
        });
      else columns.push(c);
    }
  } else {
    ids = customers.map((c) => c.id);
  }

  const byId = new Map(customers.map((c) => [c.id, c]));
  const rows = ids.map((id) => byId.get(id));
  const keys = new Set<string>();
  for (const c of customers) for (const k of Object.keys(c.attributes)) keys.add(k);
  const cellsOf = (get: (c: Customer) => AttributeValue | undefined): AttributeValue[] =>
    rows.map((c) => (c ? (get(c) ?? null) : null));

  if (customers.length) {
    for (const k of PERSONAL) {
      if (customers.some((c) => c[k] !== undefined && c[k] !== '')) {
        dropped.push({
          name: k,
          source: k,
          origin: 'attribute',
          kind: 'personal',
          reason: 'personal contact detail'
        });
      }
    }
  }
  const candidates: [string, AttributeValue[]][] = [
    ...BUILTIN_ATTRS.filter((k) => customers.some((c) => c[k] !== undefined)).map(
      (k): [string, AttributeValue[]] => [k, cellsOf((c) => c[k] as AttributeValue | undefined)]
    ),
    ...[...keys].map((k): [string, AttributeValue[]] => [k, cellsOf((c) => c.attributes[k])])
  ];
  for (const [name, cells] of candidates) {
    const info = { name, source: name, origin: 'attribute' as const };
    if (name === opts.label) {
      dropped.push({ ...info, kind: 'label', reason: 'the label being predicted' });
      continue;
    }
    if (exclude.has(name)) {
      dropped.push({ ...info, kind: 'excluded', reason: 'excluded by user' });
      continue;
    }
    // A customer export says what is true on the day it was exported. Before the cutoff the
    // value may have been different ("total orders" counts orders after the cutoff too), so in
    // history mode such columns are left out unless the user accepts the risk.
    if (history && !include.has(name)) {
      dropped.push({
        ...info,
        kind: 'undated',
        reason: 'value as of the export, not the cutoff (could leak what happened after it)'
      });
      continue;
    }
    const p = profileColumn(name, cells);
    if (history) leaky.push(name);
    if (p.kind === 'numeric' || p.kind === 'categorical') {
      columns.push({
        name,
        label: humanise(name),
        origin: 'attribute',
        kind: p.kind,
        values: p.values
      });
    } else if (include.has(name)) {
      columns.push({
        name,
        label: humanise(name),
        origin: 'attribute',
        kind: 'categorical',
        values: p.values
      });
    } else {
      dropped.push({ ...info, kind: p.kind, reason: p.reason });
    }
  }
  if (history && input.relationships?.some((r) => r.ts === undefined || r.ts === null))
    dropped.push({
      name: 'relationships',
      source: 'relationships',
      origin: 'history',
      kind: 'undated',
      reason: 'links without a date are not counted (they may have appeared after the cutoff)'
    });
  return { ids, columns, dropped, ...(leaky.length ? { leaky } : {}) };
}

/** Raw table + encoder fitted on all rows (or on `trainRows`) + encoded matrix. */
export function buildFeatureTable(
  input: FeatureInput,
  opts: FeatureOptions = {},
  trainRows?: number[]
): FeatureTable {
  return encodeTable(buildRawTable(input, opts), opts, trainRows);
}

export function encodeTable(
  raw: RawTable,
  opts: EncoderOptions = {},
  trainRows?: number[]
): FeatureTable {
  const encoder = fitEncoder(raw, trainRows, opts);
  const X = encodeRows(encoder, raw);
  return {
    columns: encoder.columns,
    dropped: raw.dropped,
    ids: raw.ids,
    X,
    nRows: raw.ids.length,
    nCols: encoder.columns.length,
    raw,
    encoder
  };
}

/** One customer's raw values as { column: value }: the input of explanations and what-ifs. */
export function rawRecord(raw: RawTable, row: number): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const c of raw.columns) out[c.name] = c.values[row];
  return out;
}

/** CSV of the encoded table: `customer_id` then one column per encoded feature (formula-safe). */
export function featureTableToCsv(t: FeatureTable): string {
  const lines = [['customer_id', ...t.columns.map((c) => c.name)].map(csvCell).join(',')];
  for (let r = 0; r < t.nRows; r++) {
    const cells = [csvCell(t.ids[r])];
    for (let j = 0; j < t.nCols; j++) cells.push(String(+t.X[r * t.nCols + j].toFixed(6)));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

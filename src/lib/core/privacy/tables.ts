// The tables a user can export de-identified, as flat rows (attributes become columns, times
// ISO 8601 strings), read with the app's own readers (customers with their stubs, alive lines).
import { allOrders, listCustomers, orderCount } from '../db';
import type { RapportDb } from '../db/schema';
import type { AttributeValue } from '../types';
import type { Row } from './deidentify';

export const EXPORT_TABLES = [
  'customers',
  'orders',
  'products',
  'interactions',
  'relationships'
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const iso = (t: unknown) =>
  typeof t === 'number' && Number.isFinite(t) ? new Date(t).toISOString() : undefined;

function flat(rec: object, times: string[], skip: string[]): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(rec)) {
    if (skip.includes(k)) continue;
    if (k === 'attributes' && v && typeof v === 'object') {
      for (const [a, x] of Object.entries(v as Record<string, AttributeValue>))
        if (!(a in out)) out[a] = x;
    } else if (times.includes(k)) out[k] = iso(v);
    else if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
      out[k] = v as AttributeValue;
  }
  return out;
}

/** Rows of a table and its columns (first-seen order). */
export async function exportRows(
  db: RapportDb,
  table: ExportTable
): Promise<{ columns: string[]; rows: Row[] }> {
  const skip = ['batchId', 'updatedAt'];
  let rows: Row[];
  switch (table) {
    case 'customers':
      rows = (await listCustomers(db)).map((c) => flat(c, ['createdAt'], skip));
      break;
    case 'orders':
      rows = (await allOrders(db)).map((o) => flat(o, ['ts'], skip));
      break;
    case 'products':
      rows = (await db.products.toArray()).map((p) => flat(p, [], skip));
      break;
    case 'interactions':
      rows = (await db.interactions.toArray()).map((i) => flat(i, ['ts'], skip));
      break;
    case 'relationships':
      rows = (await db.relationships.toArray()).map((r) => flat(r, ['ts'], skip));
      break;
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
  return { columns, rows };
}

/** Order line columns, as `exportRows` gives them (lines are not read to list them). */
const ORDER_COLUMNS = ['orderId', 'customerId', 'productId', 'productName', 'quantity', 'unitPrice', 'ts', 'channel', 'cancelled']; // prettier-ignore

/** A table's columns and row count; order lines are counted, not read. */
export async function exportColumns(
  db: RapportDb,
  table: ExportTable
): Promise<{ columns: string[]; rows: number }> {
  if (table === 'orders') return { columns: ORDER_COLUMNS, rows: await orderCount(db) };
  const { columns, rows } = await exportRows(db, table);
  return { columns, rows: rows.length };
}

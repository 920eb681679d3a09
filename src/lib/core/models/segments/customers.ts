// Per-customer recency, frequency and spend as of a cutoff, from order lines, counted the way
// the customer page counts them (db/stats.ts): distinct non-cancelled orders, spend net of
// returned lines.
import { DAY_MS } from '../../features/history';
import type { OrderLine } from '../../types';
import type { RfmInput } from './rfm';

export interface RfmData {
  rows: RfmInput[];
  /** Days from the first order to the cutoff. */
  spanDays: number;
  cutoff: number;
}

/** RFM inputs of every customer with a purchase at or before `cutoff`. */
export function rfmInputs(orders: readonly OrderLine[], cutoff: number): RfmData {
  const acc = new Map<string, { last: number; orders: Set<string>; spend: number }>();
  let first = Infinity;
  for (const o of orders) {
    if (o.ts > cutoff) continue;
    let a = acc.get(o.customerId);
    if (!a) acc.set(o.customerId, (a = { last: -Infinity, orders: new Set(), spend: 0 }));
    if (o.quantity < 0) a.spend += o.quantity * o.unitPrice;
    else if (!o.cancelled) {
      a.spend += o.quantity * o.unitPrice;
      a.orders.add(o.orderId);
      if (o.ts > a.last) a.last = o.ts;
      if (o.ts < first) first = o.ts;
    }
  }
  const rows: RfmInput[] = [];
  for (const [id, a] of acc) {
    if (!a.orders.size) continue;
    rows.push({
      id,
      recencyDays: (cutoff - a.last) / DAY_MS,
      frequency: a.orders.size,
      monetary: a.spend
    });
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rows, spanDays: Number.isFinite(first) ? (cutoff - first) / DAY_MS : 0, cutoff };
}

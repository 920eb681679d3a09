// Behavioural features from event history. Only events strictly before the cutoff count, so
// nothing about the label period can leak into a feature.
import type { Interaction, OrderLine, Product, Relationship } from '../types';
import type { RawColumn, RawValue } from './columns';
import { mean, median, sd } from './stats';

export const DAY_MS = 86_400_000;

export interface HistoryInput {
  orders: OrderLine[];
  interactions?: Interaction[];
  relationships?: Relationship[];
  products?: Product[];
}

interface Acc {
  lines: number;
  /** Value of returned lines (negative quantities): subtracted from the spend, as in the stats. */
  returned: number;
  cancelledLines: number;
  orders: Map<string, { ts: number; value: number }>;
  products: Set<string>;
  categories: Set<string>;
  channels: Map<string, number>;
}

/** Customers with at least one order line strictly before `cutoff`, sorted by id. */
export function activeCustomers(orders: OrderLine[], cutoff: number): string[] {
  const ids = new Set<string>();
  for (const o of orders) if (o.ts < cutoff) ids.add(o.customerId);
  return [...ids].sort();
}

/**
 * One raw column per behavioural feature, values aligned with `ids`. Money is counted as the
 * customer page counts it (db/stats.ts): lines of non-cancelled orders add, returned lines
 * (negative quantity) subtract, other cancelled lines add nothing. Links count only when dated
 * before the cutoff: an undated link may have appeared after it.
 */
export function historyColumns(input: HistoryInput, ids: string[], cutoff: number): RawColumn[] {
  const pos = new Map(ids.map((id, i) => [id, i]));
  const category = new Map((input.products ?? []).map((p) => [p.id, p.category ?? '']));
  const accs: Acc[] = ids.map(() => ({
    lines: 0,
    returned: 0,
    cancelledLines: 0,
    orders: new Map(),
    products: new Set(),
    categories: new Set(),
    channels: new Map()
  }));
  const allChannels = new Set<string>();
  for (const o of input.orders) {
    if (!(o.ts < cutoff)) continue;
    const i = pos.get(o.customerId);
    if (i === undefined) continue;
    const a = accs[i];
    a.lines++;
    a.channels.set(o.channel, (a.channels.get(o.channel) ?? 0) + 1);
    allChannels.add(o.channel);
    if (o.quantity < 0) a.returned += o.quantity * o.unitPrice;
    if (o.cancelled || o.quantity < 0) {
      a.cancelledLines++;
      continue;
    }
    const ord = a.orders.get(o.orderId) ?? { ts: o.ts, value: 0 };
    ord.ts = Math.min(ord.ts, o.ts);
    ord.value += o.quantity * o.unitPrice;
    a.orders.set(o.orderId, ord);
    a.products.add(o.productId);
    const cat = category.get(o.productId);
    if (cat) a.categories.add(cat);
  }

  const contacts = ids.map(() => ({ n: 0, last: -Infinity }));
  for (const it of input.interactions ?? []) {
    if (!(it.ts < cutoff)) continue;
    const i = pos.get(it.customerId);
    if (i === undefined) continue;
    contacts[i].n++;
    contacts[i].last = Math.max(contacts[i].last, it.ts);
  }
  const links = new Float64Array(ids.length);
  for (const r of input.relationships ?? []) {
    if (r.ts === undefined || r.ts === null || !(r.ts < cutoff)) continue;
    for (const end of [r.from, r.to]) {
      const i = pos.get(end);
      if (i !== undefined) links[i]++;
    }
  }

  const col = (name: string, label: string, values: RawValue[], unit?: string): RawColumn => ({
    name,
    label,
    origin: 'history',
    kind: 'numeric',
    values,
    ...(unit ? { unit } : {})
  });
  const per = (f: (a: Acc, i: number) => RawValue) => accs.map(f);
  const days = (ms: number) => ms / DAY_MS;

  const orderTimes = accs.map((a) => [...a.orders.values()].map((o) => o.ts).sort((x, y) => x - y));
  // Gaps between distinct purchase days (several orders on one day count once).
  const gaps = orderTimes.map((ts) => {
    const dayList = [...new Set(ts.map((t) => Math.floor(t / DAY_MS)))];
    return dayList.slice(1).map((d, k) => d - dayList[k]);
  });
  const spend = accs.map(
    (a) => [...a.orders.values()].reduce((s, o) => s + o.value, 0) + a.returned
  );

  const cols: RawColumn[] = [
    col(
      'recency_days',
      'days since last purchase',
      per((_, i) => {
        const ts = orderTimes[i];
        return ts.length ? days(cutoff - ts[ts.length - 1]) : null;
      }),
      'days'
    ),
    col(
      'frequency',
      'orders',
      per((a) => a.orders.size)
    ),
    col('monetary_total', 'total spent', spend),
    col(
      'avg_order_value',
      'average order value',
      per((a, i) => (a.orders.size ? spend[i] / a.orders.size : null))
    ),
    col(
      'tenure_days',
      'days since first purchase',
      per((_, i) => {
        const ts = orderTimes[i];
        return ts.length ? days(cutoff - ts[0]) : null;
      }),
      'days'
    ),
    col(
      'ipi_mean_days',
      'average days between purchases',
      gaps.map((g) => (g.length ? mean(g) : null)),
      'days'
    ),
    col(
      'ipi_sd_days',
      'spread of days between purchases',
      gaps.map((g) => (g.length > 1 ? sd(g) : null)),
      'days'
    ),
    col(
      'ipi_median_days',
      'usual days between purchases',
      gaps.map((g) => (g.length ? median(g) : null)),
      'days'
    ),
    col(
      'spend_trend',
      'spending trend (log ratio of later to earlier half)',
      per((a, i) => {
        // log((spend in the later half of the customer's active span + 1) / (earlier half + 1))
        const ts = orderTimes[i];
        if (!ts.length) return null;
        const mid = (ts[0] + cutoff) / 2;
        let early = 0;
        let late = 0;
        for (const o of a.orders.values()) o.ts < mid ? (early += o.value) : (late += o.value);
        return Math.log((late + 1) / (early + 1));
      })
    ),
    col(
      'distinct_products',
      'different products bought',
      per((a) => a.products.size)
    ),
    col(
      'cancelled_share',
      'share of cancelled or returned lines',
      per((a) => (a.lines ? a.cancelledLines / a.lines : 0))
    )
  ];
  if (category.size) {
    cols.push(
      col(
        'distinct_categories',
        'different categories bought',
        per((a) => a.categories.size)
      )
    );
  }
  if (allChannels.size > 1) {
    for (const ch of [...allChannels].sort()) {
      cols.push(
        col(
          `channel_share_${ch}`,
          `share of purchases via ${ch}`,
          per((a) => (a.lines ? (a.channels.get(ch) ?? 0) / a.lines : 0))
        )
      );
    }
  }
  if (input.interactions?.length) {
    cols.push(
      col(
        'support_contacts',
        'support contacts',
        contacts.map((c) => c.n)
      )
    );
    cols.push(
      col(
        'days_since_contact',
        'days since last support contact',
        contacts.map((c) => (c.n ? days(cutoff - c.last) : null)),
        'days'
      )
    );
  }
  if (input.relationships?.some((r) => r.ts !== undefined && r.ts !== null)) {
    cols.push(col('relationships', 'links to other customers', Array.from(links)));
  }
  return cols;
}

// Pure helpers of the customer page: timeline events, KPIs and risk levels from the profile.
import { riskLevel as bandOf } from '$lib/core/features/riskLevel';
import type { OrderLine } from '$lib/core/types';
import type { CustomerPageData } from '$lib/workers/handlers/customers';
import type { RiskLevel, TimelineEvent } from '$lib/ui/types';

type Tr = (key: string, params?: Record<string, string | number>) => string;

export interface OrderSummary {
  orderId: string;
  ts: number;
  total: number;
  items: number;
  cancelled: boolean;
  lines: OrderLine[];
}

/** Order lines grouped by order id, newest first; a line's value is quantity * unit price. */
export function groupOrders(lines: OrderLine[]): OrderSummary[] {
  const byId = new Map<string, OrderSummary>();
  for (const l of lines) {
    let o = byId.get(l.orderId);
    if (!o) {
      o = { orderId: l.orderId, ts: l.ts, total: 0, items: 0, cancelled: true, lines: [] };
      byId.set(l.orderId, o);
    }
    o.ts = Math.min(o.ts, l.ts);
    o.lines.push(l);
    // Same rule as CustomerStats.totalSpent: returns subtract, cancelled positives add nothing.
    if (!l.cancelled || l.quantity < 0) o.total += l.quantity * l.unitPrice;
    if (!l.cancelled) {
      o.items += l.quantity;
      o.cancelled = false;
    }
  }
  return [...byId.values()].sort((a, b) => b.ts - a.ts);
}

export function timelineEvents(
  data: CustomerPageData,
  tr: Tr,
  money: (n: number) => string
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const o of groupOrders(data.orders)) {
    const lines = o.lines.map((l) =>
      tr('customers.order.line', { q: l.quantity, product: l.productName || l.productId })
    );
    const title = tr('customers.order.title', {
      id: o.orderId,
      items: o.items,
      total: money(o.total)
    });
    events.push({
      id: `o:${o.orderId}`,
      ts: o.ts,
      kind: 'order',
      title: o.cancelled ? `${title} (${tr('customers.order.cancelled')})` : title,
      detail: lines.join('; ')
    });
  }
  for (const m of data.interactions) {
    const detail = [
      `${m.channel} · ${m.kind}`,
      m.label ? tr('customers.interaction.label', { label: m.label }) : '',
      m.reply ? tr('customers.interaction.reply', { text: m.reply }) : ''
    ].filter(Boolean);
    events.push({
      id: `i:${m.id}`,
      ts: m.ts,
      kind: 'interaction',
      title: m.text,
      detail: detail.join(' · ')
    });
  }
  for (const r of data.related) {
    if (r.ts === undefined) continue;
    const other = r.name ? `${r.name} (${r.id})` : r.id;
    events.push({
      id: `r:${r.direction}:${r.id}:${r.kind}`,
      ts: r.ts,
      kind: 'relationship',
      title: tr(r.direction === 'out' ? 'customers.link.out' : 'customers.link.in', {
        kind: r.kind,
        other
      })
    });
  }
  return events;
}

export interface Kpis {
  orders: number;
  spent: number;
  aov: number | null;
  lastPurchase: number | null;
  firstSeen: number | null;
  /** Days from first seen to last activity (order or message), null when unknown. */
  tenureDays: number | null;
}

const DAY = 86_400_000;

export function kpis(data: CustomerPageData): Kpis {
  const s = data.stats;
  const orders = s?.orders ?? 0;
  const spent = s?.totalSpent ?? 0;
  const starts = [data.customer.createdAt, s?.firstTs].filter((x): x is number => x !== undefined);
  const firstSeen = starts.length ? Math.min(...starts) : null;
  const ends = [s?.lastTs, ...data.interactions.map((i) => i.ts)].filter(
    (x): x is number => x !== undefined
  );
  const last = ends.length ? Math.max(...ends) : null;
  return {
    orders,
    spent,
    aov: orders > 0 ? spent / orders : null,
    lastPurchase: s ? s.lastTs : null,
    firstSeen,
    tenureDays:
      firstSeen !== null && last !== null ? Math.max(0, Math.round((last - firstSeen) / DAY)) : null
  };
}

/** Days as the largest unit that reads naturally. */
export function tenure(days: number, tr: Tr): string {
  if (days < 60) return tr('customers.tenure.days', { n: days });
  if (days < 730) return tr('customers.tenure.months', { n: Math.round(days / 30.44) });
  return tr('customers.tenure.years', { n: Math.round((days / 365.25) * 10) / 10 });
}

export function riskLevel(p: number): RiskLevel {
  return bandOf(p);
}

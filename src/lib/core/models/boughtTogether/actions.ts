// The products pages: the product list with what each sold, and one product's page (sales by
// month, its best buyers, and what sells with it from the active rules version). Sales are net:
// returns and cancellations (negative quantities) are subtracted.
import type { OrderLine } from '../../types';
import { productInfo } from '../recommendations/dataset';
import type { FamilyEnv } from '../runtime';

export interface ProductRow {
  id: string;
  name: string;
  category: string;
  units: number;
  revenue: number;
  orders: number;
  buyers: number;
  lastTs: number | null;
}

export interface ProductList {
  total: number;
  rows: ProductRow[];
  categories: string[];
}

export interface TogetherItem {
  productId: string;
  name: string;
  support: number;
  confidence: number;
  lift: number;
  count: number;
}

export interface ProductPage extends ProductRow {
  price: number | null;
  /** Net units and revenue per calendar month (UTC, 'YYYY-MM'), oldest first, gaps filled. */
  monthly: { month: string; units: number; revenue: number }[];
  topBuyers: { customerId: string; name: string; units: number; revenue: number; lastTs: number }[];
  together: TogetherItem[];
  /** The rules version `together` comes from (null: none trained yet). */
  rulesModelId: string | null;
}

const month = (ts: number) => new Date(ts).toISOString().slice(0, 7);

function summarise(id: string, name: string, category: string, lines: OrderLine[]): ProductRow {
  const orders = new Set<string>();
  const buyers = new Set<string>();
  let units = 0;
  let revenue = 0;
  let lastTs: number | null = null;
  for (const o of lines) {
    units += o.quantity;
    revenue += o.quantity * o.unitPrice;
    if (o.cancelled || o.quantity <= 0) continue;
    orders.add(o.orderId || `${o.customerId}\u0000${o.ts}`);
    buyers.add(o.customerId);
    lastTs = Math.max(lastTs ?? o.ts, o.ts);
  }
  return { id, name, category, units, revenue, orders: orders.size, buyers: buyers.size, lastTs };
}

function linesByProduct(orders: readonly OrderLine[]): Map<string, OrderLine[]> {
  const by = new Map<string, OrderLine[]>();
  for (const o of orders) {
    if (!o.productId) continue;
    const l = by.get(o.productId);
    if (l) l.push(o);
    else by.set(o.productId, [o]);
  }
  return by;
}

/** Months from the first to the last, each with its totals (zero when nothing sold). */
function monthly(lines: OrderLine[]): ProductPage['monthly'] {
  if (!lines.length) return [];
  const by = new Map<string, { units: number; revenue: number }>();
  let first = Infinity;
  let last = -Infinity;
  for (const o of lines) {
    const m = by.get(month(o.ts)) ?? { units: 0, revenue: 0 };
    m.units += o.quantity;
    m.revenue += o.quantity * o.unitPrice;
    by.set(month(o.ts), m);
    first = Math.min(first, o.ts);
    last = Math.max(last, o.ts);
  }
  const out: ProductPage['monthly'] = [];
  const d = new Date(first);
  for (let y = d.getUTCFullYear(), m = d.getUTCMonth(); Date.UTC(y, m) <= last; m++) {
    const key = month(Date.UTC(y, m));
    out.push({ month: key, ...(by.get(key) ?? { units: 0, revenue: 0 }) });
  }
  return out;
}

export const togetherActions = {
  /** Every product that has a record or a sale, best sellers (revenue) first. */
  async products(
    env: FamilyEnv,
    args: { query?: string; category?: string; offset?: number; limit?: number } | undefined
  ): Promise<ProductList> {
    const inputs = await env.runtime.inputs();
    const info = productInfo(inputs);
    const lines = linesByProduct(inputs.orders);
    const q = args?.query?.trim().toLowerCase();
    let rows = [...info].map(([id, p]) => summarise(id, p.name, p.category, lines.get(id) ?? []));
    const categories = [...new Set(rows.map((r) => r.category).filter(Boolean))].sort();
    if (args?.category) rows = rows.filter((r) => r.category === args.category);
    if (q) rows = rows.filter((r) => `${r.id} ${r.name}`.toLowerCase().includes(q));
    rows.sort((a, b) => b.revenue - a.revenue || (a.id < b.id ? -1 : 1));
    const offset = args?.offset ?? 0;
    return {
      total: rows.length,
      rows: rows.slice(offset, offset + (args?.limit ?? 50)),
      categories
    };
  },

  /** One product's page; null when no record or sale has that id. */
  async product(env: FamilyEnv, args: { id: string }): Promise<ProductPage | null> {
    const inputs = await env.runtime.inputs();
    const info = productInfo(inputs);
    const p = info.get(args.id);
    if (!p) return null;
    const lines = inputs.orders.filter((o) => o.productId === args.id);
    const people = new Map(inputs.customers.map((c) => [c.id, c.name ?? '']));
    const by = new Map<string, ProductPage['topBuyers'][number]>();
    for (const o of lines) {
      const b = by.get(o.customerId) ?? {
        customerId: o.customerId,
        name: people.get(o.customerId) ?? '',
        units: 0,
        revenue: 0,
        lastTs: o.ts
      };
      b.units += o.quantity;
      b.revenue += o.quantity * o.unitPrice;
      b.lastTs = Math.max(b.lastTs, o.ts);
      by.set(o.customerId, b);
    }
    const v = await env.runtime.version(env.family);
    const rules = v
      ? (await env.runtime.db.modelScores.where('entityId').equals(args.id).toArray()).filter(
          (s) => s.modelId === v.id && s.entityKind === 'product'
        )
      : [];
    const record = inputs.products.find((x) => x.id === args.id);
    return {
      ...summarise(args.id, p.name, p.category, lines),
      price: record?.price ?? null,
      monthly: monthly(lines),
      topBuyers: [...by.values()]
        .filter((b) => b.units > 0)
        .sort((a, b) => b.revenue - a.revenue || b.units - a.units)
        .slice(0, 20),
      together: rules
        .sort((a, b) => b.value - a.value)
        .map((s) => ({
          productId: s.item,
          name: info.get(s.item)?.name ?? '',
          lift: s.value,
          support: s.detail?.support as number,
          confidence: s.detail?.confidence as number,
          count: s.detail?.count as number
        })),
      rulesModelId: v?.id ?? null
    };
  }
};

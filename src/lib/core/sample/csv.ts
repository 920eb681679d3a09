// The sample shop as CSV files, one per entity kind: the same data the import UI and the e2e
// tests can load as files. ISO 8601 UTC dates; RFC 4180 quoting only where a field needs it.
import type { EntityKind } from '../types';
import { generateSampleShop, type SampleShop, type SampleShopOptions } from './shop';

type Cell = string | number | boolean | null | undefined;

function quote(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(header: string[], rows: Cell[][]): string {
  const out = [header.map(quote).join(',')];
  for (const r of rows) out.push(r.map(quote).join(','));
  return out.join('\n') + '\n';
}

/** 2025-07-01T09:30:00Z (whole seconds). */
export function isoDate(ts: number | undefined): string {
  return ts === undefined ? '' : new Date(ts).toISOString().replace('.000Z', 'Z');
}

/** CSV text per entity kind. Pass a generated shop, or options to generate one. */
export function sampleAsCsv(
  shopOrOptions: SampleShop | SampleShopOptions = {}
): Record<EntityKind, string> {
  const shop = 'orders' in shopOrOptions ? shopOrOptions : generateSampleShop(shopOrOptions);
  const attrKeys = [...new Set(shop.customers.flatMap((c) => Object.keys(c.attributes)))];
  const prodKeys = [...new Set(shop.products.flatMap((p) => Object.keys(p.attributes)))];
  return {
    customers: table(
      [
        'customer_id',
        'name',
        'email',
        'phone',
        'country',
        'city',
        'signup_date',
        'channel',
        ...attrKeys
      ],
      shop.customers.map((c) => [
        c.id,
        c.name,
        c.email,
        c.phone,
        c.country,
        c.city,
        isoDate(c.createdAt),
        c.channel,
        ...attrKeys.map((k) => c.attributes[k])
      ])
    ),
    products: table(
      ['product_id', 'name', 'category', 'price', ...prodKeys],
      shop.products.map((p) => [
        p.id,
        p.name,
        p.category,
        p.price,
        ...prodKeys.map((k) => p.attributes[k])
      ])
    ),
    orders: table(
      [
        'order_id',
        'customer_id',
        'product_id',
        'product_name',
        'quantity',
        'unit_price',
        'order_date',
        'channel',
        'cancelled'
      ],
      shop.orders.map((o) => [
        o.orderId,
        o.customerId,
        o.productId,
        o.productName,
        o.quantity,
        o.unitPrice,
        isoDate(o.ts),
        o.channel,
        o.cancelled ? 'yes' : 'no'
      ])
    ),
    interactions: table(
      [
        'interaction_id',
        'customer_id',
        'date',
        'channel',
        'kind',
        'text',
        'intent',
        'suggested_reply'
      ],
      shop.interactions.map((m) => [
        m.id,
        m.customerId,
        isoDate(m.ts),
        m.channel,
        m.kind,
        m.text,
        m.label,
        m.reply
      ])
    ),
    relationships: table(
      ['from_customer', 'to_customer', 'kind', 'weight', 'date'],
      shop.relationships.map((r) => [r.from, r.to, r.kind, r.weight, isoDate(r.ts)])
    )
  };
}

// Support messages tied to what happened to the customer: questions before orders, delivery
// queries after web orders, refunds after returns, and, for customers who drop out, complaints
// and account cancellations in the weeks after their last purchase.
import type { NewInteraction } from '../ingest/sink';
import type { CatalogueItem } from './catalogue';
import type { SimCustomer } from './customers';
import type { SimOrder } from './purchases';
import type { Rng } from './rng';
import { fill, TEMPLATES, type Intent } from './templates';
import { DAY_MS } from './time';

const CONTACT = [
  { channel: 'email', kind: 'ticket', w: 40 },
  { channel: 'web', kind: 'message', w: 35 },
  { channel: 'social', kind: 'message', w: 20 },
  { channel: 'shop', kind: 'call', w: 5 }
];
const CONTACT_W = CONTACT.map((c) => c.w);

interface Pending {
  c: SimCustomer;
  ts: number;
  intent: Intent;
  order?: SimOrder;
  product?: number;
}

export function simulateMessages(
  rng: Rng,
  customers: SimCustomer[],
  orders: SimOrder[],
  catalogue: CatalogueItem[],
  end: number
): NewInteraction[] {
  const pending: Pending[] = [];
  const add = (p: Pending) => {
    if (p.ts >= p.c.createdAt && p.ts < end) pending.push(p);
  };
  const days = (lo: number, hi: number) => Math.floor(rng.range(lo, hi) * DAY_MS);
  const lastOrder = new Map<SimCustomer, SimOrder>();

  for (const o of orders) {
    const { customer: c, ts } = o;
    lastOrder.set(c, o);
    const product = o.lines[rng.int(o.lines.length)].product;
    if (rng.bool(0.06)) add({ c, ts: ts - days(0.2, 5), intent: 'product_question', product });
    for (const r of o.returns) {
      if (rng.bool(0.7))
        add({
          c,
          ts: r.ts + days(0, 3),
          intent: 'refund',
          order: o,
          product: o.lines[r.line].product
        });
    }
    if (o.cancelled) {
      if (rng.bool(0.3)) add({ c, ts: ts + days(0.1, 2), intent: 'refund', order: o, product });
      continue;
    }
    const remote = o.channel === 'web' || o.channel === 'social';
    if (remote && rng.bool(0.1))
      add({ c, ts: ts + days(2, 8), intent: 'delivery_status', order: o, product });
    if (remote && rng.bool(0.025))
      add({ c, ts: ts + days(0.05, 0.5), intent: 'change_address', order: o });
    if (rng.bool(0.012)) add({ c, ts: ts + days(3, 10), intent: 'complaint', order: o, product });
    const leaving = c.droppedOut && ts === c.lastPurchase;
    if (!leaving && rng.bool(0.04))
      add({ c, ts: ts + days(4, 15), intent: 'praise', order: o, product });
  }
  for (const c of customers) {
    if (c.browsesOnly && rng.bool(0.3)) {
      add({
        c,
        ts: c.createdAt + days(0, 30),
        intent: 'product_question',
        product: rng.int(catalogue.length)
      });
    }
    if (!c.droppedOut) continue;
    // Customers on their way out say so: complaints, refunds, cancellations after the last order.
    const o = lastOrder.get(c);
    const product = o ? o.lines[0].product : undefined;
    const t = c.lastPurchase;
    if (rng.bool(0.45)) add({ c, ts: t + days(3, 40), intent: 'complaint', order: o, product });
    if (rng.bool(0.2)) add({ c, ts: t + days(3, 20), intent: 'refund', order: o, product });
    if (rng.bool(0.18)) add({ c, ts: t + days(20, 90), intent: 'cancel_account' });
  }

  pending.sort((a, b) => a.ts - b.ts || a.c.index - b.c.index);
  return pending.map((p, k) => {
    const lang = TEMPLATES[p.c.writesZh ? 'zh' : 'en'];
    const item = p.product !== undefined ? catalogue[p.product].product : undefined;
    const slots = {
      order: p.order?.id ?? (p.c.writesZh ? '最近的订单' : 'my last order'),
      product: item
        ? String((p.c.writesZh ? item.attributes.name_zh : item.name) ?? '')
        : p.c.writesZh
          ? '商品'
          : 'item',
      days: String(2 + rng.int(12))
    };
    const opener = rng.pick(lang.openers);
    let body = fill(rng.pick(lang.messages[p.intent]), slots);
    if (opener.endsWith(', ') && !p.c.writesZh && !/^I\b/.test(body))
      body = body[0].toLowerCase() + body.slice(1);
    const contact = CONTACT[rng.weighted(CONTACT_W)];
    return {
      id: `M${String(k + 1).padStart(6, '0')}`,
      customerId: p.c.id,
      ts: p.ts,
      channel: contact.channel,
      kind: contact.kind,
      text: opener + body + rng.pick(lang.closers),
      label: p.intent,
      reply: fill(rng.pick(lang.replies[p.intent]), slots)
    };
  });
}

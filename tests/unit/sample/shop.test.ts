import { beforeAll, describe, expect, it } from 'vitest';
import { activeCustomers, DAY_MS } from '../../../src/lib/core/features/history';
import { labelsFromHistory } from '../../../src/lib/core/features/labels';
import {
  generateSampleShop,
  generateSampleShopWithTruth,
  INTENTS,
  type SampleShop,
  type SampleTruth
} from '../../../src/lib/core/sample';

const HAN = /[\u4e00-\u9fff]/;

let shop: SampleShop;
let truth: SampleTruth;
beforeAll(() => {
  ({ shop, truth } = generateSampleShopWithTruth({ seed: 7, customers: 2000 }));
});

describe('generateSampleShop: determinism', () => {
  it('gives identical shops for the same seed and different ones for another seed', () => {
    const a = generateSampleShop({ seed: 11, customers: 300 });
    const b = generateSampleShop({ seed: 11, customers: 300 });
    expect(b).toEqual(a);
    const c = generateSampleShop({ seed: 12, customers: 300 });
    expect(c.orders.length).not.toBe(a.orders.length);
    expect(c.customers[0]).not.toEqual(a.customers[0]);
  });

  it('defaults to seed 7, 2,000 customers and 24 months ending 2025-07-01', () => {
    expect(shop.customers).toHaveLength(2000);
    expect(truth.end).toBe(Date.UTC(2025, 6, 1));
    expect(truth.start).toBe(Date.UTC(2023, 6, 1));
    const small = generateSampleShop({ customers: 50, endDate: Date.UTC(2020, 0, 1), months: 6 });
    for (const o of small.orders) {
      expect(o.ts).toBeGreaterThanOrEqual(Date.UTC(2019, 6, 1));
      expect(o.ts).toBeLessThan(Date.UTC(2020, 0, 1));
    }
  });

  it('rejects a nonsensical size', () => {
    expect(() => generateSampleShop({ customers: 0 })).toThrow(/customers/);
  });
});

describe('generateSampleShop: integrity', () => {
  it('has unique ids and every reference points to an existing customer or product', () => {
    const cust = new Set(shop.customers.map((c) => c.id));
    const prod = new Set(shop.products.map((p) => p.id));
    expect(cust.size).toBe(shop.customers.length);
    expect(prod.size).toBe(shop.products.length);
    // Collect offenders and compare once: one expect per row would take seconds.
    expect(shop.orders.filter((o) => !cust.has(o.customerId) || !prod.has(o.productId))).toEqual(
      []
    );
    expect(shop.interactions.filter((m) => !cust.has(m.customerId))).toEqual([]);
    const badLinks = shop.relationships.filter(
      (r) => !cust.has(r.from) || !cust.has(r.to) || r.id !== `${r.from}->${r.to}:${r.kind}`
    );
    expect(badLinks).toEqual([]);
    expect(new Set(shop.interactions.map((m) => m.id)).size).toBe(shop.interactions.length);
    expect(new Set(shop.relationships.map((r) => r.id)).size).toBe(shop.relationships.length);
  });

  it('keeps every event inside the period and after the customer signed up', () => {
    const created = new Map(shop.customers.map((c) => [c.id, c.createdAt!]));
    const outside = (e: { ts: number; customerId: string }) =>
      e.ts < created.get(e.customerId)! || e.ts >= truth.end;
    expect(shop.orders.filter(outside)).toEqual([]);
    expect(shop.interactions.filter(outside)).toEqual([]);
    expect(shop.customers.filter((c) => c.createdAt! < truth.start)).toEqual([]);
  });
});

describe('generateSampleShop: realism', () => {
  it('has a catalogue of ~200 products in 10 categories with skewed log-normal prices', () => {
    expect(shop.products).toHaveLength(200);
    expect(new Set(shop.products.map((p) => p.category)).size).toBe(10);
    for (const p of shop.products) expect(HAN.test(String(p.attributes.name_zh))).toBe(true);
    const prices = shop.products.map((p) => p.price!).sort((a, b) => a - b);
    const mean = prices.reduce((s, x) => s + x, 0) / prices.length;
    expect(mean).toBeGreaterThan(prices[100]); // right-skewed
    // Popularity skew: the top 10% of products sell far more lines than the bottom half.
    const lines = new Map<string, number>();
    for (const o of shop.orders) lines.set(o.productId, (lines.get(o.productId) ?? 0) + 1);
    const counts = [...lines.values()].sort((a, b) => b - a);
    const top = counts.slice(0, 20).reduce((s, x) => s + x, 0);
    const bottom = counts.slice(100).reduce((s, x) => s + x, 0);
    expect(top).toBeGreaterThan(bottom);
  });

  it('has plausible repeat-purchase and 90-day churn shares (labels by the feature code)', () => {
    const cutoff = truth.end - 90 * DAY_MS;
    const ids = activeCustomers(shop.orders, cutoff);
    expect(ids.length).toBeGreaterThan(1000);
    const labels = labelsFromHistory(ids, shop.orders, cutoff, 90);
    const churn = labels.y.reduce((s, v) => s + v, 0) / ids.length;
    expect(churn).toBeGreaterThan(0.2);
    expect(churn).toBeLessThan(0.6);
    const orders = new Map<string, Set<string>>();
    for (const o of shop.orders) {
      if (o.ts >= cutoff || o.cancelled) continue;
      if (!orders.has(o.customerId)) orders.set(o.customerId, new Set());
      orders.get(o.customerId)!.add(o.orderId);
    }
    const repeat = [...orders.values()].filter((s) => s.size > 1).length / orders.size;
    expect(repeat).toBeGreaterThan(0.4);
    expect(repeat).toBeLessThan(0.95);
    // Customers who never come back were, in truth, mostly dropouts (labels are learnable).
    const churnedDropped = ids.filter((id, i) => labels.y[i] === 1 && truth.droppedOut.get(id));
    expect(churnedDropped.length / labels.y.reduce((s, v) => s + v, 0)).toBeGreaterThan(0.7);
  });

  it('has multi-line orders, cancellations, returns and four sales channels', () => {
    const perOrder = new Map<string, number>();
    for (const o of shop.orders) perOrder.set(o.orderId, (perOrder.get(o.orderId) ?? 0) + 1);
    const multi = [...perOrder.values()].filter((n) => n > 1).length / perOrder.size;
    expect(multi).toBeGreaterThan(0.3);
    const cancelled = shop.orders.filter((o) => o.cancelled);
    expect(cancelled.length / shop.orders.length).toBeGreaterThan(0.01);
    expect(cancelled.length / shop.orders.length).toBeLessThan(0.1);
    expect(cancelled.some((o) => o.quantity < 0 && o.orderId.startsWith('R'))).toBe(true);
    expect(new Set(shop.orders.map((o) => o.channel))).toEqual(
      new Set(['shop', 'pos', 'web', 'social'])
    );
  });

  it('buys complements together far more often than chance', () => {
    const baskets = new Map<string, Set<string>>();
    for (const o of shop.orders) {
      if (!baskets.has(o.orderId)) baskets.set(o.orderId, new Set());
      baskets.get(o.orderId)!.add(o.productId);
    }
    const support = new Map<string, number>();
    for (const b of baskets.values()) for (const p of b) support.set(p, (support.get(p) ?? 0) + 1);
    let lifts = 0;
    let pairs = 0;
    for (const [p, comps] of truth.complements) {
      for (const q of comps) {
        let both = 0;
        for (const b of baskets.values()) if (b.has(p) && b.has(q)) both++;
        const expected = ((support.get(p) ?? 0) * (support.get(q) ?? 0)) / baskets.size;
        if (expected > 0) {
          lifts += both / expected;
          pairs++;
        }
      }
    }
    expect(lifts / pairs).toBeGreaterThan(3);
  });

  it('has English and Chinese profiles with some missing e-mails and phones', () => {
    const zh = shop.customers.filter((c) => HAN.test(c.name!)).length;
    expect(zh).toBeGreaterThan(400);
    expect(shop.customers.length - zh).toBeGreaterThan(400);
    const noEmail = shop.customers.filter((c) => !c.email).length / shop.customers.length;
    const noPhone = shop.customers.filter((c) => !c.phone).length / shop.customers.length;
    expect(noEmail).toBeGreaterThan(0.05);
    expect(noEmail).toBeLessThan(0.3);
    expect(noPhone).toBeGreaterThan(0.05);
    for (const c of shop.customers) {
      if (c.email) expect(c.email).toMatch(/^[a-z.0-9]+@[a-z0-9.]+$/);
      expect(['basic', 'plus', 'premium']).toContain(c.attributes.plan);
      expect(['yes', 'no']).toContain(c.attributes.newsletter);
    }
  });

  it('has labelled support messages in both languages, and churners complain more', () => {
    const zh = shop.interactions.filter((m) => HAN.test(m.text));
    expect(zh.length).toBeGreaterThan(300);
    expect(shop.interactions.length - zh.length).toBeGreaterThan(300);
    expect(new Set(shop.interactions.map((m) => m.label))).toEqual(new Set(INTENTS));
    const bad = shop.interactions.filter(
      // Reply in the customer's language; no template slot left unfilled.
      (m) =>
        m.reply!.length < 10 || HAN.test(m.reply!) !== HAN.test(m.text) || /\{\w+\}/.test(m.text)
    );
    expect(bad).toEqual([]);
    const complained = new Set(
      shop.interactions.filter((m) => m.label === 'complaint').map((m) => m.customerId)
    );
    const dropped = shop.customers.filter((c) => truth.droppedOut.get(c.id));
    const stayed = shop.customers.filter((c) => !truth.droppedOut.get(c.id));
    const rate = (cs: typeof dropped) => cs.filter((c) => complained.has(c.id)).length / cs.length;
    expect(rate(dropped)).toBeGreaterThan(2 * rate(stayed));
  });

  it('has a referral and follow network with communities and hubs', () => {
    const refs = shop.relationships.filter((r) => r.kind === 'referral');
    const follows = shop.relationships.filter((r) => r.kind === 'follows');
    expect(refs.length).toBeGreaterThan(200);
    expect(follows.length).toBeGreaterThan(1000);
    const city = new Map(shop.customers.map((c) => [c.id, c.city]));
    const sameCity = refs.filter((r) => city.get(r.from) === city.get(r.to)).length / refs.length;
    expect(sameCity).toBeGreaterThan(0.75);
    const sameComm =
      shop.relationships.filter((r) => truth.community.get(r.from) === truth.community.get(r.to))
        .length / shop.relationships.length;
    expect(sameComm).toBeGreaterThan(0.6);
    // Preferential attachment: a heavy tail of in-degree.
    const indeg = new Map<string, number>();
    for (const r of shop.relationships) indeg.set(r.to, (indeg.get(r.to) ?? 0) + 1);
    const degs = [...indeg.values()];
    const mean = degs.reduce((s, x) => s + x, 0) / degs.length;
    expect(Math.max(...degs)).toBeGreaterThan(5 * mean);
    // A referral happens when the referee signs up.
    const created = new Map(shop.customers.map((c) => [c.id, c.createdAt]));
    for (const r of refs) expect(r.ts).toBe(created.get(r.to));
  });
});

// Churn from purchase history must see each customer as of the cutoff. A customer export says
// what was true on the day it was exported: an "as of the export" total-orders column counts the
// orders after the cutoff too, and would let the model read the label. Such columns are left out
// by default (with the reason shown) and only used when the user insists, with a warning.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { churnRisk } from '../../../src/lib/core/models/churn';
import type { DataInputs } from '../../../src/lib/core/models/inputs';
import type { Customer, OrderLine, Relationship } from '../../../src/lib/core/types';

const text = readFileSync(
  new URL('../../fixtures/cdnow/CDNOW_sample.txt', import.meta.url),
  'utf8'
);
const orders: OrderLine[] = text
  .trim()
  .split('\n')
  .map((l, i) => {
    const [cust, , date, cds, dollars] = l.trim().split(/\s+/);
    return {
      orderId: `o${i}`,
      customerId: cust,
      productId: 'cd',
      quantity: +cds,
      unitPrice: +dollars / Math.max(1, +cds),
      ts: Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)),
      channel: 'shop',
      cancelled: false
    };
  });
// The export's "total orders" counts every order, also those after the cutoff.
const total = new Map<string, number>();
for (const o of orders) total.set(o.customerId, (total.get(o.customerId) ?? 0) + 1);
const customers: Customer[] = [...total].map(([id, n]) => ({
  id,
  channel: 'shop',
  attributes: { total_orders: n, segment: n > 3 ? 'gold' : 'basic' },
  batchId: 0,
  updatedAt: 0
}));
const links: Relationship[] = customers.slice(0, 50).map((c, i) => ({
  id: `l${i}`,
  from: c.id,
  to: customers[i + 1].id,
  kind: 'referral',
  weight: 1,
  batchId: 0
}));
const inputs: DataInputs = {
  customers,
  orders,
  interactions: [],
  relationships: links,
  products: []
};
const options = {
  cutoff: Date.UTC(1997, 8, 30) + 86_400_000,
  windowDays: 182,
  folds: 3,
  learners: ['logistic' as const]
};

describe('history mode leakage guard', () => {
  it('leaves as-of-export columns and undated links out by default, saying why', async () => {
    const ds = churnRisk.dataset(inputs, options);
    expect(ds.plan.mode).toBe('history');
    const dropped = Object.fromEntries(ds.train.raw.dropped.map((d) => [d.name, d]));
    expect(dropped.total_orders.kind).toBe('undated');
    expect(dropped.total_orders.reason).toMatch(/as of the export, not the cutoff/);
    expect(dropped.segment.kind).toBe('undated');
    expect(dropped.relationships.reason).toMatch(/links without a date/);
    expect(ds.train.raw.columns.map((c) => c.name)).not.toContain('relationships');
    expect(ds.train.raw.leaky).toBeUndefined();
    const out = await churnRisk.train(ds, {});
    expect(out.report.selected.mean.auc).toBeGreaterThan(0.7);
    expect(out.report.selected.mean.auc).toBeLessThan(0.9);
  });

  it('the same column accepted by the user gives a near-perfect, leaked AUC, with a warning', async () => {
    const ds = churnRisk.dataset(inputs, { ...options, include: ['total_orders'] });
    expect(ds.train.raw.leaky).toEqual(['total_orders']);
    const out = await churnRisk.train(ds, {});
    expect(out.report.columns.leaky).toEqual(['total_orders']);
    expect(out.report.selected.mean.auc).toBeGreaterThan(0.97);
  });

  it('no feature uses an order on or after the cutoff', () => {
    const ds = churnRisk.dataset(inputs, options);
    const later = { ...inputs, orders: [...orders, ...orders.map((o) => ({ ...o, orderId: `x${o.orderId}`, ts: options.cutoff + 5 * 86_400_000 }))] }; // prettier-ignore
    const ds2 = churnRisk.dataset(later, options);
    expect(ds2.train.raw.columns).toEqual(ds.train.raw.columns);
  });
});

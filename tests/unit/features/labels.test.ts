import { describe, expect, it } from 'vitest';
import type { Customer, OrderLine } from '../../../src/lib/core/types';
import {
  binaryColumns,
  detectLabelColumn,
  labelsFromColumn,
  labelsFromHistory,
  proposeChurnWindow
} from '../../../src/lib/core/features/labels';
import { buildFeatureTable } from '../../../src/lib/core/features/table';
import { DAY_MS } from '../../../src/lib/core/features/history';
import { cdnowOrders, telcoCustomers } from './fixtures';

const cust = (id: string, attributes: Customer['attributes']): Customer => ({
  id,
  channel: 'shop',
  attributes,
  batchId: 0,
  updatedAt: 0
});

describe('label detection', () => {
  it('finds Churn on Telco and reads Yes/No', () => {
    const customers = telcoCustomers();
    expect(detectLabelColumn(customers)).toBe('Churn');
    const l = labelsFromColumn(customers, 'Churn');
    const yes = customers.filter((c) => c.attributes.Churn === 'Yes').length;
    expect(l.y.reduce((s, v) => s + v, 0)).toBe(yes);
    expect(binaryColumns(customers)).toEqual(
      expect.arrayContaining(['Partner', 'SeniorCitizen', 'Churn'])
    );
  });

  it('finds Exited (0/1) and 流失 (是/否), ignores non-binary look-alikes', () => {
    expect(
      detectLabelColumn([cust('a', { Exited: 1, Age: 30 }), cust('b', { Exited: 0, Age: 40 })])
    ).toBe('Exited');
    expect(detectLabelColumn([cust('a', { 流失: '是' }), cust('b', { 流失: '否' })])).toBe('流失');
    expect(
      detectLabelColumn([cust('a', { label: 'gold' }), cust('b', { label: 'silver' })])
    ).toBeNull();
  });
});

describe('labels from history (CDNOW slice)', () => {
  const orders = cdnowOrders();
  const cutoff = Date.UTC(1997, 9, 1); // features: purchases up to 1997-09-30

  it('proposes a clamped window with an explanation', () => {
    const w = proposeChurnWindow(orders, cutoff);
    expect(w.days).toBeGreaterThanOrEqual(30);
    expect(w.days).toBeLessThanOrEqual(365);
    expect(w.days % 7).toBe(0);
    expect(w.explanation).toMatch(/90% of repeat purchases/);
  });

  it('is leakage-free: changing anything on or after the cutoff leaves features bit-identical', () => {
    const before = buildFeatureTable({ orders }, { cutoff });
    const mutated: OrderLine[] = orders.map((o) =>
      o.ts >= cutoff ? { ...o, quantity: o.quantity * 7, unitPrice: o.unitPrice + 100 } : o
    );
    // drop half of the later events, add a burst of later purchases, and a brand-new customer
    const later = mutated.filter((o, i) => o.ts < cutoff || i % 2 === 0);
    for (const id of before.ids.slice(0, 50)) {
      later.push({ ...orders[0], orderId: `late-${id}`, customerId: id, ts: cutoff + 3 * DAY_MS });
    }
    later.push({ ...orders[0], orderId: 'newbie', customerId: 'NEW', ts: cutoff + DAY_MS });
    later.push({ ...orders[0], orderId: 'edge', customerId: 'EDGE', ts: cutoff });
    const after = buildFeatureTable({ orders: later }, { cutoff });
    expect(after.ids).toEqual(before.ids);
    expect(after.ids).not.toContain('NEW');
    expect(after.ids).not.toContain('EDGE');
    expect(after.columns.map((c) => c.name)).toEqual(before.columns.map((c) => c.name));
    expect(Buffer.from(after.X.buffer).equals(Buffer.from(before.X.buffer))).toBe(true);
    // ...while the labels (after the cutoff) do see the change
    const l1 = labelsFromHistory(before.ids, orders, cutoff, 182);
    const l2 = labelsFromHistory(after.ids, later, cutoff, 182);
    expect(l2.y.slice(0, 50).every((v) => v === 0)).toBe(true);
    expect(Array.from(l1.y)).not.toEqual(Array.from(l2.y));
  });

  it('changing an event before the cutoff does change the features (the test can fail)', () => {
    const before = buildFeatureTable({ orders }, { cutoff });
    const k = orders.findIndex((o) => o.ts < cutoff);
    const changed = orders.map((o, i) => (i === k ? { ...o, unitPrice: o.unitPrice + 50 } : o));
    const after = buildFeatureTable({ orders: changed }, { cutoff });
    expect(Buffer.from(after.X.buffer).equals(Buffer.from(before.X.buffer))).toBe(false);
  });

  it('labels churn as no purchase in [cutoff, cutoff + window)', () => {
    const o = (customerId: string, day: number): OrderLine => ({
      ...orders[0],
      orderId: `${customerId}${day}`,
      customerId,
      ts: cutoff + day * DAY_MS
    });
    const hist = [o('a', -10), o('b', -10), o('c', -10), o('a', 5), o('c', 40), o('z', 100)];
    const l = labelsFromHistory(['a', 'b', 'c'], hist, cutoff, 30);
    expect(Array.from(l.y)).toEqual([0, 1, 1]);
    expect(() => labelsFromHistory(['a'], hist, cutoff, 365)).toThrow(/orders end/);
  });
});

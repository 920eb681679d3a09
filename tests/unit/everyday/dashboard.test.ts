// The home dashboard's numbers on a small hand-made shop whose answers are worked out by hand,
// and on the CDNOW slice against a plain recount.
import { describe, expect, it } from 'vitest';
import { dashboard } from '../../../src/lib/core/features/dashboard';
import type { OrderLine } from '../../../src/lib/core/types';
import { cdnowOrders } from '../features/fixtures';

const day = 86_400_000;
const T0 = Date.UTC(2024, 0, 15); // 15 January 2024

function line(
  customerId: string,
  orderId: string,
  ts: number,
  quantity: number,
  unitPrice: number,
  cancelled = false
): OrderLine {
  return {
    orderId,
    customerId,
    productId: 'p',
    quantity,
    unitPrice,
    ts,
    channel: 'shop',
    cancelled
  };
}

// a: bought in January and in April (active); b: January only (lapsed); c: a cancelled order
// only (no purchase); d: a customer record without orders. March has no orders at all.
const orders: OrderLine[] = [
  line('a', 'o1', T0, 2, 10), // 20, January
  line('a', 'o1', T0, 1, 5), // 5, same order
  line('b', 'o2', T0 + 5 * day, 1, 100), // 100, January
  line('b', 'o3', T0 + 20 * day, -1, 40), // return of 40, February
  line('c', 'o4', T0 + 21 * day, 3, 50, true), // cancelled: adds nothing
  line('a', 'o5', Date.UTC(2024, 3, 30), 4, 25) // 100, April: the last order
];

describe('dashboard', () => {
  const d = dashboard({ customerIds: ['a', 'b', 'c', 'd'], orders });

  it('counts customers on file and those with at least one order', () => {
    expect(d.customers).toBe(4);
    expect(d.withOrders).toBe(2);
    expect(d.asOf).toBe(Date.UTC(2024, 3, 30));
  });

  it('sums net revenue by month, filling months without orders', () => {
    expect(d.months.map((m) => [m.year, m.month, m.revenue, m.orders])).toEqual([
      [2024, 1, 125, 2],
      [2024, 2, -40, 0],
      [2024, 3, 0, 0],
      [2024, 4, 100, 1]
    ]);
    expect(d.months[0].start).toBe(Date.UTC(2024, 0, 1));
    expect(d.revenue).toBe(185);
  });

  it('splits customers with orders into active and lapsed as of the last order', () => {
    expect(d.active).toBe(1);
    expect(d.lapsed).toBe(1);
    const wide = dashboard({ customerIds: [], orders, activeDays: 120 });
    expect(wide.active).toBe(2);
    expect(wide.lapsed).toBe(0);
  });

  it('has no value at risk until churn and lifetime value are both trained', () => {
    expect(d.valueAtRisk).toBeNull();
    expect(d.missing).toEqual(['churn', 'clv']);
    expect(d.next).toEqual(['trainChurn', 'trainClv', 'segments', 'customers']);
    const half = dashboard({ customerIds: ['a'], orders, churn: new Map([['a', 0.5]]) });
    expect(half.missing).toEqual(['clv']);
    expect(half.valueAtRisk).toBeNull();
  });

  it('weights each lifetime value by its churn risk', () => {
    const v = dashboard({
      customerIds: ['a', 'b'],
      orders,
      churn: new Map([
        ['a', 0.2],
        ['b', 0.9],
        ['x', 0.99] // no lifetime value: left out
      ]),
      clv: new Map([
        ['a', 300],
        ['b', 50]
      ])
    });
    expect(v.valueAtRisk).not.toBeNull();
    expect(v.valueAtRisk!.value).toBeCloseTo(0.2 * 300 + 0.9 * 50, 10);
    expect(v.valueAtRisk!.total).toBe(350);
    expect(v.valueAtRisk!.customers).toBe(2);
    expect(v.valueAtRisk!.likelyToLeave).toBe(1);
    expect(v.missing).toEqual([]);
    expect(v.next).toEqual(['reviewRisk', 'segments', 'customers']);
  });

  it('says to import when there is nothing, and to import orders with customers only', () => {
    expect(dashboard({ customerIds: [], orders: [] }).next).toEqual(['import']);
    const only = dashboard({ customerIds: ['a'], orders: [] });
    expect(only.next).toEqual(['importOrders']);
    expect(only.months).toEqual([]);
    expect(only.asOf).toBeNull();
  });

  it('keeps the latest months only', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      line('a', `o${i}`, Date.UTC(2020, i, 2), 1, i)
    );
    const m = dashboard({ customerIds: [], orders: many, maxMonths: 12 }).months;
    expect(m).toHaveLength(12);
    expect(m[11]).toMatchObject({ year: 2022, month: 6, revenue: 29 });
    expect(m[0]).toMatchObject({ year: 2021, month: 7, revenue: 18 });
  });

  it('agrees with a plain recount on the CDNOW slice', () => {
    const lines = cdnowOrders();
    const c = dashboard({ customerIds: [], orders: lines, maxMonths: 1000 });
    const sum = lines.reduce((s, o) => s + o.quantity * o.unitPrice, 0);
    expect(c.revenue).toBeCloseTo(sum, 6);
    expect(c.months.reduce((s, m) => s + m.revenue, 0)).toBeCloseTo(sum, 6);
    expect(c.withOrders).toBe(new Set(lines.map((o) => o.customerId)).size);
    expect(c.active + c.lapsed).toBe(c.withOrders);
  });
});

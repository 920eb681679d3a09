// Plain-words headlines, computed in core: "customers the model ranks riskiest left 3x as
// often as average" (Telco churn labels) and "next month: about N purchases" (CDNOW).
import { describe, expect, it } from 'vitest';
import {
  aboutRound,
  riskiestLift,
  riskiestValueShare
} from '../../../src/lib/core/models/headline';
import { lifetimeValue } from '../../../src/lib/core/models/clv/family';
import { telcoCustomers } from '../features/fixtures';
import { CALIBRATION_END, cdnowTransactions } from '../clv/fixtures';
import { inputsOf } from './helpers';

const DAY = 86_400_000;

describe('aboutRound', () => {
  it('keeps two significant figures from 100 up, whole numbers below', () => {
    expect(aboutRound(419.6)).toBe(420);
    expect(aboutRound(87.4)).toBe(87);
    expect(aboutRound(1234)).toBe(1200);
    expect(aboutRound(0.4)).toBe(0);
  });
});

describe('riskiestLift', () => {
  it('counts the churn rate of the top share against everyone', () => {
    // 10 customers, 2 churned; the top tenth (1 customer) churned: lift 1 / 0.2 = 5.
    const y = [1, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const s = [0.9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.05];
    expect(riskiestLift(y, s, 0.1)).toEqual({
      share: 0.1,
      top: 1,
      topRate: 1,
      baseRate: 0.2,
      lift: 5
    });
    // A ranking that puts a non-churner first has no lift at the top.
    const wrong = s.map((v, i) => (i === 1 ? 2 : v));
    expect(riskiestLift(y, wrong, 0.1).lift).toBe(0);
    // Ties are broken by position: all equal scores take the first customer.
    expect(riskiestLift(y, new Array(10).fill(0.5), 0.1).topRate).toBe(1);
    expect(() => riskiestLift(y, [1], 0.1)).toThrow(/10 labels but 1 scores/);
  });

  it('on Telco, the newest tenth of customers left about three times as often as average', () => {
    const rows = telcoCustomers().map((c) => c.attributes as Record<string, string>);
    const y = rows.map((r) => (r.Churn === 'Yes' ? 1 : 0));
    const newest = rows.map((r) => -Number(r.tenure));
    const l = riskiestLift(y, newest, 0.1);
    expect(l.top).toBe(Math.round(rows.length / 10));
    expect(l.baseRate).toBeGreaterThan(0.2);
    expect(l.baseRate).toBeLessThan(0.35);
    expect(l.lift).toBeGreaterThan(2);
    // Ranking at random (by id) has no such lift.
    const byId = rows.map((r) => r.customerID.charCodeAt(0) + r.customerID.charCodeAt(5));
    expect(riskiestLift(y, byId, 0.1).lift).toBeLessThan(1.6);
  });
});

describe('lifetime value headline on CDNOW', () => {
  it('says how many repeat purchases to expect next month, and the forecast holds', async () => {
    const tx = cdnowTransactions();
    const inputs = inputsOf({
      orders: tx.map((t, i) => ({
        orderId: `o${i}`,
        customerId: t.customerId,
        productId: 'cd',
        quantity: 1,
        unitPrice: t.amount,
        ts: t.ts,
        channel: 'shop',
        cancelled: false
      }))
    });
    const ds = lifetimeValue.dataset(inputs, { cutoff: CALIBRATION_END });
    const out = await lifetimeValue.train(ds, {});
    const r = out.report;
    const next = r.nextMonth!;
    expect(next.purchases).toBe(aboutRound(next.exact));
    expect(next.exact).toBeGreaterThan(0);
    expect(next.exact).toBeLessThan(r.totals.expectedPurchases90);
    // What happened: purchase days in the 30 days after the cutoff, per customer.
    const seen = new Set<string>();
    for (const t of tx)
      if (t.ts > CALIBRATION_END && t.ts <= CALIBRATION_END + 30 * DAY)
        seen.add(`${t.customerId}|${Math.floor(t.ts / DAY)}`);
    const actual = seen.size;
    console.info(`CDNOW next month: forecast ${next.exact.toFixed(1)}, actual ${actual}`);
    expect(next.exact).toBeGreaterThan(actual * 0.6);
    expect(next.exact).toBeLessThan(actual * 1.4);
  });
});

describe('riskiestValueShare', () => {
  it('sums the value held by the riskiest tenth against everyone', () => {
    // 20 customers: the two riskiest are worth 30 and 10 of a total of 40 + 18 × 5 = 130.
    const rows = Array.from({ length: 20 }, (_, i) => ({
      risk: i / 20,
      value: 5 as number | null
    }));
    rows[19] = { risk: 0.99, value: 30 };
    rows[18] = { risk: 0.98, value: 10 };
    const r = riskiestValueShare(rows, 0.1);
    expect(r.top).toBe(2);
    expect(r.valueShare).toBeCloseTo(40 / 130, 10);
    // Unknown values count as nothing; no value at all gives no headline.
    rows[19] = { risk: 0.99, value: null };
    expect(riskiestValueShare(rows, 0.1).valueShare).toBeCloseTo(10 / 100, 10);
    expect(
      riskiestValueShare(
        rows.map((r) => ({ ...r, value: null })),
        0.1
      ).valueShare
    ).toBeNaN();
    expect(riskiestValueShare([], 0.1)).toEqual({ top: 0, valueShare: NaN });
  });
});

import { describe, expect, it } from 'vitest';
import { summariseTransactions, DAY_MS } from '../../../src/lib/core/models/clv/summarise';
import { CALIBRATION_END, OBSERVATION_END, cdnowSummary, cdnowTransactions } from './fixtures';

describe('summariseTransactions', () => {
  it('rebuilds the published CDNOW summary from the raw sample', () => {
    const s = summariseTransactions(cdnowTransactions(), {
      calibrationEnd: CALIBRATION_END,
      unit: 'weeks'
    });
    const ref = new Map(cdnowSummary().map((c) => [c.customerId, c]));
    expect(s.length).toBe(2357);
    let mismatches = 0;
    for (const c of s) {
      const r = ref.get(c.customerId)!;
      if (
        r.frequency !== c.frequency ||
        Math.abs(r.recency - c.recency) > 0.005 ||
        Math.abs(r.T - c.T) > 0.005
      )
        mismatches++;
    }
    expect(mismatches).toBe(0);
    // mean repeat spend of the lifetimes CDNOW table with monetary value
    const byId = new Map(s.map((c) => [c.customerId, c]));
    const spend = ['1', '2', '6', '7', '9'].map((id) => byId.get(id)!.meanSpend);
    [22.35, 11.77, 73.74, 11.77, 25.55].forEach((v, i) => expect(spend[i]).toBeCloseTo(v, 2));
    expect(byId.get('3')!.meanSpend).toBe(0);
  });

  it('counts the holdout purchases after the calibration end', () => {
    const s = summariseTransactions(cdnowTransactions(), {
      calibrationEnd: CALIBRATION_END,
      unit: 'weeks',
      observationEnd: OBSERVATION_END
    });
    expect(s.every((c) => c.holdoutLength === 39)).toBe(true);
    // customer 1 (master id 00004) bought on 1997-12-12 after the calibration end
    expect(s.find((c) => c.customerId === '1')!.holdoutFrequency).toBe(1);
    expect(s.reduce((a, c) => a + c.holdoutFrequency!, 0)).toBeGreaterThan(1000);
  });

  it('merges same-day orders, skips late starters, works in days', () => {
    const d = (day: number, h = 0): number => Date.UTC(2024, 0, day, h);
    const rows = [
      { customerId: 'a', ts: d(1, 9), amount: 10 },
      { customerId: 'a', ts: d(1, 17), amount: 5 }, // same day: one purchase of 15
      { customerId: 'a', ts: d(4), amount: 20 },
      { customerId: 'a', ts: d(8), amount: 40 },
      { customerId: 'a', ts: d(20), amount: 99 }, // holdout
      { customerId: 'b', ts: d(15), amount: 7 } // first purchase after calibration end
    ];
    const [a, ...rest] = summariseTransactions(rows, {
      calibrationEnd: d(10),
      unit: 'days',
      observationEnd: d(31)
    });
    expect(rest).toHaveLength(0);
    expect(a).toMatchObject({
      frequency: 2,
      recency: 7,
      T: 9,
      meanSpend: 30,
      holdoutFrequency: 1,
      holdoutLength: 21
    });
    expect(a.meanSpendAll).toBeCloseTo(25, 12);
    expect(a.firstPurchase).toBe(d(1));
    expect(d(1) % DAY_MS).toBe(0);
  });
});

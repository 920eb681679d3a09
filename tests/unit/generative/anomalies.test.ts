// Planting anomalies: exactly the chosen rows change, each in the way its kind says, with
// replacement values taken from the training rows; the robust z-score by hand.
import { describe, expect, it } from 'vitest';
import {
  anomalyColumns,
  fitRobustZ,
  injectAnomalies,
  robustZScores
} from '../../../src/lib/core/models/customerMap/anomalies';
import { table } from './helpers';

const n = 200;
const t = table({
  monetary_total: Array.from({ length: n }, (_, i) => 10 + i),
  frequency: Array.from({ length: n }, (_, i) => 1 + (i % 7)),
  plan: Array.from({ length: n }, (_, i) => (i % 3 ? 'basic' : 'pro'))
});
const train = Array.from({ length: 150 }, (_, i) => i);
const test = Array.from({ length: 50 }, (_, i) => 150 + i);

describe('planted anomalies', () => {
  it('picks the spend and order-count columns by name', () => {
    expect(anomalyColumns(t)).toEqual({ swappedSpend: 'monetary_total', impossibleFrequency: 'frequency', swappedCategory: '*' }); // prettier-ignore
  });

  it('changes only the labelled rows, each the way its kind says', () => {
    const inj = injectAnomalies(t, test, train, { share: 0.3, seed: 4 });
    expect(inj.table.ids).toEqual(test.map((r) => t.ids[r]));
    const planted = inj.labels.reduce((s, v) => s + v, 0);
    expect(planted).toBe(15);
    const col = (name: string) => inj.table.columns.find((c) => c.name === name)!.values;
    const orig = (name: string, i: number) =>
      t.columns.find((c) => c.name === name)!.values[test[i]];
    const trainSpend = new Set(train.map((r) => t.columns[0].values[r]));
    for (let i = 0; i < test.length; i++) {
      const changed = ['monetary_total', 'frequency', 'plan'].filter(
        (c) => col(c)[i] !== orig(c, i)
      );
      const kind = inj.kinds[i];
      if (!inj.labels[i]) expect(changed).toEqual([]);
      else if (kind === 'swappedSpend') {
        expect(changed).toEqual(['monetary_total']);
        // A real training value from the other end: test rows here are all above the median.
        expect(trainSpend.has(col('monetary_total')[i])).toBe(true);
        expect(col('monetary_total')[i] as number).toBeLessThanOrEqual(10 + 0.1 * 149 + 1e-9);
      } else if (kind === 'impossibleFrequency') {
        expect(changed).toEqual(['frequency']);
        expect(col('frequency')[i]).toBe(21); // three times the training maximum, 7
      } else {
        expect(kind).toBe('swappedCategory');
        expect(changed).toEqual(['plan']);
      }
    }
    expect(new Set(inj.kinds.filter(Boolean)).size).toBe(3);
  });

  it('robust z-score: |x − median| / (1.4826 · MAD), the largest over numeric columns', () => {
    const small = table({ a: [1, 2, 3, 4, 100], b: [5, 5, 5, 5, 6] });
    const z = fitRobustZ(small, [0, 1, 2, 3]);
    // a: median 2.5, MAD median(1.5, .5, .5, 1.5) = 1; b: MAD 0 -> IQR 0 -> range 0 -> 1.
    expect(z.columns).toEqual([
      { name: 'a', median: 2.5, scale: 1.4826 },
      { name: 'b', median: 5, scale: 1 }
    ]);
    const s = robustZScores(z, small);
    expect(s[4]).toBeCloseTo(97.5 / 1.4826, 9);
    expect(s[0]).toBeCloseTo(1.5 / 1.4826, 9);
  });
});

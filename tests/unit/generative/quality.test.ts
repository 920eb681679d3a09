// The SDMetrics-style report and the privacy distances against figures worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  ksStatistic,
  pearson,
  qualityReport,
  totalVariation
} from '../../../src/lib/core/models/syntheticData/report/quality';
import { closestDistances, rowKeys } from '../../../src/lib/core/models/syntheticData/report/privacy'; // prettier-ignore
import { table } from './helpers';

describe('quality report', () => {
  it('KS statistic, total variation and Pearson correlation by hand', () => {
    // CDFs at 1, 2, 3, 4: (1/3, 0), (2/3, 1/3), (1, 2/3), (1, 1): largest gap 1/3.
    expect(ksStatistic(Float64Array.from([1, 2, 3]), Float64Array.from([2, 3, 4]))).toBeCloseTo(1 / 3, 12); // prettier-ignore
    const p = new Map([['a', 0.5], ['b', 0.5]]); // prettier-ignore
    const q = new Map([['a', 0.25], ['b', 0.25], ['c', 0.5]]); // prettier-ignore
    expect(totalVariation(p, q)).toBeCloseTo(0.5, 12); // (0.25 + 0.25 + 0.5) / 2
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, null, 4], [1, 1, 1, 1])).toBe(0); // constant: no correlation
  });

  it('column shapes, pair trends and the overall score of a small table', () => {
    const real = table({ n: [1, 2, 3, 4], c: ['a', 'a', 'b', 'b'] });
    const syn = table({ n: [1, 2, 3, 5], c: ['a', 'b', 'b', 'b'] });
    const r = qualityReport(real, syn);
    // n: CDFs differ only at 4 (1 against 3/4) -> KS 0.25; c: (|.5-.25| + |.5-.75|) / 2 = 0.25.
    expect(r.shapes).toEqual([
      { column: 'n', metric: 'KSComplement', score: 0.75 },
      { column: 'c', metric: 'TVComplement', score: 0.75 }
    ]);
    // n in 10 bins of width 0.3 over [1, 4]: 1->0, 2->3, 3->6, 4->9 (5 clipped to 9).
    // Real pairs (0,a) (3,a) (6,b) (9,b); synthetic (0,a) (3,b) (6,b) (9,b): TV = 0.25.
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0].metric).toBe('ContingencySimilarity');
    expect(r.pairs[0].score).toBeCloseTo(0.75, 12);
    expect(r.columnShapes).toBeCloseTo(0.75, 12);
    expect(r.columnPairTrends).toBeCloseTo(0.75, 12);
    expect(r.overall).toBeCloseTo(0.75, 12);
  });

  it('correlation similarity of two numbers: 1 − |ρ_real − ρ_synthetic| / 2', () => {
    const real = table({ x: [1, 2, 3, 4], y: [1, 2, 3, 4] });
    const syn = table({ x: [1, 2, 3, 4], y: [4, 3, 2, 1] });
    const pair = qualityReport(real, syn).pairs[0];
    expect(pair.metric).toBe('CorrelationSimilarity');
    expect(pair.real).toBeCloseTo(1, 12);
    expect(pair.synthetic).toBeCloseTo(-1, 12);
    expect(pair.score).toBeCloseTo(0, 12);
    expect(qualityReport(real, real).overall).toBe(1);
  });

  it('blanks are a category of their own and ignored by KS', () => {
    const real = table({ n: [1, null, 3, 4], c: ['a', null, 'b', 'b'] });
    const r = qualityReport(real, table({ n: [1, 3, 4, null], c: ['a', 'b', 'b', 'b'] }));
    expect(r.shapes[0].score).toBe(1); // same non-blank values
    expect(r.shapes[1].score).toBeCloseTo(0.75, 12); // blank 1/4 real, 0 synthetic; b 1/2 vs 3/4
  });
});

describe('privacy distances', () => {
  it('Gower distance to the closest real row', () => {
    const train = table({ n: [0, 10], c: ['a', 'b'] });
    // (5, a): to (0, a) (0.5 + 0) / 2 = 0.25; to (10, b) (0.5 + 1) / 2 = 0.75.
    // (10, a): to (10, b) (0 + 1) / 2 = 0.5; to (0, a) (1 + 0) / 2 = 0.5.
    const d = closestDistances(table({ n: [5, 10, 0], c: ['a', 'a', 'a'] }), train);
    expect(Array.from(d)).toEqual([0.25, 0.5, 0]);
  });

  it('row keys match equal rows whatever the number formatting', () => {
    const a = rowKeys(table({ n: [1.5, 2], c: ['x', null] }));
    const b = rowKeys(table({ n: [1.5000000001, 2], c: ['x', 'y'] }));
    expect(a[0]).toBe(b[0]);
    expect(a[1]).not.toBe(b[1]);
  });
});

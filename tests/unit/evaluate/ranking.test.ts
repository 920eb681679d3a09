import { describe, expect, it } from 'vitest';
import {
  averagePrecisionAtK,
  hitRateAtK,
  ndcgAtK,
  precisionAtK,
  rankingMetrics,
  recallAtK
} from '../../../src/lib/core/evaluate/ranking';

const rec = ['a', 'b', 'c', 'd', 'e'];
const rel = ['b', 'd', 'f'];
const idcg3 = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);

describe('ranking metrics by hand', () => {
  it('at k = 3 (one hit at rank 2)', () => {
    expect(precisionAtK(rec, rel, 3)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(rec, rel, 3)).toBeCloseTo(1 / 3, 12);
    expect(hitRateAtK(rec, rel, 3)).toBe(1);
    expect(ndcgAtK(rec, rel, 3)).toBeCloseTo(1 / Math.log2(3) / idcg3, 12);
    expect(averagePrecisionAtK(rec, rel, 3)).toBeCloseTo(0.5 / 3, 12);
  });

  it('at k = 5 (hits at ranks 2 and 4)', () => {
    expect(precisionAtK(rec, rel, 5)).toBeCloseTo(2 / 5, 12);
    expect(recallAtK(rec, rel, 5)).toBeCloseTo(2 / 3, 12);
    expect(ndcgAtK(rec, rel, 5)).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(5)) / idcg3, 12);
    expect(averagePrecisionAtK(rec, rel, 5)).toBeCloseTo((1 / 2 + 2 / 4) / 3, 12);
    expect(hitRateAtK(rec, rel, 1)).toBe(0);
  });

  it('perfect ranking scores 1, duplicates count once, empty relevance is skipped', () => {
    expect(ndcgAtK(['x', 'y'], ['x', 'y'], 2)).toBeCloseTo(1, 12);
    expect(averagePrecisionAtK(['x', 'y'], ['x', 'y'], 2)).toBeCloseTo(1, 12);
    expect(precisionAtK(['x', 'x', 'x'], ['x'], 3)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(['x'], [], 3)).toBeNaN();
    const m = rankingMetrics(
      [
        { recommended: rec, relevant: rel },
        { recommended: ['x', 'y'], relevant: ['y'] },
        { recommended: ['z'], relevant: [] }
      ],
      3
    );
    expect(m.users).toBe(2);
    expect(m.hitRate).toBe(1);
    expect(m.precision).toBeCloseTo((1 / 3 + 1 / 3) / 2, 12);
    expect(m.recall).toBeCloseTo((1 / 3 + 1) / 2, 12);
    expect(m.map).toBeCloseTo((0.5 / 3 + 0.5) / 2, 12);
  });
});

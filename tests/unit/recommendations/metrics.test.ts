// The protocol's figures against hand-worked examples: a fixed ranking for two users, every
// metric computed by hand; top-k with exclusions and ties.
import { describe, expect, it } from 'vitest';
import { evaluateRecommender, topK } from '../../../src/lib/core/models/recommendations/evaluate';
import { fromLists } from '../../../src/lib/core/models/recommendations/interactions';
import type { Recommender } from '../../../src/lib/core/models/recommendations/recommender';

/** Scores a fixed order for every user: item i scores `order.length - rank`. */
function fixed(order: number[], nItems: number): Recommender {
  const row = new Float32Array(nItems).fill(-Infinity);
  order.forEach((i, r) => (row[i] = order.length - r));
  return {
    kind: 'popular',
    params: {},
    score: (_h, users) => {
      const out = new Float32Array(users.length * nItems);
      for (let r = 0; r < users.length; r++) out.set(row, r * nItems);
      return out;
    },
    weights: () => []
  };
}

const at = (items: number[]) => items.map((item, ts) => ({ item, ts }));

describe('ranking figures', () => {
  it('match a hand-worked example (k = 3)', async () => {
    // 8 items; the model ranks 0,1,2,3,4,5,6,7. User 0 bought 0 in training (excluded), so its
    // list is 1,2,3; its test items are 2 and 7: one hit at rank 2.
    // User 1 has no training history; list 0,1,2; test items 0,1,2,3: hits at ranks 1,2,3.
    const train = fromLists([at([0]), []], 8);
    const test = fromLists([at([2, 7]), at([0, 1, 2, 3])], 8);
    const f = await evaluateRecommender(fixed([0, 1, 2, 3, 4, 5, 6, 7], 8), train, test, { k: 3 });
    const ndcg0 = 1 / Math.log2(3) / (1 + 1 / Math.log2(3)); // DCG 1/log2(3), ideal for 2 items
    const ndcg1 = 1; // three hits in the first three places, ideal for min(3, 4) items
    expect(f.ndcg).toBeCloseTo((ndcg0 + ndcg1) / 2, 10);
    expect(f.precision).toBeCloseTo((1 / 3 + 3 / 3) / 2, 10);
    // Recall@k as the issue defines it: hits / min(k, |test|): 1/2 and 3/3.
    expect(f.recall).toBeCloseTo((1 / 2 + 1) / 2, 10);
    expect(f.hitRate).toBe(1);
    // Items 0,1,2,3 appear in someone's top 3: half the catalogue.
    expect(f.coverage).toBe(0.5);
    expect(f.users).toBe(2);
  });

  it('averages only over users with test items, and a miss scores 0', async () => {
    const train = fromLists([at([0]), at([1])], 4);
    const test = fromLists([at([3]), []], 4);
    const f = await evaluateRecommender(fixed([0, 1, 2, 3], 4), train, test, { k: 2 });
    // User 0: list 1,2 (0 excluded), test 3: a miss. User 1 has no test item.
    expect(f.users).toBe(1);
    expect(f.ndcg).toBe(0);
    expect(f.hitRate).toBe(0);
  });

  it('topK skips excluded and unscoreable items, keeps the lower index on ties, restores the row', () => {
    const s = Float32Array.from([0.5, 0.9, -Infinity, 0.9, 0.1, 0.7]);
    expect(topK(s, 0, 6, 3)).toEqual([1, 3, 5]);
    expect(topK(s, 0, 6, 3, [1])).toEqual([3, 5, 0]);
    expect(topK(s, 0, 6, 10)).toEqual([1, 3, 5, 0, 4]);
    expect([...s]).toEqual([0.5, 0.9, -Infinity, 0.9, 0.1, 0.7].map(Math.fround));
  });
});

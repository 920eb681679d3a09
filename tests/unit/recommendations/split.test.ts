// The protocol's split on real data: per user the last 20% by time (at least one) is the test set,
// and no test interaction is ever in training (nor in the validation split's training part).
import { describe, expect, it } from 'vitest';
import {
  indexInteractions,
  itemsOf
} from '../../../src/lib/core/models/recommendations/interactions';
import { temporalSplit, testCount } from '../../../src/lib/core/models/recommendations/split';
import { movieLensRows } from './helpers';

describe('temporal split', () => {
  it('keeps every user’s latest 20% (rounded up, at least one) apart, on MovieLens users 1-80', async () => {
    const log = indexInteractions(await movieLensRows());
    expect(log.users).toHaveLength(80);
    const h = log.history;
    const { train, test } = temporalSplit(h);
    expect(train.idx.length + test.idx.length).toBe(h.idx.length);
    for (let u = 0; u < h.nUsers; u++) {
      const n = h.ptr[u + 1] - h.ptr[u];
      const tr = itemsOf(train, u);
      const te = itemsOf(test, u);
      expect(te.length).toBe(testCount(n));
      expect(te.length).toBeGreaterThanOrEqual(Math.max(1, 0.2 * n));
      // No pair on both sides, and nothing in training is later than anything in test.
      const inTrain = new Set(tr);
      for (const i of te) expect(inTrain.has(i)).toBe(false);
      const lastTrain = Math.max(...train.ts.subarray(train.ptr[u], train.ptr[u + 1]));
      const firstTest = Math.min(...test.ts.subarray(test.ptr[u], test.ptr[u + 1]));
      expect(lastTrain).toBeLessThanOrEqual(firstTest);
    }
  });

  it('the validation split is carved from training interactions only', async () => {
    const h = indexInteractions(await movieLensRows()).history;
    const { train, test } = temporalSplit(h);
    const val = temporalSplit(train);
    const testPairs = new Set<string>();
    for (let u = 0; u < h.nUsers; u++) for (const i of itemsOf(test, u)) testPairs.add(`${u}:${i}`);
    for (const part of [val.train, val.test])
      for (let u = 0; u < h.nUsers; u++)
        for (const i of itemsOf(part, u)) expect(testPairs.has(`${u}:${i}`)).toBe(false);
    expect(val.train.idx.length + val.test.idx.length).toBe(train.idx.length);
  });

  it('orders ties by input order, keeps each pair once at its first time, and counts one-interaction users as test', () => {
    const log = indexInteractions([
      { user: 'a', item: 'x', ts: 5 },
      { user: 'a', item: 'y', ts: 5 },
      { user: 'a', item: 'x', ts: 1 }, // a repurchase earlier in the file's order: first time wins
      { user: 'a', item: 'z', ts: 9 },
      { user: 'b', item: 'x', ts: 3 }
    ]);
    const h = log.history;
    expect([...itemsOf(h, 0)].map((i) => log.items[i])).toEqual(['x', 'y', 'z']);
    expect([...h.ts.subarray(0, 3)]).toEqual([1, 5, 9]);
    const { train, test } = temporalSplit(h);
    expect([...itemsOf(test, 0)].map((i) => log.items[i])).toEqual(['z']);
    expect(itemsOf(train, 1)).toHaveLength(0);
    expect(itemsOf(test, 1)).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { permutationImportance } from '../../../src/lib/core/models/churn/importance';
import { averagePrecision } from '../../../src/lib/core/evaluate/curves';
import { bestF1Threshold } from '../../../src/lib/core/evaluate/metrics';
import { heldOutMetrics } from '../../../src/lib/core/evaluate/nested';
import { LogisticRegression } from '../../../src/lib/core/models/learners/logistic';

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

describe('permutation importance', () => {
  it('orders x1 (strong) > x2 (weak) > x3 (none), one-hot pair shuffled as a group', async () => {
    const rand = seededRandom(5);
    const n = 3000;
    const p = 5; // x1, x2, x3, c=a, c=b (c is noise, one-hot)
    const X = new Float32Array(n * p);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const [x1, x2, x3] = [gauss(rand), gauss(rand), gauss(rand)];
      const c = rand() < 0.5 ? 1 : 0;
      X.set([x1, x2, x3, c, 1 - c], i * p);
      y[i] = rand() < 1 / (1 + Math.exp(-(2.5 * x1 + 0.6 * x2))) ? 1 : 0;
    }
    const lr = new LogisticRegression();
    await lr.fit({ X, nCols: p, y });
    const imp = permutationImportance({
      X,
      nCols: p,
      y,
      groups: [
        { source: 'x1', cols: [0] },
        { source: 'x2', cols: [1] },
        { source: 'x3', cols: [2] },
        { source: 'c', cols: [3, 4] }
      ],
      predict: (m) => lr.predict(m)
    });
    expect(imp.map((i) => i.feature).slice(0, 2)).toEqual(['x1', 'x2']);
    expect(imp[0].aucDrop).toBeGreaterThan(0.2);
    expect(imp[1].aucDrop).toBeGreaterThan(0.005);
    for (const f of ['x3', 'c'])
      expect(Math.abs(imp.find((i) => i.feature === f)!.aucDrop)).toBeLessThan(0.005);
  });
});

describe('PR AUC and best F1', () => {
  it('match hand-computed values', () => {
    const y = [1, 0, 1, 0, 0];
    const s = [0.9, 0.8, 0.7, 0.2, 0.1];
    // precision at the two positives: 1/1 and 2/3 -> AP = 0.5 * 1 + 0.5 * 2/3
    expect(averagePrecision(y, s)).toBeCloseTo(0.5 + 1 / 3, 10);
    // threshold 0.7: tp 2, fp 1 -> F1 = 4 / (4 + 1) = 0.8
    const best = bestF1Threshold(y, s);
    expect(best.f1).toBeCloseTo(0.8, 10);
    expect(best.threshold).toBe(0.7);
    // Held-out figures at a threshold chosen elsewhere: 0.85 -> tp 1, fp 0, fn 1.
    const m = heldOutMetrics(y, s, 0.85);
    expect(m.f1).toBeCloseTo(2 / 3, 10);
    expect([m.precision, m.recall, m.threshold]).toEqual([1, 0.5, 0.85]);
    expect(m.prAuc).toBeCloseTo(0.5 + 1 / 3, 10);
  });
});

// Champion / challenger on the Telco churn slice: a challenger is promoted only when it beats the
// champion on the same held-out rows by more than chance. A deliberately worse challenger (trained
// on shuffled labels, or the champion's scores with noise) and an identical one are never
// promoted; a clearly better one is. Plus the feedback store and the contact uplift interval.
import { describe, expect, it } from 'vitest';
import {
  stratifiedSplit,
  seededRandom,
  shuffleInPlace
} from '../../../src/lib/core/evaluate/splits';
import { buildRawTable, encodeTable } from '../../../src/lib/core/features/table';
import { labelsFromColumn } from '../../../src/lib/core/features/labels';
import {
  compareMeans,
  compareOnHoldout,
  retrainDue
} from '../../../src/lib/core/feedback/champion';
import { addFeedback, feedbackOf } from '../../../src/lib/core/feedback/store';
import { upliftOf } from '../../../src/lib/core/feedback/uplift';
import { LogisticRegression } from '../../../src/lib/core/models/learners/logistic';
import { telcoCustomers } from '../features/fixtures';
import { newDb } from '../db/helpers';

const customers = telcoCustomers();
const labels = labelsFromColumn(customers, 'Churn');
const table = encodeTable(buildRawTable({ customers }, { label: 'Churn' }));
const all = Array.from({ length: labels.y.length }, (_, i) => i);
const { train, test } = stratifiedSplit(all, labels.y, 0.3, 7);

function rows(idx: number[]): Float32Array {
  const X = new Float32Array(idx.length * table.nCols);
  idx.forEach((r, i) => X.set(table.X.subarray(r * table.nCols, (r + 1) * table.nCols), i * table.nCols)); // prettier-ignore
  return X;
}
const Xtrain = rows(train);
const Xtest = rows(test);
const ytrain = train.map((r) => labels.y[r]);
const ytest = test.map((r) => labels.y[r]);

async function fit(y: number[], l2 = 1e-3): Promise<Float32Array> {
  const lr = new LogisticRegression({ l2 });
  await lr.fit({ X: Xtrain, nCols: table.nCols, y });
  return lr.predict(Xtest);
}

describe('champion / challenger', () => {
  it('never promotes a worse challenger; promotes a clearly better one', async () => {
    const good = await fit(ytrain);
    const shuffled = shuffleInPlace([...ytrain], seededRandom(3));
    const bad = await fit(shuffled);

    // Champion good, challenger trained on shuffled labels: not promoted.
    const worse = compareOnHoldout(ytest, good, bad);
    expect(worse.champion).toBeGreaterThan(0.75);
    expect(worse.challenger).toBeLessThan(0.6);
    expect(worse.promote).toBe(false);
    expect(worse.reason).toBe('not-better');

    // Champion's own scores with noise: slightly worse, not promoted.
    const rand = seededRandom(5);
    const noisy = Float32Array.from(good, (s) => s + (rand() - 0.5) * 0.4);
    expect(compareOnHoldout(ytest, good, noisy).promote).toBe(false);

    // An identical challenger is not "better".
    expect(compareOnHoldout(ytest, good, good).promote).toBe(false);

    // The bad model as champion, the good one as challenger: promoted, with the comparison.
    const better = compareOnHoldout(ytest, bad, good);
    expect(better.promote).toBe(true);
    expect(better.difference).toBeGreaterThan(0.15);
    expect(better.lowerBound).toBeGreaterThan(0);
  });

  it('compares means of a per-row figure: worse, equal and noise are not promoted', () => {
    const rand = seededRandom(11);
    const champ = Array.from({ length: 200 }, () => (rand() < 0.7 ? 1 : 0));
    const worse = champ.map((v, i) => (i % 4 === 0 ? 0 : v));
    const better = champ.map((v, i) => (i % 3 === 0 ? 1 : v));
    const noisy = champ.map((v, i) => (i % 50 === 0 ? 1 - v : v));
    expect(compareMeans('accuracy', champ, worse).promote).toBe(false);
    expect(compareMeans('accuracy', champ, champ).promote).toBe(false);
    expect(compareMeans('accuracy', champ, noisy).promote).toBe(false);
    const up = compareMeans('accuracy', champ, better);
    expect(up.promote).toBe(true);
    expect(up.lowerBound).toBeGreaterThan(0);
    expect(up.challenger - up.champion).toBeCloseTo(up.difference, 12);
    expect(compareMeans('accuracy', champ.slice(0, 10), better.slice(0, 10)).reason).toBe('too-few-rows'); // prettier-ignore
  });

  it('refuses to decide on too few held-out rows or one class', () => {
    const y = [1, 0, 1, 0, 1, 0];
    expect(compareOnHoldout(y, [0.1, 0.9, 0.2, 0.8, 0.3, 0.7], [0.9, 0.1, 0.8, 0.2, 0.7, 0.3]).reason).toBe('too-few-rows'); // prettier-ignore
    expect(compareOnHoldout([1, 1], [0.1, 0.2], [0.3, 0.4]).reason).toBe('one-class');
    expect(() => compareOnHoldout([1, 0], [0.1], [0.2, 0.3])).toThrow(/same held-out rows/);
  });

  it('retrains when enough new rows or feedback arrived', () => {
    expect(retrainDue({ trainedRows: 10_000, newRows: 100, newFeedback: 3 })).toBe(false);
    expect(retrainDue({ trainedRows: 10_000, newRows: 600, newFeedback: 3 })).toBe(true);
    expect(retrainDue({ trainedRows: 10_000, newRows: 0, newFeedback: 50 })).toBe(true);
  });
});

describe('feedback store and uplift', () => {
  it('stores signals of every source in one table, refusing unknown ones', async () => {
    const db = newDb('feedback');
    await addFeedback(db, { customerId: 'A', ts: 1, family: 'churn', signal: 'contacted' });
    await addFeedback(db, { customerId: 'A', ts: 2, family: 'recommend', signal: 'rejected', item: 'P1' }); // prettier-ignore
    await addFeedback(db, { customerId: 'B', ts: 3, family: 'churn', signal: 'saved' });
    await expect(
      addFeedback(db, { customerId: 'B', ts: 4, family: 'churn', signal: 'maybe' as 'saved' })
    ).rejects.toThrow(/unknown churn feedback signal/);
    expect((await feedbackOf(db, 'churn')).map((f) => f.signal)).toEqual(['contacted', 'saved']);
    expect(await feedbackOf(db, 'churn', 2)).toHaveLength(1);
    expect(await db.feedback.count()).toBe(3);
  });

  it('uplift of contacting, with a Newcombe interval that shrinks with more customers', () => {
    const make = (n: number) => [
      ...Array.from({ length: n }, (_, i) => ({ contacted: true, retained: i < n * 0.7 })),
      ...Array.from({ length: n }, (_, i) => ({ contacted: false, retained: i < n * 0.5 }))
    ];
    const small = upliftOf(make(20))!;
    const big = upliftOf(make(2000))!;
    expect(small.uplift).toBeCloseTo(0.2, 10);
    expect(big.uplift).toBeCloseTo(0.2, 10);
    expect(small.low).toBeLessThan(0.2);
    expect(small.high).toBeGreaterThan(0.2);
    expect(big.high - big.low).toBeLessThan((small.high - small.low) / 5);
    expect(big.low).toBeGreaterThan(0.15);
    // Newcombe's published example (method 10): 56/70 vs 48/80 -> 0.2, [0.0524, 0.3339].
    const ex = upliftOf([
      ...Array.from({ length: 70 }, (_, i) => ({ contacted: true, retained: i < 56 })),
      ...Array.from({ length: 80 }, (_, i) => ({ contacted: false, retained: i < 48 }))
    ])!;
    expect(ex.low).toBeCloseTo(0.0524, 3);
    expect(ex.high).toBeCloseTo(0.3339, 3);
    expect(upliftOf([{ contacted: true, retained: true }])).toBeNull();
  });
});

describe('contact outcomes', () => {
  it('groups flagged customers by contact and counts purchases after it', async () => {
    const { contactOutcomes } = await import('../../../src/lib/core/feedback/outcomes');
    const risk = new Map([
      ['A', 0.9],
      ['B', 0.8],
      ['C', 0.7],
      ['D', 0.6],
      ['E', 0.1]
    ]);
    const lastOrder = new Map([
      ['A', 200],
      ['B', 50],
      ['C', 150],
      ['D', 90],
      ['E', 500]
    ]);
    const fb = [
      { customerId: 'A', ts: 100, family: 'churn', signal: 'contacted' },
      { customerId: 'B', ts: 100, family: 'churn', signal: 'contacted' },
      { customerId: 'B', ts: 120, family: 'churn', signal: 'saved' },
      { customerId: 'C', ts: 100, family: 'churn', signal: 'left' },
      { customerId: 'E', ts: 100, family: 'churn', signal: 'contacted' }
    ] as const;
    const rows = contactOutcomes({
      risk,
      threshold: 0.5,
      since: 100,
      lastOrder,
      feedback: [...fb]
    });
    // A: contacted, bought after; B: contacted, said saved; C: not contacted, said left;
    // D: not contacted, no order since; E: below the threshold, left out.
    expect(rows).toEqual([
      { contacted: true, retained: true },
      { contacted: true, retained: true },
      { contacted: false, retained: false },
      { contacted: false, retained: false }
    ]);
  });
});

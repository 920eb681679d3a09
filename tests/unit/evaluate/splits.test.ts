import { describe, expect, it } from 'vitest';
import { crossValidate, summariseFolds } from '../../../src/lib/core/evaluate/crossValidate';
import { rocAuc } from '../../../src/lib/core/evaluate/metrics';
import {
  averagePrecision,
  calibrationCurve,
  gainsCurve
} from '../../../src/lib/core/evaluate/curves';
import { stratifiedKFold, timeSplit } from '../../../src/lib/core/evaluate/splits';
import { bgNbdProbabilityOfPurchaseWithin } from '../../../src/lib/core/models/clv/bgnbd';
import { fitBgNbd } from '../../../src/lib/core/models/clv/bgnbdFit';
import { summariseTransactions } from '../../../src/lib/core/models/clv/summarise';
import { CALIBRATION_END, OBSERVATION_END, cdnowTransactions } from '../clv/fixtures';

describe('timeSplit', () => {
  it('puts the past in train and the cutoff onwards in test', () => {
    const f = timeSplit([5, 1, 10, NaN, 7, 3], 5);
    expect(f.train).toEqual([1, 5]);
    expect(f.test).toEqual([0, 2, 4]);
  });

  it('splits CDNOW transactions at the calibration end', () => {
    const tx = cdnowTransactions();
    const { train, test } = timeSplit(
      tx.map((t) => t.ts),
      CALIBRATION_END + 86_400_000
    );
    expect(train.length + test.length).toBe(tx.length);
    expect(Math.max(...train.map((i) => tx[i].ts))).toBeLessThanOrEqual(CALIBRATION_END);
    expect(Math.min(...test.map((i) => tx[i].ts))).toBeGreaterThan(CALIBRATION_END);
  });
});

describe('crossValidate', () => {
  it('aggregates mean and sample sd', async () => {
    const folds = [0, 1, 2].map(() => ({ train: [], test: [] }));
    const r = await crossValidate(folds, (_f, i) => ({
      auc: [0.7, 0.8, 0.9][i],
      n: 3,
      bad: i ? NaN : 1
    }));
    expect(r.perFold).toHaveLength(3);
    expect(r.mean.auc).toBeCloseTo(0.8, 12);
    expect(r.sd.auc).toBeCloseTo(0.1, 12);
    expect(r.sd.n).toBe(0);
    expect(r.mean.bad).toBe(1);
    expect(summariseFolds([])).toEqual({ mean: {}, sd: {} });
  });

  it('scores "buys again in the holdout" on CDNOW with BG/NBD fitted per fold', async () => {
    const s = summariseTransactions(cdnowTransactions(), {
      calibrationEnd: CALIBRATION_END,
      unit: 'weeks',
      observationEnd: OBSERVATION_END
    });
    const y = s.map((c) => (c.holdoutFrequency! > 0 ? 1 : 0));
    const folds = stratifiedKFold(y, 3, 7);
    const cv = await crossValidate(folds, (fold) => {
      const fit = fitBgNbd(fold.train.map((i) => s[i]));
      const score = fold.test.map((i) =>
        bgNbdProbabilityOfPurchaseWithin(fit.params, 39, s[i].frequency, s[i].recency, s[i].T)
      );
      const yt = fold.test.map((i) => y[i]);
      return {
        auc: rocAuc(yt, score),
        ap: averagePrecision(yt, score),
        topDecileLift: gainsCurve(yt, score, 10)[0].lift,
        ece: calibrationCurve(yt, score, 10).ece
      };
    });
    const base = y.reduce((a: number, b) => a + b, 0) / y.length;
    expect(cv.mean.auc).toBeGreaterThan(0.75);
    expect(cv.mean.ap).toBeGreaterThan(2 * base);
    expect(cv.mean.topDecileLift).toBeGreaterThan(2.5);
    expect(cv.mean.ece).toBeLessThan(0.1);
    expect(cv.sd.auc).toBeLessThan(0.05);
  });
});

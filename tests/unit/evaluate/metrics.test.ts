import { describe, expect, it } from 'vitest';
import {
  bestF1Threshold,
  brierScore,
  classificationMetrics,
  confusionMatrix,
  logLoss,
  rocAuc
} from '../../../src/lib/core/evaluate/metrics';
import {
  averagePrecision,
  calibrationCurve,
  gainsCurve,
  liftCurve,
  prCurve,
  rocCurve
} from '../../../src/lib/core/evaluate/curves';

// Six points, ranked: 0.9(+) 0.8(−) 0.7(+) 0.6(+) 0.5(−) 0.4(−)
const y6 = [1, 0, 1, 1, 0, 0];
const s6 = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];

/** Trapezoid area under (x, y) points. */
function trapezoid(x: number[], y: number[]): number {
  let a = 0;
  for (let i = 1; i < x.length; i++) a += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return a;
}

describe('threshold metrics on a hand-computed example', () => {
  it('confusion matrix and derived rates at 0.65', () => {
    const cm = confusionMatrix(y6, s6, 0.65);
    expect(cm).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    const m = classificationMetrics(cm);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    expect(m.specificity).toBeCloseTo(2 / 3, 12);
    // threshold is inclusive
    expect(confusionMatrix(y6, s6, 0.7).tp).toBe(2);
  });

  it('best F1 is at 0.6 with F1 = 6/7', () => {
    const b = bestF1Threshold(y6, s6);
    expect(b.threshold).toBe(0.6);
    expect(b.f1).toBeCloseTo(6 / 7, 12);
    expect(b.precision).toBeCloseTo(3 / 4, 12);
    expect(b.recall).toBe(1);
  });

  it('AUC 7/9, AP = (1 + 2/3 + 3/4) / 3, ROC area equals AUC', () => {
    expect(rocAuc(y6, s6)).toBeCloseTo(7 / 9, 12);
    expect(averagePrecision(y6, s6)).toBeCloseTo((1 + 2 / 3 + 3 / 4) / 3, 12);
    const roc = rocCurve(y6, s6);
    expect(roc.fpr).toEqual(
      [0, 0, 1 / 3, 1 / 3, 1 / 3, 2 / 3, 1].map((v) => expect.closeTo(v, 12))
    );
    expect(roc.tpr[roc.tpr.length - 1]).toBe(1);
    expect(trapezoid(roc.fpr, roc.tpr)).toBeCloseTo(7 / 9, 12);
    const pr = prCurve(y6, s6);
    expect(pr.precision[0]).toBe(1);
    expect(pr.recall).toEqual([1, 1, 2, 3, 3, 3].map((v) => expect.closeTo(v / 3, 12)));
  });

  it('log-loss and Brier score', () => {
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(brierScore([1, 0], [0.8, 0.3])).toBeCloseTo(0.065, 12);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true); // clipped, not Infinity
    expect(brierScore([1, 0], [1, 0])).toBe(0);
  });
});

describe('ties and degenerate input', () => {
  it('tied scores count as one step (AUC 3.5/4, AP 5/6)', () => {
    const y = [1, 0, 1, 0];
    const s = [0.5, 0.5, 0.8, 0.2];
    expect(rocAuc(y, s)).toBeCloseTo(0.875, 12);
    expect(averagePrecision(y, s)).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
    const roc = rocCurve(y, s);
    expect(roc.fpr).toEqual([0, 0, 0.5, 1]);
    expect(roc.tpr).toEqual([0, 0.5, 1, 1]);
    expect(trapezoid(roc.fpr, roc.tpr)).toBeCloseTo(0.875, 12);
    expect(bestF1Threshold(y, s).threshold).toBe(0.5);
  });

  it('one class only', () => {
    expect(rocAuc([1, 1, 1], [0.1, 0.5, 0.9])).toBeNaN();
    expect(averagePrecision([0, 0], [0.1, 0.2])).toBeNaN();
    expect(averagePrecision([1, 1], [0.1, 0.2])).toBe(1);
    expect(bestF1Threshold([0, 0], [0.3, 0.4])).toMatchObject({ f1: 0, threshold: Infinity });
    expect(rocCurve([0, 0], [0.1, 0.2]).tpr.every(Number.isNaN)).toBe(true);
    const m = classificationMetrics(confusionMatrix([0, 0], [0.1, 0.2]));
    expect(m).toMatchObject({ precision: 0, recall: 0, f1: 0, accuracy: 1 });
    expect(gainsCurve([0, 0], [0.1, 0.2], 2)[0].gain).toBeNaN();
    expect(logLoss([], [])).toBeNaN();
  });
});

describe('calibration, gains and lift', () => {
  it('reliability bins and expected calibration error by hand', () => {
    const { bins, ece } = calibrationCurve([0, 1, 1, 1, 0, 1], [0.1, 0.15, 0.8, 0.9, 0.85, 1], 2);
    expect(bins[0]).toMatchObject({ lower: 0, upper: 0.5, count: 2, fractionPositive: 0.5 });
    expect(bins[0].meanPredicted).toBeCloseTo(0.125, 12);
    expect(bins[1].count).toBe(4); // 1.0 lands in the last bin
    expect(bins[1].meanPredicted).toBeCloseTo(0.8875, 12);
    expect(ece).toBeCloseTo((2 / 6) * 0.375 + (4 / 6) * 0.1375, 12);
    expect(calibrationCurve([1], [0.3], 10).bins[9].meanPredicted).toBeNaN();
  });

  it('cumulative gains and lift at quantiles', () => {
    const y = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0];
    const s = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const g = gainsCurve(y, s, 5);
    expect(g.map((p) => p.gain)).toEqual([2 / 3, 1, 1, 1, 1].map((v) => expect.closeTo(v, 12)));
    expect(g[0].lift).toBeCloseTo(10 / 3, 12);
    expect(g[4].lift).toBeCloseTo(1, 12);
    expect(liftCurve(y, s, 5)[1]).toEqual({ fraction: 0.4, lift: expect.closeTo(2.5, 12) });
    // all tied: half the list holds half the positives in expectation
    expect(gainsCurve([1, 0, 1, 0], [1, 1, 1, 1], 2)[0].gain).toBeCloseTo(0.5, 12);
  });
});

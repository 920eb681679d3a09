import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchaseWithin,
  bgNbdProbabilityOfPurchases,
  bgNbdTimeToNextPurchase
} from '../../../src/lib/core/models/clv/bgnbd';
import { fitBgNbd } from '../../../src/lib/core/models/clv/bgnbdFit';
import { cdnowSummary } from './fixtures';

const sig3 = (v: number): number => Number(v.toPrecision(3));
// Fader, Hardie & Lee (2005), CDNOW 1/10 sample, 39-week calibration.
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD on CDNOW', () => {
  const rows = cdnowSummary();
  const fit = fitBgNbd(rows);

  it('reproduces the published fit to 3 significant digits', () => {
    expect(fit.regularised).toBe(false);
    expect(sig3(fit.params.r)).toBe(0.243);
    expect(sig3(fit.params.alpha)).toBe(4.41);
    expect(sig3(fit.params.a)).toBe(0.793);
    expect(sig3(fit.params.b)).toBe(2.43);
    expect(fit.logLik).toBeCloseTo(-9582.4, 1);
    // the MLE beats the rounded published values
    expect(fit.logLik).toBeGreaterThanOrEqual(bgNbdLogLikelihood(PUBLISHED, rows));
  });

  it('has finite, positive standard errors from the Hessian', () => {
    for (const v of Object.values(fit.stdErrors)) {
      expect(v).toBeGreaterThan(0);
      expect(Number.isFinite(v)).toBe(true);
    }
    // r is pinned down far better than b (relative error)
    expect(fit.stdErrors.r / fit.params.r).toBeLessThan(fit.stdErrors.b / fit.params.b);
  });

  it('matches the conditional expectation of Hardie’s spreadsheet', () => {
    // x = 2, t_x = 30.43, T = 38.86: E[Y(39)] = 1.226 (FHL 2005, section 5)
    expect(bgNbdExpectedPurchases(fit.params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it('matches E[X(t)] and P(X(t) = n) of the paper and R BTYD', () => {
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) =>
      expect(bgNbdExpectedPurchasesNew(fit.params, t)).toBeCloseTo(expected[i], 3)
    );
    expect(bgNbdProbabilityOfPurchases(PUBLISHED, 39, 0)).toBeCloseTo(0.5737864, 6);
    expect(bgNbdProbabilityOfPurchases(PUBLISHED, 2, 10)).toBeCloseTo(1.07869e-7, 11);
    expect(bgNbdProbabilityOfPurchases(PUBLISHED, 30, 11)).toBeCloseTo(0.0019995214, 8);
    let total = 0;
    for (let n = 0; n < 400; n++) total += bgNbdProbabilityOfPurchases(PUBLISHED, 10, n);
    expect(total).toBeCloseTo(1, 6);
  });

  it('P(alive) is 1 only without repeat purchases and follows the closed form', () => {
    const p = PUBLISHED;
    expect(bgNbdProbabilityAlive(p, 0, 0, 38.86)).toBe(1);
    const pa = bgNbdProbabilityAlive(p, 2, 30.43, 38.86);
    const closed =
      1 / (1 + (p.a / (p.b + 1)) * Math.pow((p.alpha + 38.86) / (p.alpha + 30.43), p.r + 2));
    expect(pa).toBeCloseTo(closed, 12);
    expect(pa).toBeLessThan(1);
    // recent buyers are more likely alive; a long silence after many purchases is bad news
    expect(bgNbdProbabilityAlive(p, 5, 38, 39)).toBeGreaterThan(
      bgNbdProbabilityAlive(p, 5, 10, 39)
    );
    expect(bgNbdProbabilityAlive(p, 20, 10, 39)).toBeLessThan(bgNbdProbabilityAlive(p, 2, 10, 39));
    // BTYD example x = 23, t_x = T = 39: 1 / (1 + a / (b + 22)), the dropout risk of one purchase
    expect(bgNbdProbabilityAlive(p, 23, 39, 39)).toBeCloseTo(1 / (1 + 0.793 / 24.426), 12);
  });

  it('next purchase time is where P(purchase within t) reaches one half', () => {
    const p = fit.params;
    const t = bgNbdTimeToNextPurchase(p, 10, 38, 39);
    expect(Number.isFinite(t)).toBe(true);
    expect(bgNbdProbabilityOfPurchaseWithin(p, t, 10, 38, 39)).toBeCloseTo(0.5, 10);
    // lapsed customers (P(alive) < 1/2) never reach 50%
    expect(bgNbdProbabilityAlive(p, 10, 5, 39)).toBeLessThan(0.5);
    expect(bgNbdTimeToNextPurchase(p, 10, 5, 39)).toBe(Infinity);
    // a frequent recent buyer comes back sooner than an occasional one
    expect(t).toBeLessThan(bgNbdTimeToNextPurchase(p, 3, 38, 39));
  });

  it('conditional expectations grow with the horizon and vanish at zero', () => {
    const p = fit.params;
    expect(bgNbdExpectedPurchases(p, 0, 2, 30.43, 38.86)).toBe(0);
    let prev = 0;
    for (const t of [1, 10, 52, 200, 1000]) {
      const e = bgNbdExpectedPurchases(p, t, 2, 30.43, 38.86);
      expect(e).toBeGreaterThan(prev);
      prev = e;
    }
  });

  it('rejects impossible rows with a clear message', () => {
    expect(() => fitBgNbd([{ frequency: 1, recency: 5, T: 3 }])).toThrow(/recency <= T/);
    expect(() => fitBgNbd([])).toThrow(/no customers/);
  });
});

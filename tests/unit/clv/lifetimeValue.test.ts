import { describe, expect, it } from 'vitest';
import {
  customerLifetimeValue,
  fitLifetimeValue,
  LifetimeValueModel,
  nextPurchaseDate,
  probabilityAlive,
  summariseTransactions,
  DAY_MS
} from '../../../src/lib/core/models/clv/index';
import { CALIBRATION_END, OBSERVATION_END, cdnowTransactions } from './fixtures';

const summary = summariseTransactions(cdnowTransactions(), {
  calibrationEnd: CALIBRATION_END,
  unit: 'weeks',
  observationEnd: OBSERVATION_END
});
const model = fitLifetimeValue(summary, { draws: 100 });

describe('lifetime value on the CDNOW sample', () => {
  it('exposes fitted params, log-likelihoods and standard errors', () => {
    expect(model.params.r).toBeCloseTo(0.243, 3);
    expect(model.params.p).toBeCloseTo(6.25, 2);
    expect(model.logLik.purchases).toBeCloseTo(-9582.4, 1);
    expect(model.stdErrors.q).toBeGreaterThan(0);
    expect(model.regularised).toBe(false);
    expect(model.calibrationEnd).toBe(CALIBRATION_END);
  });

  it('predicts CLV = expected purchases x expected spend inside its credible interval', () => {
    const f = customerLifetimeValue(model, summary, 180);
    expect(f).toHaveLength(summary.length);
    for (const c of f) {
      expect(c.clv).toBeCloseTo(c.expectedPurchases * c.expectedSpend, 8);
      expect(c.clvLow).toBeLessThanOrEqual(c.clv * 1.0001);
      expect(c.clvHigh).toBeGreaterThanOrEqual(c.clv * 0.9999);
      expect(c.pAlive).toBeGreaterThan(0);
      expect(c.pAlive).toBeLessThanOrEqual(1);
    }
    const one = f.find((c) => c.customerId === '1')!;
    expect(one.expectedSpend).toBeCloseTo(24.65, 1);
    expect(probabilityAlive(model, summary[0])).toBeCloseTo(f[0].pAlive, 12);
  });

  it('dates the next purchase only when it is likely within the horizon', () => {
    const f = model.predict(summary, 365);
    const withDate = f.filter((c) => c.nextPurchaseInDays !== null);
    expect(withDate.length).toBeGreaterThan(10);
    for (const c of withDate) {
      expect(c.nextPurchaseInDays!).toBeLessThanOrEqual(365);
      expect(c.purchaseProbability).toBeGreaterThanOrEqual(0.5 - 1e-9);
    }
    const best = summary[f.indexOf(withDate[0])];
    const date = nextPurchaseDate(model, best, 365)!;
    expect(date).toBeCloseTo(CALIBRATION_END + withDate[0].nextPurchaseInDays! * DAY_MS, -1);
    const lapsed = summary.find((c) => model.probabilityAlive(c) < 0.3)!;
    expect(nextPurchaseDate(model, lapsed, 365)).toBeNull();
  });

  it('discounting lowers value', () => {
    const disc = fitLifetimeValue(summary, { draws: 0, discountRatePerYear: 0.5 });
    const plain = model.predict(summary.slice(0, 50), 365);
    const lower = disc.predict(summary.slice(0, 50), 365);
    lower.forEach((c, i) => {
      expect(c.clv).toBeLessThan(plain[i].clv);
      expect(c.clv).toBeGreaterThan(plain[i].clv / 1.5 - 1e-9);
      expect(Number.isNaN(c.clvLow)).toBe(true); // no draws, no interval
    });
  });

  it('tracks the holdout period', () => {
    const m = model.evaluate(summary);
    expect(m.customers).toBe(2357);
    expect(m.holdoutCorrelation).toBeGreaterThan(0.5);
    // BG/NBD is known to under-forecast CDNOW's holdout a little; within 20% in aggregate
    expect(Math.abs(m.holdoutPredicted / m.holdoutActual - 1)).toBeLessThan(0.2);
  });

  it('saves and restores through JSON', () => {
    const saved = JSON.parse(JSON.stringify(model.toJSON()));
    const back = LifetimeValueModel.fromJSON(saved);
    const a = model.predict(summary.slice(0, 20), 180);
    const b = back.predict(summary.slice(0, 20), 180);
    expect(b).toEqual(a);
    expect(() => LifetimeValueModel.fromJSON({ ...saved, kind: 'churn' })).toThrow(
      /not a lifetime/
    );
  });
});

describe('lifetime value for a 30-customer shop', () => {
  const small = summary.slice(0, 30);
  const tiny = fitLifetimeValue(small, { draws: 100 });

  it('still fits, with a weak prior, and gives finite estimates', () => {
    expect(tiny.regularised).toBe(true);
    const f = tiny.predict(small, 180);
    for (const c of f) {
      for (const v of [c.clv, c.clvLow, c.clvHigh, c.expectedSpend, c.pAlive])
        expect(Number.isFinite(v)).toBe(true);
      expect(c.clvLow).toBeLessThanOrEqual(c.clvHigh);
    }
  });

  it('has wider relative intervals than the full sample', () => {
    const rel = (m: LifetimeValueModel): number => {
      const f = m.predict(small, 180);
      const w = f.map((c) => (c.clvHigh - c.clvLow) / c.clv).sort((a, b) => a - b);
      return w[Math.floor(w.length / 2)];
    };
    expect(rel(tiny)).toBeGreaterThan(2 * rel(model));
  });

  it('the prior keeps the estimates nearer the full-sample fit than plain ML does', () => {
    const plain = fitLifetimeValue(small, { draws: 0, regularise: false });
    const dist = (m: LifetimeValueModel): number =>
      (['r', 'alpha', 'a', 'b'] as const).reduce(
        (s, k) => s + Math.log(m.params[k] / model.params[k]) ** 2,
        0
      );
    expect(dist(tiny)).toBeLessThan(dist(plain) / 4);
  });

  it('falls back to the average spend when nobody bought twice', () => {
    const once = small.map((c) => ({ ...c, frequency: 0, recency: 0, meanSpend: 0 }));
    const m = fitLifetimeValue(once, { draws: 20 });
    expect(m.spendFit).toBeNull();
    const mean = once.reduce((s, c) => s + c.meanSpendAll, 0) / once.length;
    const f = m.predict(once, 180);
    expect(f[0].expectedSpend).toBeCloseTo(mean, 10);
    expect(f.every((c) => c.pAlive === 1 && Number.isFinite(c.clv))).toBe(true);
  });
});

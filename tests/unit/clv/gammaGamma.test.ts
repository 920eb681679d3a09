import { describe, expect, it } from 'vitest';
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood
} from '../../../src/lib/core/models/clv/gammaGamma';
import { summariseTransactions } from '../../../src/lib/core/models/clv/summarise';
import { CALIBRATION_END, cdnowTransactions } from './fixtures';

describe('Gamma-Gamma on the CDNOW sample', () => {
  const summary = summariseTransactions(cdnowTransactions(), {
    calibrationEnd: CALIBRATION_END,
    unit: 'weeks'
  });
  const fit = fitGammaGamma(summary);

  it('reproduces the lifetimes/Hardie values p = 6.25, q = 3.74, gamma = 15.44', () => {
    expect(fit.n).toBe(summary.filter((c) => c.frequency > 0).length);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 2);
    expect(fit.regularised).toBe(false);
    const rows = summary.filter((c) => c.frequency > 0);
    expect(fit.logLik).toBeGreaterThan(gammaGammaLogLikelihood({ p: 6, q: 4, gamma: 15 }, rows));
    for (const v of Object.values(fit.stdErrors)) expect(v).toBeGreaterThan(0);
  });

  it('gives Hardie’s conditional expected spend', () => {
    const g = { p: 6.25, q: 3.74, gamma: 15.44 };
    // customers 1, 2, 3 (no repeat), 6 of the spreadsheet (brucehardie.com note 025)
    expect(gammaGammaExpectedSpend(g, 2, 22.35)).toBeCloseTo(24.65, 1);
    expect(gammaGammaExpectedSpend(g, 1, 11.77)).toBeCloseTo(18.91, 1);
    expect(gammaGammaExpectedSpend(g, 0, 0)).toBeCloseTo(35.17, 0);
    expect(gammaGammaExpectedSpend(g, 7, 73.74)).toBeCloseTo(71.46, 1);
  });

  it('shrinks towards the population mean less as purchases accumulate', () => {
    const g = fit.params;
    const pop = gammaGammaExpectedSpend(g, 0, 0);
    const few = gammaGammaExpectedSpend(g, 1, 200);
    const many = gammaGammaExpectedSpend(g, 20, 200);
    expect(few).toBeGreaterThan(pop);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeLessThan(200);
  });

  it('refuses data without repeat spend', () => {
    expect(() => fitGammaGamma([{ frequency: 0, meanSpend: 0 }])).toThrow(/no repeat customers/);
  });
});

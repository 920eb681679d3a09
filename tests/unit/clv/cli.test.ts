import { describe, expect, it } from 'vitest';
import { parseDate, run } from '../../../src/cli/commands/clv';
import { SAMPLE_TXT, SUMMARY_CSV } from './fixtures';

describe('rapport clv', () => {
  it('fits BG/NBD on a summary CSV', async () => {
    const out = (await run({ summary: SUMMARY_CSV })) as Record<string, number>;
    expect(out.customers).toBe(2357);
    expect(out.r).toBeCloseTo(0.243, 3);
    expect(out.alpha).toBeCloseTo(4.414, 2);
    expect(out.a).toBeCloseTo(0.793, 3);
    expect(out.b).toBeCloseTo(2.426, 2);
    expect(out.logLik).toBeCloseTo(-9582.4, 1);
  });

  it('summarises whitespace transactions, fits both models and checks the holdout', async () => {
    const out = (await run({
      transactions: SAMPLE_TXT,
      'calibration-end': '1997-09-30',
      'horizon-days': '180',
      draws: '20'
    })) as {
      customers: number;
      observationEnd: string;
      spend: { params: { p: number } };
      predictions: { top10: { clv: number; clvLow: number }[] };
      holdout: { actualPurchases: number; predictedPurchases: number; correlation: number };
    };
    expect(out.customers).toBe(2357);
    expect(out.observationEnd).toBe('1998-06-30');
    expect(out.spend.params.p).toBeGreaterThan(5);
    expect(out.predictions.top10).toHaveLength(10);
    expect(out.predictions.top10[0].clv).toBeGreaterThanOrEqual(out.predictions.top10[9].clv);
    expect(out.holdout.correlation).toBeGreaterThan(0.5);
    expect(out.holdout.predictedPurchases).toBeGreaterThan(0.8 * out.holdout.actualPurchases);
  });

  it('reads dates and reports bad input', async () => {
    expect(parseDate('19970930')).toBe(Date.UTC(1997, 8, 30));
    expect(parseDate('1997-09-30')).toBe(Date.UTC(1997, 8, 30));
    await expect(run({})).rejects.toThrow(/--summary/);
    await expect(run({ transactions: SAMPLE_TXT, 'amount-col': 'nope' })).rejects.toThrow(
      /no column "nope"/
    );
  });
});

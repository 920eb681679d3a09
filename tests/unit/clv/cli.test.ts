// `rapport clv` on files read by the app's import code, and the refusals it shares with the app.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/clv';
import { SAMPLE_TXT, SUMMARY_CSV } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'rapport-clv-'));
/** CDNOW_sample.txt as an order export with a header (one order per line). */
const ORDERS = join(dir, 'cdnow-orders.csv');
writeFileSync(
  ORDERS,
  'order_id,customer_id,order_date,quantity,amount\n' +
    readFileSync(SAMPLE_TXT, 'utf8')
      .trim()
      .split('\n')
      .map((l, i) => {
        const [, id, d, q, amount] = l.trim().split(/\s+/);
        return `o${i},${Number(id)},${d},${q},${amount}`;
      })
      .join('\n')
);

describe('rapport clv', () => {
  it('fits BG/NBD on a summary CSV', async () => {
    const out = (await run({ summary: SUMMARY_CSV })) as Record<string, number>;
    expect(out.customers).toBe(2357);
    expect(out.r).toBeCloseTo(0.243, 3);
    expect(out.alpha).toBeCloseTo(4.414, 2);
    expect(out.a).toBeCloseTo(0.793, 3);
    expect(out.b).toBeCloseTo(2.426, 2);
    expect(out.logLik).toBeCloseTo(-9582.4, 1);
    expect(out.converged).toBe(true);
  });

  it('reads an order export, fits both models, reports convergence and checks the holdout', async () => {
    const out = (await run({ orders: ORDERS, cutoff: '1997-09-30', 'horizon-days': '180' })) as {
      customers: number;
      observationEnd: string;
      params: Record<string, number>;
      converged: boolean;
      finiteErrors: boolean;
      predictions: { top10: { clv: number; clvLow: number }[]; interval: number[] };
      holdout: { actualPurchases: number; predictedPurchases: number; correlation: number };
    };
    expect(out.customers).toBe(2357);
    expect(out.observationEnd).toBe('1998-06-30');
    expect(out.params.p).toBeGreaterThan(5);
    expect(out.converged).toBe(true);
    expect(out.finiteErrors).toBe(true);
    expect(out.predictions.top10).toHaveLength(10);
    expect(out.predictions.top10[0].clv).toBeGreaterThanOrEqual(out.predictions.top10[9].clv);
    expect(out.predictions.top10.every((t) => t.clvLow >= 0)).toBe(true);
    expect(out.predictions.interval[0]).toBeGreaterThanOrEqual(0);
    expect(out.holdout.correlation).toBeGreaterThan(0.5);
    expect(out.holdout.predictedPurchases).toBeGreaterThan(0.8 * out.holdout.actualPurchases);
  });

  it('reports bad input with the file, row and column', async () => {
    const bad = join(dir, 'bad-summary.csv');
    writeFileSync(bad, 'frequency,recency,T\n1,2,3\n1,x,3\n');
    await expect(run({ summary: bad })).rejects.toThrow(
      /bad-summary.csv: row 3, column recency: not a number "x"/
    );
    await expect(run({})).rejects.toThrow(/--orders/);
    await expect(run({ orders: ORDERS, cutoff: '30/9/97' })).rejects.toThrow(
      /--cutoff must be a date/
    );
  });
});

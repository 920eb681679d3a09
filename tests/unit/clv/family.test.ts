// Lifetime value refuses to estimate what the history cannot support, and says why.
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/cli/files';
import { lifetimeValue } from '../../../src/lib/core/models/clv/family';
import type { OrderLine } from '../../../src/lib/core/types';
import { cdnowTransactions } from './fixtures';
import { inputsOf } from '../models/helpers';

const RETAIL = new URL('../../fixtures/csv/online-retail-sample.csv', import.meta.url).pathname;
const DAY = 86_400_000;
const cdnow = inputsOf({
  orders: cdnowTransactions().map((t, i) => ({
    orderId: `o${i}`,
    customerId: t.customerId,
    productId: 'cd',
    quantity: 1,
    unitPrice: t.amount,
    ts: t.ts,
    channel: 'shop',
    cancelled: false
  }))
});

describe('lifetime value family', () => {
  it('explains that a single day of orders cannot give an estimate (Online Retail sample)', async () => {
    const { inputs } = await readInputs({ orders: RETAIL });
    expect(() => lifetimeValue.dataset(inputs, {})).toThrow(
      expect.objectContaining({
        code: 'clv.shortHistory',
        params: expect.objectContaining({ days: 1 })
      })
    );
  });

  it('refuses when almost nobody bought twice', () => {
    const orders: OrderLine[] = Array.from({ length: 400 }, (_, i) => ({
      orderId: `o${i}`,
      customerId: `c${i}`,
      productId: 'p',
      quantity: 1,
      unitPrice: 10,
      ts: Date.UTC(2024, 0, 1) + (i % 200) * DAY,
      channel: 'shop',
      cancelled: false
    }));
    orders.push({ ...orders[0], orderId: 'again', ts: orders[0].ts + 30 * DAY });
    expect(() => lifetimeValue.dataset(inputsOf({ orders }), {})).toThrow(
      expect.objectContaining({ code: 'clv.fewRepeat' })
    );
  });

  it('on CDNOW: converges, finite errors, non-negative intervals, a holdout check after the cutoff', async () => {
    const ds = lifetimeValue.dataset(cdnow, { cutoff: Date.UTC(1997, 8, 30) });
    expect(ds.observationEnd).not.toBeNull();
    const out = await lifetimeValue.train(ds, {});
    expect(out.report.converged).toBe(true);
    expect(out.report.finiteErrors).toBe(true);
    expect(out.report.holdout!.correlation).toBeGreaterThan(0.5);
    const scores = await lifetimeValue.score(out.model);
    expect(scores).toHaveLength(2357);
    for (const s of scores) {
      expect(s.value).toBeGreaterThanOrEqual(0);
      expect(s.detail!.clvLow as number).toBeGreaterThanOrEqual(0);
      expect(s.detail!.clvHigh as number).toBeGreaterThanOrEqual(s.detail!.clvLow as number);
    }
    // Saved and loaded, the model forecasts the same.
    const back = lifetimeValue.load(lifetimeValue.save(out.model));
    expect(back.intervals).toBe(true);
    expect(back.model.params).toEqual(out.model.model.params);
  });
});

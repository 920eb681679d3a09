// Segments as a model family: recency names only when the history is long enough to judge
// who is lapsing; value tiers otherwise.
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/cli/files';
import { customerSegments } from '../../../src/lib/core/models/segments/family';
import { generateSampleShop } from '../../../src/lib/core/sample';
import { inputsOf } from '../models/helpers';

const RETAIL = new URL('../../fixtures/csv/online-retail-sample.csv', import.meta.url).pathname;

describe('segments family', () => {
  it('uses value tiers, not "Lost" or "Champions", on one day of orders', async () => {
    const { inputs } = await readInputs({ orders: RETAIL });
    const ds = customerSegments.dataset(inputs, {});
    const out = await customerSegments.train(ds, {});
    expect(out.report.basis).toBe('value');
    expect(out.report.spanDays).toBeLessThan(1);
    expect(out.report.segments.map((s) => s.segment)).toEqual(['High value', 'Mid value', 'Low value']); // prettier-ignore
    const scores = await customerSegments.score(out.model);
    expect(scores.every((s) => ['High value', 'Mid value', 'Low value'].includes(s.detail!.segment as string))).toBe(true); // prettier-ignore
  });

  it('names RFM segments on two years of a shop, counting what the customer page counts', async () => {
    const shop = generateSampleShop({ customers: 500 });
    const inputs = inputsOf({ orders: shop.orders });
    const ds = customerSegments.dataset(inputs, {});
    const out = await customerSegments.train(ds, {});
    expect(out.report.basis).toBe('rfm');
    const total = out.report.segments.reduce((s, x) => s + x.customers, 0);
    expect(total).toBe(out.report.customers);
    expect(out.report.segments.find((s) => s.segment === 'Champions')!.customers).toBeGreaterThan(
      0
    );
    expect(out.report.clusters.reduce((s, c) => s + c.customers, 0)).toBe(out.report.customers);
    expect(out.report.k).toBeGreaterThanOrEqual(2);
    // Asking for 3 clusters gives 3.
    const three = await customerSegments.train(customerSegments.dataset(inputs, { k: 3 }), {});
    expect(three.report.clusters).toHaveLength(3);
  });

  it('explains that segments need orders', () => {
    expect(() => customerSegments.dataset(inputsOf({}), {})).toThrow(
      expect.objectContaining({ code: 'segments.noOrders' })
    );
  });
});

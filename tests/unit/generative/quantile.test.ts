// The quantile transform of the GAN's numbers (issue #14): the empirical CDF of the knots, a
// round trip that gives the training values back to within the interpolation between knots, a
// spike (a run of equal values) spread over its CDF step and written back exactly, blanks kept,
// and decoded numbers that never leave the training range whatever the generator outputs.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { asTable, metaOf, planColumns } from '../../../src/lib/core/models/syntheticData/columns';
import { tableRows } from '../../../src/lib/core/models/customerMap/table';
import { synthDataset } from '../../../src/lib/core/models/syntheticData/dataset';
import { rowKeys } from '../../../src/lib/core/models/syntheticData/report/privacy';
import {
  fitTransformer,
  inverseRows,
  knotsCdf,
  transformRows,
  type TransformOptions
} from '../../../src/lib/core/models/syntheticData/transform';
import { table, telcoInputs } from './helpers';

/** 600 rows: a number with a spike at 0 (40%), two decimals elsewhere, 3% blanks; a category. */
function spiky() {
  const rand = seededRandom(5);
  const x = Array.from({ length: 600 }, (_, i) =>
    i % 33 === 0 ? null : rand() < 0.4 ? 0 : Math.round((20 + 100 * rand() ** 2) * 100) / 100
  );
  const c = Array.from({ length: 600 }, () => (rand() < 0.3 ? 'a' : 'b'));
  return table({ x, c });
}

const values = (raw: ReturnType<typeof table>, name: string) =>
  raw.columns.find((c) => c.name === name)!.values;

describe('the empirical CDF of the quantile knots', () => {
  const knots = [0, 1, 2, 2, 2, 5];
  const rand = seededRandom(1);
  it('is k/K at a knot, linear between knots, 0 and 1 outside', () => {
    expect(knotsCdf(knots, 0, rand)).toBe(0);
    expect(knotsCdf(knots, 1, rand)).toBeCloseTo(1 / 5, 12);
    expect(knotsCdf(knots, 0.5, rand)).toBeCloseTo(0.5 / 5, 12);
    expect(knotsCdf(knots, 3.5, rand)).toBeCloseTo((4 + 0.5) / 5, 12);
    expect(knotsCdf(knots, -3, rand)).toBe(0);
    expect(knotsCdf(knots, 9, rand)).toBe(1);
  });
  it('draws inside the step of a tie, covering it', () => {
    const us = Array.from({ length: 400 }, () => knotsCdf(knots, 2, rand));
    expect(Math.min(...us)).toBeGreaterThanOrEqual(2 / 5);
    expect(Math.max(...us)).toBeLessThanOrEqual(4 / 5);
    expect(Math.max(...us) - Math.min(...us)).toBeGreaterThan(0.3);
  });
});

describe.each<TransformOptions>([{ numeric: 'quantile-bins', bins: 10 }, { numeric: 'quantile' }])(
  'the quantile transform %o',
  (opts) => {
    const raw = spiky();
    const plans = planColumns(raw);
    const t = fitTransformer(raw, plans, 1, opts);
    const col = t.columns.find((c) => c.plan.name === 'x')!;

    it('has knots from the training minimum to the maximum and no mixture', () => {
      expect(col.gmm).toBeUndefined();
      const xs = values(raw, 'x').filter((v): v is number => typeof v === 'number');
      expect(col.knots![0]).toBe(Math.min(...xs));
      expect(col.knots!.at(-1)).toBe(Math.max(...xs));
      expect(col.bins).toBe(opts.numeric === 'quantile-bins' ? 10 : undefined);
    });

    it('gives the training values back to within the gap between neighbouring knots', () => {
      const back = inverseRows(t, transformRows(t, raw, 3), raw.ids.length)[0];
      const orig = values(raw, 'x');
      const knots = col.knots!;
      let exact = 0;
      let others = 0;
      orig.forEach((v, i) => {
        if (v === null) return void expect(back[i]).toBeNull();
        expect(typeof back[i]).toBe('number');
        if (v === 0) return void expect(back[i]).toBe(0); // the spike comes back as itself
        others++;
        const x = v as number;
        const k = knots.findIndex((q) => q >= x);
        const gap = knots[Math.min(knots.length - 1, k + 1)] - knots[Math.max(0, k - 2)];
        expect(Math.abs((back[i] as number) - x)).toBeLessThanOrEqual(gap + 1e-9);
        if (back[i] === v) exact++;
      });
      expect(exact / others).toBeGreaterThan(0.8); // all but the clipped edges and tails
    });

    it('spreads the spike over its CDF step rather than one code', () => {
      const data = transformRows(t, raw, 3);
      const codes = new Set<string>();
      values(raw, 'x').forEach((v, i) => {
        if (v === 0) codes.add(Array.from(data.subarray(i * t.width + col.start, i * t.width + col.start + col.width)).map((a) => a.toFixed(3)).join()); // prettier-ignore
      });
      expect(codes.size).toBeGreaterThan(50);
    });

    it('never decodes a number outside the training range, whatever the generator outputs', () => {
      const rand = seededRandom(9);
      const n = 2000;
      const data = Float32Array.from({ length: n * t.width }, () => (rand() - 0.5) * 20);
      const out = inverseRows(t, data, n)[0].filter((v): v is number => typeof v === 'number');
      const xs = values(raw, 'x').filter((v): v is number => typeof v === 'number');
      expect(out.length).toBeGreaterThan(n / 4);
      expect(Math.min(...out)).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(Math.max(...out)).toBeLessThanOrEqual(Math.max(...xs));
    });
  }
);

describe('the quantile-bins transform on the Telco slice', () => {
  it('gives back nearly every row exactly, and every category and blank', async () => {
    const ds = synthDataset(await telcoInputs(), {});
    const train = tableRows(ds.table, ds.train);
    const plans = planColumns(train);
    const t = fitTransformer(train, plans, 1, { numeric: 'quantile-bins' });
    const back = asTable(metaOf(train), plans, inverseRows(t, transformRows(t, train), train.ids.length)); // prettier-ignore
    const a = rowKeys(train);
    const b = rowKeys(back);
    expect(a.filter((k, i) => k === b[i]).length / a.length).toBeGreaterThan(0.95);
    for (const p of plans) {
      const orig = values(train, p.name);
      const got = values(back, p.name);
      if (p.kind === 'discrete') expect(got, p.name).toEqual(orig);
      else
        expect(
          got.map((v) => v === null),
          p.name
        ).toEqual(orig.map((v) => v === null));
    }
  });
});

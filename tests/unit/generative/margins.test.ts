// The GAN's margins and start (issue #14): generated numbers take the training quantiles in
// the generator's order, generated levels come at the training shares after calibration, and
// the generator's outputs start unsaturated so that it can learn how numbers move together.
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../../src/lib/core/tf/backend';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { tableRows } from '../../../src/lib/core/models/customerMap/table';
import { planColumns } from '../../../src/lib/core/models/syntheticData/columns';
import { Ctgan, rankMargins } from '../../../src/lib/core/models/syntheticData/ctgan';
import { synthDataset } from '../../../src/lib/core/models/syntheticData/dataset';
import { fitTransformer, inverseRows, transformRows } from '../../../src/lib/core/models/syntheticData/transform'; // prettier-ignore
import { pearson } from '../../../src/lib/core/models/syntheticData/report/quality';
import { table, telcoInputs } from './helpers';

beforeAll(async () => {
  await initTf();
});

const order = (xs: number[]) => xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);

describe('rank margins', () => {
  for (const numeric of ['quantile', 'quantile-bins'] as const)
    it(`${numeric}: keeps the generator's order and gives the training quantiles`, () => {
      const rand = seededRandom(5);
      // A skewed column with blanks: 1..400 squared, every tenth blank.
      const x = Array.from({ length: 400 }, (_, i) => (i % 10 === 9 ? null : (i + 1) ** 2));
      const t = fitTransformer(table({ x }), planColumns(table({ x })), 1, { numeric });
      const n = 300;
      const out = new Float32Array(n * t.width);
      const c = t.columns[0];
      const nb = c.bins ?? 0;
      // Generator-like output crowded near one end: positions all in the first bin's top.
      for (let i = 0; i < n; i++) {
        const r = i * t.width;
        out[r] = 0.9 + 0.09 * rand();
        if (nb) out[r + 1 + (rand() < 0.9 ? 0 : 1)] = 1;
        out[r + 1 + nb + (i % 5 === 0 ? 1 : 0)] = 1; // every fifth row blank
      }
      const before = inverseRows(t, out.slice(), n)[0];
      rankMargins(t, out, n);
      const after = inverseRows(t, out, n)[0];
      // Blanks stay blank, and only they.
      expect(after.map((v) => v === null)).toEqual(before.map((v) => v === null));
      const present = after.flatMap((v, i) => (v === null ? [] : [{ v: v as number, b: before[i] as number }])); // prettier-ignore
      expect(present).toHaveLength(240);
      // Same order as the generator's (ties broken the same way) ...
      const ranked = order(present.map((p) => p.v));
      for (let k = 1; k < ranked.length; k++)
        expect(present[ranked[k]].b).toBeGreaterThanOrEqual(present[ranked[k - 1]].b);
      // ... and the training distribution: its median and deciles, where before all sat low.
      const sorted = present.map((p) => p.v).sort((a, b) => a - b);
      const real = x.filter((v): v is number => v !== null).sort((a, b) => a - b);
      for (const q of [0.1, 0.5, 0.9]) {
        const want = real[Math.floor(q * real.length)];
        expect(Math.abs(sorted[Math.floor(q * sorted.length)] - want) / want).toBeLessThan(0.05);
      }
      // Before, the generator's values sat in a narrow band at one end.
      const iqr = (xs: number[]) => xs[Math.floor(0.75 * xs.length)] - xs[Math.floor(0.25 * xs.length)]; // prettier-ignore
      expect(iqr(present.map((p) => p.b).sort((a, b) => a - b))).toBeLessThan(0.2 * iqr(real));
    });
});

describe('the GAN on the Telco slice', () => {
  it('calibration brings every generated level to its training share', async () => {
    const ds = synthDataset(await telcoInputs(), {});
    const train = tableRows(ds.table, ds.train);
    const plans = planColumns(train);
    const t = fitTransformer(train, plans, 1);
    const gan = Ctgan.create(t, { seed: 3, label: ds.label, calibrate: 0 });
    // Push the rarest contract far above its share, as a drifting generator might.
    const contract = t.columns.find((c) => c.plan.name === 'Contract')!;
    const plan = contract.plan;
    if (plan.kind !== 'discrete') throw new Error('Contract should be discrete');
    const shift = new Float32Array(t.width);
    shift[contract.start + contract.width - 1] = 4;
    gan.generator.shift(gan.generator.spec.layers.at(-1)!.bias, shift);
    const shares = (seed: number) => {
      const v = inverseRows(t, gan.sample(4000, seed), 4000)[t.columns.indexOf(contract)];
      return plan.levels.map((l) => v.filter((x) => x === l).length / v.length);
    };
    const rare = plan.shares.length - 1;
    expect(shares(11)[rare] - plan.shares[rare]).toBeGreaterThan(0.3);
    gan.calibrateMarginals(4);
    // Other noise than the calibration's: the shares hold for new rows.
    shares(12).forEach((s, k) => expect(Math.abs(s - plan.shares[k])).toBeLessThan(0.03));
    gan.dispose();
  });

  it('starts with unsaturated outputs, and learns that the bill grows with tenure', async () => {
    const ds = synthDataset(await telcoInputs(), {});
    const train = tableRows(ds.table, ds.train);
    const plans = planColumns(train);
    const t = fitTransformer(train, plans, 1);
    const data = transformRows(t, train, 2);
    const n = train.ids.length;
    const at = (name: string) => t.columns.find((c) => c.plan.name === name)!.start;
    const [a, b] = [at('tenure'), at('TotalCharges')];
    // Pearson's r of the two numbers' normal scores, and tenure's spread.
    const corr = (x: Float32Array, m: number) => {
      const u = Array.from({ length: m }, (_, i) => x[i * t.width + a]);
      const v = Array.from({ length: m }, (_, i) => x[i * t.width + b]);
      const mu = u.reduce((s, y) => s + y, 0) / m;
      return { r: pearson(u, v), sd: Math.sqrt(u.reduce((s, y) => s + (y - mu) ** 2, 0) / m) };
    };
    expect(corr(data, n).r).toBeGreaterThan(0.8);
    // The generator's own rows, not ranked onto the training quantiles.
    const gan = Ctgan.create(t, { seed: 1, label: ds.label, steps: 100, rankMargins: false });
    // tanh outputs far from ±1 at the start (with Glorot's full scale they sit near ±1, where
    // tanh passes back almost no gradient).
    expect(corr(gan.sample(2000, 5), 2000).sd).toBeLessThan(0.2);
    await gan.fit(data, n, gan.sampler(data, n));
    expect(corr(gan.sample(2000, 5), 2000).r).toBeGreaterThan(0.5);
    gan.dispose();
  }, 600_000);
});

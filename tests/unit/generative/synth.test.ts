// The synthesisers on the real Telco slice: both reproduce the columns' distributions, the GMM
// and the transformer are exact where they should be, and no exported row equals a real one.
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../../src/lib/core/tf/backend';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { normals } from '../../../src/lib/core/models/networks/random';
import { tableRows } from '../../../src/lib/core/models/customerMap/table';
import { asTable, metaOf, planColumns } from '../../../src/lib/core/models/syntheticData/columns';
import { fitCopula, sampleCopula } from '../../../src/lib/core/models/syntheticData/copula';
import { fitGmm } from '../../../src/lib/core/models/syntheticData/gmm';
import { fitTransformer, inverseRows, transformRows } from '../../../src/lib/core/models/syntheticData/transform'; // prettier-ignore
import { SynthModel } from '../../../src/lib/core/models/syntheticData/model';
import { synthDataset } from '../../../src/lib/core/models/syntheticData/dataset';
import { trainSynth } from '../../../src/lib/core/models/syntheticData/train';
import { qualityReport } from '../../../src/lib/core/models/syntheticData/report/quality';
import { rowKeys } from '../../../src/lib/core/models/syntheticData/report/privacy';
import { table, telcoInputs } from './helpers';

beforeAll(async () => {
  await initTf();
});

describe('mode-specific normalisation', () => {
  it('the mixture finds the modes of a two-peaked column and drops empty ones', () => {
    const z = normals(2000, seededRandom(1));
    const g = fitGmm(Array.from(z, (v, i) => (i % 4 ? 50 + 2 * v : -10 + 0.5 * v)));
    const big = g.means.map((m, k) => ({ m, w: g.weights[k] })).filter((c) => c.w > 0.1);
    expect(big.some((c) => Math.abs(c.m - 50) < 2)).toBe(true);
    expect(big.some((c) => Math.abs(c.m + 10) < 1)).toBe(true);
    expect(g.weights.every((w) => w >= 0.005)).toBe(true);
    expect(g.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('the mixture transform then its inverse gives back the Telco rows (numbers to their decimals)', async () => {
    const ds = synthDataset(await telcoInputs(), {});
    const train = tableRows(ds.table, ds.train);
    const plans = planColumns(train);
    expect(plans.find((p) => p.name === 'SeniorCitizen')?.kind).toBe('discrete'); // 0/1
    expect(plans.find((p) => p.name === 'TotalCharges')).toMatchObject({ kind: 'continuous', decimals: 2 }); // prettier-ignore
    const t = fitTransformer(train, plans, 1, { numeric: 'gmm' });
    const back = asTable(metaOf(train), plans, inverseRows(t, transformRows(t, train), train.ids.length)); // prettier-ignore
    expect(rowKeys(back)).toEqual(rowKeys(train));
  });
});

describe('synthesisers on the Telco slice', () => {
  it('the copula reproduces every column and most pair trends', async () => {
    const ds = synthDataset(await telcoInputs(), {});
    const train = tableRows(ds.table, ds.train);
    const plans = planColumns(train);
    const syn = asTable(metaOf(train), plans, sampleCopula(fitCopula(train, plans), plans, 960, 4));
    const q = qualityReport(train, syn);
    for (const s of q.shapes) expect(s.score, s.column).toBeGreaterThan(0.9);
    expect(q.columnShapes).toBeGreaterThan(0.95);
    expect(q.columnPairTrends).toBeGreaterThan(0.85);
    // Blanks kept at their share: 4 of 1,200 TotalCharges are blank (tenure 0).
    const blanks = syn.columns.find((c) => c.name === 'TotalCharges')!.values.filter((v) => v === null).length; // prettier-ignore
    expect(blanks).toBeLessThan(20);
  });

  it('the GAN reproduces the columns’ shapes, and reports train-on-synthetic efficacy', async () => {
    const ds = synthDataset(await telcoInputs(), { models: ['ctgan'], ctgan: { steps: 100 } });
    const out = await trainSynth(ds);
    const m = out.report.models[0];
    expect(m.model).toBe('ctgan');
    expect(m.quality.columnShapes).toBeGreaterThan(0.85);
    for (const s of m.quality.shapes) expect(s.score, s.column).toBeGreaterThan(0.7);
    expect(m.privacy.exactCopies).toBe(0);
    expect(m.efficacy?.learners.map((l) => l.learner)).toEqual(['logistic', 'gbdt']);
    expect(m.efficacy!.learners[0].trainRealAuc).toBeGreaterThan(0.8);
    // The label the GAN conditions on and its auxiliary classifier learns (issue #14).
    expect(out.model.gan?.params.label).toBe('Churn');
    expect(out.model.gan?.labelDiscrete).toBeGreaterThanOrEqual(0);
    expect(out.report.curves.critic.length).toBe(out.report.curves.generator.length);
    out.model.dispose();
  }, 600_000);

  it('never outputs a row equal to a real one, even when it must draw again and again', () => {
    // Two yes/no columns: 4 possible rows, all present in the real table, so every generated
    // row is a copy: the filter drops them all rather than let one through.
    const rand = seededRandom(3);
    const real = table({ a: Array.from({ length: 80 }, () => (rand() < 0.5 ? 'y' : 'n')), b: Array.from({ length: 80 }, () => (rand() < 0.5 ? 'y' : 'n')) }); // prettier-ignore
    const plans = planColumns(real);
    const model = new SynthModel(metaOf(real), plans, null, fitCopula(real, plans));
    const g = model.generate('copula', 50, 1, real);
    expect(g.table.ids).toHaveLength(0);
    expect(g.removed).toBeGreaterThan(50);
  });
});

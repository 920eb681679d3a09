// Training-by-sampling with the label column conditioned on more often than CTGAN's uniform
// 1/D (issue #14: at a browser's budget the GAN lost the churn relation), and generation
// conditioned on the label at its training share.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { planColumns } from '../../../src/lib/core/models/syntheticData/columns';
import { CondSampler, originalConditions } from '../../../src/lib/core/models/syntheticData/condvec'; // prettier-ignore
import { fitTransformer, transformRows, type Transformer } from '../../../src/lib/core/models/syntheticData/transform'; // prettier-ignore
import { table } from './helpers';

function fixture() {
  const rand = seededRandom(5);
  const n = 400;
  const raw = table({
    a: Array.from({ length: n }, () => (rand() < 0.5 ? 'x' : 'y')),
    b: Array.from({ length: n }, () => ['p', 'q', 'r'][Math.floor(rand() * 3)]),
    c: Array.from({ length: n }, () => (rand() < 0.3 ? 'u' : 'v')),
    churn: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 'Yes' : 'No'))
  });
  const t = fitTransformer(raw, planColumns(raw));
  return { t, data: transformRows(t, raw), n, raw };
}

/** Per row of a batch of conditions, the discrete column it conditions on. */
const columnsOf = (t: Transformer, cond: Float32Array, batch: number) =>
  Array.from({ length: batch }, (_, b) =>
    t.discrete.findIndex((d) => {
      for (let k = 0; k < d.size; k++) if (cond[b * t.condWidth + d.condStart + k]) return true;
      return false;
    })
  );

describe('conditional vector with a label column', () => {
  it('conditions on the label in about its share of the samples, with rows that match', () => {
    const { t, data, n } = fixture();
    const label = t.discrete.findIndex((d) => t.columns[d.column].plan.name === 'churn');
    const B = 4000;
    for (const share of [0, 0.5, 1]) {
      const s = new CondSampler(t, data, n, { discrete: label, share });
      const c = s.sampleTrain(B, seededRandom(9));
      const cols = columnsOf(t, c.cond, B);
      const onLabel = cols.filter((j) => j === label).length / B;
      // Uniform choice among 4 columns gives 1/4 on top of the share.
      expect(onLabel).toBeCloseTo(share + (1 - share) / 4, 1);
      // Every real row carries the level asked for.
      for (let b = 0; b < B; b++) {
        const d = t.discrete[cols[b]];
        for (let k = 0; k < d.size; k++)
          expect(data[c.rows[b] * t.width + d.start + k]).toBe(c.cond[b * t.condWidth + d.condStart + k]); // prettier-ignore
      }
    }
  });

  it('generation conditioned on the label column draws its levels at their training shares', () => {
    const { t } = fixture();
    const label = t.discrete.findIndex((d) => t.columns[d.column].plan.name === 'churn');
    const B = 8000;
    const cond = originalConditions(t, B, seededRandom(2), undefined, label);
    expect(new Set(columnsOf(t, cond, B))).toEqual(new Set([label]));
    const d = t.discrete[label];
    const plan = t.columns[d.column].plan;
    const yes = plan.kind === 'discrete' ? plan.levels.indexOf('Yes') : -1;
    let share = 0;
    for (let b = 0; b < B; b++) share += cond[b * t.condWidth + d.condStart + yes] / B;
    expect(share).toBeCloseTo(0.25, 1);
    // Without the column: every discrete column in turn.
    expect(new Set(columnsOf(t, originalConditions(t, 400, seededRandom(2)), 400)).size).toBe(4);
  });

  it('with `always`, every condition also carries the chosen row’s own label', () => {
    const { t, data, n } = fixture();
    const label = t.discrete.findIndex((d) => t.columns[d.column].plan.name === 'churn');
    const d = t.discrete[label];
    const B = 2000;
    const c = new CondSampler(t, data, n, { discrete: label, share: 0.25, always: true }).sampleTrain(B, seededRandom(4)); // prettier-ignore
    let two = 0;
    for (let b = 0; b < B; b++) {
      let set = 0;
      for (let k = 0; k < t.condWidth; k++) set += c.cond[b * t.condWidth + k];
      two += set === 2 ? 1 : 0;
      for (let k = 0; k < d.size; k++)
        expect(c.cond[b * t.condWidth + d.condStart + k]).toBe(data[c.rows[b] * t.width + d.start + k]); // prettier-ignore
    }
    // Another column besides the label in about (1 − 0.25)·3/4 of the samples.
    expect(two / B).toBeCloseTo(0.5625, 1);
  });
});

// The copula's normal scores come from the ranks of the present values only: a number column
// with blanks (Telco's TotalCharges) keeps its correlation with the others. Sorting the blanks
// in with the numbers (NaN in the comparison) scrambled the order and lost most of it.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { planColumns } from '../../../src/lib/core/models/syntheticData/columns';
import { fitCopula, sampleCopula } from '../../../src/lib/core/models/syntheticData/copula';
import { pearson } from '../../../src/lib/core/models/syntheticData/report/quality';
import { table } from './helpers';

describe('Gaussian copula with blanks', () => {
  it('keeps the correlation of a number column that has blanks', () => {
    const rand = seededRandom(11);
    const x = Array.from({ length: 1500 }, () => Math.round(1000 * rand()) / 10);
    const y = x.map((v, i) => (i % 40 === 7 ? null : Math.round((2 * v + 10 * rand()) * 100) / 100)); // prettier-ignore
    const raw = table({ x, y });
    const plans = planColumns(raw);
    expect(plans.map((p) => p.kind)).toEqual(['continuous', 'continuous']);
    expect(pearson(x, y)).toBeGreaterThan(0.98);
    const [sx, sy] = sampleCopula(fitCopula(raw, plans), plans, 3000, 5);
    expect(pearson(sx, sy)).toBeGreaterThan(0.9);
    const blanks = sy.filter((v) => v === null).length / sy.length;
    expect(blanks).toBeGreaterThan(0.01);
    expect(blanks).toBeLessThan(0.05);
  });
});

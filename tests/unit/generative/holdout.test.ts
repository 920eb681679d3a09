// The hold-out is never seen by the synthesiser. The held-out Telco customers are given a
// payment method and a monthly charge no training customer has; if anything the synthesisers
// learn (levels, ranges, mixture modes or quantile knots, copula knots, GAN weights) came from them, the marker
// would show up in the plan or in what they generate. The last check shows the test would
// catch it: a plan fitted on every row does contain the marker.
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../../src/lib/core/tf/backend';
import { planColumns } from '../../../src/lib/core/models/syntheticData/columns';
import { synthDataset } from '../../../src/lib/core/models/syntheticData/dataset';
import { trainSynth } from '../../../src/lib/core/models/syntheticData/train';
import { tableRows } from '../../../src/lib/core/models/customerMap/table';
import { telcoInputs } from './helpers';

const MARK = 'HOLDOUT-ONLY';
const BIG = 9999;

beforeAll(async () => {
  await initTf();
});

describe('the hold-out and the synthesiser', () => {
  it('nothing the synthesisers learn or generate comes from held-out customers', async () => {
    const inputs = await telcoInputs();
    const plain = synthDataset(inputs, { seed: 7 });
    const held = new Set(plain.holdout.map((r) => plain.table.ids[r]));
    const marked = {
      ...inputs,
      customers: inputs.customers.map(
        (c) =>
        held.has(c.id) ? { ...c, attributes: { ...c.attributes, PaymentMethod: MARK, MonthlyCharges: BIG } } : c // prettier-ignore
      )
    };
    const ds = synthDataset(marked, { seed: 7, ctgan: { steps: 30 } });
    expect(ds.holdout).toEqual(plain.holdout); // the same customers are held out
    const pay = ds.table.columns.find((c) => c.name === 'PaymentMethod')!;
    expect(ds.holdout.every((r) => pay.values[r] === MARK)).toBe(true);

    const out = await trainSynth(ds);
    const plan = (name: string) => out.report.plans.find((p) => p.name === name)!;
    const payPlan = plan('PaymentMethod');
    expect(payPlan.kind === 'discrete' && payPlan.levels).not.toContain(MARK);
    const charges = plan('MonthlyCharges');
    expect(charges.kind === 'continuous' && charges.max).toBeLessThan(200);
    // The GAN's transform of the number: mixture means or quantile knots, whichever it uses.
    const num = out.model.gan!.t.columns.find((c) => c.plan.name === 'MonthlyCharges')!;
    expect(Math.max(...(num.gmm?.means ?? num.knots!))).toBeLessThan(200);
    for (const d of out.model.copula!.dims)
      if (d.type === 'number') expect(Math.max(...d.knots)).toBeLessThan(BIG);

    const train = tableRows(ds.table, ds.train);
    for (const kind of ['ctgan', 'copula'] as const) {
      const g = out.model.generate(kind, 3000, 1, train).table;
      const col = (name: string) => g.columns.find((c) => c.name === name)!.values;
      expect(col('PaymentMethod'), kind).not.toContain(MARK);
      expect(Math.max(...col('MonthlyCharges').map(Number).filter(Number.isFinite)), kind).toBeLessThan(200); // prettier-ignore
    }
    out.model.dispose();

    // The counterfactual: a synthesiser fitted on every row would have learned the marker.
    const leaky = planColumns(ds.table).find((p) => p.name === 'PaymentMethod')!;
    expect(leaky.kind === 'discrete' && leaky.levels).toContain(MARK);
  }, 300_000);
});

// A bank's customer file (synthetic, in the layout of the common bank churn export): the row
// number, the surname and the label never become inputs, and the trees find the non-linear
// effects a linear model cannot.
import { describe, expect, it } from 'vitest';
import { churnRisk } from '../../../src/lib/core/models/churn';
import { readInputs } from '../../../src/cli/files';

const FILE = new URL('../../fixtures/bank/bank-churn-synthetic.csv', import.meta.url).pathname;

describe('bank customers', () => {
  it('excludes identifiers, names and the label automatically, with reasons', async () => {
    const { inputs } = await readInputs({ customers: FILE });
    expect(inputs.customers).toHaveLength(10_000);
    // CustomerId is the record's id; the rest are attributes.
    expect(inputs.customers[0].attributes).toHaveProperty('RowNumber');
    const ds = churnRisk.dataset(inputs, { learners: ['logistic'] });
    expect(ds.plan.column).toBe('Exited');
    const dropped = Object.fromEntries(ds.train.raw.dropped.map((d) => [d.name, d]));
    expect(dropped.RowNumber.kind).toBe('identifier');
    expect(dropped.Surname.kind).toBe('personal');
    expect(dropped.Exited.kind).toBe('label');
    const kept = ds.train.raw.columns.map((c) => c.name).sort();
    expect(kept).toEqual(
      ['Age', 'Balance', 'CreditScore', 'EstimatedSalary', 'Gender', 'Geography', 'HasCrCard', 'IsActiveMember', 'NumOfProducts', 'Tenure'].sort() // prettier-ignore
    );
  });

  it('gradient-boosted trees beat logistic regression on held-out folds', async () => {
    const { inputs } = await readInputs({ customers: FILE });
    const small = { ...inputs, customers: inputs.customers.slice(0, 4000) };
    const ds = churnRisk.dataset(small, { folds: 3, learners: ['logistic', 'gbdt'] });
    const r = (await churnRisk.train(ds, {})).report;
    const [lr, gb] = r.learners;
    expect(gb.mean.auc).toBeGreaterThan(lr.mean.auc + 0.05);
    expect(r.final.learner).toBe('gbdt');
    expect(r.selected.chosen.every((c) => c === 'gbdt')).toBe(true);
  }, 120_000);
});

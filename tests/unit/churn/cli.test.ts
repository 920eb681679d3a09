// `rapport churn`: the same file through the app's path (import into the database, then the
// family on the stored data) and the CLI's path gives the same figures; bad options get clear
// messages.
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/churn';
import { churnRisk } from '../../../src/lib/core/models/churn';
import { loadInputs } from '../../../src/lib/core/models/inputs';
import { newDb } from '../db/helpers';
import { importInto } from '../models/helpers';

const TELCO = new URL('../../fixtures/telco/telco-head-1200.csv', import.meta.url).pathname;
const OPTS = { folds: '3', learners: 'logistic,gbdt', seed: '5' };

interface Out {
  rows: number;
  learners: Record<string, { auc: { mean: number; sd: number }; prAuc: { mean: number }; f1: { mean: number; sd: number } }>; // prettier-ignore
  selected: { auc: { mean: number } };
  baseline: { auc: { mean: number }; column: string[] };
  chosen: string;
  columns: { excluded: { name: string; reason: string }[] };
  files: { rowsStored: number }[];
}

describe('rapport churn', () => {
  it('gives the app’s answer on the same file', async () => {
    const cli = (await run({ customers: TELCO, ...OPTS })) as Out;
    const db = newDb('churn-parity');
    await importInto(db, TELCO, 'customers');
    const ds = churnRisk.dataset(await loadInputs(db), {
      folds: 3,
      learners: ['logistic', 'gbdt'],
      seed: 5
    });
    const app = (await churnRisk.train(ds, {})).report;
    expect(cli.rows).toBe(app.rows);
    expect(cli.files[0].rowsStored).toBe(1200);
    for (const l of app.learners) {
      expect(cli.learners[l.learner].auc.mean).toBe(+l.mean.auc.toFixed(4));
      expect(cli.learners[l.learner].f1.mean).toBe(+l.mean.f1.toFixed(4));
    }
    expect(cli.selected.auc.mean).toBe(+app.selected.mean.auc.toFixed(4));
    expect(cli.baseline.column).toEqual(app.baseline.chosen);
    expect(cli.chosen).toBe(app.final.learner);
    // Per learner: outer-fold AUC, PR AUC and F1 with their spread; excluded columns with reasons.
    expect(cli.learners.logistic.auc.sd).toBeGreaterThan(0);
    expect(cli.columns.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Churn', reason: 'the label being predicted' })
      ])
    );
    db.close();
  }, 120_000);

  it('reports bad options clearly', async () => {
    await expect(run({ customers: TELCO, folds: 'abc' })).rejects.toThrow(
      /--folds must be a whole number from 2 to 20, got "abc"/
    );
    await expect(run({ customers: TELCO, learners: 'forest' })).rejects.toThrow(
      /unknown learner "forest"/
    );
    await expect(run({ customers: TELCO, label: 'Nope' })).rejects.toThrow(
      /there is no column "Nope"/
    );
    await expect(run({ customers: TELCO, label: 'customerID' })).rejects.toThrow(
      /"customerID" is read as the customer id, not a yes\/no churn label/
    );
    await expect(run({})).rejects.toThrow(/--customers/);
  });
});

import { describe, expect, it } from 'vitest';
import { labelsFromColumn } from '../../../src/lib/core/features/labels';
import { buildFeatureTable } from '../../../src/lib/core/features/table';
import { Mlp } from '../../../src/lib/core/models/churn/mlp';
import { trainChurn, type EpochInfo } from '../../../src/lib/core/models/churn/train';
import { telcoCustomers } from '../features/fixtures';

// A small Telco slice: 600 customers, MLP only, 3 folds, few epochs.
const customers = telcoCustomers().slice(0, 600);
const labels = labelsFromColumn(customers, 'Churn');
const table = buildFeatureTable({ customers }, { label: 'Churn' });

describe('trainChurn onEpoch (live loss curve)', () => {
  it('reports every MLP epoch of every fold and the refit, with falling training loss', async () => {
    const seen: EpochInfo[] = [];
    const res = await trainChurn(table, labels.y, {
      folds: 3,
      seed: 7,
      kinds: ['mlp'],
      importanceRepeats: 0,
      mlp: { maxEpochs: 12, patience: 12 },
      onEpoch: (e) => seen.push(e)
    });
    expect(res.chosen).toBe('mlp');
    // Folds 0..2 in cross-validation, fold 3 (= folds) for the final fit on all rows.
    expect([...new Set(seen.map((e) => e.fold))]).toEqual([0, 1, 2, 3]);
    for (let f = 0; f <= 3; f++) {
      const run = seen.filter((e) => e.fold === f);
      expect(run.map((e) => e.epoch)).toEqual(run.map((_, i) => i));
      expect(run).toHaveLength(12);
      for (const e of run) {
        expect(e.model).toBe('mlp');
        expect(Number.isFinite(e.loss) && e.loss > 0).toBe(true);
        expect(Number.isFinite(e.valLoss) && e.valLoss > 0).toBe(true);
      }
      // Adam on class-weighted cross-entropy: the loss falls clearly over 12 epochs.
      expect(run[run.length - 1].loss).toBeLessThan(run[0].loss * 0.9);
      expect(run[run.length - 1].valLoss).toBeLessThan(run[0].valLoss);
    }
    if (res.model.classifier instanceof Mlp) res.model.classifier.dispose();
  });

  it('logistic regression alone sends no epochs', async () => {
    let calls = 0;
    await trainChurn(table, labels.y, {
      folds: 3,
      kinds: ['logistic'],
      importanceRepeats: 0,
      onEpoch: () => calls++
    });
    expect(calls).toBe(0);
  });
});

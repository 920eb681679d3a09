// Live loss curves: every neural-network epoch of every fit of the nested cross-validation is
// reported through the training progress.
import { describe, expect, it } from 'vitest';
import { churnRisk, type EpochProgress } from '../../../src/lib/core/models/churn';
import { initTf } from '../../../src/lib/core/tf/backend';
import { telcoCustomers } from '../features/fixtures';
import { inputsOf } from '../models/helpers';

// A small Telco slice: 600 customers, 3 folds, few epochs.
const inputs = inputsOf({ customers: telcoCustomers().slice(0, 600) });

describe('churn training progress', () => {
  it('reports every MLP epoch of every fit, with falling training loss', async () => {
    await initTf();
    const seen: EpochProgress[] = [];
    const phases: string[] = [];
    const ds = churnRisk.dataset(inputs, {
      folds: 3,
      seed: 7,
      learners: ['mlp'],
      learnerParams: { mlp: { maxEpochs: 12, patience: 12 } }
    });
    const out = await churnRisk.train(ds, {
      progress: (p) => {
        const d = p.data as EpochProgress | undefined;
        if (d?.type === 'epoch') seen.push(d);
        else if (p.phase) phases.push(`${p.phase} ${p.params?.fold}`);
      }
    });
    // Per outer fold: the fit on the inner split, then the refit; then the final pair.
    const fits = ['o0/inner', 'o0', 'o1/inner', 'o1', 'o2/inner', 'o2', 'final/inner', 'final'];
    expect([...new Set(seen.map((e) => e.fit))]).toEqual(fits);
    for (const f of fits) {
      const run = seen.filter((e) => e.fit === f);
      expect(run.map((e) => e.epoch)).toEqual(run.map((_, i) => i));
      expect(run).toHaveLength(12);
      for (const e of run) {
        expect(e.learner).toBe('mlp');
        expect(Number.isFinite(e.loss) && e.loss > 0).toBe(true);
        expect(Number.isFinite(e.valLoss) && e.valLoss > 0).toBe(true);
      }
      expect(run[run.length - 1].loss).toBeLessThan(run[0].loss * 0.9);
    }
    expect(phases).toContain('outer 3');
    expect(phases).toContain('baseline 1');
    churnRisk.dispose(out.model);
  });

  it('logistic regression alone sends no epochs', async () => {
    let calls = 0;
    const ds = churnRisk.dataset(inputs, { folds: 3, learners: ['logistic'] });
    await churnRisk.train(ds, {
      progress: (p) => void ((p.data as { type?: string })?.type === 'epoch' && calls++)
    });
    expect(calls).toBe(0);
  });
});

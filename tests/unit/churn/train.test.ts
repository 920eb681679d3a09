// The churn family on a Telco slice: nested cross-validation of the learners with the baseline on
// the same folds, importance, scores with reasons, what-if, save and load, cancel.
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../src/lib/core/evaluate/metrics';
import { rawRecord } from '../../../src/lib/core/features/table';
import { churnRisk } from '../../../src/lib/core/models/churn';
import { ChurnModel } from '../../../src/lib/core/models/churn/model';
import { presentChurn } from '../../../src/lib/core/models/churn/present';
import { telcoCustomers } from '../features/fixtures';
import { inputsOf } from '../models/helpers';

const inputs = inputsOf({ customers: telcoCustomers() });

describe('churn family on a Telco slice', () => {
  it('cross-validates logistic regression and trees, with a baseline on the same folds', async () => {
    const ds = churnRisk.dataset(inputs, { folds: 3, seed: 1, learners: ['logistic', 'gbdt'] });
    expect(ds.plan.mode).toBe('column');
    expect(ds.plan.column).toBe('Churn');
    const out = await churnRisk.train(ds, {});
    const r = out.report;
    expect(r.learners.map((l) => l.learner)).toEqual(['logistic', 'gbdt']);
    for (const l of [...r.learners, r.selected, r.baseline]) {
      expect(l.folds).toHaveLength(3);
      expect(l.mean.auc).toBeGreaterThan(0.65);
      expect(l.sd.auc).toBeGreaterThanOrEqual(0);
    }
    expect(r.learners[0].mean.auc).toBeGreaterThan(0.8);
    expect(r.baseline.mean.auc).toBeLessThan(r.learners[0].mean.auc);
    expect(r.baseline.chosen.every((c) => ['tenure', 'TotalCharges', 'MonthlyCharges'].includes(c))).toBe(true); // prettier-ignore
    // Out-of-fold scores from the fold models.
    expect(rocAuc(r.y, r.oof.logistic)).toBeGreaterThan(0.78);
    expect(r.thresholds.selected).toHaveLength(3);
    expect(['logistic', 'gbdt']).toContain(r.final.learner);
    expect(out.metrics.auc).toBe(r.selected.mean.auc);
    // Contract or tenure-driven columns lead; gender carries nothing.
    expect(r.importance.slice(0, 3).map((f) => f.feature)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Contract|tenure|TotalCharges/)])
    );
    expect(Math.abs(r.importance.find((f) => f.feature === 'gender')!.aucDrop)).toBeLessThan(0.01);
    const view = presentChurn(r);
    const cm = view.confusion;
    expect(cm.tp + cm.fp + cm.tn + cm.fn).toBe(r.rows);
    // The headline: the riskiest tenth (out-of-fold) left far more often than average.
    expect(view.lift!.top).toBe(Math.round(r.rows / 10));
    expect(view.lift!.lift).toBeGreaterThan(1.8);
    expect(view.roc.map((c) => c.label)).toEqual(['selected', 'logistic', 'gbdt', 'baseline']);

    // Scores: every customer, with up to three reasons; save and load give the same risks.
    const scores = await churnRisk.score(out.model, ds, {});
    expect(scores).toHaveLength(inputs.customers.length);
    expect(scores[0].detail?.reasons).toBeDefined();
    const back = ChurnModel.fromJSON(churnRisk.save(out.model));
    const rec = rawRecord(ds.scoring, 5);
    expect(back.riskOf(rec)).toBeCloseTo(out.model.riskOf(rec), 6);
    expect(back.threshold).toBe(out.model.threshold);

    // A new month-to-month customer: a two-year contract lowers the risk.
    const row = ds.scoring.ids.findIndex((_, i) => {
      const x = rawRecord(ds.scoring, i);
      return x.Contract === 'Month-to-month' && Number(x.tenure) <= 2;
    });
    const x = rawRecord(ds.scoring, row);
    const w = out.model.whatIf(x, { Contract: 'Two year' });
    expect(w.after).toBeLessThan(w.before);
    const ex = churnRisk.explain(out.model, ds, ds.scoring.ids[row])!;
    expect(ex.columns.find((c) => c.name === 'Contract')?.levels).toEqual(
      expect.arrayContaining(['Month-to-month', 'One year', 'Two year'])
    );
    expect(churnRisk.explain(out.model, ds, 'nobody')).toBeNull();
  });

  it('cancelling training throws and returns nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const ds = churnRisk.dataset(inputs, { folds: 3, learners: ['logistic'] });
    await expect(churnRisk.train(ds, { signal: ac.signal })).rejects.toThrow(/cancelled/);
  });
});

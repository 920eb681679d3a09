import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../src/lib/core/evaluate/metrics';
import { encodeRows, fitEncoder } from '../../../src/lib/core/features/encode';
import { labelsFromColumn } from '../../../src/lib/core/features/labels';
import { buildFeatureTable, rawRecord } from '../../../src/lib/core/features/table';
import { ChurnModel, whatIf } from '../../../src/lib/core/models/churn/churnModel';
import { LogisticRegression } from '../../../src/lib/core/models/churn/logistic';
import { Mlp } from '../../../src/lib/core/models/churn/mlp';
import { trainChurn } from '../../../src/lib/core/models/churn/train';
import { initTf } from '../../../src/lib/core/tf/backend';
import { telcoCustomers } from '../features/fixtures';

const customers = telcoCustomers();
const labels = labelsFromColumn(customers, 'Churn');
const table = buildFeatureTable({ customers }, { label: 'Churn' });
// Hold out every 4th row; the encoder is fitted on the training rows only.
const train = table.ids.map((_, i) => i).filter((i) => i % 4 !== 0);
const test = table.ids.map((_, i) => i).filter((i) => i % 4 === 0);
const enc = fitEncoder(table.raw, train);
const Xtr = encodeRows(enc, table.raw, train);
const Xte = encodeRows(enc, table.raw, test);
const ytr = Uint8Array.from(train, (i) => labels.y[i]);
const yte = Uint8Array.from(test, (i) => labels.y[i]);
const nCols = enc.columns.length;

describe('churn classifiers on a Telco slice', () => {
  it('logistic regression ranks held-out churners well', async () => {
    const lr = new LogisticRegression();
    await lr.fit({ X: Xtr, nCols, y: ytr });
    expect(rocAuc(yte, lr.predict(Xte))).toBeGreaterThan(0.78);
    const back = LogisticRegression.fromJSON(lr.toJSON());
    expect(Array.from(back.predict(Xte.subarray(0, nCols * 5)))).toEqual(
      Array.from(lr.predict(Xte.subarray(0, nCols * 5))).map((v) => expect.closeTo(v, 5))
    );
  });

  it('the tfjs MLP (WASM backend) ranks held-out churners well and round-trips', async () => {
    expect(await initTf()).toBe('wasm');
    const mlp = new Mlp({ seed: 3 });
    const losses: number[] = [];
    await mlp.fit({ X: Xtr, nCols, y: ytr }, { onEpoch: (_, l) => losses.push(l.loss) });
    expect(losses.length).toBeGreaterThan(2);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    const s = mlp.predict(Xte);
    expect(rocAuc(yte, s)).toBeGreaterThan(0.78);
    const back = Mlp.fromJSON(mlp.toJSON());
    const s2 = back.predict(Xte);
    expect(Math.max(...s.map((v, i) => Math.abs(v - s2[i])))).toBeLessThan(1e-5);
    mlp.dispose();
    back.dispose();
  });

  it('cancels on abort', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(new Mlp().fit({ X: Xtr, nCols, y: ytr }, { signal: ac.signal })).rejects.toThrow(
      /cancelled/
    );
  });
});

describe('trainChurn, reasons and what-if', () => {
  it('cross-validates both kinds, picks the better, explains a customer', async () => {
    const progress: string[] = [];
    const res = await trainChurn(table, labels.y, {
      folds: 3,
      seed: 1,
      onProgress: (p) => progress.push(p.phase),
      importanceRepeats: 2
    });
    const lr = res.results.logistic!;
    const mlp = res.results.mlp!;
    expect(lr.folds).toHaveLength(3);
    expect(lr.mean.auc).toBeGreaterThan(0.78);
    expect(mlp.mean.auc).toBeGreaterThan(0.75);
    expect(res.chosen).toBe(lr.mean.auc >= mlp.mean.auc ? 'logistic' : 'mlp');
    expect(rocAuc(labels.y, lr.oof)).toBeGreaterThan(0.75);
    expect(progress).toHaveLength(7);
    // Contract (or the tenure-driven TotalCharges) leads; gender carries nothing.
    const top3 = res.importance.slice(0, 3).map((f) => f.feature);
    expect(top3).toContain('Contract');
    expect(Math.abs(res.importance.find((f) => f.feature === 'gender')!.aucDrop)).toBeLessThan(
      0.01
    );
    // A new month-to-month customer on fibre: high risk, the contract among the reasons.
    const row = table.ids.findIndex((_, i) => {
      const r = rawRecord(table.raw, i);
      return (
        r.Contract === 'Month-to-month' &&
        Number(r.tenure) <= 2 &&
        r.InternetService === 'Fiber optic'
      );
    });
    const rec = rawRecord(table.raw, row);
    const reasons = res.model.explain(rec, 5);
    const contract = reasons.find((r) => r.feature === 'Contract');
    expect(contract?.text).toBe('month-to-month contract');
    expect(contract?.direction).toBe('raises');
    expect(reasons.length).toBe(5);
    const all = res.model.explain(rec, 100);
    expect(all.find((r) => r.feature === 'tenure')?.text).toMatch(/^tenure \d months?$/);
    expect(all.find((r) => r.feature === 'InternetService')?.text).toBe(
      'fiber optic internet service'
    );
    const w = whatIf(res.model, rec, { Contract: 'Two year' });
    expect(w.after).toBeLessThan(w.before);
    const back = ChurnModel.fromJSON(res.model.toJSON());
    expect(back.riskOf(rec)).toBeCloseTo(res.model.riskOf(rec), 4);
  });

  it('cancelling training throws and returns nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(trainChurn(table, labels.y, { folds: 3, signal: ac.signal })).rejects.toThrow(
      /cancelled/
    );
  });
});

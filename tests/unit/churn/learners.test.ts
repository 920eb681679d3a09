// The tabular learners on a Telco slice, each fitted on training rows and scored on held-out ones.
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../src/lib/core/evaluate/metrics';
import { encodeRows, fitEncoder } from '../../../src/lib/core/features/encode';
import { labelsFromColumn } from '../../../src/lib/core/features/labels';
import { buildRawTable } from '../../../src/lib/core/features/table';
import { Gbdt } from '../../../src/lib/core/models/learners/gbdt/gbdt';
import { LogisticRegression } from '../../../src/lib/core/models/learners/logistic';
import { Mlp } from '../../../src/lib/core/models/learners/mlp';
import { initTf } from '../../../src/lib/core/tf/backend';
import { telcoCustomers } from '../features/fixtures';

const customers = telcoCustomers();
const labels = labelsFromColumn(customers, 'Churn');
const raw = buildRawTable({ customers }, { label: 'Churn' });
// Hold out every 4th row; the encoder is fitted on the training rows only.
const train = raw.ids.map((_, i) => i).filter((i) => i % 4 !== 0);
const test = raw.ids.map((_, i) => i).filter((i) => i % 4 === 0);
const enc = fitEncoder(raw, train);
const Xtr = encodeRows(enc, raw, train);
const Xte = encodeRows(enc, raw, test);
const ytr = Uint8Array.from(train, (i) => labels.y[i]);
const yte = Uint8Array.from(test, (i) => labels.y[i]);
const nCols = enc.columns.length;

describe('churn learners on a Telco slice', () => {
  it('logistic regression ranks held-out churners well and round-trips', async () => {
    const lr = new LogisticRegression();
    await lr.fit({ X: Xtr, nCols, y: ytr });
    expect(rocAuc(yte, lr.predict(Xte))).toBeGreaterThan(0.78);
    const back = LogisticRegression.fromJSON(lr.toJSON());
    expect(back.predict(Xte)).toEqual(lr.predict(Xte));
  });

  it('gradient-boosted trees rank held-out churners well and round-trip exactly', async () => {
    const gb = new Gbdt({ numLeaves: 7, seed: 3 });
    await gb.fit({ X: Xtr, nCols, y: ytr });
    expect(rocAuc(yte, gb.predict(Xte))).toBeGreaterThan(0.78);
    expect(Gbdt.fromJSON(gb.toJSON()).predict(Xte)).toEqual(gb.predict(Xte));
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
    await expect(new Gbdt().fit({ X: Xtr, nCols, y: ytr }, { signal: ac.signal })).rejects.toThrow(
      /cancelled/
    );
  });
});

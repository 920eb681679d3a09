// Churn feedback as labels: a "left anyway" or "saved" mark dated inside the training label
// window replaces that customer's label from purchases (the latest mark wins); a mark outside
// the window changes nothing; the explanation says how many labels came from marks; the churn
// challenger passes the stored marks ("contacted" is not a label).
import { describe, expect, it } from 'vitest';
import { churnDataset, type ChurnOptions } from '../../../src/lib/core/models/churn/dataset';
import { churnRisk } from '../../../src/lib/core/models/churn';
import { challenge } from '../../../src/lib/core/models/challenge';
import { listVersions } from '../../../src/lib/core/models/registry';
import { addFeedback } from '../../../src/lib/core/feedback/store';
import { loadInputs } from '../../../src/lib/core/models/inputs';
import { DAY_MS } from '../../../src/lib/core/features/history';
import { newDb } from '../db/helpers';
import { loadSampleInto, runtimeOf } from '../models/helpers';

describe('churn feedback as labels', () => {
  it('marks inside the window relabel, marks outside do not', async () => {
    const db = newDb('churn-feedback-labels');
    await loadSampleInto(db, 300);
    const inputs = await loadInputs(db);
    const base = churnDataset(inputs, {});
    const { ids } = base.train.raw;
    const y0 = base.train.y;
    const stayed = ids.find((_, i) => y0[i] === 0)!;
    const left = ids.find((_, i) => y0[i] === 1)!;
    const other = ids.find((id, i) => y0[i] === 0 && id !== stayed)!;
    const inWindow = base.plan.trainCutoff + DAY_MS;
    const ds = churnDataset(inputs, {
      feedbackLabels: [
        { customerId: stayed, ts: inWindow, churned: true },
        { customerId: left, ts: inWindow, churned: true },
        { customerId: left, ts: inWindow + DAY_MS, churned: false },
        { customerId: other, ts: base.plan.trainCutoff - DAY_MS, churned: true },
        { customerId: 'nobody', ts: inWindow, churned: true }
      ]
    });
    const y = ds.train.y;
    const at = (id: string) => ids.indexOf(id);
    expect(y[at(stayed)]).toBe(1);
    expect(y[at(left)]).toBe(0);
    expect(y[at(other)]).toBe(0);
    let changed = 0;
    for (let i = 0; i < y.length; i++) if (y[i] !== y0[i]) changed++;
    expect(changed).toBe(2);
    expect(ds.explanation).toContain('2 labels');
  });
});

describe('the challenger trains on the marks', () => {
  it('passes the churn page’s "saved" / "left anyway" marks as labels, not "contacted"', async () => {
    const db = newDb('churn-feedback-challenge');
    await loadSampleInto(db, 300);
    const { runtime } = runtimeOf(db);
    const base = churnDataset(await loadInputs(db), {});
    const [a, b, c] = base.train.raw.ids;
    const ts = base.plan.trainCutoff + DAY_MS;
    await addFeedback(db, { customerId: a, ts, family: 'churn', signal: 'left' });
    await addFeedback(db, { customerId: b, ts, family: 'churn', signal: 'saved' });
    await addFeedback(db, { customerId: c, ts, family: 'churn', signal: 'contacted' });
    const r = await challenge(runtime, churnRisk, { folds: 3, learners: ['logistic'], seed: 3 });
    const v = (await listVersions(db, 'churn')).find((x) => x.id === r.modelId)!;
    const labels = (v.options as ChurnOptions).feedbackLabels!;
    expect(labels.map((l) => [l.customerId, l.churned])).toEqual([
      [a, true],
      [b, false]
    ]);
    db.close();
  }, 180_000);
});

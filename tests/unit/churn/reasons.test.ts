// Reasons that tell the truth about the model: for the 100 riskiest customers of the sample
// shop and of Telco, every listed reason moves the risk the stated way when its input is set to
// the typical value, the input that moves the risk most is listed, and the figures quoted are
// the ones the customer page shows. Plus the structured form the UI translates.
import { describe, expect, it } from 'vitest';
import { rawRecord } from '../../../src/lib/core/features/table';
import { churnRisk, type ChurnDataset } from '../../../src/lib/core/models/churn';
import type { ChurnModel } from '../../../src/lib/core/models/churn/model';
import { reasonDetail, type ColumnMeta } from '../../../src/lib/core/models/churn/reasons';
import { loadInputs } from '../../../src/lib/core/models/inputs';
import { translate, type MessageKey, type Params } from '../../../src/lib/i18n/translate';
import { formatReason } from '../../../src/lib/ui/reasons';
import { newDb } from '../db/helpers';
import { telcoCustomers } from '../features/fixtures';
import { loadSampleInto } from '../models/helpers';
import { inputsOf } from '../models/helpers';

const en = (k: MessageKey, p?: Params) => translate('en', k, p);
const zh = (k: MessageKey, p?: Params) => translate('zh', k, p);

/** Checks every reason of the top `n` customers by risk; returns how many reasons it checked. */
function checkFaithful(model: ChurnModel, ds: ChurnDataset, n = 100): number {
  const raw = ds.scoring;
  const risk = model.scoreTable(raw);
  const top = Array.from(risk.keys())
    .sort((a, b) => risk[b] - risk[a])
    .slice(0, n);
  let checked = 0;
  for (const row of top) {
    const rec = rawRecord(raw, row);
    const reasons = model.explain(rec, 3);
    const base = model.riskOf(rec);
    for (const r of reasons) {
      const moved = model.riskOf({ ...rec, [r.feature]: model.typical[r.feature] });
      // "raises" means: at the typical value the risk would be lower.
      if (r.direction === 'up') expect(moved).toBeLessThan(base);
      else expect(moved).toBeGreaterThan(base);
      checked++;
    }
    // The input whose change to typical moves the risk most is among the reasons.
    let best = { feature: '', delta: 0 };
    for (const m of model.meta) {
      const d = Math.abs(base - model.riskOf({ ...rec, [m.name]: model.typical[m.name] }));
      if (d > best.delta) best = { feature: m.name, delta: d };
    }
    if (best.delta >= 1e-3) expect(reasons.map((r) => r.feature)).toContain(best.feature);
  }
  return checked;
}

describe('faithful churn reasons', () => {
  it('on the sample shop, quoting the figures the customer page shows', async () => {
    const db = newDb('reasons-shop');
    await loadSampleInto(db, 800);
    const inputs = await loadInputs(db);
    const ds = churnRisk.dataset(inputs, { folds: 3, learners: ['logistic', 'gbdt'] });
    const out = await churnRisk.train(ds, {});
    expect(checkFaithful(out.model, ds)).toBeGreaterThan(100);
    // "spent" and "orders" reasons quote the stats the customer page reads.
    const stats = new Map(inputs.stats!.map((s) => [s.customerId, s]));
    let quoted = 0;
    for (let i = 0; i < ds.scoring.ids.length; i++) {
      const s = stats.get(ds.scoring.ids[i])!;
      for (const r of out.model.explain(rawRecord(ds.scoring, i), 20)) {
        if (r.key === 'spent')
          // Shown rounded: whole units from 100 up, cents below.
          expect(Math.abs(Number(r.params.amount) - s.totalSpent)).toBeLessThanOrEqual(
            s.totalSpent >= 100 ? 0.5 : 0.005
          );
        if (r.key === 'orders') expect(r.params.count).toBe(s.orders);
        if (r.key === 'spent' || r.key === 'orders') quoted++;
      }
      if (quoted > 50) break;
    }
    expect(quoted).toBeGreaterThan(0);
    db.close();
  });

  it('on Telco', async () => {
    const inputs = inputsOf({ customers: telcoCustomers() });
    const ds = churnRisk.dataset(inputs, { folds: 3, learners: ['logistic', 'gbdt'] });
    const out = await churnRisk.train(ds, {});
    expect(checkFaithful(out.model, ds)).toBeGreaterThan(150);
    // A month-to-month customer with a short tenure: tenure is quoted against the typical one.
    const row = ds.scoring.ids.findIndex((_, i) => {
      const r = rawRecord(ds.scoring, i);
      return r.Contract === 'Two year' && Number(r.tenure) > 60;
    });
    const reasons = out.model.explain(rawRecord(ds.scoring, row), 20);
    const contract = reasons.find((r) => r.feature === 'Contract');
    expect(contract?.direction).toBe('down');
    expect(contract?.params).toEqual({
      column: 'Contract',
      value: 'Two year',
      typical: 'Month-to-month'
    });
  });
});

describe('structured churn reasons', () => {
  it('names the case and keeps numbers raw for history features', () => {
    const meta = (name: string): ColumnMeta => ({
      name,
      label: name,
      origin: 'history',
      kind: 'numeric'
    });
    const rec = { recency_days: 94.4, ipi_median_days: 20.6, frequency: 3 };
    expect(reasonDetail(meta('recency_days'), rec)).toEqual({
      key: 'recency',
      params: { days: 94, usual: 21 }
    });
    expect(reasonDetail(meta('frequency'), rec, 5)).toEqual({
      key: 'orders',
      params: { count: 3, typical: 5 }
    });
    expect(formatReason({ text: '', key: 'orders', params: { count: 3, typical: 5 } }, en)).toBe(
      '3 orders (typical: 5)'
    );
    expect(
      formatReason({ text: '', key: 'categorical', params: { column: 'Contract', value: 'Two year', typical: 'Month-to-month' } }, zh) // prettier-ignore
    ).toBe('Contract：Two year（典型值：Month-to-month）');
    const r = { key: 'recency', params: { days: 94, usual: 21 }, text: 'x' };
    expect(formatReason(r, en)).toBe('no purchase for 94 days, usually buys every 21');
    expect(formatReason(r, zh)).toBe('已 94 天未购买，通常每 21 天购买一次');
    // Old scores without a key keep their English text.
    expect(formatReason({ text: 'tenure 2 months' }, zh)).toBe('tenure 2 months');
    const tenure = reasonDetail({ name: 'tenure', label: 'tenure', origin: 'attribute', kind: 'numeric' }, { tenure: 2 }, 29); // prettier-ignore
    expect(formatReason({ text: '', ...tenure }, en)).toBe('tenure 2 months, below the usual 29');
    expect(formatReason({ text: '', ...tenure }, zh)).toBe('tenure为 2 个月，低于通常的 29');
  });
});

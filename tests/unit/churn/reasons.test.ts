import { describe, expect, it } from 'vitest';
import { labelsFromColumn } from '../../../src/lib/core/features/labels';
import { buildFeatureTable, rawRecord } from '../../../src/lib/core/features/table';
import { reasonDetail, type ColumnMeta } from '../../../src/lib/core/models/churn/reasons';
import { trainChurn } from '../../../src/lib/core/models/churn/train';
import { translate, type MessageKey, type Params } from '../../../src/lib/i18n/translate';
import { formatReason } from '../../../src/lib/ui/reasons';
import { telcoCustomers } from '../features/fixtures';

const en = (k: MessageKey, p?: Params) => translate('en', k, p);
const zh = (k: MessageKey, p?: Params) => translate('zh', k, p);

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
    expect(reasonDetail(meta('frequency'), rec)).toEqual({ key: 'orders', params: { count: 3 } });
    const r = { key: 'recency', params: { days: 94, usual: 21 }, text: 'x' };
    expect(formatReason(r, en)).toBe('no purchase for 94 days, usually buys every 21');
    expect(formatReason(r, zh)).toBe('已 94 天未购买，通常每 21 天购买一次');
    // Old scores without a key keep their English text.
    expect(formatReason({ text: 'tenure 2 months' }, zh)).toBe('tenure 2 months');
  });

  it('explains a Telco customer with keys the UI can translate', async () => {
    const customers = telcoCustomers().slice(0, 800);
    const labels = labelsFromColumn(customers, 'Churn');
    const table = buildFeatureTable({ customers }, { label: 'Churn' });
    const res = await trainChurn(table, labels.y, {
      folds: 3,
      kinds: ['logistic'],
      importanceRepeats: 0
    });
    const row = table.ids.findIndex((_, i) => {
      const r = rawRecord(table.raw, i);
      return r.Contract === 'Month-to-month' && Number(r.tenure) <= 2;
    });
    const all = res.model.explain(rawRecord(table.raw, row), 100);
    const contract = all.find((r) => r.feature === 'Contract')!;
    expect(contract.text).toBe('month-to-month contract');
    expect(contract.key).toBe('categorical');
    expect(contract.params).toEqual({ column: 'Contract', value: 'Month-to-month' });
    expect(formatReason(contract, zh)).toBe('Contract：Month-to-month');
    const tenure = all.find((r) => r.feature === 'tenure')!;
    expect(tenure.key).toBe('numeric');
    // Typical = median tenure of the training rows, far above a customer of 2 months or less.
    expect(tenure.params.higher).toBe(false);
    expect(Number(tenure.params.typical)).toBeGreaterThan(10);
    expect(tenure.params.unit).toBe('months');
    expect(formatReason(tenure, en)).toMatch(/^tenure \d months, below the usual \d+/);
    expect(formatReason(tenure, zh)).toMatch(/^tenure为 \d 个月，低于通常的 \d+/);
    expect(tenure.direction).toBe('raises');
  });
});

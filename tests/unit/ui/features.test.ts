// Feature names in words, in both languages, for every column the history builder derives from
// the sample shop; reasons about a derived column never mix English into Chinese.
import { describe, expect, it } from 'vitest';
import { historyColumns } from '../../../src/lib/core/features/history';
import { reasonDetail } from '../../../src/lib/core/models/churn/reasons';
import { DEFAULT_END, generateSampleShop } from '../../../src/lib/core/sample';
import type { Interaction, Relationship } from '../../../src/lib/core/types';
import { translate, type MessageKey, type Params } from '../../../src/lib/i18n/translate';
import { editableNumber, featureLabel, isDerivedFeature } from '../../../src/lib/ui/features';
import { formatReason } from '../../../src/lib/ui/reasons';

const en = (k: MessageKey, p?: Params) => translate('en', k, p);
const zh = (k: MessageKey, p?: Params) => translate('zh', k, p);
const LATIN_WORD = /[A-Za-z]{3,}/;

const shop = generateSampleShop({ seed: 7, customers: 300 });
const ids = shop.customers.map((c) => c.id);
const cutoff = DEFAULT_END - 90 * 86_400_000;
const columns = historyColumns(
  {
    orders: shop.orders,
    products: shop.products as never,
    interactions: shop.interactions as unknown as Interaction[],
    relationships: shop.relationships as unknown as Relationship[]
  },
  ids,
  cutoff
);

describe('feature names in words', () => {
  it('the sample shop derives channel shares, support contacts and links (the cases to cover)', () => {
    const names = columns.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['recency_days', 'ipi_sd_days', 'support_contacts'])
    );
    expect(names.some((n) => n.startsWith('channel_share_'))).toBe(true);
  });

  it('every derived column has Chinese words, no snake_case, in both languages', () => {
    for (const c of columns) {
      expect(isDerivedFeature(c.name), c.name).toBe(true);
      const words = { en: featureLabel(c.name, en), zh: featureLabel(c.name, zh) };
      expect(words.en, c.name).not.toMatch(/_/);
      expect(words.en, c.name).not.toBe(c.name);
      expect(words.zh, c.name).toMatch(/[\u4e00-\u9fff]/);
      // Chinese words carry no English: the sample's channels are ones Rapport names itself.
      expect(words.zh, c.name).not.toMatch(LATIN_WORD);
    }
    expect(featureLabel('ipi_sd_days', en)).toBe('how regular purchases are (spread in days)');
  });

  it('a channel share names the channel in words; a channel the user named keeps its name', () => {
    expect(featureLabel('channel_share_pos', en)).toBe('share of purchases via Point of sale');
    expect(featureLabel('channel_share_shop', zh)).toBe('通过网店购买的占比');
    expect(featureLabel('channel_share_Amazon', zh)).toBe('通过Amazon购买的占比');
  });

  it('a column the user imported keeps its own name', () => {
    expect(isDerivedFeature('Contract')).toBe(false);
    expect(featureLabel('Contract', zh)).toBe('Contract');
    expect(featureLabel('MonthlyCharges', zh, 'Monthly charges')).toBe('Monthly charges');
  });

  it('reasons about derived columns are all Chinese in Chinese, all English in English', () => {
    const distinct = columns.find((c) => c.name === 'distinct_products')!;
    const meta = {
      name: distinct.name,
      label: distinct.label,
      origin: 'history' as const,
      kind: 'numeric' as const
    };
    const r = { text: '', ...reasonDetail(meta, { distinct_products: 73 }, 11) };
    expect(formatReason(r, zh)).toBe('购买过的不同商品数为 73，高于通常的 11');
    expect(formatReason(r, en)).toBe('different products bought 73, above the usual 11');
    for (const c of columns) {
      const m = {
        name: c.name,
        label: c.label,
        origin: 'history' as const,
        kind: 'numeric' as const
      };
      const text = formatReason({ text: '', ...reasonDetail(m, { [c.name]: 4 }, 2) }, zh);
      expect(text, c.name).not.toMatch(LATIN_WORD);
    }
  });

  it('what-if starts from plain, sensibly rounded digits a number input accepts', () => {
    expect(editableNumber(1234.5678)).toBe('1235');
    expect(editableNumber(94.4, 'recency_days')).toBe('94');
    expect(editableNumber(3.4, 'ipi_sd_days')).toBe('3');
    expect(editableNumber(0.2549, 'cancelled_share')).toBe('0.25');
    expect(editableNumber(-0.3333, 'spend_trend')).toBe('-0.33');
    expect(editableNumber(NaN)).toBe('');
    // What the box held before: a grouped figure the input reads as nothing.
    expect(Number('1,234.57')).toBeNaN();
  });
});

// Plurals through Intl.PluralRules: "1 month", "2 months"; Chinese has one form. Every plural
// variant a catalogue adds must stand next to its "other" form.
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../src/lib/i18n/messages';
import { countOf, translate } from '../../../src/lib/i18n/translate';

describe('plural forms', () => {
  it('picks the singular for one and the plain key otherwise, in English', () => {
    expect(translate('en', 'customers.tenure.months', { n: 1 })).toBe('1 month');
    expect(translate('en', 'customers.tenure.months', { n: 2 })).toBe('2 months');
    expect(translate('en', 'customers.tenure.months', { n: 0 })).toBe('0 months');
    expect(translate('en', 'customers.order.title', { id: 'A7', items: 1, total: '€3' })).toBe(
      'Order A7 · 1 item · €3'
    );
    expect(translate('en', 'models.reason.orders', { count: 1 })).toBe('1 order');
    expect(translate('en', 'models.reason.recency', { days: 1 })).toBe('no purchase for 1 day');
  });

  it('reads counts that were already formatted ("1", "2,000")', () => {
    expect(countOf({ n: '1' })).toBe(1);
    expect(countOf({ n: '2,000' })).toBe(2000);
    expect(countOf({ n: 'abc' })).toBeUndefined();
    expect(translate('en', 'customers.total', { n: '1' })).toBe('1 customer');
    expect(translate('en', 'customers.total', { n: '2,000' })).toBe('2,000 customers');
  });

  it('Chinese has no singular: the same words for 1 and 2', () => {
    expect(translate('zh', 'customers.tenure.months', { n: 1 })).toBe('1 个月');
    expect(translate('zh', 'customers.tenure.months', { n: 2 })).toBe('2 个月');
  });

  it('every .one variant has its plain (or explicit .other) form in the same area', () => {
    for (const [area, cat] of Object.entries(catalogues)) {
      const en = (cat as { en: Record<string, string> }).en;
      for (const k of Object.keys(en))
        if (k.endsWith('.one')) {
          const base = k.slice(0, -4);
          expect(base in en || `${base}.other` in en, `${area}.${k}`).toBe(true);
        }
    }
  });
});

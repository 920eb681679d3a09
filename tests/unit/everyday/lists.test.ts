// The directory's score columns (sort, risk and segment filters), a segment as a campaign list,
// and the one money formatter with its currency choice.
import { describe, expect, it } from 'vitest';
import { buildDirectory, queryDirectory, withScores } from '../../../src/lib/core/db';
import { segmentCsv, segmentMembers } from '../../../src/lib/core/features/segmentList';
import { riskLevel } from '../../../src/lib/core/features/riskLevel';
import { moneyHeader } from '../../../src/lib/core/ingest/export';
import { currencyName, defaultCurrency, formatMoney, isCurrency } from '../../../src/lib/ui/format';
import type { Customer } from '../../../src/lib/core/types';

const person = (id: string, name: string, email = '', phone = ''): Customer => ({
  id,
  name,
  email,
  phone,
  channel: 'shop',
  attributes: {},
  batchId: 1,
  updatedAt: 0
});
const customers = [
  person('c1', 'Ann', 'ann@example.org', '0201'),
  person('c2', 'Bob', 'bob@example.org'),
  person('c3', 'Cy'),
  person('c4', 'Di')
];
const stat = (customerId: string, totalSpent: number) => ({
  customerId,
  orders: 1,
  lines: 1,
  totalSpent,
  firstTs: 0,
  lastTs: 1,
  chunkIds: []
});
const base = buildDirectory(customers, [stat('c1', 10), stat('c2', 20), stat('c3', 30)]);
const scores = {
  risk: new Map([
    ['c1', 0.9],
    ['c2', 0.3],
    ['c3', 0.1]
  ]),
  value: new Map([
    ['c1', 100],
    ['c2', 500]
  ]),
  segment: new Map([
    ['c1', 'At risk'],
    ['c2', 'Champions'],
    ['c3', 'Champions']
  ])
};
const dir = withScores(base, scores);
const ids = (q: Parameters<typeof queryDirectory>[1]) =>
  queryDirectory(dir, q).rows.map((r) => r.id);

describe('directory with scores', () => {
  it('joins risk, value and segment; unscored customers stay null', () => {
    const c4 = dir.rows.find((r) => r.id === 'c4')!;
    expect(c4).toMatchObject({ risk: null, value: null, segment: '' });
    expect(dir.rows.find((r) => r.id === 'c1')).toMatchObject({ risk: 0.9, value: 100 });
    expect(dir.segments).toEqual(['At risk', 'Champions']);
    expect(dir.scored).toEqual({ risk: true, value: true });
    expect(
      withScores(base, { risk: new Map(), value: new Map(), segment: new Map() }).scored
    ).toEqual({ risk: false, value: false });
  });

  it('sorts by risk and by value, highest first, unscored last', () => {
    expect(ids({ sort: 'risk', desc: true })).toEqual(['c1', 'c2', 'c3', 'c4']);
    // Ties (the two without a value) keep the directory's reversed order when descending.
    expect(ids({ sort: 'value', desc: true })).toEqual(['c2', 'c1', 'c4', 'c3']);
  });

  it('filters by risk band and by segment, with the search and the total', () => {
    expect(ids({ sort: 'name', risk: 'critical' })).toEqual(['c1']);
    expect(ids({ sort: 'name', risk: 'medium' })).toEqual(['c2']);
    expect(ids({ sort: 'name', risk: 'low' })).toEqual(['c3']);
    expect(ids({ sort: 'name', segment: 'Champions' })).toEqual(['c2', 'c3']);
    expect(ids({ sort: 'name', segment: 'Champions', search: 'bob' })).toEqual(['c2']);
    expect(queryDirectory(dir, { segment: 'Champions' }).total).toBe(2);
    expect(ids({ sort: 'name' })).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('shares the risk bands with the customer page', () => {
    expect([0.8, 0.6, 0.3, 0.1].map(riskLevel)).toEqual(['critical', 'high', 'medium', 'low']);
  });
});

describe('segment as a list', () => {
  const input = { customers, segments: scores.segment, values: scores.value };

  it('lists one segment, most valuable first, with contact details', () => {
    const rows = segmentMembers(input, 'Champions');
    expect(rows.map((r) => [r.id, r.value])).toEqual([
      ['c2', 500],
      ['c3', null]
    ]);
    expect(rows[0]).toMatchObject({ name: 'Bob', email: 'bob@example.org', segment: 'Champions' });
    expect(segmentMembers(input)).toHaveLength(3);
    expect(segmentMembers(input, 'Nobody')).toEqual([]);
  });

  it('exports a campaign list whose value column names the currency', () => {
    const csv = segmentCsv(segmentMembers(input, 'At risk'), 'EUR');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('customer_id,name,email,phone,segment,value_EUR');
    expect(lines[1]).toBe('c1,Ann,ann@example.org,0201,At risk,100');
    expect(
      segmentCsv([], undefined)
        .replace(/^\ufeff/, '')
        .trim()
    ).toBe('customer_id,name,email,phone,segment,value');
  });

  it('keeps formulas out of the exported names', () => {
    const evil = [person('x', '=HYPERLINK("http://x")')];
    const csv = segmentCsv(
      segmentMembers({ customers: evil, segments: new Map([['x', 'New']]), values: new Map() })
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('money', () => {
  it('formats in the chosen currency and locale', () => {
    expect(formatMoney(1234.5, 'en', 'EUR')).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'en', 'USD', { whole: true })).toBe('$1,235');
    expect(formatMoney(1234.5, 'en', 'JPY')).toBe('¥1,235');
    expect(formatMoney(1234.5, 'zh-CN', 'CNY')).toBe('¥1,234.50');
    expect(formatMoney(1234.5, 'de', 'EUR')).toBe('1.234,50\u00a0€');
    expect(formatMoney(1_250_000, 'en', 'GBP', { compact: true })).toBe('£1.3M');
    expect(formatMoney(NaN, 'en', 'EUR')).toBe('–');
  });

  it('accepts ISO 4217 codes only', () => {
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('EURO')).toBe(false);
    expect(isCurrency(undefined)).toBe(false);
  });

  it('guesses the currency from the browser languages', () => {
    expect(defaultCurrency(['en-GB', 'en'])).toBe('GBP');
    expect(defaultCurrency(['de-DE'])).toBe('EUR');
    expect(defaultCurrency(['zh'])).toBe('CNY');
    expect(defaultCurrency(['en'])).toBe('USD');
    expect(defaultCurrency([])).toBe('USD');
  });

  it('reads a region written in the tag as Intl would, without asking Intl', () => {
    // The region read from the tag is the one Intl.Locale finds there (maximize keeps it).
    for (const tag of [
      'en-GB',
      'zh-Hans-CN',
      'fr-ca',
      'es-419',
      'sr-Latn-RS',
      'de-DE-u-co-phonebk'
    ])
      expect(defaultCurrency([tag])).toBe(
        defaultCurrency([new Intl.Locale(tag).maximize().region ?? 'x'].map((r) => `und-${r}`))
      );
    expect(defaultCurrency(['zh-Hans-CN'])).toBe('CNY');
    expect(defaultCurrency(['fr-ca'])).toBe('CAD');
    expect(defaultCurrency(['es-419', 'de'])).toBe('EUR'); // 419 (Latin America): no currency
    expect(defaultCurrency(['not a tag', 'ja'])).toBe('JPY');
  });

  it('names currencies in the interface language, and money headers carry the code', () => {
    expect(currencyName('EUR', 'en')).toBe('Euro');
    expect(currencyName('EUR', 'zh-CN')).toBe('欧元');
    expect(moneyHeader('value', 'EUR')).toBe('value_EUR');
    expect(moneyHeader('value')).toBe('value');
  });
});

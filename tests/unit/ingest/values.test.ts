import { describe, expect, it } from 'vitest';
import { detectDateOrder, parseDate } from '../../../src/lib/core/ingest/dates';
import { detectDecimalMark, parseBoolean, parseNumber } from '../../../src/lib/core/ingest/numbers';

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) =>
  Date.UTC(y, m - 1, d, h, mi, s);

describe('parseDate', () => {
  it('reads ISO dates with and without time and zone', () => {
    expect(parseDate('2010-12-01')).toBe(utc(2010, 12, 1));
    expect(parseDate('2010-12-01 08:26')).toBe(utc(2010, 12, 1, 8, 26));
    expect(parseDate('2010-12-01T08:26:30Z')).toBe(utc(2010, 12, 1, 8, 26, 30));
    expect(parseDate('2010-12-01T08:26:30.250Z')).toBe(utc(2010, 12, 1, 8, 26, 30) + 250);
    expect(parseDate('2010-12-01T16:26:00+08:00')).toBe(utc(2010, 12, 1, 8, 26));
    expect(parseDate('2010-12-01T03:26:00-0500')).toBe(utc(2010, 12, 1, 8, 26));
  });

  it('reads Online Retail M/D/YYYY H:MM and day-first when unambiguous or told', () => {
    expect(parseDate('12/1/2010 8:26')).toBe(utc(2010, 12, 1, 8, 26));
    expect(parseDate('13/1/2010')).toBe(utc(2010, 1, 13));
    expect(parseDate('1/2/2011')).toBe(utc(2011, 1, 2));
    expect(parseDate('1/2/2011', 'dmy')).toBe(utc(2011, 2, 1));
    expect(parseDate('1/13/2011', 'dmy')).toBe(utc(2011, 1, 13));
    expect(parseDate('01.02.2011')).toBe(utc(2011, 2, 1));
    expect(parseDate('12/1/2010 8:26 PM')).toBe(utc(2010, 12, 1, 20, 26));
  });

  it('reads compact, Chinese, slash-ISO, month-name and epoch forms', () => {
    expect(parseDate('19970101')).toBe(utc(1997, 1, 1));
    expect(parseDate('20100112')).toBe(utc(2010, 1, 12));
    expect(parseDate('2010年12月1日')).toBe(utc(2010, 12, 1));
    expect(parseDate('2010年12月1日 8:26')).toBe(utc(2010, 12, 1, 8, 26));
    expect(parseDate('2010/12/01')).toBe(utc(2010, 12, 1));
    expect(parseDate('1 Dec 2010')).toBe(utc(2010, 12, 1));
    expect(parseDate('Dec 1, 2010')).toBe(utc(2010, 12, 1));
    expect(parseDate('1291191960')).toBe(utc(2010, 12, 1, 8, 26));
    expect(parseDate('1291191960000')).toBe(utc(2010, 12, 1, 8, 26));
  });

  it('rejects impossible and non-dates', () => {
    for (const s of [
      '',
      'yesterday',
      '2010-13-01',
      '31/02/2010',
      '2/30/2011',
      '2010',
      'N/A',
      '12/1/2010 25:00'
    ])
      expect(parseDate(s), s).toBeNull();
    expect(parseDate('29/02/2012')).toBe(utc(2012, 2, 29));
    expect(parseDate('29/02/2011')).toBeNull();
  });

  it('infers the column order from other values', () => {
    expect(detectDateOrder(['1/2/2011', '5/6/2011', '13/2/2011'])).toBe('dmy');
    expect(detectDateOrder(['1/2/2011', '12/31/2011'])).toBe('mdy');
    expect(detectDateOrder(['1/2/2011'])).toBe('mdy');
  });
});

describe('parseNumber', () => {
  it('handles decimal commas, thousands separators and the column hint', () => {
    expect(parseNumber('1.234,56')).toBe(1234.56);
    expect(parseNumber('1,234.56')).toBe(1234.56);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1,234')).toBe(1234);
    expect(parseNumber('1,234', ',')).toBe(1.234);
    expect(parseNumber('1.234', ',')).toBe(1234);
    expect(parseNumber('1 234 567,5')).toBe(1234567.5);
    expect(parseNumber('1,234,567')).toBe(1234567);
    expect(parseNumber('2.55')).toBe(2.55);
    expect(parseNumber('-6')).toBe(-6);
    expect(parseNumber('1e3')).toBe(1000);
  });

  it('strips currency, reads parentheses negatives and percentages', () => {
    expect(parseNumber('£2.55')).toBe(2.55);
    expect(parseNumber('$1,000')).toBe(1000);
    expect(parseNumber('€ 12,50')).toBe(12.5);
    expect(parseNumber('¥88')).toBe(88);
    expect(parseNumber('￥88')).toBe(88);
    expect(parseNumber('RMB 1,200')).toBe(1200);
    expect(parseNumber('88 CNY')).toBe(88);
    expect(parseNumber('(1.85)')).toBe(-1.85);
    expect(parseNumber('-$5')).toBe(-5);
    expect(parseNumber('12.5%')).toBeCloseTo(0.125, 12);
  });

  it('rejects non-numbers', () => {
    for (const s of ['', ' ', 'six', 'N/A', '1,2,3', '1.2.3,4,5', '--5', '12abc', '£'])
      expect(parseNumber(s), s).toBeNull();
  });

  it('detects decimal commas in a column', () => {
    expect(detectDecimalMark(['12,50', '3', '0,99'])).toBe(',');
    expect(detectDecimalMark(['12.50', '3'])).toBe('.');
    expect(detectDecimalMark(['3', '4'], ',')).toBe(',');
  });
});

describe('parseBoolean', () => {
  it('reads yes/no, true/false, 1/0 and 是/否', () => {
    expect(['Yes', 'TRUE', '1', '是'].map(parseBoolean)).toEqual([true, true, true, true]);
    expect(['no', 'False', '0', '否'].map(parseBoolean)).toEqual([false, false, false, false]);
    expect(parseBoolean('maybe')).toBeNull();
  });
});

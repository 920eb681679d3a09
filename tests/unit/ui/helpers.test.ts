import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatDuration,
  formatNumber,
  formatPercent
} from '../../../src/lib/ui/format';
import {
  MAX_SCROLL_HEIGHT,
  computeWindow,
  navigate,
  pageSize,
  scrollToReveal
} from '../../../src/lib/ui/virtual';
import { nextSort, sortRows } from '../../../src/lib/ui/sort';
import { matchesAccept } from '../../../src/lib/ui/accept';
import { groupByMonth } from '../../../src/lib/ui/timeline';
import { confusionCells } from '../../../src/lib/ui/confusion';
import { nextTab } from '../../../src/lib/ui/tabs';
import { cdnowEvents, telco } from './fixtures';

describe('format', () => {
  it('formats numbers, percentages and compact rates per locale', () => {
    expect(formatNumber(1234567.891, 'en', 1)).toBe('1,234,567.9');
    expect(formatNumber(1234567.891, 'de')).toBe('1.234.568');
    expect(formatPercent(0.1234, 'en')).toBe('12.3%');
    expect(formatPercent(0.5, 'zh-CN', 0)).toBe('50%');
    expect(formatCompact(12345, 'en')).toBe('12.3K');
    expect(formatCompact(12345, 'zh-CN')).toBe('1.2万');
    expect(formatNumber(NaN, 'en')).toBe('–');
  });

  it('shows durations as their two largest units, localised', () => {
    expect(formatDuration(3_725_000, 'en')).toBe('1h 2m');
    expect(formatDuration(125_000, 'en')).toBe('2m 5s');
    expect(formatDuration(42_400, 'en')).toBe('42s');
    expect(formatDuration(3_600_000, 'zh-CN')).toBe('1小时');
    expect(formatDuration(-1, 'en')).toBe('–');
  });
});

describe('virtual window', () => {
  const rowHeight = 40;
  const viewport = 400;

  it('renders only the visible rows plus overscan of 100,000', () => {
    const w = computeWindow({ count: 100_000, rowHeight, viewport, scrollTop: 0, overscan: 4 });
    expect(w).toEqual({ start: 0, end: 15, scrollHeight: 4_000_000, offset: 0 });
    const mid = computeWindow({
      count: 100_000,
      rowHeight,
      viewport,
      scrollTop: 2_000_020,
      overscan: 4
    });
    expect(mid.start).toBe(50_000 - 4);
    expect(mid.end).toBe(50_000 + 11 + 4);
    expect(mid.offset).toBe(mid.start * rowHeight);
    const end = computeWindow({ count: 100_000, rowHeight, viewport, scrollTop: 9e9, overscan: 4 });
    expect(end.end).toBe(100_000);
  });

  it('compresses the scrollbar for lists taller than the browser allows', () => {
    const count = 1_000_000;
    const top = computeWindow({ count, rowHeight, viewport, scrollTop: 0 });
    expect(top.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
    const bottom = computeWindow({ count, rowHeight, viewport, scrollTop: MAX_SCROLL_HEIGHT });
    expect(bottom.end).toBe(count);
    // The last row's bottom edge lands exactly at the bottom of the viewport.
    const lastTop = bottom.offset + (count - 1 - bottom.start) * rowHeight;
    expect(lastTop + rowHeight).toBeCloseTo(MAX_SCROLL_HEIGHT, 6);
    // Revealing a row then computing the window places that row inside the viewport.
    const target = 654_321;
    const st = scrollToReveal(target, count, rowHeight, viewport, 0)!;
    const w = computeWindow({ count, rowHeight, viewport, scrollTop: st });
    const y = w.offset + (target - w.start) * rowHeight - st;
    expect(y).toBeGreaterThanOrEqual(-1e-6);
    expect(y + rowHeight).toBeLessThanOrEqual(viewport + 1e-6);
  });

  it('reveals rows only when they are off screen', () => {
    expect(scrollToReveal(5, 1000, 40, 400, 0)).toBeNull();
    expect(scrollToReveal(20, 1000, 40, 400, 0)).toBe(20 * 40 + 40 - 400);
    expect(scrollToReveal(3, 1000, 40, 400, 400)).toBe(120);
  });

  it('maps navigation keys to clamped indices', () => {
    const page = pageSize(40, 400);
    expect(page).toBe(10);
    expect(navigate('ArrowDown', -1, 50, page)).toBe(0);
    expect(navigate('ArrowDown', 49, 50, page)).toBe(49);
    expect(navigate('ArrowUp', 0, 50, page)).toBe(0);
    expect(navigate('PageDown', 45, 50, page)).toBe(49);
    expect(navigate('PageUp', 15, 50, page)).toBe(5);
    expect(navigate('Home', 30, 50, page)).toBe(0);
    expect(navigate('End', 3, 50, page)).toBe(49);
    expect(navigate('a', 3, 50, page)).toBeNull();
    expect(navigate('End', 0, 0, page)).toBeNull();
  });
});

describe('sortRows on Telco', () => {
  const { rows } = telco();

  it('sorts numbers numerically and keeps blank TotalCharges last in both directions', () => {
    const total = (r: Record<string, string>) =>
      r.TotalCharges.trim() === '' ? '' : Number(r.TotalCharges);
    const asc = sortRows(rows, total, 'ascending');
    const desc = sortRows(rows, total, 'descending');
    const blanks = rows.filter((r) => r.TotalCharges.trim() === '').length;
    expect(blanks).toBe(4);
    for (const sorted of [asc, desc]) {
      expect(sorted.slice(-blanks).every((r) => r.TotalCharges.trim() === '')).toBe(true);
    }
    const a = asc.slice(0, -blanks).map((r) => Number(r.TotalCharges));
    expect(a.every((v, i) => i === 0 || a[i - 1] <= v)).toBe(true);
    expect(Number(desc[0].TotalCharges)).toBe(Math.max(...a));
    expect(rows).not.toBe(asc); // a copy, input untouched
  });

  it('is stable and collates text', () => {
    const byContract = sortRows(rows, (r) => r.Contract, 'ascending', 'en');
    expect(byContract[0].Contract).toBe('Month-to-month');
    const firstMonthly = rows.filter((r) => r.Contract === 'Month-to-month').slice(0, 5);
    expect(byContract.slice(0, 5)).toEqual(firstMonthly);
  });

  it('cycles header clicks ascending -> descending -> ascending', () => {
    const s1 = nextSort(null, 'tenure');
    const s2 = nextSort(s1, 'tenure');
    expect([s1.direction, s2.direction, nextSort(s2, 'tenure').direction]).toEqual([
      'ascending',
      'descending',
      'ascending'
    ]);
    expect(nextSort(s2, 'Churn')).toEqual({ key: 'Churn', direction: 'ascending' });
  });
});

describe('matchesAccept', () => {
  it('matches extensions, exact and wildcard MIME types', () => {
    expect(matchesAccept('Orders.CSV', '', '.csv,.tsv')).toBe(true);
    expect(matchesAccept('orders.xlsx', 'application/vnd.ms-excel', '.csv,text/csv')).toBe(false);
    expect(matchesAccept('x.txt', 'text/csv', '.csv, text/csv')).toBe(true);
    expect(matchesAccept('a.png', 'image/png', 'image/*')).toBe(true);
    expect(matchesAccept('a.png', 'image/png', undefined)).toBe(true);
  });
});

describe('groupByMonth on CDNOW purchases', () => {
  const all = cdnowEvents();

  it('groups one customer history by month, newest first', () => {
    const events = all.filter((e) => e.customer === '00004').map((e) => e.event);
    const groups = groupByMonth(events, 'en', 'UTC');
    expect(groups.map((g) => g.key)).toEqual(['1997-12', '1997-08', '1997-01']);
    expect(groups[0].label).toBe('December 1997');
    expect(groups[2].events.map((e) => e.ts)).toEqual([
      Date.UTC(1997, 0, 18),
      Date.UTC(1997, 0, 1)
    ]);
    expect(groupByMonth(events, 'zh-CN', 'UTC')[1].label).toBe('1997年8月');
  });

  it('keeps every event exactly once', () => {
    const events = all.map((e) => e.event);
    const groups = groupByMonth(events, 'en', 'UTC');
    expect(groups.reduce((n, g) => n + g.events.length, 0)).toBe(events.length);
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
  });
});

describe('confusionCells', () => {
  it('gives each cell its share of the actual class', () => {
    const c = confusionCells({ tp: 30, fn: 10, fp: 5, tn: 55 });
    expect(c[0][0].rate).toBe(0.75);
    expect(c[0][1].rate).toBe(0.25);
    expect(c[1][0].rate).toBeCloseTo(5 / 60, 12);
    expect(c[1][1]).toMatchObject({ actual: 'negative', predicted: 'negative', count: 55 });
    expect(Number.isNaN(confusionCells({ tp: 0, fn: 0, fp: 1, tn: 1 })[0][0].rate)).toBe(true);
  });
});

describe('nextTab', () => {
  const tabs = [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B', disabled: true },
    { id: 'c', label: 'C' }
  ];
  it('wraps and skips disabled tabs', () => {
    expect(nextTab(tabs, 0, 'ArrowRight')).toBe(2);
    expect(nextTab(tabs, 2, 'ArrowRight')).toBe(0);
    expect(nextTab(tabs, 0, 'ArrowLeft')).toBe(2);
    expect(nextTab(tabs, 2, 'Home')).toBe(0);
    expect(nextTab(tabs, 0, 'End')).toBe(2);
    expect(nextTab(tabs, 0, 'Enter')).toBeNull();
  });
});

// Presentation sorting for DataTable: numbers numerically, text by locale collation,
// empty values (null, undefined, blank text, NaN) always last whatever the direction.
import type { SortDirection } from './types';

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return typeof v === 'number' && Number.isNaN(v);
}

export function compareValues(a: unknown, b: unknown, collator: Intl.Collator): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/** A sorted copy of `rows` (stable). `value` extracts the sort key of a row. */
export function sortRows<T>(
  rows: readonly T[],
  value: (row: T) => unknown,
  direction: SortDirection,
  locale?: string
): T[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row, i) => ({ row, i, v: value(row) }));
  keyed.sort((x, y) => {
    const ex = isEmpty(x.v);
    const ey = isEmpty(y.v);
    if (ex || ey) return ex === ey ? x.i - y.i : ex ? 1 : -1;
    return sign * compareValues(x.v, y.v, collator) || x.i - y.i;
  });
  return keyed.map((k) => k.row);
}

/** Header click cycle: none -> ascending -> descending -> ascending ... */
export function nextSort(
  current: { key: string; direction: SortDirection } | null,
  key: string
): { key: string; direction: SortDirection } {
  if (current?.key === key && current.direction === 'ascending') {
    return { key, direction: 'descending' };
  }
  return { key, direction: 'ascending' };
}

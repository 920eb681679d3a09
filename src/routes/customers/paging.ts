// Directory paging and sort choices (pure; the page keeps no maths inline).
import type { DirectorySort } from '$lib/core/db/directory';

/** Rows fetched from the worker per request as the list scrolls. */
export const PAGE_SIZE = 200;

export interface SortOption {
  /** Also the i18n key suffix: customers.sort.<key>. */
  key: string;
  by: DirectorySort;
  desc: boolean;
}

export const SORT_OPTIONS: readonly SortOption[] = [
  { key: 'lastPurchase.desc', by: 'lastPurchase', desc: true },
  { key: 'lastPurchase.asc', by: 'lastPurchase', desc: false },
  { key: 'totalSpent.desc', by: 'totalSpent', desc: true },
  { key: 'totalSpent.asc', by: 'totalSpent', desc: false },
  { key: 'orders.desc', by: 'orders', desc: true },
  { key: 'orders.asc', by: 'orders', desc: false },
  { key: 'name.asc', by: 'name', desc: false },
  { key: 'name.desc', by: 'name', desc: true },
  { key: 'risk.desc', by: 'risk', desc: true },
  { key: 'value.desc', by: 'value', desc: true }
];

/** The catalogue key naming a sort option (score sorts live in the everyday area). */
export function sortLabelKey(o: SortOption): string {
  return o.by === 'risk' || o.by === 'value' ? `daily.sort.${o.key}` : `customers.sort.${o.key}`;
}

export function sortOption(key: string): SortOption {
  return SORT_OPTIONS.find((o) => o.key === key) ?? SORT_OPTIONS[0];
}

export const pageOf = (index: number): number => Math.floor(index / PAGE_SIZE);

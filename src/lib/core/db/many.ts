// Reading many keys at once. IndexedDB answers bulkGet with one request per key; when the keys
// are a good share of the table, one getAll over the table is far cheaper (measured in Chromium:
// 5,000 misses via bulkGet took ~0.4 s).
import type { Table } from 'dexie';

export async function getMany<T, K extends string | number>(
  table: Table<T, K>,
  keys: K[],
  keyOf: (row: T) => K
): Promise<(T | undefined)[]> {
  if (keys.length < 500) return table.bulkGet(keys);
  const n = await table.count();
  if (keys.length * 4 < n) return table.bulkGet(keys);
  const all = new Map<K, T>();
  for (const row of await table.toArray()) all.set(keyOf(row), row);
  return keys.map((k) => all.get(k));
}

// Recompute stored per-customer stats after chunks changed (inside the caller's transaction).
import type { Tables } from './schema';
import type { OrderChunk } from './rows';
import { computeStats } from './stats';
import { StatsEdit } from './statsStore';

/** Customer ids with at least one alive row in the chunk. */
export function customersOf(c: OrderChunk, into: Set<string>, rows?: ArrayLike<number>): void {
  if (rows) {
    for (let i = 0; i < rows.length; i++) into.add(c.customerDict[c.customerIdx[rows[i]]]);
    return;
  }
  const seen = new Uint8Array(c.customerDict.length);
  for (let r = 0; r < c.n; r++) {
    if (c.alive[r] !== 1) continue;
    const k = c.customerIdx[r];
    if (seen[k]) continue;
    seen[k] = 1;
    into.add(c.customerDict[k]);
  }
}

/**
 * Rebuild stats of `customers` from their chunks: those their current stats name, minus
 * `dropped`, plus `known` (chunks already in memory, by id, used instead of re-reading).
 */
export async function refreshStats(
  db: Tables,
  customers: Set<string>,
  known: Map<number, OrderChunk>,
  dropped: Set<number> = new Set()
): Promise<void> {
  customers.delete('');
  if (customers.size === 0) return;
  const ids = [...customers];
  const edit = await StatsEdit.load(db, ids);
  const want = new Set<number>();
  for (const id of ids)
    for (const c of edit.get(id)?.chunkIds ?? []) if (!dropped.has(c)) want.add(c);
  for (const [id] of known) if (!dropped.has(id)) want.add(id);
  const missing = [...want].filter((id) => !known.has(id));
  const loaded = new Map<number, OrderChunk | undefined>();
  (await db.orderChunks.bulkGet(missing)).forEach((c, i) => loaded.set(missing[i], c));
  const chunks: OrderChunk[] = [];
  for (const id of want) {
    const c = known.get(id) ?? loaded.get(id);
    if (c) chunks.push(c);
  }
  await edit.save(ids, computeStats(chunks, customers));
}

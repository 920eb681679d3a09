// Recompute stored per-customer stats after chunks changed (inside the caller's transaction).
import { expandChunk } from './chunks';
import type { Tables } from './schema';
import type { CustomerStats, OrderChunk } from './rows';
import { StatsAccumulator } from './stats';
import { StatsEdit } from './statsStore';

/** Chunks read at a time when stats are recomputed: memory stays flat for any import size. */
const READ_GROUP = 16;

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

export interface RefreshOptions {
  /** Chunk ids no longer counted (deleted by an undo). */
  dropped?: Set<number>;
  /**
   * An import's own accumulation: used as is for customers with no stored stats (all their lines
   * are in that import's chunks, added in order: the same sums as from scratch).
   */
  fresh?: Map<string, CustomerStats>;
  /** Further chunk ids holding a customer's lines (an import's chunks not in `known`). */
  chunksOf?: (customerId: string) => number[];
}

/**
 * Rebuild stats of `customers` from their chunks: those their current stats name, minus
 * `dropped`, plus `known` (chunks already in memory, by id, used instead of re-reading) and
 * `chunksOf`. Other chunks are read a few at a time, in ascending id order.
 */
export async function refreshStats(
  db: Tables,
  customers: Set<string>,
  known: Map<number, OrderChunk>,
  opts: RefreshOptions = {}
): Promise<void> {
  const dropped = opts.dropped ?? new Set<number>();
  customers.delete('');
  if (customers.size === 0) return;
  const ids = [...customers];
  const edit = await StatsEdit.load(db, ids);
  const out = new Map<string, CustomerStats>();
  const redo = new Set<string>();
  for (const id of ids) {
    const f = opts.fresh?.get(id);
    if (f && !edit.get(id)) out.set(id, f);
    else redo.add(id);
  }
  if (redo.size > 0) {
    const want = new Set<number>();
    for (const id of redo) {
      for (const c of edit.get(id)?.chunkIds ?? []) want.add(c);
      for (const c of opts.chunksOf?.(id) ?? []) want.add(c);
    }
    for (const [id] of known) want.add(id);
    for (const id of dropped) want.delete(id);
    const order = [...want].sort((a, b) => a - b);
    const acc = new StatsAccumulator(redo);
    for (let i = 0; i < order.length; i += READ_GROUP) {
      const group = order.slice(i, i + READ_GROUP);
      const missing = group.filter((id) => !known.has(id));
      const read = new Map<number, OrderChunk | undefined>();
      (await db.orderChunks.bulkGet(missing)).forEach((c, k) =>
        read.set(missing[k], expandChunk(c))
      );
      for (const id of group) {
        const c = known.get(id) ?? read.get(id);
        if (c) acc.add(c);
      }
    }
    for (const [id, s] of acc.result()) out.set(id, s);
  }
  await edit.save(ids, out);
}

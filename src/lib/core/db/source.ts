// Everything one source brought, as one action: "Remove the sample shop" undoes all its imports
// (customers, products, orders, messages, links) newest first, instead of five undos by hand.
import { undoBatch } from './batches';
import type { RapportDb } from './schema';
import { commitSeqOf } from './session';

/** Committed (not undone) imports of `source`, newest commit first. */
export async function activeBatchesOf(db: RapportDb, source: string): Promise<number[]> {
  const rows = await db.batches.where('status').equals('committed').toArray();
  return rows
    .filter((b) => b.source === source)
    .sort((a, b) => commitSeqOf(b) - commitSeqOf(a))
    .map((b) => b.id!);
}

/**
 * Undo every committed import of `source`, newest first; returns how many were undone. Stops
 * with undoBatch's message (naming the newer import to undo first) when a later import of
 * another source changed the same records: what was undone stays undone, nothing else changes.
 */
export async function removeSource(db: RapportDb, source: string): Promise<number> {
  const ids = await activeBatchesOf(db, source);
  for (const id of ids) await undoBatch(db, id);
  return ids.length;
}

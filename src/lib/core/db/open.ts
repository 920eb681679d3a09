// Opening the database and cleaning up imports that died half-way (tab closed, crash).
import { bound, RapportDb, type IdbDeps } from './schema';

/** A pending batch untouched for this long is a leftover of a crashed import. */
export const PENDING_STALE_MS = 60_000;

/** Batch ids of import sessions alive in this JS context: never cleaned up under them. */
export const liveSessions = new Set<number>();

export interface OpenOptions {
  /** Age (ms since the last heartbeat) after which a pending batch is removed on open. */
  pendingStaleMs?: number;
  now?: () => number;
}

/**
 * The Rapport database. Opening removes pending batches (and their chunks) left by imports
 * that never committed; another tab's import still sending heartbeats is left alone.
 */
export function openDb(name = 'rapport', deps?: IdbDeps, opts: OpenOptions = {}): RapportDb {
  const db = new RapportDb(name, deps);
  const staleMs = opts.pendingStaleMs ?? PENDING_STALE_MS;
  const now = opts.now ?? Date.now;
  db.on('ready', () => cleanupPending(db, staleMs, now()));
  return db;
}

/** Delete pending batches older than `staleMs`; returns their ids. */
export async function cleanupPending(
  db: RapportDb,
  staleMs: number,
  now: number
): Promise<number[]> {
  return db.transaction(
    'rw',
    db.batches,
    db.orderChunks,
    db.chunkOrders,
    db.undoLogs,
    async (tx) => {
      const t = bound(tx);
      const pending = await t.batches.where('status').equals('pending').toArray();
      const dead = pending
        .filter((b) => !liveSessions.has(b.id!) && now - b.touchedAt >= staleMs)
        .map((b) => b.id!);
      if (dead.length === 0) return dead;
      await t.orderChunks.where('batchId').anyOf(dead).delete();
      await t.chunkOrders.where('batchId').anyOf(dead).delete();
      await t.undoLogs.bulkDelete(dead);
      await t.batches.bulkDelete(dead);
      return dead;
    }
  );
}

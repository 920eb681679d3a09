// Opening the database and cleaning up imports that died half-way (tab closed, crash).
import { heldOwners, webLocks, type LockManagerLike } from './owners';
import type { BatchRow } from './rows';
import { bound, RapportDb, type IdbDeps } from './schema';

/** Without Web Locks: a pending batch untouched for this long is a leftover of a crashed import. */
export const PENDING_STALE_MS = 60_000;

/** Batch ids of import sessions alive in this JS context: never cleaned up under them. */
export const liveSessions = new Set<number>();

export interface OpenOptions {
  /** Age (ms since the last heartbeat) after which an ownerless pending batch is removed. */
  pendingStaleMs?: number;
  now?: () => number;
  /** Web Locks (default navigator.locks; tests pass a fake, null turns them off). */
  locks?: LockManagerLike | null;
}

/**
 * Whether a pending batch still has a live import behind it: one of this context, one whose
 * owner lock is held (any tab or worker of the origin), or, where locks cannot tell, one with a
 * fresh heartbeat.
 */
export function pendingAlive(
  b: BatchRow,
  held: Set<string> | null,
  now: number,
  staleMs = PENDING_STALE_MS
): boolean {
  if (liveSessions.has(b.id!)) return true;
  if (held && b.owner) return held.has(b.owner);
  return now - b.touchedAt < staleMs;
}

/**
 * The Rapport database. Opening removes pending batches (and their chunks) left by imports
 * that never committed; another tab's import still running is left alone.
 */
export function openDb(name = 'rapport', deps?: IdbDeps, opts: OpenOptions = {}): RapportDb {
  const db = new RapportDb(name, deps);
  const staleMs = opts.pendingStaleMs ?? PENDING_STALE_MS;
  const now = opts.now ?? Date.now;
  const locks = opts.locks === undefined ? webLocks() : opts.locks;
  // Not awaited by 'ready' (it awaits the lock manager, which would lose Dexie's open zone and
  // deadlock): reads ignore pending batches anyway, and listBatches hides dead ones meanwhile.
  db.on('ready', () => {
    cleanups.set(
      db,
      cleanupPending(db, staleMs, now(), locks).catch(() => [])
    );
  });
  return db;
}

const cleanups = new WeakMap<RapportDb, Promise<number[]>>();

/** The start-up cleanup of `db` (ids removed), once it has opened; tests await it. */
export async function startupCleanup(db: RapportDb): Promise<number[]> {
  await db.open();
  return (await cleanups.get(db)) ?? [];
}

/** Delete pending batches with no live import behind them (see pendingAlive); returns their ids. */
export async function cleanupPending(
  db: RapportDb,
  staleMs: number,
  now: number,
  locks: LockManagerLike | null = webLocks()
): Promise<number[]> {
  // Rows first, then the locks (an await on something else inside a transaction would end it).
  // An import takes its owner lock before it adds its batch row, so the lock of every row read
  // here was taken before the query below: a pending row whose owner is not held then is dead.
  // Rows added after the first read are not candidates.
  const seen = await db.batches.where('status').equals('pending').primaryKeys();
  if (seen.length === 0) return [];
  const candidates = new Set(seen);
  const held = await heldOwners(locks);
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
        .filter((b) => candidates.has(b.id!) && !pendingAlive(b, held, now, staleMs))
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

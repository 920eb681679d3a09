// One order chunk of a pending import into storage: the transaction an import session runs for
// each chunk it builds, either on its own thread or handed to a ChunkWriter on another one.
//
// Why another thread: IndexedDB serialises a record on the thread that calls add(), and for a
// chunk's typed arrays (17 bytes a line) that was a tenth of the importing worker's CPU in
// Chromium, plus the transactions' callbacks, which only ran when the import yielded.
import type { ChunkOrders, OrderChunk } from './rows';
import { bound, type RapportDb } from './schema';

export interface ChunkWrite {
  batchId: number;
  /** The record to store (storedChunk of the built chunk). */
  record: OrderChunk;
  /** Heartbeat: the batch row's new touchedAt, or null to leave the row alone. */
  touchedAt: number | null;
}

/**
 * Stores chunks for an import session. `write` resolves to the chunk's id once its transaction
 * has committed, and rejects when it failed (nothing of that chunk is stored then). A writer
 * that moves the record's arrays to another thread hands them back before it settles: the
 * session keeps the chunk for its commit.
 */
export interface ChunkWriter {
  write(w: ChunkWrite): Promise<number>;
  /**
   * Whether the writes make progress without this thread's event loop (another worker runs
   * their transactions): the session then need not yield to them while it parses.
   */
  readonly offThread?: boolean;
}

/** The chunk's transaction: refused (nothing written) when the batch is no longer pending. */
export async function writeChunk(db: RapportDb, w: ChunkWrite): Promise<number> {
  const { batchId, record, touchedAt } = w;
  return db.transaction('rw', db.orderChunks, db.chunkOrders, db.batches, async (tx) => {
    const t = bound(tx);
    // Both requests go out at once: the add clones the chunk now instead of one round trip
    // later; if the batch is no longer pending the throw aborts the transaction, add included.
    // The second round also goes out at once: the order ids and the heartbeat, if due (a put of
    // the row just read; a pending batch is stale only after PENDING_STALE_MS, 60 s).
    const [batch, id] = await Promise.all([
      t.batches.get(batchId).then((b) => {
        if (!b || b.status !== 'pending')
          throw new Error(`Import #${batchId} was cleaned up or finished elsewhere`);
        return b;
      }),
      t.orderChunks.add(record)
    ]);
    const orders: ChunkOrders = { id, batchId, orders: record.orderDict };
    await Promise.all([
      t.chunkOrders.add(orders),
      touchedAt !== null ? t.batches.put({ ...batch, touchedAt }) : undefined
    ]);
    return id;
  });
}

/** Writes on the calling thread. */
export const localChunkWriter = (db: RapportDb): ChunkWriter => ({
  write: (w) => writeChunk(db, w)
});

/** The buffers of a record's typed arrays (each its own: see ChunkBuilder.take), once each. */
export function recordBuffers(record: OrderChunk): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const v of Object.values(record))
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  return [...out];
}

/** The record's typed-array fields alone (what a writer on another thread hands back). */
export function recordArrays(record: OrderChunk): Partial<OrderChunk> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (ArrayBuffer.isView(v)) out[k] = v;
  return out as Partial<OrderChunk>;
}

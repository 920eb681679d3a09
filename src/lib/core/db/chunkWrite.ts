// One order chunk of a pending import into storage: the transaction an import session runs for
// each chunk it builds, either on its own thread or handed to a ChunkWriter on another one.
//
// Why another thread: IndexedDB serialises a record on the thread that calls add(), and for a
// chunk's typed arrays (17 bytes a line) that was a tenth of the importing worker's CPU in
// Chromium, plus the transactions' callbacks, which only ran when the import yielded.
//
// The writer also keeps the batch's tally (its customers' stats and its order ids) as chunks are
// handed to it: on another thread that work, a fifth of a 1M-line import's time on the importing
// thread (browser-import, 2026-12-02: 1.6 s instead of 2.1 s without it), runs beside parsing.
import { storedChunk } from './chunks';
import type { ChunkOrders, CustomerStats, OrderChunk } from './rows';
import { bound, type RapportDb } from './schema';
import { StatsAccumulator } from './stats';

export interface ChunkWrite {
  batchId: number;
  /** Its place among the batch's chunks (0, 1, 2...): the tag of its lines in the tally. */
  seq: number;
  /** The built chunk (ChunkBuilder.take); what is stored is storedChunk of it. */
  record: OrderChunk;
  /** Heartbeat: the batch row's new touchedAt, or null to leave the row alone. */
  touchedAt: number | null;
}

/** A batch's chunks so far: its customers' stats (chunkIds: the chunks' seq) and order ids. */
export interface BatchTally {
  stats: Map<string, CustomerStats>;
  orderIds: Set<string>;
}

/** Tallies of the batches whose chunks a writer was handed, in the order it was handed them. */
export class ChunkTally {
  private readonly batches = new Map<number, { stats: StatsAccumulator; orderIds: Set<string> }>(); // prettier-ignore

  add(w: ChunkWrite): void {
    let t = this.batches.get(w.batchId);
    if (!t) this.batches.set(w.batchId, (t = { stats: new StatsAccumulator(), orderIds: new Set() })); // prettier-ignore
    t.stats.add(w.record, w.seq);
    for (const id of w.record.orderDict) t.orderIds.add(id);
  }

  /** The batch's tally, then forgotten. */
  take(batchId: number): BatchTally {
    const t = this.batches.get(batchId);
    this.batches.delete(batchId);
    return { stats: t?.stats.result() ?? new Map(), orderIds: t?.orderIds ?? new Set() };
  }
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
   * The tally of the chunks of `batchId` handed to write() so far (whether or not their writes
   * are done), then forgotten: the session asks once its writes are drained, or to discard it.
   */
  tally(batchId: number): Promise<BatchTally>;
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
      t.orderChunks.add(storedChunk(record))
    ]);
    const orders: ChunkOrders = { id, batchId, orders: record.orderDict };
    await Promise.all([
      t.chunkOrders.add(orders),
      touchedAt !== null ? t.batches.put({ ...batch, touchedAt }) : undefined
    ]);
    return id;
  });
}

/** Writes (and tallies) on the calling thread. */
export function localChunkWriter(db: RapportDb): ChunkWriter {
  const tally = new ChunkTally();
  return {
    write: (w) => {
      tally.add(w);
      return writeChunk(db, w);
    },
    tally: async (batchId) => tally.take(batchId)
  };
}

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

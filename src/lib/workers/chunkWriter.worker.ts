// A second worker, started by the backend worker, that writes an import's order chunks
// (ChunkWriter of core/db/chunkWrite.ts): IndexedDB serialises each record on the thread that
// adds it, so here it happens beside the import's parsing instead of inside it. The record's
// arrays arrive transferred and go back the same way, with the chunk id or the error.
import { RapportDb } from '../core/db/schema';
import { recordArrays, recordBuffers, writeChunk, type ChunkWrite } from '../core/db/chunkWrite';
import type { CustomerStats } from '../core/db/rows';
import { BatchStats } from '../core/db/stats';

export type WriterRequest =
  | {
      n: number;
      /** The database's name (the backend worker's own connection's). */
      db: string;
      w: ChunkWrite;
    }
  /** Hand over (and forget) a batch's stats (ChunkWriter.stats). */
  | { n: number; takeStats: number };

export interface WriterReply {
  /** 0: the worker is ready (its first message). */
  n: number;
  /**
   * The record's typed arrays, handed back (transferred). Only those: its dictionaries (string
   * arrays) were copied on the way here, the sender still has them, and copying them back cost
   * the importing thread the strings of every chunk again.
   */
  arrays?: Partial<ChunkWrite['record']>;
  id?: number;
  error?: { name: string; message: string };
  /** Reply to takeStats. */
  stats?: Map<string, CustomerStats>;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WriterRequest>) => void) | null;
  postMessage(m: WriterReply, transfer: Transferable[]): void;
};
const dbs = new Map<string, RapportDb>();
const stats = new BatchStats();

scope.onmessage = async (e) => {
  const m = e.data;
  if ('takeStats' in m) return scope.postMessage({ n: m.n, stats: stats.take(m.takeStats) }, []);
  const { n, db: name, w } = m;
  // Added as it arrives, before any await: the chunks in the order they were sent.
  if (w.tag !== undefined) stats.add(w.batchId, w.record, w.tag);
  let reply: WriterReply;
  try {
    let db = dbs.get(name);
    if (!db) dbs.set(name, (db = new RapportDb(name)));
    let id: number;
    try {
      id = await writeChunk(db, w);
    } catch (err) {
      // Closed under it (another tab upgraded the database): once more on a new connection.
      if ((err as Error)?.name !== 'DatabaseClosedError') throw err;
      dbs.set(name, (db = new RapportDb(name)));
      id = await writeChunk(db, w);
    }
    reply = { n, arrays: recordArrays(w.record), id };
  } catch (err) {
    const x = err instanceof Error ? err : new Error(String(err));
    reply = { n, arrays: recordArrays(w.record), error: { name: x.name, message: x.message } };
  }
  scope.postMessage(reply, recordBuffers(w.record));
};
scope.postMessage({ n: 0 }, []);

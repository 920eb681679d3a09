// A second worker, started by the backend worker, that writes an import's order chunks
// (ChunkWriter of core/db/chunkWrite.ts): IndexedDB serialises each record on the thread that
// adds it, so here it happens beside the import's parsing instead of inside it. The record's
// arrays arrive transferred and go back the same way, with the chunk id or the error.
import { RapportDb } from '../core/db/schema';
import { recordArrays, recordBuffers, writeChunk, type ChunkWrite } from '../core/db/chunkWrite';

export interface WriterRequest {
  n: number;
  /** The database's name (the backend worker's own connection's). */
  db: string;
  w: ChunkWrite;
}

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
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WriterRequest>) => void) | null;
  postMessage(m: WriterReply, transfer: Transferable[]): void;
};
const dbs = new Map<string, RapportDb>();

scope.onmessage = async (e) => {
  const { n, db: name, w } = e.data;
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

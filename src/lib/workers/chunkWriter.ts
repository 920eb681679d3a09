// The backend worker's side of chunkWriter.worker.ts: a ChunkWriter that hands each chunk to
// that worker, its arrays transferred (not copied), and puts the arrays it gets back into the
// record before the write settles. Used only once the worker has said it is ready: a record
// posted to a worker that failed to start would be lost with its arrays.
import { recordBuffers, type ChunkWrite, type ChunkWriter } from '../core/db/chunkWrite';
import type { WriterReply, WriterRequest } from './chunkWriter.worker';

/** How long the first import waits for the writer worker to start before writing itself. */
const START_MS = 5_000;

interface Waiting {
  record: ChunkWrite['record'];
  resolve(id: number): void;
  reject(e: Error): void;
}

let ready: Promise<Worker | null> | null = null;
/** Set once the worker has failed: a write posted to it after that would never be answered. */
let stopped: Error | null = null;
let next = 1;
const waiting = new Map<number, Waiting>();

function start(): Promise<Worker | null> {
  return (ready ??= new Promise<Worker | null>((resolve) => {
    if (typeof Worker === 'undefined') return resolve(null);
    let w: Worker;
    try {
      w = new Worker(new URL('./chunkWriter.worker.ts', import.meta.url), {
        type: 'module',
        name: 'rapport-chunk-writer'
      });
    } catch {
      return resolve(null);
    }
    const timer = setTimeout(() => resolve(null), START_MS);
    w.onmessage = (e: MessageEvent<WriterReply>) => {
      const m = e.data;
      if (m.n === 0) {
        clearTimeout(timer);
        return resolve(w);
      }
      const p = waiting.get(m.n);
      if (!p) return;
      waiting.delete(m.n);
      Object.assign(p.record, m.arrays);
      if (m.error) {
        const err = new Error(m.error.message);
        err.name = m.error.name;
        p.reject(err);
      } else p.resolve(m.id!);
    };
    w.onerror = (e) => {
      e.preventDefault();
      clearTimeout(timer);
      resolve(null);
      // From now on imports write on their own thread; writes in flight fail their import.
      ready = Promise.resolve(null);
      w.terminate();
      stopped = new Error(`The chunk writer stopped: ${e.message}`);
      for (const p of waiting.values()) p.reject(stopped);
      waiting.clear();
    };
  }));
}

/** A ChunkWriter on its own worker for the database named `db`; null where none could start. */
export async function workerChunkWriter(db: string): Promise<ChunkWriter | null> {
  const w = await start();
  if (!w) return null;
  return {
    offThread: true,
    write: (cw) =>
      new Promise<number>((resolve, reject) => {
        if (stopped) return reject(stopped);
        const n = next++;
        waiting.set(n, { record: cw.record, resolve, reject });
        const req: WriterRequest = { n, db, w: cw };
        w.postMessage(req, recordBuffers(cw.record));
      })
  };
}

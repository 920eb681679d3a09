// Import sessions (ImportSession of ingest/sink.ts). Order chunks are written as they stream in
// under a 'pending' batch that every read ignores; entities are buffered and written, with an
// undo log of what they overwrite, in the single commit transaction. Abort deletes the chunks.
import type { Customer, OrderLine, Product } from '../types';
import type {
  BeginImportOptions,
  ImportSession,
  ImportSummary,
  NewCustomer,
  NewInteraction,
  NewProduct,
  NewRelationship,
  OrderColumns
} from '../ingest/sink';
import { ArrayPool, ChunkBuilder, Dict, expandChunk, storedChunk } from './chunks';
import { localChunkWriter, type ChunkWriter } from './chunkWrite';
import { aliasOf, resolveAliases } from './aliases';
import { getMany } from './many';
import { mergeRecord } from './merge';
import { liveSessions } from './open';
import { takeOwnerLock, webLocks, type LockManagerLike, type OwnerLock } from './owners';
import { customersOf, refreshStats } from './refresh';
import { StatsAccumulator } from './stats';
import { StatsEdit } from './statsStore';
import type { Table } from 'dexie';
import type { BatchRow, OrderChunk, UndoEntry, UndoLog } from './rows';
import { bound, type RapportDb, type Tables } from './schema';

/** Staged chunks up to this many lines stay in memory so commit need not read them back. */
const KEEP_LINES = 2_000_000;

/**
 * Chunk writes left in flight while parsing goes on. Awaiting each write serially left the
 * worker idle for a quarter of a 1M-line import; more than a few only holds more chunks in memory.
 */
const MAX_WRITES = 12;

/** While chunk writes are in flight, the import yields to the event loop this often (ms). */
const YIELD_MS = 4;

/** Resolves in a later task, not a microtask: IndexedDB's request callbacks get to run. */
function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** Heartbeat period of a pending batch while only entities stream in. */
const TOUCH_MS = 10_000;

export interface SessionOptions {
  now?: () => number;
  /** Lines per chunk (tests use small chunks to exercise chunk boundaries). */
  chunkSize?: number;
  /** Web Locks for the owner lock (default navigator.locks; null: none). */
  locks?: LockManagerLike | null;
  /**
   * Lines of staged chunks kept in memory for the commit (tests: 0). Default 2,000,000, or 0
   * when no import was committed yet: then no customer has stats the commit must redo from
   * chunks, and chunks not kept give their arrays to the next ones (ArrayPool).
   */
  keepLines?: number;
  /** Where chunks are written (default: on this thread; the app's worker hands them to another). */
  writer?: ChunkWriter;
}

/** Every table a commit or an undo writes. */
export const writeTables = (db: RapportDb) => [
  db.customers,
  db.products,
  db.interactions,
  db.relationships,
  db.orderChunks,
  db.chunkOrders,
  db.statsShards,
  db.productNames,
  db.batches,
  db.undoLogs,
  db.sources
];

export async function beginImport(
  db: RapportDb,
  opts: BeginImportOptions,
  sopts: SessionOptions = {}
): Promise<ImportSession> {
  const now = sopts.now ?? Date.now;
  // The owner lock first, the row second: cleanupPending relies on that order.
  const lock = await takeOwnerLock(sopts.locks === undefined ? webLocks() : sopts.locks);
  const t = now();
  const row: BatchRow = {
    source: opts.source,
    fileName: opts.fileName,
    kind: opts.kind,
    channel: opts.channel,
    mapping: { ...opts.mapping },
    startedAt: t,
    touchedAt: t,
    status: 'pending',
    rowsRead: 0,
    rowsStored: 0,
    rowsRejected: 0,
    errorsSample: 0,
    linesAlive: 0,
    orderKeys: 0,
    undoable: true
  };
  if (lock) row.owner = lock.owner;
  let batchId: number;
  let aliases: Map<string, string>;
  let keepLines = sopts.keepLines;
  try {
    // Customer ids merged away since an earlier import of the file: rows naming them go to the
    // golden record (read once here: a merge made while this import runs applies to the next).
    aliases = await resolveAliases(db);
    // An import committed while this one runs may still leave customers to redo: their chunks
    // are then read back (a cache miss, not a different result).
    keepLines ??= (await db.batches.where('status').equals('committed').count()) ? KEEP_LINES : 0;
    batchId = await db.batches.add(row);
  } catch (e) {
    lock?.release();
    throw e;
  }
  liveSessions.add(batchId);
  return new Session(db, batchId, opts, now, { ...sopts, keepLines }, lock, aliases);
}

class Session implements ImportSession {
  private state: 'open' | 'committed' | 'aborted' = 'open';
  private readonly builder: ChunkBuilder;
  /** Arrays of chunks written and not kept, for the next chunks (see ArrayPool). */
  private readonly pool = new ArrayPool();
  /** Product names of the whole batch, stored once at commit (see ChunkBuilder). */
  private readonly names = new Dict('');
  private readonly chunkIds: number[] = [];
  /**
   * Stats of this batch's customers over its own chunks, accumulated as each chunk is built
   * (while earlier ones are being written), tagged by chunk sequence number: at commit they are
   * the final stats of every customer the database did not know, with no chunk read back.
   */
  private readonly stats = new StatsAccumulator();
  private chunkSeq = 0;
  /** Chunk id of each sequence number, once written. */
  private readonly idOfSeq: number[] = [];
  private readonly held = new Map<number, OrderChunk>();
  private readonly keepLines: number;
  private readonly writer: ChunkWriter;
  private heldLines = 0;
  private readonly orderIds = new Set<string>();
  private readonly referenced = new Set<string>();
  private readonly customerBuf = new Map<string, NewCustomer>();
  private readonly productBuf = new Map<string, NewProduct>();
  private readonly interactionBuf = new Map<string, NewInteraction>();
  private readonly relationshipBuf = new Map<string, NewRelationship>();
  private lines = 0;
  private lastTouch: number;
  private lastYield = 0;
  /** Serialises calls so an abort never races a chunk write. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Chunk writes started and not yet awaited, oldest first; the first failure is kept. */
  private writes: Promise<void>[] = [];
  /** Chunk writes started and not yet finished. */
  private inFlight = 0;
  private writeError: { e: unknown } | null = null;
  /** Milliseconds per storage phase (ImportSession.timings, reported by the bench). */
  private readonly ms: Record<string, number> = {
    encode: 0,
    backpressure: 0,
    drain: 0,
    commit: 0,
    yield: 0
  };

  constructor(
    private readonly db: RapportDb,
    readonly batchId: number,
    private readonly opts: BeginImportOptions,
    private readonly now: () => number,
    sopts: SessionOptions,
    private readonly lock: OwnerLock | null = null,
    private readonly aliases: ReadonlyMap<string, string> = new Map()
  ) {
    this.builder = new ChunkBuilder(sopts.chunkSize, this.names, true, this.pool);
    this.keepLines = sopts.keepLines ?? KEEP_LINES;
    this.writer = sopts.writer ?? localChunkWriter(db);
    this.lastTouch = now();
  }

  private run<T>(f: () => Promise<T>): Promise<T> {
    const p = this.queue.then(() => {
      if (this.state !== 'open')
        throw new Error(`Import #${this.batchId} is already ${this.state}`);
      return f();
    });
    this.queue = p.catch(() => undefined);
    return p;
  }

  orders(rows: OrderLine[]): Promise<void> {
    return this.run(async () => {
      if (this.writeError) throw this.writeError.e;
      // Order ids reach the set through each chunk's dictionary (in flush): one insert per
      // distinct id per chunk instead of a hash insert per line. Customers known only from
      // order lines get no record (repos.ts shows them from their stats).
      const aliases = this.aliases;
      for (const o of rows) {
        const to = aliases.size ? aliases.get(o.customerId) : undefined;
        this.builder.push(to === undefined ? o : { ...o, customerId: to });
        this.lines++;
        if (this.builder.full) await this.flush();
      }
    });
  }

  /** The fast path (ImportSink.orderColumns): lines go into the chunk builder one call each. */
  orderColumns(): OrderColumns {
    const builder = this.builder;
    const aliases = this.aliases;
    const open = () => {
      if (this.state !== 'open') throw new Error(`Import #${this.batchId} is already ${this.state}`);
    };
    const added = () => {
      this.lines++;
      if (builder.full) this.startWrite();
    };
    return {
      line: (orderId, customerId, productId, name, quantity, unitPrice, ts, channel, cancelled, productKey) => {
        open();
        if (aliases.size) customerId = aliasOf(aliases, customerId);
        builder.add(orderId, customerId, productId, name, quantity, unitPrice, ts, channel, cancelled, productKey);
        added();
      },
      repeat: (productId, name, quantity, unitPrice, cancelled, productKey) => {
        open();
        builder.repeat(productId, name, quantity, unitPrice, cancelled, productKey);
        added();
      },
      settle: () => this.run(() => this.settleWrites())
    };
  } // prettier-ignore

  timings(): Record<string, number> {
    return { ...this.ms };
  }

  customers(rows: NewCustomer[]): Promise<void> {
    return this.run(async () => {
      for (const row of rows) {
        const id = aliasOf(this.aliases, row.id);
        const r = id === row.id ? row : { ...row, id };
        this.customerBuf.set(id, mergeRecord(this.customerBuf.get(id), r));
      }
      await this.touch();
    });
  }

  products(rows: NewProduct[]): Promise<void> {
    return this.run(async () => {
      for (const r of rows) this.productBuf.set(r.id, mergeRecord(this.productBuf.get(r.id), r));
      await this.touch();
    });
  }

  interactions(rows: NewInteraction[]): Promise<void> {
    return this.run(async () => {
      for (const row of rows) {
        const customerId = aliasOf(this.aliases, row.customerId);
        const r = customerId === row.customerId ? row : { ...row, customerId };
        this.interactionBuf.set(r.id, r);
        this.referenced.add(r.customerId);
      }
      await this.touch();
    });
  }

  relationships(rows: NewRelationship[]): Promise<void> {
    return this.run(async () => {
      for (const row of rows) {
        const [from, to] = [aliasOf(this.aliases, row.from), aliasOf(this.aliases, row.to)];
        const r = from === row.from && to === row.to ? row : { ...row, from, to };
        this.relationshipBuf.set(r.id, r);
        this.referenced.add(r.from);
        this.referenced.add(r.to);
      }
      await this.touch();
    });
  }

  commit(summary: ImportSummary): Promise<void> {
    return this.run(async () => {
      try {
        let t0 = performance.now();
        if (this.builder.length > 0) await this.flush();
        await this.drain();
        this.ms.drain += performance.now() - t0;
        t0 = performance.now();
        await this.db.transaction('rw', writeTables(this.db), (tx) =>
          this.commitTx(bound(tx), summary)
        );
        this.ms.commit += performance.now() - t0;
        this.state = 'committed';
        liveSessions.delete(this.batchId);
        this.lock?.release();
      } catch (e) {
        await this.discard();
        throw e;
      }
    });
  }

  abort(_reason: string): Promise<void> {
    return this.run(() => this.discard());
  }

  /** Remove everything staged (chunks and the pending batch row). */
  private async discard(): Promise<void> {
    this.state = 'aborted';
    liveSessions.delete(this.batchId);
    // Let writes in flight land first, so the delete below sees (and removes) their chunks.
    await Promise.allSettled(this.writes);
    this.writes = [];
    const { db, batchId } = this;
    try {
      await db.transaction('rw', db.orderChunks, db.chunkOrders, db.batches, async (tx) => {
        const t = bound(tx);
        await t.orderChunks.where('batchId').equals(batchId).delete();
        await t.chunkOrders.where('batchId').equals(batchId).delete();
        await t.batches.delete(batchId);
      });
    } finally {
      this.lock?.release();
    }
  }

  private async pendingBatch(t: Tables): Promise<BatchRow> {
    const b = await t.batches.get(this.batchId);
    if (!b || b.status !== 'pending') {
      throw new Error(`Import #${this.batchId} was cleaned up or finished elsewhere`);
    }
    return b;
  }

  /** Hand the built chunk to IndexedDB; waits only when MAX_WRITES writes are in flight. */
  private async flush(): Promise<void> {
    this.startWrite();
    await this.backpressure();
  }

  /** Take the built chunk and start writing it (not awaited: see backpressure). */
  private startWrite(): void {
    const t0 = performance.now();
    const chunk = this.builder.take(this.batchId);
    for (const id of chunk.orderDict) this.orderIds.add(id);
    this.ms.encode += performance.now() - t0;
    const seq = this.chunkSeq++;
    // Before the write: a writer on another thread takes the chunk's arrays until it is done.
    const t1 = performance.now();
    this.stats.add(chunk, seq);
    this.ms.stats = (this.ms.stats ?? 0) + performance.now() - t1;
    this.inFlight++;
    const w = this.write(chunk, seq)
      .catch((e: unknown) => {
        this.writeError ??= { e };
      })
      .then(() => void this.inFlight--);
    this.writes.push(w);
  }

  /**
   * The fast path's settle: lets the chunk writes in flight make progress, then backpressure.
   * A chunk write needs three turns of this worker's event loop (its requests, the order ids,
   * the commit), and parsing a decoded block yields none: without these yields 50 writes had
   * ~40 turns in a 1M-line import and parsing waited for them at the end (and at MAX_WRITES).
   */
  private async settleWrites(): Promise<void> {
    // A writer on another thread needs no turns of this one: its replies are read whenever the
    // import waits anyway (for the file's next block, or here at the write limit).
    const due = !this.writer.offThread && performance.now() - this.lastYield >= YIELD_MS;
    if (this.inFlight > 0 && due) {
      const t0 = performance.now();
      await nextTask();
      this.lastYield = performance.now();
      this.ms.yield += this.lastYield - t0;
    }
    await this.backpressure();
  }

  /** Wait while more than MAX_WRITES chunk writes are in flight; throws a failed one's error. */
  private async backpressure(): Promise<void> {
    const t0 = performance.now();
    while (this.writes.length > MAX_WRITES) await this.writes.shift();
    this.ms.backpressure += performance.now() - t0;
    if (this.writeError) throw this.writeError.e;
  }

  /** Wait for every chunk write; throws the first that failed. */
  private async drain(): Promise<void> {
    while (this.writes.length) await this.writes.shift();
    if (this.writeError) throw this.writeError.e;
  }

  private async write(chunk: OrderChunk, seq: number): Promise<void> {
    const now = this.now();
    const beat = now - this.lastTouch >= TOUCH_MS;
    if (beat) this.lastTouch = now;
    const record = storedChunk(chunk);
    const id = await this.writer.write({
      batchId: this.batchId,
      record,
      touchedAt: beat ? now : null
    });
    // The record shares the chunk's arrays; a writer on another thread handed back new views.
    if (record !== chunk) Object.assign(chunk, record);
    this.chunkIds.push(id);
    this.idOfSeq[seq] = id;
    if (this.heldLines + chunk.n <= this.keepLines) {
      chunk.id = id;
      this.held.set(id, chunk);
      this.heldLines += chunk.n;
    } else if (this.state === 'open') {
      // Stored, its stats added, not kept: nothing refers to its arrays any more.
      this.pool.recycle(chunk);
    }
  }

  private async touch(): Promise<void> {
    const t = this.now();
    if (t - this.lastTouch < TOUCH_MS) return;
    this.lastTouch = t;
    await this.db.batches.update(this.batchId, { touchedAt: t });
  }

  private async commitTx(db: Tables, summary: ImportSummary): Promise<void> {
    const { batchId } = this;
    const batch = await this.pendingBatch(db);
    const now = this.now();
    const undo: UndoLog = {
      batchId,
      customers: [],
      products: [],
      interactions: [],
      relationships: [],
      superseded: []
    };

    // Entities: upsert by id, remembering what each write replaced.
    const customers = await upsert(db.customers, this.customerBuf, undo.customers, (p, n) => ({
      ...mergeRecord<Customer>(p, n as Customer),
      batchId,
      updatedAt: now
    }));
    await upsert(db.products, this.productBuf, undo.products, (p, n) => ({
      ...mergeRecord<Product>(p, n as Product),
      batchId,
      updatedAt: now
    }));
    await upsert(db.interactions, this.interactionBuf, undo.interactions, (_p, n) => ({
      ...n,
      batchId
    }));
    await upsert(db.relationships, this.relationshipBuf, undo.relationships, (_p, n) => ({
      ...n,
      batchId
    }));

    let tm = performance.now();
    const lap = (k: string) => {
      const t = performance.now();
      this.ms['commit_' + k] = t - tm;
      tm = t;
    };

    // Order ids in this batch supersede the alive lines of the same orders in older batches.
    const known = new Map<number, OrderChunk>();
    const affected = new Set<string>();
    const lostByBatch = new Map<number, number>();
    if (this.orderIds.size > 0) {
      const committed = await db.batches.where('status').equals('committed').toArray();
      const olds = await chunksWithOrders(db, this.orderIds, committed);
      const ok = new Set(committed.map((b) => b.id));
      for (const c of olds) {
        if (c.batchId === batchId || !ok.has(c.batchId)) continue;
        const rows: number[] = [];
        const hit = c.orderDict.map((o) => this.orderIds.has(o));
        for (let r = 0; r < c.n; r++) {
          if (c.alive[r] === 1 && hit[c.orderIdx[r]]) {
            c.alive[r] = 0;
            rows.push(r);
          }
        }
        if (rows.length === 0) continue;
        customersOf(c, affected, rows);
        undo.superseded.push({ chunkId: c.id!, rows: Uint32Array.from(rows) });
        lostByBatch.set(c.batchId, (lostByBatch.get(c.batchId) ?? 0) + rows.length);
        known.set(c.id!, c);
      }
      await db.orderChunks.bulkPut([...known.values()].map(storedChunk));
      for (const [id, lost] of lostByBatch) {
        const b = await db.batches.get(id);
        if (b) await db.batches.update(id, { linesAlive: b.linesAlive - lost });
      }
    }

    lap('supersede');
    // Stats of every customer whose alive lines changed: this batch's (from the accumulated
    // stats, no chunk read back) and those whose older lines it superseded.
    for (const id of this.stats.customers()) affected.add(id);
    for (const [id, c] of this.held) known.set(id, c);
    lap('affected');
    const idOf = (seq: number) => this.idOfSeq[seq];
    await refreshStats(db, affected, known, {
      fresh: this.stats.result(idOf),
      chunksOf: (id) => this.stats.tagsOf(id).map(idOf)
    });
    lap('stats');

    // Stubs for customers that interactions or links name but nothing else knows.
    const wanted = [...this.referenced].filter((id) => id !== '' && !customers.has(id));
    if (wanted.length > 0) {
      const [found, stats] = await Promise.all([
        getMany(db.customers, wanted, (c) => c.id),
        StatsEdit.load(db, wanted)
      ]);
      const stubs: Customer[] = [];
      wanted.forEach((id, i) => {
        if (found[i] || stats.get(id)) return;
        stubs.push({ id, channel: this.opts.channel, attributes: {}, batchId, updatedAt: now });
        undo.customers.push({ id, prev: null });
      });
      await db.customers.bulkAdd(stubs);
    }
    lap('stubs');

    if (this.names.values.length > 1)
      await db.productNames.put({ batchId, names: this.names.values });
    await db.undoLogs.put(undo);
    const { owner: _owner, ...settled } = batch;
    await db.batches.put({
      ...settled,
      commitSeq: await nextCommitSeq(db),
      status: 'committed',
      touchedAt: now,
      finishedAt: now,
      rowsRead: summary.rowsRead,
      rowsStored: summary.rowsStored,
      rowsRejected: summary.rowsRejected,
      errorsSample: summary.errorsSample,
      linesAlive: this.lines,
      orderKeys: this.orderIds.size
    });
    const src = await db.sources.get([batch.source, batch.kind]);
    await db.sources.put({
      source: batch.source,
      kind: batch.kind,
      channel: batch.channel,
      mapping: batch.mapping,
      updatedAt: now,
      uses: (src?.uses ?? 0) + 1
    });
  }
}

/** Where a batch stands in commit order (batches committed before commitSeq existed: their id). */
export const commitSeqOf = (b: BatchRow): number => b.commitSeq ?? b.id!;

/** The next commit sequence number: one past every committed or undone batch's. */
async function nextCommitSeq(db: Tables): Promise<number> {
  let max = 0;
  await db.batches.each((b) => {
    if (b.status !== 'pending') max = Math.max(max, commitSeqOf(b));
  });
  return max + 1;
}

/** Chunks of committed batches (other than this one) holding any of `orderIds`. */
async function chunksWithOrders(
  db: Tables,
  orderIds: Set<string>,
  committed: BatchRow[]
): Promise<OrderChunk[]> {
  if (committed.reduce((n, b) => n + (b.orderKeys ?? 0), 0) === 0) return [];
  const ok = committed.map((b) => b.id!);
  const lists = await db.chunkOrders.where('batchId').anyOf(ok).toArray();
  const ids = lists.filter((l) => l.orders.some((o) => orderIds.has(o))).map((l) => l.id);
  ids.sort((a, b) => a - b);
  return (await db.orderChunks.bulkGet(ids))
    .map(expandChunk)
    .filter((c): c is OrderChunk => c !== undefined);
}

/** Write `rows` over the table, logging the previous version of each id; returns the ids. */
async function upsert<N extends { id: string }, T extends { id: string }>(
  table: Table<T, string>,
  rows: Map<string, N>,
  log: UndoEntry<T>[],
  make: (prev: T | undefined, next: N) => T
): Promise<Set<string>> {
  const ids = [...rows.keys()];
  if (ids.length === 0) return new Set();
  const prev = await getMany(table, ids, (r) => r.id);
  const out = ids.map((id, i) => {
    log.push({ id, prev: prev[i] ?? null });
    return make(prev[i], rows.get(id)!);
  });
  await table.bulkPut(out);
  return new Set(ids);
}

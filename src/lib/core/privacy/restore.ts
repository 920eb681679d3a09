// Streaming restore: the backup file is read a chunk at a time, each frame decrypted and verified,
// each record decoded and written in bounded batches, so a 1M-line database restores without its
// rows in memory. Still all or nothing: every write happens inside ONE read-write transaction over
// all tables. An IndexedDB transaction commits as soon as it has no pending request at the end of
// a task, so awaiting WebCrypto or a Blob reader inside it would commit it half-way; the
// transaction's waitFor keeps it alive by issuing tiny reads on it while the next batch is being
// read, decrypted and decoded (https://dexie.org/docs/Dexie/Dexie.waitFor(); writeInOneTransaction
// is the one reader restore and merge share). A wrong passphrase, a newer format or
// an incompatible schema are refused before the transaction opens; a tampered, truncated or
// damaged frame anywhere later throws inside it, which aborts it: IndexedDB rolls every write
// back and the database is exactly as before. (Staging tables would need a schema change and
// twice the disk; decrypting to a plaintext copy first would need that copy somewhere.)
import Dexie, { type Table, type Transaction } from 'dexie';
import { aliveLines, checkCompatible, type BackupSummary, type TableDiff } from './backup';
import { encode } from './codec';
import { open, type EnvelopeHeader } from './envelope';
import {
  keyOf,
  payloadEvents,
  type PayloadEvent,
  type PayloadMeta,
  type TableMeta
} from './payload';

export interface BatchLimits {
  /** Flush a batch once its records' encoded bytes reach this (default 4 MiB). */
  batchBytes?: number;
  /** ... or once it has this many records (default 5,000). */
  batchRows?: number;
}

/** Instrumentation: decoded records held and not yet written (tests assert it stays bounded). */
export interface HeldCounter {
  /** Decoded records not yet written, per table. */
  held: Record<string, number>;
  /** The most ever held at once, per table. */
  maxHeld: Record<string, number>;
}

export function heldCounter(): HeldCounter {
  return { held: {}, maxHeld: {} };
}

export interface Batch {
  table: TableMeta;
  rows: unknown[];
  bytes: Uint8Array[];
  /** The table's last batch: its row count (checked by the reader). */
  count?: number;
}

/**
 * Records of a payload in batches of at most `batchRows` records / about `batchBytes` bytes, one
 * table at a time; the generator does not read on until the caller asks for the next batch.
 */
async function* rowBatches(
  events: AsyncGenerator<PayloadEvent, void>,
  limits: BatchLimits,
  counter?: HeldCounter
): AsyncGenerator<Batch, void> {
  const maxBytes = limits.batchBytes ?? 4 << 20;
  const maxRows = limits.batchRows ?? 5_000;
  let cur: Batch | null = null;
  let size = 0;
  for await (const e of events) {
    if (e.kind === 'meta') continue;
    cur ??= { table: e.table, rows: [], bytes: [] };
    if (e.kind === 'row') {
      cur.rows.push(e.value);
      cur.bytes.push(e.bytes);
      size += e.bytes.length;
      if (counter) {
        const n = (counter.held[e.table.name] ?? 0) + 1;
        counter.held[e.table.name] = n;
        counter.maxHeld[e.table.name] = Math.max(counter.maxHeld[e.table.name] ?? 0, n);
      }
      if (cur.rows.length >= maxRows || size >= maxBytes) {
        yield cur;
        cur = null;
        size = 0;
      }
    } else {
      cur.count = e.count;
      yield cur;
      cur = null;
      size = 0;
    }
  }
}

export function released(counter: HeldCounter | undefined, b: Batch): void {
  if (counter) counter.held[b.table.name] -= b.rows.length;
}

export interface StreamOptions extends BatchLimits {
  passphrase?: string;
  counter?: HeldCounter;
  /** Records written (or compared) so far. */
  onProgress?: (records: number) => void;
}

export interface Opened {
  meta: PayloadMeta;
  batches: AsyncGenerator<Batch, void>;
  header: () => EnvelopeHeader | null;
  summary: BackupSummary;
  /** Count a batch into the summary. */
  tally: (b: Batch) => void;
}

/** Open a backup up to its table list (header, passphrase and compatibility checked). */
export async function openStream(
  db: Dexie,
  file: AsyncIterable<Uint8Array>,
  opts: StreamOptions
): Promise<Opened> {
  let header: EnvelopeHeader | null = null;
  const events = payloadEvents(open(file, { passphrase: opts.passphrase, onHeader: (h) => (header = h) })); // prettier-ignore
  const first = await events.next();
  if (first.done || first.value.kind !== 'meta') throw new Error('unreachable: payload without meta'); // prettier-ignore
  const meta = first.value.meta;
  checkCompatible(db, meta);
  const h = header as EnvelopeHeader | null;
  const summary: BackupSummary = {
    encrypted: !!h?.encryption,
    createdAt: h?.createdAt ?? 0,
    format: h?.format ?? 0,
    schemaVersion: meta.schemaVersion,
    tables: {},
    orderLines: 0
  };
  return {
    meta,
    batches: rowBatches(events, opts, opts.counter),
    header: () => header,
    summary,
    tally(b) {
      if (b.count !== undefined) summary.tables[b.table.name] = b.count;
      if (b.table.name === 'orderChunks') for (const r of b.rows) summary.orderLines += aliveLines(r); // prettier-ignore
    }
  };
}

/** How long one batch may take to read and decrypt while the transaction is kept alive. */
export const BATCH_WAIT_MS = 10 * 60_000;

async function put(table: Table, tm: TableMeta, rows: unknown[]): Promise<void> {
  if (rows.length === 0) return;
  if (tm.outbound) {
    const pairs = rows as [unknown, unknown][];
    await table.bulkAdd(
      pairs.map((p) => p[1]),
      pairs.map((p) => p[0]) as never
    );
  } else await table.bulkAdd(rows);
}

/** Dexie's Transaction.waitFor (public in dexie.d.ts on the internal Transaction type only). */
type Waiter = { waitFor<T>(p: PromiseLike<T>): Promise<T> };

/** What one pass over an opened file does inside its transaction. */
export interface BatchWriter {
  /** Before the first batch. */
  start?(tx: Transaction): Promise<void>;
  batch(tx: Transaction, b: Batch): Promise<void>;
  /** After the last batch, still inside the transaction. */
  finish?(tx: Transaction): Promise<void>;
}

/**
 * The one streaming reader of restore and merge: every batch of an opened file handed to
 * `writer` inside ONE read-write transaction over all tables. The transaction itself is kept
 * alive while the next batch is read and decrypted outside it (tx.waitFor, not Dexie.waitFor: a
 * writer's nested native async calls can leave Dexie's zone, and Dexie.waitFor finds the
 * transaction there). Any throw aborts the transaction: every write is rolled back.
 */
export async function writeInOneTransaction(
  db: Dexie,
  o: Opened,
  opts: StreamOptions,
  writer: BatchWriter
): Promise<void> {
  let done = 0;
  try {
    await db.transaction('rw', db.tables, async (tx) => {
      await writer.start?.(tx);
      for (;;) {
        const next = Dexie.ignoreTransaction(() => o.batches.next());
        const r = await (tx as unknown as Waiter).waitFor(Dexie.Promise.resolve(next).timeout(BATCH_WAIT_MS)); // prettier-ignore
        if (r.done) break;
        const b = r.value;
        await writer.batch(tx, b);
        released(opts.counter, b);
        o.tally(b);
        done += b.rows.length;
        opts.onProgress?.(done);
      }
      await writer.finish?.(tx);
    });
  } finally {
    await o.batches.return(undefined).catch(() => {});
  }
}

/**
 * Replace everything in `db` with a backup file's records, streamed, in one transaction. Returns
 * the backup's counts. On any refusal (BackupError) the database is unchanged.
 */
export async function restoreStream(
  db: Dexie,
  file: AsyncIterable<Uint8Array>,
  opts: StreamOptions = {}
): Promise<BackupSummary> {
  const o = await openStream(db, file, opts);
  await writeInOneTransaction(db, o, opts, {
    async start(tx) {
      for (const t of db.tables) await tx.table(t.name).clear();
    },
    batch: (tx, b) => put(tx.table(b.table.name), b.table, b.rows)
  });
  return o.summary;
}

/**
 * What a restore of this file would change, table by table (see TableDiff), read as a stream:
 * each batch of backup records is compared with the database's records of the same keys
 * (canonical bytes) and dropped. Verifies the whole file on the way.
 */
export async function previewStream(
  db: Dexie,
  file: AsyncIterable<Uint8Array>,
  opts: StreamOptions = {}
): Promise<{ summary: BackupSummary; meta: PayloadMeta; diff: TableDiff[] }> {
  const o = await openStream(db, file, opts);
  const diffs = new Map<string, TableDiff>();
  for (const t of db.tables)
    diffs.set(t.name, { table: t.name, inBackup: 0, current: await t.count(), added: 0, changed: 0, same: 0, removed: 0 }); // prettier-ignore
  let seen = 0;
  for await (const b of o.batches) {
    const t = db.table(b.table.name);
    const d = diffs.get(b.table.name)!;
    d.inBackup += b.rows.length;
    if (b.rows.length) {
      const keys = b.rows.map((v) => keyOf(t, v, b.table));
      const have = await t.bulkGet(keys as never[]);
      b.rows.forEach((v, j) => {
        const h = have[j];
        if (h === undefined) d.added++;
        else {
          const a = b.table.outbound ? encode((v as unknown[])[1]) : b.bytes[j];
          const c = encode(h);
          if (a.length === c.length && a.every((x, k) => x === c[k])) d.same++;
          else d.changed++;
        }
      });
    }
    released(opts.counter, b);
    o.tally(b);
    seen += b.rows.length;
    opts.onProgress?.(seen);
  }
  const diff = [...diffs.values()].sort((a, b) => (a.table < b.table ? -1 : 1));
  for (const d of diff) d.removed = d.current - d.changed - d.same;
  return { summary: o.summary, meta: o.meta, diff };
}

// Backup and restore of the whole database: createBackup streams it into a (possibly encrypted)
// file, readBackup verifies a file completely before anything is written, restoreBackup replaces
// the database in one transaction. See envelope.ts (the file) and payload.ts (its content).
import type Dexie from 'dexie';
import { encode } from './codec';
import { open, seal, type EnvelopeHeader, type SealOptions } from './envelope';
import { BackupError } from './errors';
import { keyOf, readPayload, writePayload, type PayloadMeta, type TableMeta } from './payload';
import { aliasesOfMerges } from '../db/aliases';
import type { MergeRow } from '../db/merges';

export interface BackupOptions extends SealOptions {
  signal?: AbortSignal;
}

/** The backup file of `db`, streamed: encrypted with AES-GCM when a passphrase is given. */
export function createBackup(db: Dexie, opts: BackupOptions = {}): AsyncGenerator<Uint8Array> {
  return seal(writePayload(db, { signal: opts.signal }), opts);
}

export interface WriteOptions extends BackupOptions {
  /** Called after each piece (header or frame) is handed to the sink. */
  onFrame?: (bytes: number, total: number) => void;
}

/**
 * Stream the backup of `db` into a sink (a file the user chose, through the File System Access
 * API; the page hands the worker a WritableStream): one frame at a time, each write awaited, so
 * memory holds about one frame whatever the database's size. On failure the sink is aborted (a
 * FileSystemWritableFileStream then discards what was written) and the error rethrown.
 * Returns the bytes written.
 */
export async function writeBackupTo(
  db: Dexie,
  sink: WritableStream<Uint8Array>,
  opts: WriteOptions = {}
): Promise<number> {
  const writer = sink.getWriter();
  let total = 0;
  try {
    for await (const frame of createBackup(db, opts)) {
      opts.signal?.throwIfAborted();
      await writer.ready;
      await writer.write(frame);
      total += frame.length;
      opts.onFrame?.(frame.length, total);
    }
    opts.signal?.throwIfAborted();
    await writer.close();
    return total;
  } catch (e) {
    await writer.abort(e).catch(() => {});
    throw e;
  }
}

/**
 * A backup gathered into a Blob a frame at a time: each step makes a Blob of the previous one and
 * the new frame, so a browser can move the bytes out of the JavaScript heap as it goes.
 */
export async function backupBlob(
  db: Dexie,
  opts: WriteOptions = {}
): Promise<{ blob: Blob; bytes: number }> {
  const type = 'application/octet-stream';
  let blob = new Blob([], { type });
  let bytes = 0;
  for await (const p of createBackup(db, opts)) {
    opts.signal?.throwIfAborted();
    blob = new Blob([blob, p as Uint8Array<ArrayBuffer>], { type });
    bytes += p.length;
    opts.onFrame?.(p.length, bytes);
  }
  opts.signal?.throwIfAborted();
  return { blob, bytes };
}

export interface BackupSummary {
  encrypted: boolean;
  createdAt: number;
  format: number;
  schemaVersion: number;
  /** Rows per table, as stored in the backup. */
  tables: Record<string, number>;
  /** Alive order lines (in the backup's order chunks). */
  orderLines: number;
}

export interface ReadOptions {
  passphrase?: string;
  /** Keep the decoded rows (for a restore); a verify reads the file without keeping them. */
  keepRows?: boolean;
  /** Called with each row's table, value and encoded bytes (previews). */
  onRow?: (table: TableMeta, value: unknown, bytes: Uint8Array) => void;
}

export interface BackupContents {
  summary: BackupSummary;
  meta: PayloadMeta;
  /** Rows by table (only with keepRows). */
  rows: Map<string, unknown[]>;
}

/** Order lines still alive in an order chunk row (its `alive` flags summed). */
export function aliveLines(row: unknown): number {
  const alive = (row as { alive?: unknown })?.alive;
  if (!(alive instanceof Uint8Array)) return 0;
  let s = 0;
  for (let i = 0; i < alive.length; i++) s += alive[i];
  return s;
}

/**
 * Read and verify a whole backup file (every frame authenticated or checksummed, every record
 * decoded, every table's count checked). Throws a BackupError on any problem.
 */
export async function readBackup(
  file: AsyncIterable<Uint8Array>,
  opts: ReadOptions = {}
): Promise<BackupContents> {
  let header: EnvelopeHeader | null = null;
  const rows = new Map<string, unknown[]>();
  const tables: Record<string, number> = {};
  let orderLines = 0;
  const meta = await readPayload(
    open(file, { passphrase: opts.passphrase, onHeader: (h) => (header = h) }),
    {
      row(t, value, bytes) {
        if (opts.keepRows) {
          let list = rows.get(t.name);
          if (!list) rows.set(t.name, (list = []));
          list.push(value);
        }
        if (t.name === 'orderChunks') orderLines += aliveLines(value);
        opts.onRow?.(t, value, bytes);
      },
      tableEnd(t, count) {
        tables[t.name] = count;
      }
    }
  );
  const h = header as EnvelopeHeader | null;
  return {
    meta,
    rows,
    summary: {
      encrypted: !!h?.encryption,
      createdAt: h?.createdAt ?? 0,
      format: h?.format ?? 0,
      schemaVersion: meta.schemaVersion,
      tables,
      orderLines
    }
  };
}

/** Refuse a backup the current database cannot hold (newer schema, unknown tables). */
export function checkCompatible(db: Dexie, meta: PayloadMeta): void {
  if (meta.schemaVersion > db.verno)
    throw new BackupError(
      'newer-schema',
      `This backup comes from a newer Rapport (database version ${meta.schemaVersion}; this one has ${db.verno}). Update Rapport first. Nothing was changed.`,
      { version: meta.schemaVersion, current: db.verno }
    );
  const have = new Set(db.tables.map((t) => t.name));
  for (const t of meta.tables)
    if (!have.has(t.name))
      throw new BackupError(
        'unknown-table',
        `This backup holds a table ("${t.name}") this version of Rapport does not know. Nothing was changed.`,
        { table: t.name }
      );
}

const PUT_PAGE = 5_000;

/**
 * Replace everything in `db` with the backup's rows, in one transaction: it either all happens or
 * nothing does. Tables the backup does not have (an older backup) end up empty.
 */
export async function restoreBackup(db: Dexie, contents: BackupContents): Promise<void> {
  checkCompatible(db, contents.meta);
  const byName = new Map(contents.meta.tables.map((t) => [t.name, t]));
  await db.transaction('rw', db.tables, async (tx) => {
    for (const t of db.tables) await tx.table(t.name).clear();
    for (const [name, list] of contents.rows) {
      const table = tx.table(name);
      const outbound = byName.get(name)?.outbound;
      for (let i = 0; i < list.length; i += PUT_PAGE) {
        const part = list.slice(i, i + PUT_PAGE);
        if (outbound) {
          const pairs = part as [unknown, unknown][];
          await table.bulkAdd(
            pairs.map((p) => p[1]),
            pairs.map((p) => p[0]) as never
          );
        } else await table.bulkAdd(part);
      }
    }
    // A backup from before schema v6 has merges but no aliases: derive them as the migration does.
    if (
      !byName.has('aliases') &&
      byName.has('merges') &&
      db.tables.some((t) => t.name === 'aliases')
    ) {
      const merges = (await tx.table('merges').toArray()) as MergeRow[];
      await tx.table('aliases').bulkPut(aliasesOfMerges(merges));
    }
  });
}

export interface TableDiff {
  table: string;
  /** Rows in the backup. */
  inBackup: number;
  /** Rows now in the database. */
  current: number;
  /** Backup rows whose key the database does not have. */
  added: number;
  /** Backup rows whose key the database has with different content. */
  changed: number;
  /** Backup rows identical to the database's. */
  same: number;
  /** Database rows the backup does not have (a restore removes them). */
  removed: number;
}

/**
 * What a restore would change, table by table, comparing each backup row with the row of the same
 * key in the database (canonical bytes). Reads the backup with keepRows so the restore can follow.
 */
export async function previewRestore(
  db: Dexie,
  file: AsyncIterable<Uint8Array>,
  passphrase?: string
): Promise<{ contents: BackupContents; diff: TableDiff[] }> {
  const contents = await readBackup(file, { passphrase, keepRows: true });
  checkCompatible(db, contents.meta);
  const diff: TableDiff[] = [];
  for (const t of [...db.tables].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const tm = contents.meta.tables.find((m) => m.name === t.name);
    const list = contents.rows.get(t.name) ?? [];
    const current = await t.count();
    const d: TableDiff = { table: t.name, inBackup: list.length, current, added: 0, changed: 0, same: 0, removed: 0 }; // prettier-ignore
    if (tm && list.length > 0) {
      for (let i = 0; i < list.length; i += 2000) {
        const part = list.slice(i, i + 2000);
        const keys = part.map((v) => keyOf(t, v, tm));
        const have = await t.bulkGet(keys as never[]);
        part.forEach((v, j) => {
          const h = have[j];
          if (h === undefined) d.added++;
          else {
            const a = encode(tm.outbound ? (v as unknown[])[1] : v);
            const b = encode(h);
            if (a.length === b.length && a.every((x, k) => x === b[k])) d.same++;
            else d.changed++;
          }
        });
      }
    }
    d.removed = current - d.changed - d.same;
    diff.push(d);
  }
  return { contents, diff };
}

/** A byte array as a one-chunk stream. */
export async function* bytesOf(b: Uint8Array): AsyncGenerator<Uint8Array> {
  yield b;
}

/** Collect a stream into one array (tests, small files). */
export async function collect(src: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const p of src) {
    parts.push(p);
    n += p.length;
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

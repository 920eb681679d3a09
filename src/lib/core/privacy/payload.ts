// The backup's content ("payload", the bytes inside the envelope): every table of the database,
// found from the schema (a table another part of the app adds later is included without a change
// here), rows in primary-key order, each row in the canonical encoding of codec.ts. The same
// database always gives the same bytes: export -> wipe -> restore -> export is byte-identical.
//
// Layout: "RAPPORTD"  u32 metaLength  meta JSON
//         per table of meta.tables, in order: ('R' u32 length record)*  'E' u32 rowCount
//         'Z'
// Rows are read a page at a time (about PAGE_BYTES of encoded rows), so memory stays bounded
// whatever the database's size.
import Dexie, { type IndexableType, type Table } from 'dexie';
import { ByteWriter, CodecError, decode, encodeValue } from './codec';
import { StreamReader } from './envelope';
import { BackupError } from './errors';

export const PAYLOAD_MAGIC = 'RAPPORTD';
export const PAYLOAD_FORMAT = 1;
const PAGE_BYTES = 4 << 20;
const FLUSH_BYTES = 1 << 20;
const ROW = 0x52; // 'R'
const END_TABLE = 0x45; // 'E'
const END = 0x5a; // 'Z'

export interface TableMeta {
  name: string;
  /** Dexie's schema string of the table (primary key first). */
  schema: string;
  /** Outbound primary key: each record is stored as [key, value]. */
  outbound?: true;
}

export interface PayloadMeta {
  format: number;
  app: 'rapport';
  /** The database's schema version (Dexie `verno`) when the backup was made. */
  schemaVersion: number;
  tables: TableMeta[];
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** Each current table's schema string, as Dexie writes it in `stores()`. */
export function tableSchema(t: Table): string {
  return [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ');
}

export function payloadMeta(db: Dexie): PayloadMeta {
  return {
    format: PAYLOAD_FORMAT,
    app: 'rapport',
    schemaVersion: db.verno,
    tables: [...db.tables].sort(byName).map((t) => {
      const m: TableMeta = { name: t.name, schema: tableSchema(t) };
      if (t.schema.primKey.keyPath == null) m.outbound = true;
      return m;
    })
  };
}

export interface PayloadOptions {
  signal?: AbortSignal;
  /** Tables to leave out (none by default). */
  skip?: string[];
}

/** One page of rows after `after` (in key order), with their keys. */
async function page(
  t: Table,
  after: unknown,
  limit: number
): Promise<{ keys: unknown[]; rows: unknown[] }> {
  const coll =
    after === undefined ? t.orderBy(':id') : t.where(':id').above(after as IndexableType);
  const keys = await coll.limit(limit).primaryKeys();
  if (keys.length === 0) return { keys, rows: [] };
  const rows = (await t.bulkGet(keys as never[])) as unknown[];
  return { keys, rows };
}

/** The database's payload bytes, streamed (chunks of about 1 MiB). */
export async function* writePayload(
  db: Dexie,
  opts: PayloadOptions = {}
): AsyncGenerator<Uint8Array> {
  const meta = payloadMeta(db);
  if (opts.skip) meta.tables = meta.tables.filter((t) => !opts.skip!.includes(t.name));
  const w = new ByteWriter(FLUSH_BYTES * 2);
  w.bytes(new TextEncoder().encode(PAYLOAD_MAGIC));
  w.string(JSON.stringify(meta));
  for (const tm of meta.tables) {
    const t = db.table(tm.name);
    let after: unknown = undefined;
    let count = 0;
    let limit = 64;
    for (;;) {
      opts.signal?.throwIfAborted();
      const { keys, rows } = await page(t, after, limit);
      if (keys.length === 0) break;
      let bytes = 0;
      for (let i = 0; i < rows.length; i++) {
        // A row deleted between reading keys and values is skipped (backups run in the write queue,
        // so this does not happen in the app).
        if (rows[i] === undefined) continue;
        w.u8(ROW);
        const at = w.length;
        w.u32(0);
        const value = tm.outbound ? [keys[i], rows[i]] : rows[i];
        try {
          encodeValue(w, value, `${tm.name}[${String(keys[i])}]`);
        } catch (e) {
          if (e instanceof CodecError) throw new BackupError('bad-record', e.message);
          throw e;
        }
        const n = w.length - at - 4;
        w.view.setUint32(at, n, true);
        bytes += n;
        count++;
        if (w.length >= FLUSH_BYTES) yield w.take();
      }
      after = keys[keys.length - 1];
      // Pages of about PAGE_BYTES: big records (order chunks, weights) a few at a time.
      const per = Math.max(1, bytes / keys.length);
      limit = Math.max(1, Math.min(5000, Math.floor(PAGE_BYTES / per)));
    }
    w.u8(END_TABLE);
    w.u32(count);
  }
  w.u8(END);
  yield w.take();
}

export interface PayloadVisitor {
  meta?(m: PayloadMeta): void;
  /** A row of `table` (decoded), with its encoded bytes. */
  row?(table: TableMeta, value: unknown, bytes: Uint8Array): void;
  tableEnd?(table: TableMeta, count: number): void;
}

function damaged(what: string): BackupError {
  return new BackupError('damaged', `The backup's content is damaged (${what}). Nothing was changed.`, { what }); // prettier-ignore
}

/** One step of reading a payload: its table list, a record, or the end of a table. */
export type PayloadEvent =
  | { kind: 'meta'; meta: PayloadMeta }
  | { kind: 'row'; table: TableMeta; value: unknown; bytes: Uint8Array }
  | { kind: 'end'; table: TableMeta; count: number };

/**
 * A payload (verified frames from envelope.open) as a pull stream of events: the table list first,
 * then each record as it is decoded. Nothing is kept: the caller decides what to hold, so a
 * restore can write records as they arrive. Throws a BackupError when the content is damaged.
 */
export async function* payloadEvents(
  frames: AsyncIterable<Uint8Array>
): AsyncGenerator<PayloadEvent, void> {
  const r = new StreamReader(frames);
  const magic = new TextDecoder().decode(await r.read(8));
  if (magic !== PAYLOAD_MAGIC) throw damaged('no content header');
  const lenBytes = await r.read(4);
  if (lenBytes.length < 4) throw damaged('content header cut short');
  const len = new DataView(lenBytes.buffer).getUint32(0, true);
  if (len > 16 << 20) throw damaged('content header too long');
  let meta: PayloadMeta;
  try {
    meta = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await r.read(len)));
  } catch {
    throw damaged('content header');
  }
  if (meta.format > PAYLOAD_FORMAT)
    throw new BackupError('newer-format', `This backup's content was written by a newer Rapport (content format ${meta.format}). Nothing was changed.`, { format: meta.format, supported: PAYLOAD_FORMAT }); // prettier-ignore
  if (!Array.isArray(meta.tables)) throw damaged('table list');
  yield { kind: 'meta', meta };
  for (const tm of meta.tables) {
    let count = 0;
    for (;;) {
      const tag = (await r.read(1))[0];
      if (tag === ROW) {
        const nb = await r.read(4);
        if (nb.length < 4) throw damaged(`${tm.name}: record cut short`);
        const n = new DataView(nb.buffer).getUint32(0, true);
        const bytes = await r.read(n);
        if (bytes.length < n) throw damaged(`${tm.name}: record cut short`);
        let value: unknown;
        try {
          value = decode(bytes);
        } catch (e) {
          throw damaged(`${tm.name} row ${count + 1}: ${(e as Error).message}`);
        }
        count++;
        yield { kind: 'row', table: tm, value, bytes };
      } else if (tag === END_TABLE) {
        const nb = await r.read(4);
        if (nb.length < 4 || new DataView(nb.buffer).getUint32(0, true) !== count)
          throw damaged(`${tm.name}: row count`);
        yield { kind: 'end', table: tm, count };
        break;
      } else throw damaged(`${tm.name}: unexpected byte`);
    }
  }
  if ((await r.read(1))[0] !== END || !(await r.atEnd())) throw damaged('end marker');
}

/** Read a payload (verified frames from envelope.open), calling the visitor for each part. */
export async function readPayload(
  frames: AsyncIterable<Uint8Array>,
  visit: PayloadVisitor
): Promise<PayloadMeta> {
  let meta: PayloadMeta | null = null;
  for await (const e of payloadEvents(frames)) {
    if (e.kind === 'meta') {
      meta = e.meta;
      visit.meta?.(e.meta);
    } else if (e.kind === 'row') visit.row?.(e.table, e.value, e.bytes);
    else visit.tableEnd?.(e.table, e.count);
  }
  return meta!;
}

/** Dexie's key of a record (for previews that compare with the current database). */
export function keyOf(t: Table, value: unknown, meta: TableMeta): unknown {
  if (meta.outbound) return (value as unknown[])[0];
  const kp = t.schema.primKey.keyPath!;
  return Array.isArray(kp)
    ? kp.map((p) => Dexie.getByKeyPath(value as object, p))
    : Dexie.getByKeyPath(value as object, kp);
}

// Erase one customer (GDPR Art. 17 / PIPL Art. 47): every record about them, in every table, in
// one transaction. Order lines are removed from their columnar chunks (the chunk is rebuilt and
// the undo logs' row numbers into it renumbered); undo logs forget the records they would put
// back; scores go; saved models and reports have the customer's strings blanked and are flagged so
// the pages ask for a retrain without them. Tables this file does not know (added by later
// features) lose every row that mentions the customer's id. The erasure log records when and how
// many rows, never who.
import type { Table, Transaction } from 'dexie';
import { ChunkBuilder, expandChunk, lineAt, storedChunk } from '../db/chunks';
import type { RapportDb } from '../db/schema';
import { shardOf } from '../db/statsStore';
import type {
  BatchRow,
  ChunkOrders,
  ModelScoreRow,
  ModelVersionRow,
  OrderChunk,
  StatsShard,
  UndoLog
} from '../db/rows';
import type { Customer, Interaction, Relationship } from '../types';

export const ERASURE_LOG_KEY = 'privacy.erasures';

export interface ErasureEntry {
  at: number;
  /** Rows removed or rewritten, per table (and `orderLines`). No id, name or contact. */
  rows: Record<string, number>;
  modelsFlagged: number;
}

export interface ErasureResult extends ErasureEntry {
  /** Whether anything of the customer was found. */
  found: boolean;
}

/** The strings that identify a customer: id, name, e-mail, phone (the ones they have). */
export function identifiers(id: string, c?: Partial<Customer>): string[] {
  return [id, c?.name, c?.email, c?.phone].filter(
    (s): s is string => typeof s === 'string' && s.trim().length > 0
  );
}

/** Whether any string inside `v` (values, keys, nested) equals one of `needles`. */
export function mentions(v: unknown, needles: Set<string>): boolean {
  if (typeof v === 'string') return needles.has(v);
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof ArrayBuffer)
    return false;
  if (v instanceof Map) {
    for (const [k, x] of v) if (mentions(k, needles) || mentions(x, needles)) return true;
    return false;
  }
  if (v instanceof Set || Array.isArray(v)) {
    for (const x of v) if (mentions(x, needles)) return true;
    return false;
  }
  for (const [k, x] of Object.entries(v)) if (needles.has(k) || mentions(x, needles)) return true;
  return false;
}

/**
 * `v` with every string equal to a needle replaced by '' and every object key equal to one
 * dropped (arrays keep their length, so parallel arrays stay aligned). Returns how many were hit.
 */
export function scrub(v: unknown, needles: Set<string>): { value: unknown; hits: number } {
  let hits = 0;
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') {
      if (!needles.has(x)) return x;
      hits++;
      return '';
    }
    if (x === null || typeof x !== 'object' || ArrayBuffer.isView(x) || x instanceof ArrayBuffer)
      return x;
    if (Array.isArray(x)) return x.map(walk);
    if (x instanceof Map) {
      const out = new Map();
      for (const [k, y] of x) {
        if (typeof k === 'string' && needles.has(k)) hits++;
        else out.set(k, walk(y));
      }
      return out;
    }
    if (x instanceof Set) return new Set([...x].map(walk));
    if (x instanceof Date) return x;
    const out: Record<string, unknown> = {};
    for (const [k, y] of Object.entries(x)) {
      if (needles.has(k)) hits++;
      else out[k] = walk(y);
    }
    return out;
  };
  const value = walk(v);
  return { value, hits };
}

/** Tables erase handles by their meaning; any other table is handled by `mentions`. */
const KNOWN = new Set([
  'customers',
  'interactions',
  'relationships',
  'orderChunks',
  'chunkOrders',
  'statsShards',
  'undoLogs',
  'modelScores',
  'modelVersions',
  'modelData',
  'feedback',
  'batches',
  'productNames',
  'sources',
  'settings'
]);

/** A chunk without the customer's rows: the new chunk and each old row's new number (-1: gone). */
function withoutCustomer(c: OrderChunk, k: number): { chunk: OrderChunk | null; map: Int32Array } {
  const map = new Int32Array(c.n).fill(-1);
  const keep: number[] = [];
  for (let r = 0; r < c.n; r++) if (c.customerIdx[r] !== k) keep.push(r);
  if (keep.length === 0) return { chunk: null, map };
  const b = new ChunkBuilder(Math.max(keep.length, 1));
  keep.forEach((r, i) => {
    b.push(lineAt(c, r));
    map[r] = i;
  });
  const out = b.take(c.batchId);
  keep.forEach((r, i) => (out.alive[i] = c.alive[r]));
  out.id = c.id;
  return { chunk: out, map };
}

export interface EraseOptions {
  now?: number;
}

/** Erase customer `id` everywhere, in one transaction. */
export async function eraseCustomer(
  db: RapportDb,
  id: string,
  opts: EraseOptions = {}
): Promise<ErasureResult> {
  return db.transaction('rw', db.tables, (tx) => eraseIn(tx, db, id, opts.now ?? Date.now()));
}

async function eraseIn(
  tx: Transaction,
  db: RapportDb,
  id: string,
  now: number
): Promise<ErasureResult> {
  const t = <T, K = unknown>(name: string) => tx.table(name) as unknown as Table<T, K>;
  const rows: Record<string, number> = {};
  const add = (k: string, n: number) => {
    if (n > 0) rows[k] = (rows[k] ?? 0) + n;
  };

  const customer = await t<Customer, string>('customers').get(id);
  const needles = new Set(identifiers(id, customer));
  const idOnly = new Set([id]);
  if (customer) {
    await t('customers').delete(id);
    add('customers', 1);
  }

  // Messages and links.
  const inter = t<Interaction, string>('interactions');
  const interIds = new Set(await inter.where('customerId').equals(id).primaryKeys());
  await inter.bulkDelete([...interIds]);
  add('interactions', interIds.size);
  const rel = t<Relationship, string>('relationships');
  const relIds = new Set([
    ...(await rel.where('from').equals(id).primaryKeys()),
    ...(await rel.where('to').equals(id).primaryKeys())
  ]);
  await rel.bulkDelete([...relIds]);
  add('relationships', relIds.size);

  // Order lines: every chunk whose dictionary has the customer (alive or superseded rows).
  const chunks = t<OrderChunk, number>('orderChunks');
  const names = new Map<number, string[]>();
  const remaps = new Map<number, Int32Array | null>();
  const lostAlive = new Map<number, number>();
  for (const cid of await chunks.toCollection().primaryKeys()) {
    const c = expandChunk(await chunks.get(cid));
    if (!c) continue;
    const k = c.customerDict.indexOf(id);
    if (k < 0) continue;
    if (c.sharedNames && !c.productNameDict) {
      let n = names.get(c.batchId);
      if (!n) {
        n = (await t<{ names: string[] }, number>('productNames').get(c.batchId))?.names ?? [''];
        names.set(c.batchId, n);
      }
      c.productNameDict = n;
    }
    let removed = 0;
    let alive = 0;
    for (let r = 0; r < c.n; r++) {
      if (c.customerIdx[r] !== k) continue;
      removed++;
      alive += c.alive[r];
    }
    const { chunk, map } = withoutCustomer(c, k);
    if (chunk) {
      await chunks.put(storedChunk(chunk));
      await t<ChunkOrders, number>('chunkOrders').put({ id: cid, batchId: c.batchId, orders: chunk.orderDict }); // prettier-ignore
      remaps.set(cid, map);
    } else {
      await chunks.delete(cid);
      await t('chunkOrders').delete(cid);
      remaps.set(cid, null);
    }
    add('orderLines', removed);
    lostAlive.set(c.batchId, (lostAlive.get(c.batchId) ?? 0) + alive);
  }
  if (remaps.size > 0) add('orderChunks', remaps.size);
  const batches = t<BatchRow, number>('batches');
  for (const [batchId, n] of lostAlive) {
    const b = await batches.get(batchId);
    if (b && n > 0) await batches.update(batchId, { linesAlive: Math.max(0, b.linesAlive - n) });
  }

  // Stats.
  const shards = t<StatsShard, number>('statsShards');
  const shard = await shards.get(shardOf(id));
  if (shard && shard.stats.some((s) => s.customerId === id)) {
    const stats = shard.stats.filter((s) => s.customerId !== id);
    if (stats.length > 0) await shards.put({ shard: shard.shard, stats });
    else await shards.delete(shard.shard);
    add('statsShards', 1);
  }

  // Undo logs: nothing an undo would put back may bring the customer back.
  const logs = t<UndoLog, number>('undoLogs');
  for (const log of await logs.toArray()) {
    let hit = 0;
    const customers = log.customers.filter((e) => e.id !== id);
    const interactions = log.interactions.filter(
      (e) => !interIds.has(e.id) && e.prev?.customerId !== id
    );
    const relationships = log.relationships.filter(
      (e) => !relIds.has(e.id) && e.prev?.from !== id && e.prev?.to !== id
    );
    hit += log.customers.length - customers.length;
    hit += log.interactions.length - interactions.length;
    hit += log.relationships.length - relationships.length;
    const superseded: UndoLog['superseded'] = [];
    let renumbered = false;
    for (const s of log.superseded) {
      if (!remaps.has(s.chunkId)) {
        superseded.push(s);
        continue;
      }
      renumbered = true;
      const map = remaps.get(s.chunkId);
      const left = map ? Array.from(s.rows, (r) => map[r]).filter((r) => r >= 0) : [];
      hit += s.rows.length - left.length;
      if (left.length > 0) superseded.push({ chunkId: s.chunkId, rows: Uint32Array.from(left) });
    }
    const products = scrub(log.products, needles);
    hit += products.hits;
    if (hit > 0 || renumbered) {
      await logs.put({ ...log, customers, interactions, relationships, superseded, products: products.value as UndoLog['products'] }); // prettier-ignore
      add('undoLogs', 1);
    }
  }

  // Scores of the customer (alone or in a pair), and of their messages and links.
  const scores = t<ModelScoreRow, unknown>('modelScores');
  const theirs = new Set<string>([id, ...interIds, ...relIds]);
  const gone = await scores
    .filter((s) => theirs.has(s.entityId) || theirs.has(s.item))
    .primaryKeys();
  await scores.bulkDelete(gone);
  add('modelScores', gone.length);

  // Feedback about the customer.
  const fb = t<{ id: number }, number>('feedback');
  const fbIds = await fb.where('customerId').equals(id).primaryKeys();
  const fbMore = await fb.filter((r) => mentions(r, idOnly)).primaryKeys();
  const fbAll = [...new Set([...fbIds, ...fbMore])];
  await fb.bulkDelete(fbAll);
  add('feedback', fbAll.length);

  // Settings and mapping memory: blank any exact copy (e.g. a remembered search).
  for (const name of ['settings', 'sources', 'batches', 'productNames']) {
    const table = t<unknown, unknown>(name);
    const keys = await table.toCollection().primaryKeys();
    const vals = await table.bulkGet(keys as never[]);
    for (let i = 0; i < keys.length; i++) {
      const { value, hits } = scrub(vals[i], needles);
      if (hits > 0) {
        await table.put(value);
        add(name, 1);
      }
    }
  }

  // Tables added by other features: drop every row that mentions the customer's id, blank
  // their name, e-mail or phone elsewhere.
  for (const table of db.tables) {
    if (KNOWN.has(table.name)) continue;
    const tt = tx.table(table.name);
    const keys = await tt.toCollection().primaryKeys();
    for (const key of keys) {
      const row = await tt.get(key);
      if (mentions(row, idOnly) || mentions(key, idOnly)) {
        await tt.delete(key);
        add(table.name, 1);
        continue;
      }
      const { value, hits } = scrub(row, needles);
      if (hits > 0) {
        if (table.schema.primKey.keyPath == null) await tt.put(value, key);
        else await tt.put(value);
        add(table.name, 1);
      }
    }
  }

  const found = Object.keys(rows).length > 0;
  let flagged = 0;
  // Saved models and reports: blank the customer's strings; flag every version as trained with them.
  const data = t<{ id: string }, string>('modelData');
  for (const key of await data.toCollection().primaryKeys()) {
    const row = await data.get(key);
    const { value, hits } = scrub(row, needles);
    if (hits > 0) {
      await data.put(value as { id: string });
      add('modelData', 1);
    }
  }
  const versions = t<ModelVersionRow, string>('modelVersions');
  for (const v of found ? await versions.toArray() : []) {
    const { value } = scrub(v, needles);
    const next = value as ModelVersionRow;
    // A changed data stamp makes the runtime report the version stale (the page offers a retrain).
    const stamp = String(v.dataStamp ?? '').replace(/\|erased:\d+$/, '');
    const erased = Number(v.erasures ?? 0) + 1;
    await versions.put({ ...next, erasures: erased, dataStamp: `${stamp}|erased:${erased}` });
    flagged++;
  }

  const entry: ErasureEntry = { at: now, rows, modelsFlagged: found ? flagged : 0 };
  if (!found) return { ...entry, found };
  const settings = t<{ key: string; value: unknown }, string>('settings');
  const log = ((await settings.get(ERASURE_LOG_KEY))?.value as ErasureEntry[] | undefined) ?? [];
  await settings.put({ key: ERASURE_LOG_KEY, value: [...log, entry] });
  return { ...entry, found };
}

/** The erasure log: when, and how many rows, per erasure (no personal data). */
export async function erasureLog(db: RapportDb): Promise<ErasureEntry[]> {
  return ((await db.settings.get(ERASURE_LOG_KEY))?.value as ErasureEntry[] | undefined) ?? [];
}

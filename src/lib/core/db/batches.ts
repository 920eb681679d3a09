// Import history and undo. Undo runs in one transaction and restores the exact previous state.
import type { Customer, EntityKind } from '../types';
import { expandChunk, storedChunk } from './chunks';
import { customersOf, refreshStats } from './refresh';
import { StatsEdit } from './statsStore';
import type { BatchRow, BatchStatus, OrderChunk, UndoLog } from './rows';
import { bound, type RapportDb, type Tables } from './schema';
import { heldOwners, webLocks, type LockManagerLike } from './owners';
import { pendingAlive } from './open';
import { commitSeqOf, writeTables } from './session';
import { lineFixesOn } from './lineFixes';

export interface BatchInfo {
  id: number;
  source: string;
  fileName: string;
  kind: EntityKind;
  channel: string;
  startedAt: number;
  finishedAt?: number;
  status: BatchStatus;
  rowsStored: number;
  rowsRejected: number;
  /** Order lines of the batch still alive (newer imports may have superseded some). */
  linesAlive: number;
  undoable: boolean;
}

/**
 * Import history, newest first. A pending batch is listed ("in progress") only while an import
 * is alive behind it: a crashed one is never shown (the next start-up removes it).
 */
export async function listBatches(
  db: RapportDb,
  locks: LockManagerLike | null = webLocks(),
  now = Date.now()
): Promise<BatchInfo[]> {
  let rows = await db.batches.reverse().toArray();
  if (rows.some((b) => b.status === 'pending')) {
    const held = await heldOwners(locks);
    rows = rows.filter((b) => b.status !== 'pending' || pendingAlive(b, held, now));
  }
  return rows.map((b) => ({
    id: b.id!,
    source: b.source,
    fileName: b.fileName,
    kind: b.kind,
    channel: b.channel,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
    status: b.status,
    rowsStored: b.rowsStored,
    rowsRejected: b.rowsRejected,
    linesAlive: b.linesAlive,
    undoable: b.undoable
  }));
}

const ENTITY_TABLES = ['customers', 'products', 'interactions', 'relationships'] as const;

/**
 * Batches committed after this one (by commit order, not by id: an import that started first
 * may commit last) that touched records it wrote; they must be undone first. Newest first.
 */
async function conflicts(
  db: Tables,
  batch: BatchRow,
  log: UndoLog,
  chunkIds: Set<number>
): Promise<number[]> {
  const mine = ENTITY_TABLES.map((t) => new Set(log[t].map((e) => e.id)));
  const seq = commitSeqOf(batch);
  const newer = (await db.batches.where('status').equals('committed').toArray())
    .filter((b) => commitSeqOf(b) > seq)
    .sort((a, b) => commitSeqOf(a) - commitSeqOf(b));
  const out: number[] = [];
  for (const b of newer) {
    const other = await db.undoLogs.get(b.id!);
    if (!other) continue;
    const clash =
      ENTITY_TABLES.some((t, i) => other[t].some((e) => mine[i].has(e.id))) ||
      other.superseded.some((s) => chunkIds.has(s.chunkId));
    if (clash) out.push(b.id!);
  }
  return out.reverse();
}

/**
 * Undo a committed import: delete its chunks, bring back the order lines it superseded, put
 * back the previous version of every record it overwrote and delete those it created, and
 * recompute the stats of the customers concerned. Refuses (throws) when a newer import changed
 * the same records: undo newest first.
 */
export async function undoBatch(rdb: RapportDb, batchId: number): Promise<void> {
  await rdb.transaction('rw', [...writeTables(rdb), rdb.merges, rdb.fixes], async (tx) => {
    const db = bound(tx);
    const batch = await db.batches.get(batchId);
    if (!batch) throw new Error(`Import #${batchId} does not exist`);
    if (batch.status !== 'committed') {
      throw new Error(`Import #${batchId} (${batch.fileName}) is ${batch.status}: nothing to undo`);
    }
    const log = await db.undoLogs.get(batchId);
    if (!batch.undoable || !log) {
      throw new Error(
        `Import #${batchId} (${batch.fileName}) was stored by an older version of Rapport and cannot be undone`
      );
    }
    const mine = (await db.orderChunks.where('batchId').equals(batchId).toArray()).map(expandChunk);
    const mineIds = new Set(mine.map((c) => c.id!));
    const newer = await conflicts(db, batch, log, mineIds);
    if (newer.length > 0) {
      const names = await db.batches.bulkGet(newer);
      const list = names.map((b) => `#${b!.id} (${b!.fileName})`).join(', ');
      throw new Error(
        `Cannot undo import #${batchId} (${batch.fileName}): newer import ${list} changed the same records. Undo ${newer.length > 1 ? 'them' : 'it'} first (newest first).`
      );
    }

    const affected = new Set<string>();
    for (const c of mine) customersOf(c, affected);
    await refuseIfMerged(db, batch, log, affected);
    // An order-line fix on this import's lines (or on lines it superseded) is undone first.
    const fixed = await lineFixesOn(
      db,
      new Set([...mineIds, ...log.superseded.map((s) => s.chunkId)])
    );
    if (fixed.length)
      throw new Error(
        `Cannot undo import #${batchId} (${batch.fileName}): data fix #${fixed[0]} changed its order lines. Undo the fix first (Quality page).`
      );
    await db.orderChunks.bulkDelete([...mineIds]);
    await db.chunkOrders.bulkDelete([...mineIds]);

    // Bring back the lines this batch superseded.
    const restored = new Map<number, OrderChunk>();
    const gained = new Map<number, number>();
    for (const s of log.superseded) {
      const c = restored.get(s.chunkId) ?? expandChunk(await db.orderChunks.get(s.chunkId));
      if (!c) continue;
      for (const r of s.rows) c.alive[r] = 1;
      customersOf(c, affected, s.rows);
      restored.set(s.chunkId, c);
      gained.set(c.batchId, (gained.get(c.batchId) ?? 0) + s.rows.length);
    }
    await db.orderChunks.bulkPut([...restored.values()].map(storedChunk));
    for (const [id, n] of gained) {
      const b = await db.batches.get(id);
      if (b) await db.batches.update(id, { linesAlive: b.linesAlive + n });
    }

    // Entities: previous versions back, created ones removed.
    for (const t of ENTITY_TABLES) {
      const table = db[t];
      const entries = log[t];
      const back = entries.filter((e) => e.prev !== null).map((e) => e.prev!);
      await (table as typeof db.customers).bulkPut(back as Customer[]);
      await table.bulkDelete(entries.filter((e) => e.prev === null).map((e) => e.id));
    }

    await refreshStats(db, affected, restored, { dropped: mineIds });
    await keepReferencedStubs(db, log, affected);

    await db.productNames.delete(batchId);
    await db.undoLogs.delete(batchId);
    await db.batches.update(batchId, { status: 'undone', linesAlive: 0 });
  });
}

/**
 * A customer this batch created, or one whose order lines it removed (customers known only from
 * orders have no record), may still be named by a newer batch's interactions or relationships
 * (that batch found it existing and made no stub): such a customer gets a stub record. One that
 * still has order lines needs none (repos.ts shows it from its stats).
 */
async function keepReferencedStubs(db: Tables, log: UndoLog, affected: Set<string>): Promise<void> {
  const created = log.customers.filter((e) => e.prev === null).map((e) => e.id);
  const candidates = [...new Set([...created, ...affected])].filter((id) => id !== '');
  if (candidates.length === 0) return;
  const [records, stats] = await Promise.all([
    db.customers.bulkGet(candidates),
    StatsEdit.load(db, candidates)
  ]);
  const orphans = candidates.filter((id, i) => !records[i] && !stats.get(id));
  if (orphans.length === 0) return;
  const refs = new Set<string>();
  for (const i of await db.interactions.where('customerId').anyOf(orphans).toArray()) {
    refs.add(i.customerId);
  }
  for (const r of await db.relationships.where('from').anyOf(orphans).toArray()) refs.add(r.from);
  for (const r of await db.relationships.where('to').anyOf(orphans).toArray()) refs.add(r.to);
  if (refs.size === 0) return;
  const stubs: Customer[] = [];
  const batch = await db.batches.get(log.batchId);
  for (const id of refs) {
    stubs.push({ id, channel: batch?.channel ?? '', attributes: {}, batchId: 0, updatedAt: 0 });
  }
  await db.customers.bulkPut(stubs);
}

/**
 * A merge still in force, made after this import, that involves a customer the import wrote
 * (records or order lines) must be undone first: undoing the import under it would leave the
 * merge journal describing a database that no longer exists. An import committed after the
 * merge (e.g. a re-import resolved to the golden record through an alias) is newer: it is undone
 * first, and the merge after it.
 */
async function refuseIfMerged(
  db: Tables,
  batch: BatchRow,
  log: UndoLog,
  lineCustomers: Set<string>
): Promise<void> {
  const { id: batchId, fileName } = batch;
  const seq = commitSeqOf(batch);
  const ids = new Set([...log.customers.map((e) => e.id), ...lineCustomers]);
  for (const e of log.interactions) if (e.prev) ids.add(e.prev.customerId);
  const merges = await db.merges.where('status').equals('merged').toArray();
  const hit = merges.filter(
    (m) => m.afterSeq >= seq && [m.golden, ...m.merged].some((id) => ids.has(id))
  );
  if (hit.length)
    throw new Error(
      `Cannot undo import #${batchId} (${fileName}): merge ${hit.map((m) => `#${m.id}`).join(', ')} of its customers is in force. Undo the merge first (Duplicates page).`
    );
}

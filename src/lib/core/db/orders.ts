// Reading order lines: full scans for features/models, one customer's lines for the profile.
import type { OrderLine } from '../types';
import { expandChunk, lineAt } from './chunks';
import type { OrderChunk } from './rows';
import type { RapportDb } from './schema';
import { getStats } from './statsStore';

async function committedIds(db: RapportDb): Promise<Set<number>> {
  return new Set(await db.batches.where('status').equals('committed').primaryKeys());
}

/** Give a chunk whose names live in its batch's ProductNames record those names (in memory). */
async function attachNames(
  db: RapportDb,
  c: OrderChunk,
  cache: Map<number, string[]>
): Promise<OrderChunk> {
  if (!c.sharedNames || c.productNameDict) return c;
  let names = cache.get(c.batchId);
  if (!names) {
    names = (await db.productNames.get(c.batchId))?.names ?? [''];
    cache.set(c.batchId, names);
  }
  c.productNameDict = names;
  return c;
}

/**
 * Visit every chunk of committed batches, in id order. The visitor must skip rows with
 * `chunk.alive[r] === 0` (superseded lines). Returns the number of alive rows visited.
 * Chunks are read one by one so memory stays at one chunk.
 */
export async function scanOrders(
  db: RapportDb,
  visit: (chunk: OrderChunk) => void
): Promise<number> {
  const ok = await committedIds(db);
  const ids = (
    await db.orderChunks
      .where('batchId')
      .anyOf([...ok])
      .primaryKeys()
  ).sort((a, b) => a - b);
  let rows = 0;
  const names = new Map<number, string[]>();
  for (const id of ids) {
    const c = expandChunk(await db.orderChunks.get(id));
    if (!c || !ok.has(c.batchId)) continue;
    await attachNames(db, c, names);
    for (let r = 0; r < c.n; r++) rows += c.alive[r];
    visit(c);
  }
  return rows;
}

/** All alive committed order lines as objects (for modest data sets and tests). */
export async function allOrders(db: RapportDb): Promise<OrderLine[]> {
  const out: OrderLine[] = [];
  await scanOrders(db, (c) => {
    for (let r = 0; r < c.n; r++) if (c.alive[r] === 1) out.push(lineAt(c, r));
  });
  return out;
}

/** A customer's alive order lines, oldest first (stable for equal timestamps). */
export async function ordersOfCustomer(db: RapportDb, customerId: string): Promise<OrderLine[]> {
  const stats = await getStats(db, customerId);
  if (!stats) return [];
  const chunks = (await db.orderChunks.bulkGet(stats.chunkIds)).map(expandChunk);
  const out: OrderLine[] = [];
  const names = new Map<number, string[]>();
  for (const c of chunks) {
    if (!c) continue;
    await attachNames(db, c, names);
    const k = c.customerDict.indexOf(customerId);
    if (k < 0) continue;
    for (let r = 0; r < c.n; r++) {
      if (c.alive[r] === 1 && c.customerIdx[r] === k) out.push(lineAt(c, r));
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

/** Number of alive order lines in committed batches. */
export async function orderCount(db: RapportDb): Promise<number> {
  const rows = await db.batches.where('status').equals('committed').toArray();
  return rows.reduce((s, b) => s + b.linesAlive, 0);
}

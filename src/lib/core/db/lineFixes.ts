// One-click data-quality fixes on order lines, in their columnar chunks: clip quantities, unit
// prices or line amounts outside Tukey's fences back to the fence, or mark the flagged lines
// (a per-chunk `flags` column, one bit per column). Journaled in the fixes table with the old
// columns of every chunk it touched and the old stats of the customers concerned, so undoFix puts
// back exactly what was there (the chunk records compare equal, byte for byte).
import { expandChunk, storedChunk } from './chunks';
import type { FixAction, FixInfo, FixRow } from './fixes';
import { refreshStats } from './refresh';
import type { CustomerStats, OrderChunk } from './rows';
import { bound, type RapportDb, type Tables } from './schema';
import { commitSeqOf, writeTables } from './session';
import { StatsEdit } from './statsStore';

/** The order-line columns a fix can edit; amount = quantity × unit price. */
export type LineColumn = 'quantity' | 'unitPrice' | 'amount';
export const LINE_COLUMNS: readonly LineColumn[] = ['quantity', 'unitPrice', 'amount'];

/** The bit of a column in a chunk's `flags` (mark). */
export const LINE_FLAG: Record<LineColumn, number> = { quantity: 1, unitPrice: 2, amount: 4 };

/** What an order-line fix changed: the previous columns of each chunk, the previous stats. */
export interface LineJournal {
  lines: number;
  chunks: {
    chunkId: number;
    /** The stored record's keys in their order (undo writes the record back in that order). */
    keys: string[];
    quantity?: OrderChunk['quantity'];
    /** Unit prices as stored: raw, or dictionary codes. */
    unitPrice?: Float64Array;
    priceIdx?: Uint16Array;
    priceDict?: Float64Array;
    /** The old flags column (null: the chunk had none). */
    flags?: Uint8Array | null;
  }[];
  stats: { id: string; prev: CustomerStats | null }[];
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const valueOf = (c: OrderChunk, r: number, col: LineColumn): number =>
  col === 'quantity' ? c.quantity[r] : col === 'unitPrice' ? c.unitPrice[r] : c.quantity[r] * c.unitPrice[r]; // prettier-ignore

async function committedChunks(db: Tables): Promise<OrderChunk[]> {
  const ok = await db.batches.where('status').equals('committed').primaryKeys();
  const ids = (await db.orderChunks.where('batchId').anyOf(ok).primaryKeys()).sort((a, b) => a - b); // prettier-ignore
  const out: OrderChunk[] = [];
  for (const id of ids) {
    const c = expandChunk(await db.orderChunks.get(id));
    if (c) out.push(c);
  }
  return out;
}

/**
 * Apply a fix to order-line column `column` over every alive committed line, in one transaction.
 * 'clip': Tukey's fences of the alive lines (quantities to whole numbers inside them; an amount
 * is clipped through its unit price). 'mark': the lines `select` picks (the quality report's
 * rules: robust z-score or fences) get the column's flag bit.
 */
export async function applyLineFix(
  rdb: RapportDb,
  column: LineColumn,
  action: Exclude<FixAction, 'impute'>,
  select?: (values: Float64Array) => boolean[],
  now = Date.now()
): Promise<FixInfo> {
  if (!LINE_COLUMNS.includes(column)) throw new Error(`"${column}" is not an order-line column`);
  return rdb.transaction('rw', [...writeTables(rdb), rdb.fixes], async (tx) => {
    const db = bound(tx);
    const chunks = await committedChunks(db);
    const where: [number, number][] = [];
    const all: number[] = [];
    chunks.forEach((c, k) => {
      for (let r = 0; r < c.n; r++)
        if (c.alive[r] === 1) {
          where.push([k, r]);
          all.push(valueOf(c, r, column));
        }
    });
    const values = Float64Array.from(all);
    const finite = Float64Array.from(all.filter(Number.isFinite)).sort();
    if (action === 'clip' && finite.length < 3)
      throw new Error(`"${column}" has fewer than 3 numbers: nothing to clip with`);
    let detail: Record<string, number> = {};
    const hit: boolean[] = new Array(values.length).fill(false);
    let target: (v: number) => number = (v) => v;
    if (action === 'clip') {
      const q1 = quantile(finite, 0.25);
      const q3 = quantile(finite, 0.75);
      let lower = q1 - 1.5 * (q3 - q1);
      let upper = q3 + 1.5 * (q3 - q1);
      // Quantities are counts: the nearest whole numbers inside the fences.
      if (column === 'quantity') [lower, upper] = [Math.ceil(lower), Math.floor(upper)];
      detail = { lower, upper };
      target = (v) => Math.min(upper, Math.max(lower, v));
      values.forEach((v, i) => (hit[i] = Number.isFinite(v) && (v < lower || v > upper)));
    } else {
      const picked = select ? select(values) : [];
      values.forEach((_, i) => (hit[i] = picked[i] === true));
    }

    const journal: LineJournal = { lines: 0, chunks: [], stats: [] };
    const changed = new Map<number, OrderChunk>();
    const customers = new Set<string>();
    const bit = LINE_FLAG[column];
    for (let i = 0; i < values.length; i++) {
      if (!hit[i]) continue;
      const [k, r] = where[i];
      const c = chunks[k];
      if (!changed.has(c.id!)) {
        journal.chunks.push({
          chunkId: c.id!,
          keys: Object.keys(storedChunk(c)),
          ...(action === 'mark'
            ? { flags: c.flags ? c.flags.slice() : null }
            : column === 'quantity'
              ? { quantity: c.quantity.slice() }
              : c.priceIdx
                ? { priceIdx: c.priceIdx.slice(), priceDict: c.priceDict!.slice() }
                : { unitPrice: c.unitPrice.slice() })
        });
        if (action === 'clip' && column !== 'quantity') {
          // Prices are written raw from now on (the journal keeps the coded column).
          c.unitPrice = c.unitPrice.slice();
          delete c.priceIdx;
          delete c.priceDict;
        }
        if (action === 'mark' && !c.flags) c.flags = new Uint8Array(c.n);
        changed.set(c.id!, c);
      }
      journal.lines++;
      if (action === 'mark') {
        c.flags![r] |= bit;
        continue;
      }
      customers.add(c.customerDict[c.customerIdx[r]]);
      const v = values[i];
      if (column === 'quantity') c.quantity[r] = target(v);
      else if (column === 'unitPrice') c.unitPrice[r] = target(v);
      else if (c.quantity[r] !== 0) c.unitPrice[r] = target(v) / c.quantity[r];
    }
    await db.orderChunks.bulkPut([...changed.values()].map(storedChunk));
    if (customers.size) {
      const edit = await StatsEdit.load(db, customers);
      journal.stats = [...customers].map((id) => ({ id, prev: edit.get(id) ?? null }));
      await refreshStats(db, new Set(customers), changed);
    }
    const seq = (await db.batches.where('status').equals('committed').toArray()).reduce((m, b) => Math.max(m, commitSeqOf(b)), 0); // prettier-ignore
    const row: FixRow = { ts: now, status: 'applied', action, table: 'orders', column, detail, afterSeq: seq, prev: [], lines: journal }; // prettier-ignore
    const id = (await db.fixes.add(row)) as number;
    return { id, ts: now, status: 'applied', action, table: 'orders', column, rows: journal.lines, detail }; // prettier-ignore
  });
}

/**
 * Undo an order-line fix (inside undoFix's transaction): the chunks' columns and the customers'
 * stats as they were. Refuses when a later fix still applied touched the same chunks, or an
 * import or merge since changed their lines (undo those first).
 */
export async function undoLineFix(db: Tables, f: FixRow): Promise<void> {
  const j = f.lines!;
  const mine = new Set(j.chunks.map((c) => c.chunkId));
  const who = new Set(j.stats.map((s) => s.id));
  const later = (await db.fixes.where('status').equals('applied').toArray()).filter(
    (o) => o.id! > f.id! && o.lines?.chunks.some((c) => mine.has(c.chunkId))
  );
  if (later.length) throw new Error(`Cannot undo fix #${f.id}: undo fix #${later[0].id} first`);
  const merges = (await db.merges.where('status').equals('merged').toArray()).filter(
    (m) => m.ts >= f.ts && (m.prev.chunks.some((c) => mine.has(c.chunkId)) || [m.golden, ...m.merged].some((id) => who.has(id))) // prettier-ignore
  );
  if (merges.length) throw new Error(`Cannot undo fix #${f.id}: undo merge #${merges[0].id} first`); // prettier-ignore
  for (const b of await db.batches.where('status').equals('committed').toArray()) {
    if (commitSeqOf(b) <= f.afterSeq) continue;
    const log = await db.undoLogs.get(b.id!);
    if (log?.superseded.some((s) => mine.has(s.chunkId)) || log?.customers.some((e) => who.has(e.id))) // prettier-ignore
      throw new Error(`Cannot undo fix #${f.id}: import #${b.id} (${b.fileName}) changed the same order lines since`); // prettier-ignore
  }
  const back: OrderChunk[] = [];
  for (const p of j.chunks) {
    const c = expandChunk(await db.orderChunks.get(p.chunkId));
    const n = (p.quantity ?? p.unitPrice ?? p.priceIdx ?? p.flags)?.length ?? c?.n;
    if (!c || n !== c.n)
      throw new Error(`Cannot undo fix #${f.id}: its order lines were rebuilt since (an erasure)`);
    if (p.quantity) c.quantity = p.quantity;
    if (p.priceIdx && p.priceDict) {
      c.priceIdx = p.priceIdx;
      c.priceDict = p.priceDict;
    } else if (p.unitPrice) c.unitPrice = p.unitPrice;
    if (p.flags === null) delete c.flags;
    else if (p.flags) c.flags = p.flags;
    const stored = storedChunk(c) as unknown as Record<string, unknown>;
    back.push(Object.fromEntries(p.keys.map((k) => [k, stored[k]])) as unknown as OrderChunk);
  }
  await db.orderChunks.bulkPut(back);
  if (j.stats.length) {
    const edit = await StatsEdit.load(db, who);
    const fresh = new Map<string, CustomerStats>();
    for (const s of j.stats) if (s.prev) fresh.set(s.id, s.prev);
    await edit.save([...who], fresh);
  }
}

/** Order-line fixes still applied that touched one of `chunkIds` (an import undo must wait). */
export async function lineFixesOn(db: Tables, chunkIds: Set<number>): Promise<number[]> {
  return (await db.fixes.where('status').equals('applied').toArray())
    .filter((f) => f.lines?.chunks.some((c) => chunkIds.has(c.chunkId)))
    .map((f) => f.id!);
}

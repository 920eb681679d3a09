// One-click data-quality fixes on customer columns, each journaled and undoable exactly (the
// records it changed are kept as they were): fill missing numbers with the column's median
// (impute), pull values outside Tukey's fences back to the fence (clip), or flag the rows the
// quality report flags (mark: attribute `flag_<column>` = true). Fixes of order lines (in their
// chunks) are in lineFixes.ts; undoFix undoes both kinds.
import type { AttributeValue, Customer } from '../types';
import { bound, type RapportDb } from './schema';
import { commitSeqOf, writeTables } from './session';
import { undoLineFix, type LineJournal } from './lineFixes';

export type FixAction = 'impute' | 'clip' | 'mark';

export interface FixRow {
  id?: number;
  ts: number;
  status: 'applied' | 'undone';
  action: FixAction;
  /** The table it edits (default customers; 'orders': order-line amounts or quantities). */
  table?: 'customers' | 'orders';
  column: string;
  /** The value written (median for impute; fences for clip). */
  detail: Record<string, number>;
  afterSeq: number;
  /** Customer fixes: the records as they were. */
  prev: Customer[];
  /** Order-line fixes: the chunks' columns and the stats as they were. */
  lines?: LineJournal;
}

export interface FixInfo {
  id: number;
  ts: number;
  status: FixRow['status'];
  action: FixAction;
  table?: FixRow['table'];
  column: string;
  rows: number;
  detail: Record<string, number>;
}

const info = (f: FixRow): FixInfo => ({
  id: f.id!,
  ts: f.ts,
  status: f.status,
  action: f.action,
  ...(f.table ? { table: f.table } : {}),
  column: f.column,
  rows: f.lines ? f.lines.lines : f.prev.length,
  detail: f.detail
});

const isNum = (v: AttributeValue | undefined): v is number => typeof v === 'number' && Number.isFinite(v); // prettier-ignore
const missing = (v: AttributeValue | undefined) => v === undefined || v === null || v === '';

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** What a fix would change: the new records (nothing is written). */
export function planFix(
  customers: Customer[],
  column: string,
  action: FixAction,
  flagged?: Set<string>
): { next: Customer[]; detail: Record<string, number> } {
  const values = customers.map((c) => c.attributes?.[column]).filter(isNum).sort((a, b) => a - b); // prettier-ignore
  if (action !== 'mark' && values.length < 3)
    throw new Error(`"${column}" has fewer than 3 numbers: nothing to ${action} with`);
  const next: Customer[] = [];
  if (action === 'impute') {
    const median = quantile(values, 0.5);
    for (const c of customers)
      if (missing(c.attributes?.[column]) && column in (c.attributes ?? {}))
        next.push({ ...c, attributes: { ...c.attributes, [column]: median } });
    return { next, detail: { median } };
  }
  if (action === 'clip') {
    const q1 = quantile(values, 0.25);
    const q3 = quantile(values, 0.75);
    const lower = q1 - 1.5 * (q3 - q1);
    const upper = q3 + 1.5 * (q3 - q1);
    for (const c of customers) {
      const v = c.attributes?.[column];
      if (isNum(v) && (v < lower || v > upper))
        next.push({ ...c, attributes: { ...c.attributes, [column]: Math.min(upper, Math.max(lower, v)) } }); // prettier-ignore
    }
    return { next, detail: { lower, upper } };
  }
  for (const c of customers)
    if (flagged?.has(c.id)) next.push({ ...c, attributes: { ...c.attributes, [`flag_${column}`]: true } }); // prettier-ignore
  return { next, detail: {} };
}

/** Apply a fix to customer column `column` in one transaction; journaled. */
export async function applyFix(
  rdb: RapportDb,
  column: string,
  action: FixAction,
  flagged?: string[],
  now = Date.now()
): Promise<FixInfo> {
  return rdb.transaction('rw', [...writeTables(rdb), rdb.fixes], async (tx) => {
    const db = bound(tx);
    const customers = await db.customers.toArray();
    const { next, detail } = planFix(customers, column, action, flagged && new Set(flagged));
    const byId = new Map(customers.map((c) => [c.id, c]));
    const prev = next.map((c) => byId.get(c.id)!);
    await db.customers.bulkPut(next);
    const seq = (await db.batches.where('status').equals('committed').toArray()).reduce((m, b) => Math.max(m, commitSeqOf(b)), 0); // prettier-ignore
    const row: FixRow = { ts: now, status: 'applied', action, column, detail, afterSeq: seq, prev };
    const id = (await db.fixes.add(row)) as number;
    return info({ ...row, id });
  });
}

export async function listFixes(db: RapportDb): Promise<FixInfo[]> {
  return (await db.fixes.reverse().toArray()).map(info);
}

/**
 * Undo a fix: its records back as they were. Refuses when a later fix still applied, a merge in
 * force or an import committed since changed one of them (undo those first).
 */
export async function undoFix(rdb: RapportDb, fixId: number): Promise<void> {
  await rdb.transaction('rw', [...writeTables(rdb), rdb.fixes, rdb.merges], async (tx) => {
    const db = bound(tx);
    const f = await db.fixes.get(fixId);
    if (!f) throw new Error(`Fix #${fixId} does not exist`);
    if (f.status !== 'applied') throw new Error(`Fix #${fixId} is already undone`);
    if (f.table === 'orders') {
      await undoLineFix(db, f);
      await db.fixes.update(fixId, { status: 'undone' });
      return;
    }
    const ids = new Set(f.prev.map((c) => c.id));
    const later = (await db.fixes.where('status').equals('applied').toArray()).filter(
      (o) => o.id! > fixId && o.prev.some((c) => ids.has(c.id))
    );
    if (later.length) throw new Error(`Cannot undo fix #${fixId}: undo fix #${later[0].id} first`);
    const merges = (await db.merges.where('status').equals('merged').toArray()).filter(
      (m) => m.ts >= f.ts && [m.golden, ...m.merged].some((id) => ids.has(id))
    );
    if (merges.length) throw new Error(`Cannot undo fix #${fixId}: undo merge #${merges[0].id} first`); // prettier-ignore
    for (const b of await db.batches.where('status').equals('committed').toArray()) {
      if (commitSeqOf(b) <= f.afterSeq) continue;
      const log = await db.undoLogs.get(b.id!);
      if (log?.customers.some((e) => ids.has(e.id)))
        throw new Error(`Cannot undo fix #${fixId}: import #${b.id} (${b.fileName}) changed the same customers since`); // prettier-ignore
    }
    await db.customers.bulkPut(f.prev);
    await db.fixes.update(fixId, { status: 'undone' });
  });
}

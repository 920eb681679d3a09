// Quality fixes of order lines in their columnar chunks (core/db/lineFixes.ts) on the Online
// Retail sample: clip and mark change the lines the report flags, mark models stale, and undo
// gives back an identical export (every table, keys in the same order).
import { describe, expect, it } from 'vitest';
import {
  allOrders,
  applyLineFix,
  listBatches,
  listFixes,
  listStats,
  undoBatch,
  undoFix,
  type RapportDb
} from '../../../src/lib/core/db';
import { outliers, qualityReport } from '../../../src/lib/core/clean/quality';
import { dataStamp } from '../../../src/lib/core/models/registry';
import { dump, newDb } from '../db/helpers';
import { importInto, inputsOf } from '../models/helpers';

const retail = new URL('../../fixtures/csv/online-retail-sample.csv', import.meta.url);
const exported = async (db: RapportDb) => JSON.stringify(await dump(db, ['fixes']));
const select = (v: Float64Array) => {
  const hit = new Set(outliers(v, String, Infinity).flagged.map((f) => Number(f.id)));
  return Array.from(v, (_, i) => hit.has(i));
};
const column = async (db: RapportDb, name: string) =>
  qualityReport(inputsOf({ orders: await allOrders(db) })).columns.find((c) => c.table === 'orders' && c.column === name)!; // prettier-ignore

describe('order-line quality fixes', () => {
  it('clip pulls unit prices to the fences, mark flags amounts; undo restores an identical export', async () => {
    const db = newDb('line-fixes');
    await importInto(db, retail, 'orders');
    const before = await exported(db);
    const stamp = await dataStamp(db, ['orders']);
    const spent = (await listStats(db)).reduce((s, x) => s + x.totalSpent, 0);
    const price = await column(db, 'unitPrice');
    expect(price.outliers!.iqr).toBeGreaterThan(0);

    const clip = await applyLineFix(db, 'unitPrice', 'clip');
    expect(clip.rows).toBe(price.outliers!.iqr);
    const { lower, upper } = clip.detail;
    expect(upper).toBeCloseTo(price.outliers!.upper, 9);
    for (const o of await allOrders(db)) {
      expect(o.unitPrice).toBeGreaterThanOrEqual(lower - 1e-9);
      expect(o.unitPrice).toBeLessThanOrEqual(upper + 1e-9);
    }
    expect((await column(db, 'unitPrice')).outliers!.iqr).toBe(0);
    // Customer stats follow the new amounts; models reading orders are stale.
    expect((await listStats(db)).reduce((s, x) => s + x.totalSpent, 0)).not.toBeCloseTo(spent, 2);
    expect(await dataStamp(db, ['orders'])).toBe(`${stamp}|fixes:${clip.id}`);
    expect(await dataStamp(db, ['customers'])).not.toContain('fixes');
    const clipped = await exported(db);

    const amount = await column(db, 'amount');
    const mark = await applyLineFix(db, 'amount', 'mark', select);
    expect(mark.rows).toBe(outliers(Float64Array.from((await allOrders(db)).map((o) => o.quantity * o.unitPrice)), String, Infinity).flagged.length); // prettier-ignore
    expect(mark.rows).toBeGreaterThan(0);
    expect((await column(db, 'amount')).marked).toBe(mark.rows);
    expect(amount.marked).toBe(0);

    // Newest first: the clip cannot be undone under the mark of the same chunks, nor the import.
    await expect(undoFix(db, clip.id)).rejects.toThrow(`undo fix #${mark.id} first`);
    const batch = (await listBatches(db))[0].id;
    await expect(undoBatch(db, batch)).rejects.toThrow(/Undo the fix first/);
    await undoFix(db, mark.id);
    expect(await exported(db)).toBe(clipped);
    await undoFix(db, clip.id);
    expect(await exported(db)).toBe(before);
    expect(await dataStamp(db, ['orders'])).toBe(stamp);
    expect((await listFixes(db)).map((f) => [f.table, f.status])).toEqual([['orders', 'undone'], ['orders', 'undone']]); // prettier-ignore
    await undoBatch(db, batch);
  });

  it('clip of quantities keeps whole numbers; undo restores the export', async () => {
    const db = newDb('line-fixes-qty');
    await importInto(db, retail, 'orders');
    const before = await exported(db);
    const fix = await applyLineFix(db, 'quantity', 'clip');
    expect(fix.rows).toBeGreaterThan(0);
    expect(Number.isInteger(fix.detail.lower) && Number.isInteger(fix.detail.upper)).toBe(true);
    expect((await allOrders(db)).every((o) => Number.isInteger(o.quantity) && o.quantity <= fix.detail.upper)).toBe(true); // prettier-ignore
    await undoFix(db, fix.id);
    expect(await exported(db)).toBe(before);
  });
});

// One-click quality fixes on the Telco slice (11 customers without TotalCharges), each undone
// exactly, newest first.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { applyFix, listFixes, mergeCustomers, undoFix, undoMerge } from '../../../src/lib/core/db';
import { dump, newDb } from '../db/helpers';
import { importInto } from '../models/helpers';

const path = new URL('../../fixtures/csv/telco-slice.csv', import.meta.url).pathname;
const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data; // prettier-ignore
const total = rows.map((r) => r.TotalCharges.trim()).filter(Boolean).map(Number).sort((a, b) => a - b); // prettier-ignore
const q = (p: number) => {
  const pos = (total.length - 1) * p;
  return total[Math.floor(pos)] + (total[Math.ceil(pos)] - total[Math.floor(pos)]) * (pos - Math.floor(pos)); // prettier-ignore
};

describe('data-quality fixes', () => {
  it('impute fills the 11 blanks with the median, clip pulls values to the fences, undo restores', async () => {
    const db = newDb('fixes');
    await importInto(db, path, 'customers');
    const before = await dump(db, ['fixes']);
    const imp = await applyFix(db, 'TotalCharges', 'impute');
    expect(imp.rows).toBe(11);
    expect(imp.detail.median).toBeCloseTo(q(0.5), 9);
    const blank = rows.find((r) => !r.TotalCharges.trim())!.customerID;
    expect((await db.customers.get(blank))!.attributes.TotalCharges).toBeCloseTo(q(0.5), 9);

    const mid = await dump(db, ['fixes']);
    const clip = await applyFix(db, 'MonthlyCharges', 'clip');
    const monthly = rows.map((r) => Number(r.MonthlyCharges)).sort((a, b) => a - b);
    const mq = (p: number) => {
      const pos = (monthly.length - 1) * p;
      return monthly[Math.floor(pos)] + (monthly[Math.ceil(pos)] - monthly[Math.floor(pos)]) * (pos - Math.floor(pos)); // prettier-ignore
    };
    const lo = mq(0.25) - 1.5 * (mq(0.75) - mq(0.25));
    const hi = mq(0.75) + 1.5 * (mq(0.75) - mq(0.25));
    expect(clip.rows).toBe(monthly.filter((v) => v < lo || v > hi).length);
    for (const c of await db.customers.toArray()) {
      const v = c.attributes.MonthlyCharges as number;
      expect(v).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(v).toBeLessThanOrEqual(hi + 1e-9);
    }
    await undoFix(db, clip.id);
    expect(await dump(db, ['fixes'])).toEqual(mid);
    await undoFix(db, imp.id);
    expect(await dump(db, ['fixes'])).toEqual(before);
    expect((await listFixes(db)).map((f) => f.status)).toEqual(['undone', 'undone']);
  });

  it('mark flags the given rows; a later merge of one of them must be undone first', async () => {
    const db = newDb('fixes-mark');
    await importInto(db, path, 'customers');
    const before = await dump(db, ['fixes', 'merges']);
    const ids = [rows[0].customerID, rows[1].customerID];
    const mark = await applyFix(db, 'TotalCharges', 'mark', ids);
    expect(mark.rows).toBe(2);
    expect((await db.customers.get(ids[0]))!.attributes.flag_TotalCharges).toBe(true);
    const m = await mergeCustomers(db, { ids: [ids[0], rows[2].customerID] });
    await expect(undoFix(db, mark.id)).rejects.toThrow(/undo merge/);
    await undoMerge(db, m.id);
    await undoFix(db, mark.id);
    expect(await dump(db, ['fixes', 'merges'])).toEqual(before);
  });

  it('refuses to impute a column with too few numbers', async () => {
    const db = newDb('fixes-bad');
    await importInto(db, path, 'customers');
    await expect(applyFix(db, 'gender', 'impute')).rejects.toThrow(/fewer than 3 numbers/);
  });
});

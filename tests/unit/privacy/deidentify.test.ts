// De-identified export on the sample shop: dropped columns never leave, pseudonyms are stable
// within an export (joins survive) and differ between exports (a fresh key each time), dates,
// postcodes and amounts are generalised, and k-anonymity is counted correctly.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RapportDb } from '../../../src/lib/core/db';
import {
  anonymity,
  deidentify,
  toArea,
  toBand,
  toCsv,
  toMonth
} from '../../../src/lib/core/privacy/deidentify';
import { exportColumns, exportRows } from '../../../src/lib/core/privacy/tables';
import { newDb } from '../db/helpers';
import { loadSampleInto } from '../models/helpers';

describe('generalisations', () => {
  it('months, areas, bands', () => {
    expect(toMonth(Date.UTC(2024, 2, 31, 23))).toBe('2024-03');
    expect(toMonth('2023-11-05T10:00:00Z')).toBe('2023-11');
    expect(toMonth('not a date')).toBe('');
    expect(toArea('SW1A 1AA')).toBe('SW1A');
    expect(toArea('94103')).toBe('94***');
    expect(toArea('100080')).toBe('10****');
    expect(toBand(7)).toBe('0–9');
    expect(toBand(49.99)).toBe('10–49');
    expect(toBand(1200)).toBe('1000–4999');
    expect(toBand(-3)).toBe('<0');
    expect(toBand('abc')).toBe('');
  });

  it('k-anonymity is the smallest group', () => {
    const rows = [
      ['a', 'x'],
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'y'],
      ['b', 'y'],
      ['b', 'y']
    ];
    expect(anonymity(rows, ['c1', 'c2'], [0, 1])).toEqual({ columns: ['c1', 'c2'], k: 1, groups: 3, rowsBelow5: 6 }); // prettier-ignore
    expect(anonymity(rows, ['c1'], [0]).k).toBe(3);
  });

  it('CSV quotes and defuses formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['=HYPERLINK("x")', 'x,y'],
          ['-5', '@SUM']
        ]
      )
    ).toBe('a,b\r\n"\'=HYPERLINK(""x"")","x,y"\r\n-5,\'@SUM\r\n');
  });
});

describe('de-identified export of the sample shop', () => {
  let db: RapportDb;
  beforeAll(async () => {
    db = newDb('deid');
    await loadSampleInto(db, 200);
  });

  it('drops, pseudonymises and generalises exactly the chosen columns', async () => {
    const { columns, rows } = await exportRows(db, 'customers');
    expect(columns).toEqual(expect.arrayContaining(['id', 'name', 'email', 'phone', 'city', 'createdAt'])); // prettier-ignore
    const rules = {
      name: { kind: 'drop' },
      email: { kind: 'drop' },
      phone: { kind: 'drop' },
      id: { kind: 'pseudonymise' },
      createdAt: { kind: 'generalise', as: 'month' }
    } as const;
    const out = await deidentify(rows, columns, { rules, quasi: ['city', 'createdAt'] });
    expect(out.dropped).toEqual(['name', 'email', 'phone']);
    const csv = toCsv(
      out.columns.map((c) => c.name),
      out.rows
    );
    for (const c of rows.slice(0, 50)) {
      expect(csv).not.toContain(String(c.id));
      if (c.email) expect(csv).not.toContain(String(c.email));
      if (c.name) expect(csv).not.toContain(String(c.name));
    }
    const created = out.columns.findIndex((c) => c.name === 'createdAt');
    expect(out.rows.every((r) => /^\d{4}-\d{2}$/.test(r[created]) || r[created] === '')).toBe(true);
    expect(out.preview).toHaveLength(20);
    // k over (city, month) on 200 customers: some combinations are rare.
    expect(out.anonymity!.k).toBeGreaterThanOrEqual(1);
    expect(out.anonymity!.groups).toBeGreaterThan(10);
    const justCity = await deidentify(rows, columns, { rules, quasi: ['city'] });
    expect(justCity.anonymity!.k).toBeGreaterThan(out.anonymity!.k);
  });

  it('pseudonyms join within one export and differ across exports', async () => {
    const cust = await exportRows(db, 'customers');
    const orders = await exportRows(db, 'orders');
    // One export of both tables: one pseudonymiser (one key) over the concatenation.
    const both = [...cust.rows.map((r) => ({ cid: r.id })), ...orders.rows.map((r) => ({ cid: r.customerId }))]; // prettier-ignore
    const a = await deidentify(both, ['cid'], { rules: { cid: { kind: 'pseudonymise' } } });
    const custIds = new Set(a.rows.slice(0, cust.rows.length).map((r) => r[0]));
    const orderIds = a.rows.slice(cust.rows.length).map((r) => r[0]);
    expect(orderIds.every((id) => custIds.has(id))).toBe(true);
    expect(custIds.size).toBe(cust.rows.length);
    const b = await deidentify(both, ['cid'], { rules: { cid: { kind: 'pseudonymise' } } });
    expect(b.rows[0][0]).not.toBe(a.rows[0][0]);
    expect(a.rows[0][0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('amounts to bands on order lines', async () => {
    const { columns, rows } = await exportRows(db, 'orders');
    // The column list the page shows without reading the lines is the one the export gives.
    const listed = await exportColumns(db, 'orders');
    expect(columns.every((c) => listed.columns.includes(c))).toBe(true);
    expect(listed.rows).toBe(rows.length);
    const out = await deidentify(rows, columns, {
      rules: {
        unitPrice: { kind: 'generalise', as: 'band' },
        ts: { kind: 'generalise', as: 'month' }
      }
    });
    const i = out.columns.findIndex((c) => c.name === 'unitPrice');
    expect(new Set(out.rows.map((r) => r[i])).size).toBeLessThan(10);
  });
});

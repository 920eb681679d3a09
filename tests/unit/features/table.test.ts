import { describe, expect, it } from 'vitest';
import {
  buildFeatureTable,
  featureTableToCsv,
  rawRecord
} from '../../../src/lib/core/features/table';
import { encodeRecord, encodeRows, fitEncoder } from '../../../src/lib/core/features/encode';
import { profileColumn } from '../../../src/lib/core/features/profile';
import { telcoCustomers } from './fixtures';

describe('feature table on a Telco slice', () => {
  const customers = telcoCustomers();
  const t = buildFeatureTable({ customers }, { label: 'Churn' });
  const col = (name: string) => t.columns.findIndex((c) => c.name === name);

  it('drops the identifier, the constant channel and the label, with reasons', () => {
    const dropped = Object.fromEntries(t.dropped.map((d) => [d.name, d]));
    expect(dropped.customerID.kind).toBe('identifier');
    expect(dropped.customerID.reason).toMatch(/identifier/);
    expect(dropped.channel.kind).toBe('constant');
    expect(dropped.Churn.kind).toBe('label');
    expect(t.columns.some((c) => c.source === 'customerID' || c.source === 'Churn')).toBe(false);
  });

  it('imputes blank TotalCharges with the median and flags them', () => {
    const flag = col('TotalCharges_missing');
    const tc = col('TotalCharges');
    expect(flag).toBeGreaterThan(-1);
    const blanks = customers
      .map((c, i) => (String(c.attributes.TotalCharges).trim() === '' ? i : -1))
      .filter((i) => i >= 0);
    expect(blanks.length).toBe(4);
    let flagged = 0;
    for (let r = 0; r < t.nRows; r++) flagged += t.X[r * t.nCols + flag];
    expect(flagged).toBe(4);
    // All blanks get the same (median) encoded value, and it is finite.
    const vals = new Set(blanks.map((r) => t.X[r * t.nCols + tc]));
    expect(vals.size).toBe(1);
    expect(Number.isFinite([...vals][0])).toBe(true);
  });

  it('one-hot encodes categoricals and standardises numerics', () => {
    const levels = t.columns
      .filter((c) => c.source === 'Contract')
      .map((c) => c.level)
      .sort();
    expect(levels).toEqual(['Month-to-month', 'One year', 'Two year']);
    // exactly one Contract level set per row
    const idx = t.columns.flatMap((c, j) => (c.source === 'Contract' ? [j] : []));
    for (let r = 0; r < t.nRows; r++)
      expect(idx.reduce((s, j) => s + t.X[r * t.nCols + j], 0)).toBe(1);
    // two-level column -> one indicator
    expect(t.columns.filter((c) => c.source === 'Partner').map((c) => c.name)).toEqual([
      'Partner = Yes'
    ]);
    const ten = col('tenure');
    let m = 0;
    for (let r = 0; r < t.nRows; r++) m += t.X[r * t.nCols + ten];
    expect(Math.abs(m / t.nRows)).toBeLessThan(1e-4);
    expect(t.X.length).toBe(t.nRows * t.nCols);
  });

  it('encodes a single record exactly like the table row, and writes CSV', () => {
    const row = 7;
    const x = encodeRecord(t.encoder, rawRecord(t.raw, row));
    expect(Array.from(x)).toEqual(Array.from(t.X.subarray(row * t.nCols, (row + 1) * t.nCols)));
    const csv = featureTableToCsv(t).split('\n');
    expect(csv[0].startsWith('customer_id,')).toBe(true);
    expect(csv.length).toBe(t.nRows + 2);
  });

  it('honours include/exclude overrides', () => {
    const t2 = buildFeatureTable(
      { customers },
      { label: 'Churn', exclude: ['gender'], include: ['customerID'] }
    );
    expect(t2.dropped.find((d) => d.name === 'gender')?.reason).toBe('excluded by user');
    expect(t2.columns.some((c) => c.source === 'customerID')).toBe(true);
  });
});

describe('column profiling', () => {
  it('recognises free text, identifiers and constants', () => {
    const n = 40;
    const text = Array.from(
      { length: n },
      (_, i) => `The parcel arrived late and the box was damaged, order ${i}`
    );
    expect(profileColumn('notes', text).kind).toBe('text');
    expect(
      profileColumn(
        'code',
        Array.from({ length: n }, (_, i) => `C-${i}`)
      ).kind
    ).toBe('identifier');
    expect(
      profileColumn(
        'row_id',
        Array.from({ length: n }, (_, i) => i + 1)
      ).kind
    ).toBe('identifier');
    // 1, 2, 3... in file order is a row number, whatever the column is called...
    expect(
      profileColumn(
        'score',
        Array.from({ length: n }, (_, i) => i + 1)
      ).kind
    ).toBe('identifier');
    // ...but a few distinct whole numbers out of order are values.
    expect(profileColumn('score', [5, 3, 9, 1, 7, 2, 8, 4, 6, 10]).kind).toBe('numeric');
    expect(profileColumn('country', Array(n).fill('NZ')).kind).toBe('constant');
    expect(
      profileColumn(
        'plan',
        Array.from({ length: n }, (_, i) => ['a', 'b', ''][i % 3])
      ).kind
    ).toBe('categorical');
  });
});

describe('encoder fitted on training rows only', () => {
  const customers = telcoCustomers();
  const raw = buildFeatureTable({ customers }, { label: 'Churn' }).raw;
  const tenure = raw.columns.find((c) => c.name === 'tenure')!;

  it('scaling, medians and bins come from the training rows: test rows change nothing', () => {
    const train = raw.ids.map((_, i) => i).filter((i) => i % 5 !== 0);
    const test = raw.ids.map((_, i) => i).filter((i) => i % 5 === 0);
    const a = fitEncoder(raw, train, { pleBins: 4 });
    // Wild values in the test rows only.
    const wild = { ...raw, columns: raw.columns.map((c) => (c === tenure ? { ...c, values: c.values.map((v, i) => (i % 5 === 0 ? 1e6 : v)) } : c)) }; // prettier-ignore
    const b = fitEncoder(wild, train, { pleBins: 4 });
    expect(b.specs).toEqual(a.specs);
    const spec = a.specs.find((s) => s.source === 'tenure')!;
    expect(spec.type === 'numeric' && spec.ple!.length).toBe(5);
    // ...while an encoder fitted on all rows does see them.
    const c = fitEncoder(wild, undefined, { pleBins: 4 });
    expect(c.specs).not.toEqual(a.specs);
    // Piecewise-linear columns: 0 below a bin, 1 above, in between inside; test rows encode
    // with the training edges (a huge tenure saturates every bin at 1).
    const X = encodeRows(b, wild, test.slice(0, 1));
    const cols = b.columns.flatMap((col, j) => (col.name.startsWith('tenure (bin') ? [j] : []));
    expect(cols).toHaveLength(4);
    expect(cols.map((j) => X[j])).toEqual([1, 1, 1, 1]);
  });
});

describe('columns that must not be inputs', () => {
  const n = 300;
  const cells = <T>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

  it('a running row number, unique whole-number ids, names and scattered text', () => {
    expect(
      profileColumn(
        'Row',
        cells((i) => i + 1)
      ).reason
    ).toMatch(/running row number/);
    expect(
      profileColumn(
        'Ref',
        cells((i) => 90_000 + ((i * 7919) % 100_000))
      ).kind
    ).toBe('identifier');
    expect(
      profileColumn(
        'Surname',
        cells((i) => `Name${i % 250}`)
      ).kind
    ).toBe('personal');
    expect(
      profileColumn(
        '姓名',
        cells((i) => `张${i}`)
      ).kind
    ).toBe('personal');
    const promo = profileColumn(
      'Promo',
      cells((i) => `P-${i % 120}`)
    );
    expect(promo.kind).toBe('text');
    expect(promo.reason).toMatch(/too many different values/);
    expect(
      profileColumn(
        'Street',
        cells((i) => `${i % 120} High St`)
      ).kind
    ).toBe('personal');
    // Unique amounts with decimals are measurements, not ids; a few categories stay.
    expect(
      profileColumn(
        'Salary',
        cells((i) => 1000 + i * 3.17)
      ).kind
    ).toBe('numeric');
    expect(
      profileColumn(
        'Geography',
        cells((i) => ['FR', 'DE', 'ES'][i % 3])
      ).kind
    ).toBe('categorical');
  });
});

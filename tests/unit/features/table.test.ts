import { describe, expect, it } from 'vitest';
import {
  buildFeatureTable,
  featureTableToCsv,
  rawRecord
} from '../../../src/lib/core/features/table';
import { encodeRecord } from '../../../src/lib/core/features/encode';
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
    expect(
      profileColumn(
        'score',
        Array.from({ length: n }, (_, i) => i + 1)
      ).kind
    ).toBe('numeric');
    expect(profileColumn('country', Array(n).fill('NZ')).kind).toBe('constant');
    expect(
      profileColumn(
        'plan',
        Array.from({ length: n }, (_, i) => ['a', 'b', ''][i % 3])
      ).kind
    ).toBe('categorical');
  });
});

// The data-quality report on real exports read through the app's import code.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/cli/files';
import { outliers, qualityReport } from '../../../src/lib/core/clean/quality';

const fx = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname;

describe('outliers', () => {
  it('robust z-score and Tukey fences on a known sample', () => {
    const xs = [...Array.from({ length: 99 }, (_, i) => i + 1), 1000];
    const o = outliers(xs, (i) => `r${i}`);
    expect(o.median).toBe(50.5);
    expect(o.mad).toBe(25);
    expect(o.q1).toBeCloseTo(25.75);
    expect(o.q3).toBeCloseTo(75.25);
    expect(o.iqr).toBe(1);
    expect(o.robustZ).toBe(1);
    expect(o.flagged[0]).toMatchObject({ id: 'r99', value: 1000 });
    expect(o.flagged[0].z).toBeCloseTo((0.6745 * (1000 - 50.5)) / 25, 6);
  });
  it('falls back to the mean absolute deviation when most values are equal', () => {
    const xs = [...Array(50).fill(1), 2, 40];
    const o = outliers(xs, (i) => String(i));
    expect(o.mad).toBe(0);
    expect(o.flagged[0].id).toBe('51');
  });
});

describe('qualityReport', () => {
  it('counts missing and invalid contact details, naming samples', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-quality-'));
    const file = join(dir, 'customers.csv');
    writeFileSync(
      file,
      'customer_id,name,email,phone,birth_date\n' +
        'c1,Wang Wei,wang@163.com,138 0013 8000,1985-03-07\n' +
        'c2,,n/a,12,someday\n' +
        'c3,Li Na,li@@x,+86 139 1234 5678,\n' +
        'c4,Zhou,,,07/03/1985\n'
    );
    const { inputs } = await readInputs({ customers: file });
    const r = qualityReport(inputs);
    const col = (c: string) => r.columns.find((x) => x.table === 'customers' && x.column === c)!;
    expect(col('name').missing).toBe(1);
    expect(col('email')).toMatchObject({ missing: 1, invalid: 2, invalidSample: ['n/a', 'li@@x'] });
    expect(col('phone')).toMatchObject({ missing: 1, invalid: 1, invalidSample: ['12'] });
    expect(col('birth_date')).toMatchObject({ missing: 1, invalid: 1, invalidSample: ['someday'] });
  });

  it('flags the most extreme order lines of the Online Retail sample first', async () => {
    const path = fx('csv/online-retail-sample.csv');
    const { inputs } = await readInputs({ orders: path });
    const r = qualityReport(inputs);
    const q = r.columns.find((c) => c.table === 'orders' && c.column === 'quantity')!;
    // Independently: the parsed quantities, their median, and the farthest from it.
    const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data; // prettier-ignore
    const qs = inputs.orders.map((o) => o.quantity);
    expect(qs.length).toBeLessThanOrEqual(rows.length);
    const sorted = [...qs].sort((a, b) => a - b);
    const m = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2; // prettier-ignore
    expect(q.outliers!.median).toBe(m);
    const far = Math.max(...qs.map((x) => Math.abs(x - m)));
    expect(Math.abs(q.outliers!.flagged[0].value - m)).toBe(far);
    expect(q.outliers!.robustZ).toBeGreaterThan(0);
    expect(q.outliers!.iqr).toBeGreaterThanOrEqual(q.outliers!.flagged.length > 0 ? 1 : 0);
    expect(r.tables.find((t) => t.table === 'orders')!.rows).toBe(qs.length);
  });
});

describe('rapport quality', () => {
  it('reports the two-channel fixture from the CLI, postcodes not treated as amounts', async () => {
    const { run } = await import('../../../src/cli/commands/quality');
    const out = (await run({
      customers: fx('identity/shop-customers.csv'),
      orders: fx('identity/orders.csv')
    })) as ReturnType<typeof qualityReport>;
    const postcode = out.columns.find((c) => c.column === 'postcode')!;
    expect(postcode.outliers).toBeUndefined();
    expect(out.columns.find((c) => c.column === 'amount')!.outliers!.iqr).toBeGreaterThan(0);
    expect(out.tables.find((t) => t.table === 'customers')!.rows).toBe(33);
  });
});

// Issue #8: no silent wrong results. Dates outside a plausible range, invalid bytes wherever they
// are, Windows-1252 exports, header-less files (CDNOW) and yes/no label columns.
import { describe, expect, it } from 'vitest';
import {
  guessEncoding,
  parseEncodingName,
  StreamDecoder
} from '../../../src/lib/core/ingest/encoding';
import { ImportError } from '../../../src/lib/core/ingest/errors';
import { parseDate } from '../../../src/lib/core/ingest/dates';
import { describeLabelColumn, labelColumnProblem } from '../../../src/lib/core/ingest/labelColumn';
import { readExport } from '../../../src/lib/core/ingest/memory';
import { previewBytes } from '../../../src/lib/core/ingest/preview';
import { chunked } from '../../../src/lib/core/ingest/streams';
import { rowErrorText } from '../../../src/lib/i18n/rowErrors';
import { dataset, fixture } from './helpers';

const utc = Date.UTC;
const enc = (s: string) => new TextEncoder().encode(s);

/** `n` order lines; line `at` (spreadsheet row at + 1) gets `bad` as its description. */
function orders(n: number, at: number, bad: Uint8Array, first = 'CUP'): Uint8Array {
  const parts: Uint8Array[] = [enc('InvoiceNo,Description,InvoiceDate,UnitPrice,CustomerID\n')];
  for (let i = 1; i <= n; i++) {
    const name = i === at ? bad : enc(i === 1 ? first : 'MUG');
    parts.push(enc(`${i},`), name, enc(`,2011-01-0${1 + (i % 9)},1.5,${1000 + (i % 50)}\n`));
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) out.set(p, (o += p.length) - p.length);
  return out;
}

const CAF_E = new Uint8Array([0x43, 0x41, 0x46, 0xc9, 0x20, 0x4d, 0x55, 0x47]); // "CAF\xC9 MUG"

describe('dates', () => {
  it('never invents a century: one- and two-digit years are not dates, year 1 stays year 1', () => {
    expect(parseDate('12/1/10 8:26')).toBeNull();
    expect(parseDate('1/2/3')).toBeNull();
    expect(parseDate('1 Dec 10')).toBeNull();
    expect(parseDate('0001-01-01')).toBe(new Date(0).setUTCFullYear(1, 0, 1));
    expect(new Date(parseDate('0001-01-01')!).getUTCFullYear()).toBe(1);
    expect(parseDate('9999-12-31')).toBe(utc(9999, 11, 31));
  });

  it('rejects rows dated before 1900 or more than 3 days after today, with the range', async () => {
    const now = utc(2026, 10, 30, 12);
    const text =
      'CustomerID,InvoiceDate,UnitPrice\n1,2026-12-03,1\n2,2026-12-04,1\n3,1900-01-01,1\n4,1899-12-31 23:59,1\n';
    const r = await readExport(chunked(enc(text)), { fileName: 'd.csv', kind: 'orders', now });
    expect(r.orders.map((o) => o.customerId)).toEqual(['1', '3']);
    expect(r.report.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'InvoiceDate',
        code: 'dateRange',
        params: { from: '1900-01-01', to: '2026-12-03' },
        value: '2026-12-04'
      }),
      expect.objectContaining({ row: 5, value: '1899-12-31 23:59' })
    ]);
  });

  it('an optional date out of range is ignored with a warning, the row kept', async () => {
    const text = 'CustomerID,Name,created_at\n1,Ann,9999-12-31\n2,Bob,2011-05-06\n';
    const r = await readExport(chunked(enc(text)), { fileName: 'c.csv', kind: 'customers' });
    expect(r.customers.map((c) => c.createdAt)).toEqual([undefined, utc(2011, 4, 6)]);
    expect(r.report.errors[0]).toMatchObject({
      row: 2,
      column: 'created_at',
      code: 'dateRange',
      kept: true
    });
    expect(rowErrorText('en', r.report.errors[0])).toMatch(
      /^date outside the plausible range .*\(value ignored, row kept\)$/
    );
  });
});

describe('invalid bytes: one rule wherever the byte is', () => {
  it('a UTF-8 file: the row holding the byte is rejected, at line 12 or at line 90,002', async () => {
    for (const [n, at] of [
      [20, 12],
      [100_000, 90_002]
    ]) {
      const bytes = orders(n, at, CAF_E, 'CAFÉ CUP'); // a valid é first: the file is UTF-8
      const r = await readExport(chunked(bytes, 65536), { fileName: 'u.csv', kind: 'orders' });
      expect(r.report.encoding).toBe('utf-8');
      expect(r.report.rowsRead).toBe(n);
      expect(r.report.rowsStored).toBe(n - 1);
      expect(r.report.errors).toEqual([
        expect.objectContaining({
          row: at + 1,
          column: 'Description',
          code: 'unreadable',
          params: { encoding: 'UTF-8' }
        })
      ]);
      expect(r.orders[0].productName).toBe('CAFÉ CUP');
      expect(JSON.stringify(r.orders)).not.toContain('\ufffd');
    }
  });

  it('a plain-ASCII file: the first non-ASCII byte decides, here Windows-1252, near or far', async () => {
    for (const [n, at] of [
      [20, 12],
      [100_000, 90_002]
    ]) {
      const r = await readExport(chunked(orders(n, at, CAF_E), 65536), {
        fileName: 'a.csv',
        kind: 'orders'
      });
      expect(r.report.encoding).toBe('windows-1252');
      expect(r.report.rowsStored).toBe(n);
      expect(r.orders[at - 1].productName).toBe('CAFÉ MUG');
    }
  });

  it('a late GB18030 byte run decides GB18030; a late UTF-8 character decides UTF-8', async () => {
    const gbk = new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd]); // 张三
    const r = await readExport(chunked(orders(5000, 4000, gbk), 4096), {
      fileName: 'g.csv',
      kind: 'orders'
    });
    expect([r.report.encoding, r.orders[3999].productName]).toEqual(['gb18030', '张三']);
    const u = await readExport(chunked(orders(5000, 4000, enc('Zoë')), 4096), {
      fileName: 'z.csv',
      kind: 'orders'
    });
    expect([u.report.encoding, u.orders[3999].productName]).toEqual(['utf-8', 'Zoë']);
  });

  it('the encoding the user picks is used as is; its invalid bytes reject rows', async () => {
    const latin = fixture('bad-csv/windows-1252.csv');
    const asUtf8 = await readExport(chunked(latin), {
      fileName: 'l.csv',
      kind: 'customers',
      encoding: 'utf-8'
    });
    expect(asUtf8.report.rowsStored).toBe(0);
    expect(asUtf8.report.errors.map((e) => e.row)).toEqual([2, 3]);
    const picked = await readExport(chunked(latin), {
      fileName: 'l.csv',
      kind: 'customers',
      encoding: parseEncodingName('Latin-1')!
    });
    expect(picked.customers.map((c) => c.name)).toEqual(['Café Müller', 'Zoë Brontë']);
  });

  it('StreamDecoder keeps a non-ASCII byte at a chunk end for the next chunk', () => {
    const d = new StreamDecoder(guessEncoding(enc('abc')));
    expect(d.decided).toBe(false);
    const bytes = enc('x,Zoë\n');
    let out = '';
    for (const b of bytes) out += d.decode(new Uint8Array([b]));
    out += d.end();
    expect([out, d.encoding, d.decided]).toEqual(['x,Zoë\n', 'utf-8', true]);
    expect(parseEncodingName('cp1252')).toBe('windows-1252');
    expect(parseEncodingName('GBK')).toBe('gb18030');
    expect(parseEncodingName('ebcdic')).toBeNull();
  });
});

describe('header-less files', () => {
  const sample = fixture('cdnow/CDNOW_sample.txt');

  it('the preview offers "first row is data"; the import refuses until the user chooses', async () => {
    const p = previewBytes(sample.subarray(0, 65536), { fileName: 'CDNOW_sample.txt' });
    expect([p.firstRowLooksLikeData, p.hasHeader]).toEqual([true, false]);
    expect(p.headers).toEqual(['column 1', 'column 2', 'column 3', 'column 4', 'column 5']);
    expect(p.rows[0]).toEqual(['00004', '0001', '19970101', '2', '29.33']);
    const err = await readExport(chunked(sample), {
      fileName: 'CDNOW_sample.txt',
      kind: 'orders'
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('headerLooksLikeData');
  });

  it('CDNOW_sample.txt with the user naming the columns: every purchase kept', async () => {
    const r = await readExport(chunked(sample), {
      fileName: 'CDNOW_sample.txt',
      kind: 'orders',
      hasHeader: false,
      columns: ['customer id', 'sample id', 'order date', 'quantity', 'amount']
    });
    expect(r.report.mapping).toEqual({
      customerId: 'customer id',
      ts: 'order date',
      quantity: 'quantity',
      amount: 'amount'
    });
    expect(r.report.rowsRead).toBe(6919);
    expect(r.report.errors).toEqual([]);
    expect(r.orders[0]).toMatchObject({
      customerId: '00004',
      ts: utc(1997, 0, 1),
      quantity: 2,
      unitPrice: 14.665
    });
  });

  it.skipIf(!dataset('cdnow/CDNOW_master.txt'))(
    'CDNOW_master.txt: --columns names its columns whether or not it has a header row',
    async () => {
      const master = dataset('cdnow/CDNOW_master.txt')!;
      const columns = ['customer_id', 'date', 'quantity', 'amount'];
      const r = await readExport(chunked(master, 1 << 20), {
        fileName: 'CDNOW_master.txt',
        kind: 'orders',
        columns
      });
      // This copy has a header row: it is recognised as one and replaced by the given names.
      expect([r.report.hasHeader, r.report.rowsRead, r.report.errors.length]).toEqual([
        true,
        69659,
        0
      ]);
      const headerless = master.subarray(master.indexOf(0x0a) + 1);
      const h = await readExport(chunked(headerless, 1 << 20), {
        fileName: 'CDNOW_master.txt',
        kind: 'orders',
        hasHeader: false,
        columns
      });
      expect([h.report.hasHeader, h.report.rowsRead, h.report.errors.length]).toEqual([
        false,
        69659,
        0
      ]);
      expect(h.orders).toEqual(r.orders);
    }
  );

  it('checks the user-given names', async () => {
    const text = '1,2,3\n4,5,6\n';
    for (const [columns, code] of [
      [['a', 'b', 'c', 'd'], 'columnCount'],
      [['a', 'a'], 'columnNameTwice']
    ] as const) {
      const err = await readExport(chunked(enc(text)), {
        fileName: 'n.csv',
        kind: 'customers',
        hasHeader: false,
        columns: [...columns]
      }).catch((e: unknown) => e);
      expect((err as ImportError).code).toBe(code);
    }
  });
});

describe('label columns', () => {
  it('names what is wrong: one value, values other than yes/no, nothing at all', () => {
    expect(describeLabelColumn('Exited', [0, 0, 0, null, ''])).toBe(
      'Exited has only one value, 0 (3 rows): a label needs both yes and no'
    );
    const maybe = ['Yes', 'No', ...Array(12).fill('Maybe'), 'unknown', 'No'];
    expect(describeLabelColumn('Churn', maybe)).toBe(
      'Churn has values other than yes/no: "Maybe" (12 rows), "unknown" (1 row)'
    );
    expect(describeLabelColumn('Churn', [null, ' '])).toBe('Churn is blank in every row');
    expect(describeLabelColumn('Churn', ['Yes', 'no', '是', '否', true, 0, ''])).toBeNull();
    expect(labelColumnProblem('Exited', ['1', '1'])).toEqual({
      kind: 'oneClass',
      column: 'Exited',
      value: '1',
      rows: 2
    });
    // The caller's own reading of yes/no (e.g. the churn code's) is honoured.
    expect(
      describeLabelColumn('y', ['a', 'b'], (v) => (v === 'a' ? 1 : v === 'b' ? 0 : null))
    ).toBeNull();
  });
});

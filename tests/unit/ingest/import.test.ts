import { describe, expect, it } from 'vitest';
import { importFile, previewBytes, runImport } from '../../../src/lib/core/ingest/index';
import { chunked } from '../../../src/lib/core/ingest/streams';
import type { Customer, EntityKind, OrderLine, Progress } from '../../../src/lib/core/types';
import type {
  NewInteraction,
  NewProduct,
  NewRelationship
} from '../../../src/lib/core/ingest/sink';
import { createMapper } from '../../../src/lib/core/ingest/mapper';
import { profileColumn } from '../../../src/lib/core/ingest/profile';
import { dataset, fakeBegin, fixture, lineSink } from './helpers';

/** Import with the preview's guessed kind and mapping, as the import screen would. */
async function importBytes(bytes: Uint8Array, name: string, kind?: EntityKind, chunk = 4096) {
  const p = previewBytes(bytes, kind);
  const { begin, sessions } = fakeBegin();
  const report = await importFile(
    chunked(bytes, chunk),
    { fileName: name, kind: p.kind!, channel: 'shop', mapping: p.mapping },
    begin
  );
  return { report, session: sessions[0], preview: p };
}

const utc = Date.UTC;

/** A sink that takes order lines column-wise (the storage's fast path) into `got`. */
function columnSink(got: unknown[][], onSettle = () => {}) {
  // The values of the line; the optional productKey (10th) is checked on its own.
  return lineSink((v) => void got.push(v.slice(0, 9)), onSettle);
}

describe('real exports', () => {
  it('Online Retail sample: 1,071 lines, 10 cancelled, 1 rejected without CustomerID', async () => {
    const { report, session, preview } = await importBytes(
      fixture('csv/online-retail-sample.csv'),
      'retail.csv'
    );
    expect(preview.kind).toBe('orders');
    expect(report.rowsRead).toBe(1071);
    expect(report.rowsStored).toBe(1070);
    expect(report.rowsRejected).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'retail.csv',
        row: 624,
        column: 'CustomerID',
        code: 'orderNoCustomer'
      })
    ]);
    const orders = session.rows.orders as OrderLine[];
    expect(orders.filter((o) => o.cancelled)).toHaveLength(10);
    expect(
      orders.filter((o) => o.cancelled).every((o) => o.orderId.startsWith('C') && o.quantity < 0)
    ).toBe(true);
    expect(orders[0]).toEqual({
      orderId: '536365',
      customerId: '17850',
      productId: '85123A',
      productName: 'WHITE HANGING HEART T-LIGHT HOLDER',
      quantity: 6,
      unitPrice: 2.55,
      ts: utc(2010, 11, 1, 8, 26),
      channel: 'shop',
      cancelled: false
    });
    // Quoted descriptions with commas and doubled quotes.
    expect(orders.some((o) => o.productName === 'AIRLINE LOUNGE,METAL SIGN')).toBe(true);
    expect(orders.some((o) => o.productName === 'RECORD FRAME 7" SINGLE SIZE')).toBe(true);
    expect(new Set(orders.map((o) => o.customerId)).size).toBe(50);
    expect(session.committed).toEqual({
      rowsRead: 1071,
      rowsStored: 1070,
      rowsRejected: 1,
      errorsSample: 1
    });
  });

  const checkTelco = (customers: Customer[]) => {
    const first = customers[0];
    expect(first.id).toBe('7590-VHVEG');
    expect(first.attributes).toMatchObject({
      gender: 'Female',
      SeniorCitizen: 0,
      Partner: 'Yes',
      tenure: 1,
      Contract: 'Month-to-month',
      MonthlyCharges: 29.85,
      TotalCharges: 29.85,
      Churn: 'No'
    });
    expect(Object.keys(first.attributes)).toHaveLength(20);
    const blank = customers.filter((c) => c.attributes.TotalCharges === null);
    expect(blank).toHaveLength(11);
    expect(blank.every((c) => c.attributes.tenure === 0)).toBe(true);
    expect(customers.every((c) => typeof c.attributes.MonthlyCharges === 'number')).toBe(true);
    expect(new Set(customers.map((c) => c.attributes.Churn))).toEqual(new Set(['Yes', 'No']));
  };

  it('Telco slice: typed attributes, blank TotalCharges as null without errors', async () => {
    const { report, session } = await importBytes(fixture('csv/telco-slice.csv'), 'telco.csv');
    expect(report.rowsStored).toBe(111);
    expect(report.errors).toEqual([]);
    checkTelco(session.rows.customers as Customer[]);
  });

  it.skipIf(!dataset('telco-churn/telco-customer-churn.csv'))(
    'full Telco: 7,043 customers',
    async () => {
      const { report, session } = await importBytes(
        dataset('telco-churn/telco-customer-churn.csv')!,
        'telco.csv',
        'customers',
        65536
      );
      expect(report.rowsRead).toBe(7043);
      expect(report.rowsStored).toBe(7043);
      expect(report.errors).toEqual([]);
      checkTelco(session.rows.customers as Customer[]);
      expect(
        (session.rows.customers as Customer[]).filter((c) => c.attributes.Churn === 'Yes')
      ).toHaveLength(1869);
    }
  );

  it('CDNOW master: whitespace separated, YYYYMMDD, unit price from the line total', async () => {
    const full = dataset('cdnow/CDNOW_master.txt');
    const bytes = full ?? fixture('csv/cdnow-master-head.txt');
    const { report, session, preview } = await importBytes(
      bytes,
      'CDNOW_master.txt',
      undefined,
      65536
    );
    expect(preview.delimiter).toBe(' ');
    expect(preview.mapping).toEqual({
      customerId: 'customer_id',
      ts: 'date',
      quantity: 'number_of_cds',
      amount: 'dollar_value'
    });
    expect(report.rowsRead).toBe(full ? 69659 : 300);
    expect(report.errors).toEqual([]);
    const orders = session.rows.orders as OrderLine[];
    expect(orders[0]).toMatchObject({
      customerId: '00001',
      ts: utc(1997, 0, 1),
      quantity: 1,
      unitPrice: 11.77
    });
    expect(orders[2]).toMatchObject({
      customerId: '00002',
      ts: utc(1997, 0, 12),
      quantity: 5,
      unitPrice: 15.4
    });
    expect(orders[2].orderId).toBe(orders[1].orderId); // same customer and day: one basket
    if (full) {
      const total = orders.reduce((s, o) => s + o.quantity * o.unitPrice, 0);
      expect(new Set(orders.map((o) => o.customerId)).size).toBe(23570);
      expect(Math.max(...orders.map((o) => o.ts))).toBe(utc(1998, 5, 30));
      expect(total).toBeGreaterThan(2_500_000);
    }
  });
});

describe('encodings and layouts', () => {
  it('GBK customer export with Chinese headers', async () => {
    const { report, session, preview } = await importBytes(
      fixture('csv/customers-gbk.csv'),
      '客户.csv',
      undefined,
      5
    );
    expect(preview.encoding).toBe('gb18030');
    expect(report.rowsStored).toBe(3);
    const [a, b, c] = session.rows.customers as Customer[];
    expect(a).toEqual({
      id: '1001',
      name: '张三',
      phone: '13800138000',
      city: '北京',
      createdAt: utc(2021, 2, 5),
      channel: 'shop',
      attributes: { 会员等级: '金卡', 累计消费: 1234.5 }
    });
    expect(b.attributes.累计消费).toBe(88);
    expect(c.phone).toBeUndefined();
    expect(c.createdAt).toBe(utc(2022, 0, 15));
  });

  it('UTF-16LE with BOM, tab separated, ISO dates with zones, booleans', async () => {
    const { report, session, preview } = await importBytes(
      fixture('csv/customers-utf16le-bom.csv'),
      'u16.csv',
      undefined,
      3
    );
    expect([preview.encoding, preview.delimiter]).toEqual(['utf-16le', '\t']);
    expect(report.rowsStored).toBe(2);
    const [a, b] = session.rows.customers as Customer[];
    expect(a).toMatchObject({
      id: 'A1',
      name: 'Ann Lee',
      email: 'ann@example.com',
      country: 'UK',
      createdAt: utc(2011, 0, 5, 10)
    });
    expect(b.createdAt).toBe(utc(2011, 1, 7, 0));
    expect([a.attributes.VIP, b.attributes.VIP]).toEqual([true, false]);
  });

  it('semicolons, decimal commas and day-first dates shown by the column', async () => {
    const { report, session } = await importBytes(
      fixture('csv/orders-semicolon-comma.csv'),
      'de.csv'
    );
    expect(report.errors).toEqual([]);
    const orders = session.rows.orders as OrderLine[];
    expect(orders.map((o) => o.unitPrice)).toEqual([12.5, 1234, 0.99]);
    expect(orders.map((o) => o.ts)).toEqual([utc(2011, 1, 1), utc(2011, 1, 13), utc(2011, 2, 2)]);
  });

  it('Chinese order headers with only a line total', async () => {
    const { session } = await importBytes(fixture('csv/orders-amount-only.csv'), 'zh.csv');
    const [a, b] = session.rows.orders as OrderLine[];
    expect(a).toMatchObject({
      orderId: 'D1',
      customerId: 'c9',
      quantity: 4,
      unitPrice: 25,
      ts: utc(2010, 11, 1, 8, 26)
    });
    expect(b).toMatchObject({ quantity: 0, unitPrice: 15.5 });
  });

  it('interactions, relationships and products', async () => {
    const i = await importBytes(fixture('csv/interactions.csv'), 'tickets.csv');
    const its = i.session.rows.interactions as NewInteraction[];
    expect(its.map((x) => x.kind)).toEqual(['email', 'chat']);
    expect(its[0].text).toBe('Where is my order? It was due Monday,\nstill nothing');
    expect(its[1].id).toMatch(/^[0-9a-z]+$/); // hashed id when the export has none
    // Row 4, not line 5: the quoted two-line message of row 2 is one spreadsheet row.
    expect(i.report.errors).toEqual([expect.objectContaining({ row: 4, column: 'customer_id' })]);

    const r = await importBytes(fixture('csv/relationships.csv'), 'refs.csv');
    const rel = r.session.rows.relationships as NewRelationship[];
    expect(rel[1]).toEqual({
      id: '13047->12583:follow',
      from: '13047',
      to: '12583',
      kind: 'follow',
      weight: 0.5,
      ts: utc(2011, 0, 2)
    });
    expect(r.report.rowsRejected).toBe(1);

    const p = await importBytes(fixture('csv/products.csv'), 'products.csv');
    const prods = p.session.rows.products as NewProduct[];
    expect(prods.map((x) => x.price)).toEqual([2.55, 3.39, -1.85]);
    expect(prods[0].attributes).toEqual({ Colour: 'white', 'In Stock': true });
  });
});

describe('streaming, batching, progress and cancellation', () => {
  const retail = fixture('csv/online-retail-sample.csv');
  const mapping = previewBytes(retail).mapping;
  const opts = { fileName: 'retail.csv', kind: 'orders' as const, channel: 'web', mapping };

  it('pushes batches of batchSize and reports progress up to the row count', async () => {
    const { begin, sessions } = fakeBegin();
    const seen: Progress[] = [];
    const report = await importFile(
      chunked(retail, 1000),
      { ...opts, batchSize: 100, onProgress: (p) => seen.push(p) },
      begin
    );
    expect(sessions[0].batches).toBe(11);
    expect(report.rowsStored).toBe(1070);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', done: 1071, total: 1071 });
    const dones = seen.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(seen.some((p) => p.phase === 'import')).toBe(true);
  });

  it('cancel mid-import: AbortError, session aborted, never committed', async () => {
    const ac = new AbortController();
    const { begin, sessions } = fakeBegin();
    const cancelling = async (o: Parameters<typeof begin>[0]) => {
      const s = await begin(o);
      const orders = s.orders;
      s.orders = async (rows) => {
        await orders(rows);
        ac.abort();
      };
      return s;
    };
    const err = await importFile(
      chunked(retail, 500),
      { ...opts, batchSize: 100, signal: ac.signal },
      cancelling
    ).catch((e: Error) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(sessions[0].batches).toBe(1);
    expect(sessions[0].committed).toBeNull();
    expect(sessions[0].aborted).toBe('cancelled');
  });

  it('a failing sink aborts the session and rethrows', async () => {
    const { begin, sessions } = fakeBegin();
    const failing = async (o: Parameters<typeof begin>[0]) => {
      const s = await begin(o);
      s.orders = async () => {
        throw new Error('QuotaExceededError');
      };
      return s;
    };
    await expect(importFile(chunked(retail), opts, failing)).rejects.toThrow('QuotaExceededError');
    expect(sessions[0].aborted).toBe('QuotaExceededError');
    expect(sessions[0].committed).toBeNull();
  });

  it('past the error cap, rows without a customer are still counted and later rows kept', async () => {
    // Orders take the column fast path (emitOrder): a rejected row past the 10,000-error cap
    // skips its other values, which must change neither the counts nor the rows kept.
    const lines = ['InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice'];
    for (let i = 0; i < 10_020; i++) lines.push(`A${i},,not a date,x,1`);
    lines.push('B1,7,2011-01-01 10:00,2,1.5');
    for (let i = 0; i < 5; i++) lines.push(`A${i},,2011-01-01 10:00,3,9`);
    lines.push('B2,7,2011-01-01 10:00,-1,2.5');
    lines.push('B3,8,not a date,1,1');
    lines.push('B4,8,2011-01-02,1,abc');
    const got: unknown[][] = [];
    const sink = columnSink(got);
    const report = await runImport(chunked(new TextEncoder().encode(lines.join('\n'))), {
      fileName: 'cap.csv',
      kind: 'orders',
      channel: 'pos',
      sink
    });
    expect(report.rowsRead).toBe(10_029);
    expect(report.rowsRejected).toBe(10_027);
    expect(report.rowsStored).toBe(2);
    expect(report.errors).toHaveLength(10_000);
    expect(new Set(report.errors.map((e) => e.code))).toEqual(
      new Set(['orderNoCustomer', 'dateInvalid', 'notANumber'])
    );
    const ts = Date.UTC(2011, 0, 1, 10);
    expect(got).toEqual([
      ['B1', '7', '', undefined, 2, 1.5, ts, 'pos', false],
      ['B2', '7', '', undefined, -1, 2.5, ts, 'pos', true]
    ]);
  });

  it('a large decoded block is split between settles with the same rows, errors and U+FFFD rejections', async () => {
    // runImport hands blocks over 256K characters to the reader in pieces (settling between
    // them, so storage writes progress); a U+FFFD in a later piece must still reject its row.
    const enc = new TextEncoder();
    const parts: Uint8Array[] = [enc.encode('InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Description\n')]; // prettier-ignore
    for (let i = 0; i < 40_000; i++) {
      const desc =
        i === 20_000 ? '"two\nlines"' : i % 17 === 0 ? `pièce ${i % 13} 中` : `item ${i % 13}`;
      parts.push(enc.encode(`A${i},${i % 97},2011-01-01 10:00,${(i % 5) + 1},1.5,${desc}`));
      if (i === 25_000 || i === 33_000) parts.push(Uint8Array.of(0x20, 0xff));
      parts.push(enc.encode(i % 7 === 0 ? '\r\n' : i % 11 === 0 ? '\r' : '\n'));
    }
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const run = async (size: number) => {
      const got: unknown[][] = [];
      let settles = 0;
      const sink = columnSink(got, () => void settles++);
      const report = await runImport(chunked(bytes, size), {
        fileName: 'big.csv',
        kind: 'orders',
        channel: 'pos',
        encoding: 'utf-8',
        profileRows: 1000,
        sink
      });
      return { report, got, settles };
    };
    const whole = await run(600_000);
    const small = await run(4096);
    // Blocks of 7 bytes: characters and line ends split between blocks, most blocks without a
    // line feed.
    const tiny = await run(7);
    expect(tiny.got).toEqual(whole.got);
    expect({ ...tiny.report, timings: 0 }).toEqual({ ...whole.report, timings: 0 });
    // 3 blocks of 600 KB, the last two in 3 pieces each: more settles than blocks.
    expect(whole.settles).toBeGreaterThan(6);
    expect(whole.got).toEqual(small.got);
    expect({ ...whole.report, timings: 0 }).toEqual({ ...small.report, timings: 0 });
    // A lone CR ends a row too (every 11th line, unless CRLF).
    expect(whole.report.rowsRead).toBe(40_000);
    expect(whole.report.errors.map((e) => [e.row, e.code])).toEqual([
      [25_002, 'unreadable'],
      [33_002, 'unreadable']
    ]);
    expect(whole.got[20_000]).toEqual(['A20000', '18', '', 'two\nlines', 1, 1.5, Date.UTC(2011, 0, 1, 10), 'pos', false]); // prettier-ignore
  });

  it('order lines read in place give what splitting and the field-wise mapper give', async () => {
    // runImport maps an unquoted order line straight from the text (RowMapper.line) and leaves
    // any line that needs more (a row error, trimming, an unusual number or date, quotes) to
    // split + the field-wise mapper. A sink without orderColumns takes only the latter path:
    // both must give the same lines and the same report, for every delimiter.
    let seed = 7;
    const pick = <T>(a: T[]): T => a[(seed = (seed * 16807) % 2147483647) % a.length];
    const order = ['C536365', '536365', '536366', '', ' 536367 ', 'c12', 'ORDÉ-1', '536368'];
    const customer = [
      '13290',
      '13290',
      '17850',
      '',
      ' 13290',
      '12345678901234',
      '客户一',
      '17850\t'
    ];
    const product = ['85123A', '85123A', '71053', '', 'LONGPRODUCTCODE123', ' 22', '84406B'];
    const name = ['WHITE HANGING HEART T-LIGHT HOLDER', 'WHITE HANGING HEART T-LIGHT HOLDER',
      'WHITE HANGING HEART T-LIGHT HOLDER ', 'WHITE METAL LANTERN', '', 'Café crème',
      'quoted, "with" comma', 'two\nlines']; // prettier-ignore
    const qty = ['6', '6', '-2', '0', '+3', '1.5', '', 'x', '1e3', '007', '.5', '5.', '1,000',
      '1.234', ' 4', '2,5']; // prettier-ignore
    const date = ['12/1/2010 8:26', '12/1/2010 8:26', '12/1/2010 8:28', '2011-01-02 10:00',
      '13/1/2010 8:26', '1/1/10 8:00', '1/1/1800 0:00', '', 'bad', '1/1/2099 0:00',
      ' 12/2/2010 9:00']; // prettier-ignore
    const price = ['2.55', '2.55', '0', '', '-1', '$3', '(4)', '1.234', '1234567890123456', '3,39'];
    const channel = ['web', 'web', '', ' pos', 'shop'];
    const run = async (d: string, withColumns: boolean) => {
      seed = 7;
      const q = (v: string) =>
        v.includes(d) || v.includes('"') || v.includes('\n') ? `"${v.replaceAll('"', '""')}"` : v;
      const lines = [['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Channel', 'Country'].join(d)]; // prettier-ignore
      for (let i = 0; i < 3000; i++) {
        const f = [order, product, name, qty, date, price, customer, channel].map((a) =>
          q(pick(a))
        );
        f.push(pick(['United Kingdom', 'France', '']));
        const shape = pick([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
        if (shape === 1) f.push('extra');
        if (shape === 2) f.pop();
        if (shape === 3) f.push('');
        lines.push(shape === 4 ? d.repeat(8) : f.join(d));
        if (i % 500 === 0) lines.push('');
      }
      const bytes = new TextEncoder().encode(lines.join(pick(['\n', '\r\n'])));
      const got: unknown[][] = [];
      const none = async () => {};
      const sink = withColumns
        ? columnSink(got)
        : {
            orders: async (rows: OrderLine[]) => {
              for (const o of rows)
                got.push([o.orderId, o.customerId, o.productId, o.productName, o.quantity, o.unitPrice, o.ts, o.channel, o.cancelled]); // prettier-ignore
            },
            customers: none,
            products: none,
            interactions: none,
            relationships: none
          };
      const mapping = { orderId: 'InvoiceNo', productId: 'StockCode', productName: 'Description',
        quantity: 'Quantity', ts: 'InvoiceDate', unitPrice: 'UnitPrice', customerId: 'CustomerID',
        channel: 'Channel' }; // prettier-ignore
      const report = await runImport(chunked(bytes, 1000), {
        fileName: 'mixed.csv',
        kind: 'orders',
        channel: 'shop',
        mapping,
        sink,
        profileRows: 50,
        now: Date.UTC(2026, 10, 30)
      });
      return { report: { ...report, timings: 0 }, got };
    };
    for (const d of [',', ';', '\t', '|']) {
      const fast = await run(d, true);
      const slow = await run(d, false);
      expect(fast.report.delimiter).toBe(d);
      expect(fast.got.length).toBeGreaterThan(300);
      expect(fast.report.errors.length).toBeGreaterThan(1000);
      expect(fast.got).toEqual(slow.got);
      expect(fast.report).toEqual(slow.report);
    }
  });

  it('RowMapper.line takes plain order lines and leaves the rest to the field-wise mapper', () => {
    const headers = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID']; // prettier-ignore
    const got: unknown[][] = [];
    let full = false;
    const mapper = createMapper({
      file: 'o.csv',
      kind: 'orders',
      channel: 'shop',
      headers,
      mapping: { orderId: 'InvoiceNo', productId: 'StockCode', productName: 'Description',
        quantity: 'Quantity', ts: 'InvoiceDate', unitPrice: 'UnitPrice', customerId: 'CustomerID' }, // prettier-ignore
      profiles: headers.map(() => profileColumn([])),
      errorsFull: () => full,
      now: Date.UTC(2026, 10, 30),
      emitOrder: (...v) => void got.push(v),
      delimiter: ','
    });
    const take = (l: string) => mapper.line!(`>${l}<`, 1, l.length + 1);
    expect(take('C536365,85123A,WHITE HEART,-6,12/1/2010 8:26,2.55,17850')).toBe(1);
    expect(take('536366,85123A,WHITE HEART,6,12/1/2010 8:26,2.55,17850')).toBe(1);
    // The 10th value names the product code (its interner index) for the sink's dictionary.
    expect(got).toEqual([
      ['C536365', '17850', '85123A', 'WHITE HEART', -6, 2.55, Date.UTC(2010, 11, 1, 8, 26), 'shop', true, 0],
      ['536366', '17850', '85123A', 'WHITE HEART', 6, 2.55, Date.UTC(2010, 11, 1, 8, 26), 'shop', false, 0]
    ]); // prettier-ignore
    for (const l of [
      '536366,85123A,WHITE HEART,6,12/1/2010 8:26,2.55,', // no customer: a row error
      '536366,85123A,WHITE HEART,6,12/1/2010 8:26,2.55,17850,', // a field too many
      '536366,85123A,WHITE HEART,6,12/1/2010 8:26,2.55', // a field short
      '536366,85123A,WHITE HEART , 6,12/1/2010 8:26,2.55,17850', // trim
      '536366,85123A,WHITE HEART,6,12/1/1810 8:26,2.55,17850', // implausible date
      '536366,85123A,WHITE HEART,6,12/1/2010 8:26,$2.55,17850', // not a plain decimal
      ',85123A,WHITE HEART,6,12/1/2010 8:26,2.55,17850' // no order id
    ])
      expect(take(l), l).toBe(-1);
    full = true; // past the error cap a row without a customer is only counted
    expect(take('536366,85123A,WHITE HEART,6,12/1/2010 8:26,2.55,')).toBe(0);
    expect(got).toHaveLength(2);
  });

  it('RowMapper.line names each product code by one key, and by none once its interner restarted', () => {
    const headers = ['InvoiceNo', 'StockCode', 'InvoiceDate', 'CustomerID'];
    const got: [string, number | undefined][] = [];
    const mapper = createMapper({
      file: 'o.csv',
      kind: 'orders',
      channel: 'shop',
      headers,
      mapping: { orderId: 'InvoiceNo', productId: 'StockCode', ts: 'InvoiceDate', customerId: 'CustomerID' }, // prettier-ignore
      profiles: headers.map(() => profileColumn([])),
      now: Date.UTC(2026, 10, 30),
      emitOrder: (_o, _c, productId, ...rest) => void got.push([productId, rest[6]]),
      delimiter: ',',
      internLimit: 4
    });
    // Products 0..3, then 0..3 again, then a fifth: the interner (4 codes) starts again there.
    const products = [0, 1, 2, 3, 2, 0, 3, 1, 4, 0, 1, 2];
    for (const p of products) {
      const l = `536365,P${p},12/1/2010 8:26,17850`;
      expect(mapper.line!(l, 0, l.length)).toBe(1);
    }
    expect(got.map(([p]) => p)).toEqual(products.map((p) => `P${p}`));
    const keyed = got.slice(0, 8);
    // Before the restart: a key per code, the same for equal codes, different for others.
    for (const [p, k] of keyed) {
      expect(k).toBeGreaterThanOrEqual(0);
      for (const [q, j] of keyed) expect(p === q).toBe(k === j);
    }
    // After it indices repeat for other codes: no key (the sink hashes the code itself).
    expect(got.slice(8).map(([, k]) => k)).toEqual([-1, -1, -1, -1]);
  });

  it('runImport without a mapping uses autoMap, and caps errors at 10,000', async () => {
    const lines = ['CustomerID,InvoiceDate,Quantity,UnitPrice'];
    for (let i = 0; i < 10_050; i++) lines.push(`${i},not a date,1,1`);
    lines.push('x,2011-01-01,1,1');
    const got: OrderLine[] = [];
    const sink = {
      orders: async (r: OrderLine[]) => void got.push(...r),
      customers: async () => {},
      products: async () => {},
      interactions: async () => {},
      relationships: async () => {}
    };
    const report = await runImport(chunked(new TextEncoder().encode(lines.join('\n'))), {
      fileName: 'e.csv',
      kind: 'orders',
      channel: 'pos',
      sink
    });
    expect(report.mapping).toEqual({
      customerId: 'CustomerID',
      ts: 'InvoiceDate',
      quantity: 'Quantity',
      unitPrice: 'UnitPrice'
    });
    expect(report.rowsRejected).toBe(10_050);
    expect(report.errors).toHaveLength(10_000);
    expect(report.errors[9_999].row).toBe(10_001);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ orderId: 'x@1293840000000', channel: 'pos' });
  });
});

// The import's byte path (WebAssembly line scanner + orderBytes) against the text path it
// replaces for plain order lines: the same rows, values, product keys and report on messy files.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runImport } from '../../../src/lib/core/ingest/index';
import { LineScan, REC, STRIDE } from '../../../src/lib/core/ingest/lineScan';
import { LINE_SCAN_WASM } from '../../../src/lib/core/ingest/lineScanWasm';
import { plainDecimalAt } from '../../../src/lib/core/ingest/numbers';
import { chunked } from '../../../src/lib/core/ingest/streams';
import { compileLineScan } from '../../../scripts/build-wasm.mjs';
import { fixture, lineSink } from './helpers';

afterEach(() => vi.restoreAllMocks());

const NOW = Date.UTC(2026, 10, 30);
const HEADERS = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Channel', 'Country']; // prettier-ignore
const MAPPING = { orderId: 'InvoiceNo', productId: 'StockCode', productName: 'Description',
  quantity: 'Quantity', ts: 'InvoiceDate', unitPrice: 'UnitPrice', customerId: 'CustomerID',
  channel: 'Channel' }; // prettier-ignore

/** A messy orders file: every value shape either path must agree on, mostly plain lines. */
function messyFile(d: string, lines: number, seed0: number, lineEnds: string[]): Uint8Array {
  let seed = seed0;
  const pick = <T>(a: T[]): T => a[(seed = (seed * 16807) % 2147483647) % a.length];
  const plain = <T>(rare: T[], common: T): T => (pick([0, 0, 0, 1]) ? pick(rare) : common);
  const order = ['C536365', '536366', '', ' 536367 ', 'c12', 'ORDÉ-1', 'A-9'];
  const customer = ['17850', '', ' 13290', '12345678901234', '客户一', '17850\t', '99'];
  const product = ['85123A', '71053', '', 'LONGPRODUCTCODE123', ' 22', '84406B', 'X'];
  const name = ['WHITE HANGING HEART T-LIGHT HOLDER', 'WHITE HANGING HEART T-LIGHT HOLDER ',
    'WHITE METAL LANTERN', '', 'Café crème', 'quoted, "with" comma', 'two\nlines', 'RED']; // prettier-ignore
  const qty = ['6', '-2', '0', '+3', '1.5', '', 'x', '1e3', '007', '.5', '5.', '1,000', '1.234',
    ' 4', '2,5', '-', '.', '-.5', '1234567890123456', '123456789012345']; // prettier-ignore
  const date = ['12/1/2010 8:26', '12/1/2010 8:28', '2011-01-02 10:00', '13/1/2010 8:26',
    '1/1/10 8:00', '1/1/1800 0:00', '', 'bad', '1/1/2099 0:00', ' 12/2/2010 9:00']; // prettier-ignore
  const price = ['2.55', '0', '', '-1', '$3', '(4)', '1.234', '3,39', '0.1', '99.999'];
  const channel = ['web', '', ' pos', 'shop'];
  // Quoted when it must be, and now and then when it need not be (the scanner reads a value
  // quoted whole; a quote elsewhere is the text reader's).
  const q = (v: string) =>
    v.includes(d) || v.includes('"') || v.includes('\n') || pick([0, 0, 0, 0, 0, 1])
      ? `"${v.replaceAll('"', '""')}"`
      : pick([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]) === 1
        ? `"${v}"x`
        : v;
  const parts = [HEADERS.join(d), '\n'];
  let ord = '536000';
  let cust = '17850';
  let ts = '12/1/2010 8:26';
  for (let i = 0; i < lines; i++) {
    // Runs of lines share an order, a customer and a time, as in real exports.
    if (pick([0, 0, 0, 1])) {
      ord = `${pick(['', '', '', 'C'])}${536000 + i}`; // cancellations come in runs too
      cust = pick(['17850', '13047', '12583', '']);
      ts = `12/${(i % 28) + 1}/2010 ${i % 24}:${String(i % 60).padStart(2, '0')}`;
    }
    const code = `${20000 + (i % 37)}`;
    const f = [
      plain(order, ord),
      plain(product, code),
      plain(name, `ITEM ${code}${i % 211 === 0 ? ' NEW' : ''}`),
      plain(qty, String((i % 12) + 1)),
      plain(date, ts),
      plain(price, `${i % 9}.${i % 100}`),
      plain(customer, cust),
      plain(channel, 'web')
    ].map(q);
    f.push(pick(['United Kingdom', 'France', '']));
    const shape = pick([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5]);
    if (shape === 1) f.push('extra');
    if (shape === 2) f.pop();
    if (shape === 3) f.push('');
    parts.push(shape === 4 ? d.repeat(8) : shape === 5 ? '' : f.join(d));
    parts.push(pick(lineEnds));
  }
  return new TextEncoder().encode(parts.join(''));
}

/** `bytes` in blocks of one reused buffer, scribbled over before the next (as blobBlocks). */
async function* reusedBlocks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  const buf = new Uint8Array(size);
  for (let i = 0; i < bytes.length; i += size) {
    const n = Math.min(size, bytes.length - i);
    buf.set(bytes.subarray(i, i + n));
    yield buf.subarray(0, n);
    buf.fill(0x22); // quotes: a block kept by reference would change every record after it
  }
}

async function importOrders(bytes: Uint8Array, chunk: number, withBytes: boolean, reuse = false) {
  if (!withBytes) vi.spyOn(LineScan, 'create').mockReturnValue(null);
  const scan = vi.spyOn(LineScan.prototype, 'scan');
  const got: unknown[][] = [];
  const keys = new Map<number, unknown>();
  let keyMismatch = 0;
  const report = await runImport(reuse ? reusedBlocks(bytes, chunk) : chunked(bytes, chunk), {
    fileName: 'messy.csv',
    kind: 'orders',
    channel: 'shop',
    mapping: MAPPING,
    profileRows: 50,
    now: NOW,
    sink: lineSink((v) => {
      got.push(v.slice(0, 9));
      // The product key names one product code for the whole import.
      const key = v[9] as number | undefined;
      if (key !== undefined && key >= 0) {
        if (keys.has(key) && keys.get(key) !== v[2]) keyMismatch++;
        keys.set(key, v[2]);
      }
    })
  });
  const scanned = scan.mock.results.reduce((a, r) => a + (r.value as number), 0);
  vi.restoreAllMocks();
  return { report: { ...report, timings: 0 }, got, scanned, keyMismatch };
}

describe('order lines read as bytes', () => {
  it('give the rows, values, keys and report of the text path, for every delimiter and block size', async () => {
    let cases = 0;
    for (const d of [',', ';', '\t', '|'])
      for (const [ends, chunk] of [
        [['\n'], 1 << 16],
        [['\r\n'], 4096],
        [['\n', '\n', '\n', '\r\n', '\r'], 997],
        [['\n'], 7]
      ] as const) {
        const bytes = messyFile(d, 4000, 11 + cases++, [...ends]);
        const fast = await importOrders(bytes, chunk, true);
        const slow = await importOrders(bytes, chunk, false);
        expect(slow.scanned).toBe(0);
        // The scanner must have read the plain lines after the first 64 KiB (read as text).
        expect(fast.scanned, `${JSON.stringify(d)} ${chunk}`).toBeGreaterThan(500);
        expect(fast.got.length).toBeGreaterThan(1500);
        expect(fast.report.errors.length).toBeGreaterThan(500);
        expect(fast.keyMismatch).toBe(0);
        expect(fast.got).toEqual(slow.got);
        expect(fast.report).toEqual(slow.report);
      }
  });

  it('past the error cap, in Windows-1252 and with bytes the encoding cannot read', async () => {
    // 12,000 lines without a customer fill the 10,000-error cap; then rejected rows are counted
    // without a message, which the byte path decides on its own.
    const lines = [HEADERS.join(',')];
    for (let i = 0; i < 12_000; i++)
      lines.push(`${i},P${i % 50},ITEM,1,12/1/2010 8:26,1.5,,web,UK`);
    for (let i = 0; i < 3000; i++) lines.push(`${i},P${i % 50},ITEM,1,12/1/2010 8:26,1.5,C${i % 7},web,UK`); // prettier-ignore
    const ascii = new TextEncoder().encode(lines.join('\n') + '\n');
    // A Windows-1252 "é" (0xE9) far down, and then an invalid UTF-8 file's lone 0xFF.
    const latin = Uint8Array.from([...ascii, ...new TextEncoder().encode('9,P1,CAF'), 0xe9, ...new TextEncoder().encode(',1,12/1/2010 8:26,1.5,C1,web,UK\n')]); // prettier-ignore
    const utf8 = new TextEncoder().encode('9,P1,CAFÉ,1,12/1/2010 8:26,1.5,C1,web,UK\n');
    const broken = Uint8Array.from([...ascii, ...utf8, ...new TextEncoder().encode('9,P1,CAF'), 0xff, ...new TextEncoder().encode(',1,12/1/2010 8:26,1.5,C1,web,UK\n')]); // prettier-ignore
    // "Méèl" alone passes for GB18030 (0xE9 0xE8 is a valid pair); the line after it says
    // Windows-1252, and the encoding is judged on both, as on the text path.
    const enc = (t: string) => new TextEncoder().encode(t);
    const line = (name: number[]) => [...enc('9,P1,'), ...name, ...enc(',1,12/1/2010 8:26,1.5,C1,web,UK\n')]; // prettier-ignore
    const muller = Uint8Array.from([...ascii, ...line([0x4d, 0xe9, 0xe8, 0x6c]), ...line([0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65])]); // prettier-ignore
    for (const bytes of [ascii, latin, broken, muller]) {
      const fast = await importOrders(bytes, 8192, true);
      const slow = await importOrders(bytes, 8192, false);
      expect(fast.scanned).toBeGreaterThan(4000);
      expect(fast.report.rowsRejected).toBeGreaterThanOrEqual(12_000);
      expect(fast.report.errors).toHaveLength(10_000);
      expect(fast.got).toEqual(slow.got);
      expect(fast.report).toEqual(slow.report);
    }
    const latinRun = await importOrders(latin, 8192, true);
    expect(latinRun.report.encoding).toBe('windows-1252');
    expect(latinRun.got.at(-1)?.[3]).toBe('CAFé');
    const mullerRun = await importOrders(muller, 1 << 20, true);
    expect(mullerRun.report.encoding).toBe('windows-1252');
    expect(mullerRun.got.slice(-2).map((l) => l[3])).toEqual(['Méèl', 'café crème']);
  });

  it('read from one reused buffer (blobBlocks): the same rows and report, both paths', async () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    const messy = messyFile(',', 3000, 7, ['\n', '\r\n']);
    // Windows-1252 after 64 KiB of ASCII: the encoding is decided past the first blocks.
    const latin = Uint8Array.from([...messy, ...enc('9,P1,CAF'), 0xe9, ...enc(',1,12/1/2010 8:26,1.5,C1,web,UK\n')]); // prettier-ignore
    for (const bytes of [messy, latin])
      for (const size of [7, 4096, 1 << 16])
        for (const withBytes of [true, false]) {
          const fresh = await importOrders(bytes, size, withBytes);
          const reused = await importOrders(bytes, size, withBytes, true);
          expect(reused.got.length).toBeGreaterThan(1000);
          expect(reused.got).toEqual(fresh.got);
          expect(reused.report).toEqual(fresh.report);
        }
  });

  it('40,000 product codes: the product table starts afresh, with the same rows', async () => {
    // The table holds 32,768 products; past 28,672 it starts again (a new generation).
    const lines = [HEADERS.join(',')];
    for (let i = 0; i < 45_000; i++) {
      const code = `P${(i * 7919) % 40_000}`;
      const name = i % 5 === 0 ? `NAME ${code} v${i % 3}` : `NAME ${code}`;
      lines.push(`${5000 + (i >> 2)},${code},${name},${(i % 9) + 1},12/1/2010 8:26,1.25,C${i % 311},web,UK`); // prettier-ignore
    }
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const made: LineScan[] = [];
    const create = LineScan.create;
    vi.spyOn(LineScan, 'create').mockImplementation((setup) => {
      const sc = create(setup);
      if (sc) made.push(sc);
      return sc;
    });
    const fast = await importOrders(bytes, 1 << 16, true);
    // setupProducts made generation 1; each fresh start adds one.
    expect(made).toHaveLength(1);
    expect(made[0].generation()).toBeGreaterThan(1);
    const slow = await importOrders(bytes, 1 << 16, false);
    expect(fast.scanned).toBeGreaterThan(40_000);
    expect(fast.keyMismatch).toBe(0);
    expect(fast.got).toEqual(slow.got);
    expect(fast.report).toEqual(slow.report);
  });

  it('the Online Retail sample (CRLF): the same as the text path', async () => {
    const bytes = fixture('csv/online-retail-sample.csv');
    const mapping = { orderId: 'InvoiceNo', productId: 'StockCode', productName: 'Description',
      quantity: 'Quantity', ts: 'InvoiceDate', unitPrice: 'UnitPrice', customerId: 'CustomerID' }; // prettier-ignore
    const run = async (withBytes: boolean) => {
      if (!withBytes) vi.spyOn(LineScan, 'create').mockReturnValue(null);
      const scan = vi.spyOn(LineScan.prototype, 'scan');
      const got: unknown[][] = [];
      const report = await runImport(chunked(bytes, 4096), {
        fileName: 'retail.csv',
        kind: 'orders',
        channel: 'shop',
        mapping,
        profileRows: 100,
        now: NOW,
        // The values; product keys (interner indices) depend on which reader met a code first.
        sink: lineSink((v) => void got.push(v.slice(0, 9)))
      });
      const scanned = scan.mock.results.reduce((a, r) => a + (r.value as number), 0);
      vi.restoreAllMocks();
      return { report: { ...report, timings: 0 }, got, scanned };
    };
    const fast = await run(true);
    const slow = await run(false);
    expect(fast.report.rowsStored).toBe(1070);
    // The first 64 KiB (the encoding's sample: 770 lines) are read as text; the scanner reads
    // the other 300 lines (names quoted for their commas too).
    expect(fast.scanned).toBeGreaterThan(250);
    expect(fast.got).toEqual(slow.got);
    expect(fast.report).toEqual(slow.report);
  });
});

describe('the line scanner', () => {
  it('reads numbers exactly as plainDecimalAt does', () => {
    const values = ['0', '7', '-0', '+3', '007', '1.5', '-.5', '.5', '5.', '.', '-', '+', '',
      '1.2.3', '1e3', '12345678901234', '123456789012345', '1234567890123456', '0.000000000000001',
      '9007199254740993', '0.1', '0.3', '2.675', '-99.990', ' 1', '0.0000000000000000000001',
      '0.00000000000000000000001', '-0.000000000000000000000000000005', '1 ', '00000000000000000001']; // prettier-ignore
    for (let i = 0; i < 300; i++) values.push(`${(i * 7919) % 100000}.${(i * 104729) % 1000}`);
    const sc = LineScan.create({ nCols: 4, delimiter: ',', order: 0, customer: 1, product: -1,
      name: -1, quantity: 2, unitPrice: 3, ts: -1, channel: -1, commaQuantity: false,
      commaPrice: true })!; // prettier-ignore
    expect(sc).not.toBeNull();
    const text = values.map((v) => `o,c,${v},${v}\n`).join('');
    const region = sc.load(null, new TextEncoder().encode(text));
    const n = sc.scan(region.byteOffset, region.byteOffset + region.length);
    expect(n).toBe(values.length);
    values.forEach((v, j) => {
      const want = plainDecimalAt(v, 0, v.length);
      expect(Object.is(sc.nums[2 * j], want) || (isNaN(want) && isNaN(sc.nums[2 * j]))).toBe(true);
      // A decimal-comma column leaves "1.5" to parseNumber.
      const comma = v.includes('.') ? NaN : want;
      expect(Object.is(sc.nums[2 * j + 1], comma) || (isNaN(comma) && isNaN(sc.nums[2 * j + 1]))).toBe(true); // prettier-ignore
      // Ends that trim could change are left to the text path.
      expect(sc.rec[j * STRIDE + REC.ok]).toBe(v.trim() === v ? 1 : 0);
    });
  });

  it('hands a record it does not read on whole, quoted line breaks included', () => {
    const sc = LineScan.create({ nCols: 3, delimiter: ';', order: 0, customer: 1, product: -1,
      name: -1, quantity: -1, unitPrice: -1, ts: 2, channel: -1, commaQuantity: false,
      commaPrice: false })!; // prettier-ignore
    const text = 'a;b;c\r\na;b;c\na;"b\nb";c\nx;y;z\nx;é;z\n';
    const bytes = new TextEncoder().encode(text);
    const region = sc.load(bytes.subarray(0, 4), bytes.subarray(4));
    const base = region.byteOffset;
    /** Byte offset of s in text. */
    const at = (s: string) => new TextEncoder().encode(text.slice(0, text.indexOf(s))).length;
    expect(sc.scan(base, base + region.length)).toBe(5);
    const word = (j: number, w: number) => sc.rec[j * STRIDE + w];
    expect([0, 1, 2, 3, 4].map((j) => word(j, REC.ok))).toEqual([1, 1, 2, 1, 2]);
    // The second line equals the first in order, customer and time.
    expect(word(1, REC.same) & 7).toBe(7);
    // The quoted record spans two lines; it and the line with "é" go to the text reader whole.
    expect(word(2, 0) - base).toBe(at('a;"b'));
    expect(word(2, 1) + 1 - base).toBe(at('x;y'));
    expect(word(2, REC.same)).toBe(1); // all ASCII
    expect(word(4, REC.same)).toBe(0);
    expect(word(4, 1) + 1 - base).toBe(bytes.length);
    // A record that ends beyond the region is left to the caller.
    const open = sc.load(null, new TextEncoder().encode('a;b;c\na;"b\n'));
    expect(sc.scan(open.byteOffset, open.byteOffset + open.length)).toBe(1);
    expect(sc.stoppedAt() - open.byteOffset).toBe(6);
  });

  it('reads a value quoted whole as the text between its quotes, and no other quote', () => {
    const sc = LineScan.create({ nCols: 3, delimiter: ',', order: 0, customer: 1, product: -1,
      name: -1, quantity: -1, unitPrice: -1, ts: 2, channel: -1, commaQuantity: false,
      commaPrice: false })!; // prettier-ignore
    const lines = ['"a, 1",b,c', 'a,"",c', '"a","b","c d"', 'a,b,"c"\r', '"a""",b,c', 'a,"b"x,c',
      'a, "b",c', '"a,b,c"', 'a,"b,c', 'd,e"']; // prettier-ignore
    const text = lines.join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const region = sc.load(null, bytes);
    const base = region.byteOffset;
    expect(sc.scan(base, base + region.length)).toBe(lines.length - 1); // 'a,"b,c' takes 2 lines
    const word = (j: number, w: number) => sc.rec[j * STRIDE + w];
    const value = (j: number, w: number) => text.slice(word(j, w) - base, word(j, w + 1) - base);
    expect(lines.slice(0, 4).map((_, j) => word(j, REC.ok))).toEqual([1, 1, 1, 1]);
    expect([0, 1, 2, 3].map((j) => [value(j, REC.order), value(j, REC.customer), value(j, REC.ts)])).toEqual([
      ['a, 1', 'b', 'c'], ['a', '', 'c'], ['a', 'b', 'c d'], ['a', 'b', 'c']
    ]); // prettier-ignore
    // "" inside, text after the closing quote, a quote not at a value's start, a quoted line of
    // one value, an open quote (its record goes on to the next line): the text reader's.
    expect([4, 5, 6, 7, 8].map((j) => word(j, REC.ok))).toEqual([2, 2, 2, 2, 2]);
    expect(word(8, 1) + 1 - base).toBe(bytes.length);
  });

  it('is the module its source compiles to', () => {
    const built = Buffer.from(compileLineScan()).toString('base64');
    expect(LINE_SCAN_WASM).toBe(built);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import {
  ChunkBuilder,
  computeStats,
  decodeChunk,
  encodeChunks,
  expandChunk,
  storedChunk
} from '../../../src/lib/core/db';
import { Dict } from '../../../src/lib/core/db/chunks';
import { newDb } from './helpers';
import { retailLines, retailRows } from './retail';

describe('columnar chunks', () => {
  const lines = retailLines();

  it('round-trips Online Retail lines through chunks of 100', () => {
    const chunks = encodeChunks(lines, 7, 100);
    expect(chunks.length).toBe(Math.ceil(lines.length / 100));
    expect(chunks.every((c) => c.batchId === 7 && c.n <= 100)).toBe(true);
    // Whole quantities and small dictionaries: the narrow column types.
    expect(chunks[0].quantity).toBeInstanceOf(Int16Array);
    expect(chunks[0].quantity.length).toBe(100);
    expect(chunks[0].productIdx).toBeInstanceOf(Uint16Array);
    expect(chunks.at(-1)!.ts.length).toBe(chunks.at(-1)!.n);
    expect(chunks.flatMap(decodeChunk)).toEqual(lines);
  });

  it('codes a string named by a key (Dict.codeOf) as code() does, in each chunk afresh', () => {
    const d = new Dict();
    expect(d.codeOf('a', 5)).toBe(0);
    expect(d.codeOf('b', 9000)).toBe(1);
    expect(d.code('c')).toBe(2);
    expect([d.codeOf('a', 5), d.codeOf('b', 9000), d.codeOf('c', 7), d.code('a')]).toEqual([0, 1, 2, 0]); // prettier-ignore
    d.clear();
    // A new chunk: codes from 0 again, not the last chunk's.
    expect(d.codeOf('b', 9000)).toBe(0);
    expect(d.codeOf('a', 5)).toBe(1);
    expect(d.values).toEqual(['b', 'a']);
    // Keyed values are appended unhashed (one key, one string) and hashed at the first code():
    // 1,000 of them, past the table's growths, are all found again, none twice.
    d.clear();
    for (let k = 0; k < 1000; k++) expect(d.codeOf(`p${k}`, k)).toBe(k);
    expect(d.code('p999')).toBe(999);
    for (let k = 0; k < 1000; k++) expect(d.code(`p${k}`)).toBe(k);
    expect(d.codeOf('p1000', 1000)).toBe(1000);
    expect(d.code('p1000')).toBe(1000);
    expect(d.code('new')).toBe(1001);
    expect(d.values).toHaveLength(1002);
  });

  it('builds the same chunks with product keys as without', () => {
    const key = new Map<string, number>();
    const build = (keyed: boolean, shared = false) => {
      // With names shared by the batch, a key keeps its name's code from chunk to chunk.
      const names = shared ? new Dict('') : undefined;
      const b = new ChunkBuilder(100, names);
      const out = [];
      for (const o of lines) {
        if (!key.has(o.productId)) key.set(o.productId, key.size);
        b.add(o.orderId, o.customerId, o.productId, o.productName, o.quantity, o.unitPrice, o.ts, o.channel, o.cancelled, keyed ? key.get(o.productId) : -1); // prettier-ignore
        if (b.full) out.push(b.take(1));
      }
      if (b.length) out.push(b.take(1));
      return out;
    };
    const plain = build(false);
    expect(plain.length).toBeGreaterThan(5);
    expect(build(true)).toEqual(plain);
    const sharedPlain = build(false, true);
    expect(sharedPlain.every((c) => c.sharedNames && !c.productNameDict)).toBe(true);
    expect(build(true, true)).toEqual(sharedPlain);
  });

  it('builds the same chunks when lines of one order come as repeats (OrderColumns.repeat)', () => {
    const build = (repeats: boolean, size: number) => {
      const b = new ChunkBuilder(size);
      const out = [];
      let prev: (typeof lines)[number] | undefined;
      let repeated = 0;
      for (const o of lines) {
        const same = prev && prev.orderId === o.orderId && prev.customerId === o.customerId && prev.ts === o.ts && prev.channel === o.channel; // prettier-ignore
        if (repeats && same) {
          b.repeat(o.productId, o.productName, o.quantity, o.unitPrice, o.cancelled);
          repeated++;
        } else b.add(o.orderId, o.customerId, o.productId, o.productName, o.quantity, o.unitPrice, o.ts, o.channel, o.cancelled); // prettier-ignore
        prev = o;
        if (b.full) out.push(b.take(1));
      }
      if (b.length) out.push(b.take(1));
      return { out, repeated };
    };
    // Chunks of 7 and 100: repeats that start a chunk (its dictionaries empty) and that do not.
    for (const size of [7, 100]) {
      const plain = build(false, size).out;
      const { out, repeated } = build(true, size);
      expect(repeated).toBeGreaterThan(lines.length / 2);
      expect(out).toEqual(plain);
      expect(out.flatMap(decodeChunk)).toEqual(lines);
    }
  });

  it('dictionary-encodes strings once per chunk', () => {
    const [c] = encodeChunks(lines.slice(0, 7), 1);
    // Invoice 536365: 7 lines, one order, one customer, 7 products.
    expect(c.orderDict).toEqual(['536365']);
    expect(c.customerDict).toEqual(['17850']);
    expect(c.productDict.length).toBe(7);
    expect(Array.from(c.orderIdx)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps typed arrays typed through IndexedDB structured clone, compact on disk', async () => {
    const db = newDb('clone');
    const [c] = encodeChunks(lines.slice(0, 50), 1);
    const id = await db.orderChunks.add(storedChunk(c));
    const raw = (await db.orderChunks.get(id))!;
    // Timestamps and prices are stored as 16-bit codes into per-chunk dictionaries.
    expect(raw.ts).toBeUndefined();
    expect(raw.unitPrice).toBeUndefined();
    expect(raw.tsIdx).toBeInstanceOf(Uint16Array);
    expect(raw.tsDict!.length).toBeLessThan(10);
    expect(raw.priceIdx!.length).toBe(50);
    const back = expandChunk(raw);
    expect(back.orderIdx).toBeInstanceOf(Uint16Array);
    expect(back.quantity).toBeInstanceOf(Int16Array);
    expect(back.channelIdx).toBeInstanceOf(Uint8Array);
    expect(back.ts).toBeInstanceOf(Float64Array);
    expect(back.ts.buffer.byteLength).toBe(50 * 8);
    expect(decodeChunk(back)).toEqual(lines.slice(0, 50));
    // A chunk stored by an older version (plain columns) reads the same.
    const plain = encodeChunks(lines.slice(0, 50), 1)[0];
    delete plain.tsIdx;
    delete plain.tsDict;
    delete plain.priceIdx;
    delete plain.priceDict;
    const id2 = await db.orderChunks.add(plain);
    const old = expandChunk((await db.orderChunks.get(id2))!);
    expect(decodeChunk(old)).toEqual(lines.slice(0, 50));
    db.close();
  });

  it('stores distinct timestamps plainly, and large quantities as 32-bit integers', () => {
    const ls = lines.slice(0, 40).map((l, i) => ({ ...l, ts: l.ts + i * 1000, quantity: 40000 }));
    const [c] = encodeChunks(ls, 1);
    expect(c.tsIdx).toBeUndefined(); // 40 distinct values in 40 lines: codes would not save
    expect(c.priceIdx).toBeDefined();
    expect(c.quantity).toBeInstanceOf(Int32Array);
    expect(decodeChunk(expandChunk(storedChunk(c)))).toEqual(ls);
  });

  it('keeps fractional quantities (weights) as doubles, and product names per line', () => {
    const ls = lines.slice(0, 30).map((l, i) => ({
      ...l,
      quantity: i === 3 ? 0.75 : l.quantity,
      // One product sold under two names in the same chunk: each line keeps its own.
      productName: i === 5 ? 'RENAMED' : l.productName
    }));
    const [c] = encodeChunks(ls, 1);
    expect(c.quantity).toBeInstanceOf(Float64Array);
    expect(decodeChunk(c)).toEqual(ls);
    const again = ls.map((l) => ({ ...l, productId: ls[0].productId }));
    expect(decodeChunk(encodeChunks(again, 1)[0])).toEqual(again);
  });

  it('computes net spend: cancelled lines add nothing, returns subtract', () => {
    // 17897 both bought and returned (C536506) in the sample.
    const rows = retailRows().filter((r) => r.CustomerID === '17897');
    expect(rows.some((r) => Number(r.Quantity) < 0)).toBe(true);
    expect(rows.some((r) => Number(r.Quantity) > 0)).toBe(true);
    const ls = retailLines().filter((l) => l.customerId === '17897');
    const chunks = encodeChunks(ls, 1).map((c, i) => ({ ...c, id: i + 1 }));
    const s = computeStats(chunks).get('17897')!;
    let spent = 0;
    const orders = new Set<string>();
    for (const l of ls) {
      if (l.quantity < 0) spent += l.quantity * l.unitPrice;
      else if (!l.cancelled) {
        spent += l.quantity * l.unitPrice;
        orders.add(l.orderId);
      }
    }
    expect(s.lines).toBe(ls.length);
    expect(s.totalSpent).toBeCloseTo(spent, 9);
    expect(s.orders).toBe(orders.size);
    expect(s.firstTs).toBe(Math.min(...ls.map((l) => l.ts)));
    expect(s.lastTs).toBe(Math.max(...ls.map((l) => l.ts)));
    expect(spent).toBeLessThan(
      ls.filter((l) => l.quantity > 0).reduce((t, l) => t + l.quantity * l.unitPrice, 0)
    );
    expect(s.chunkIds).toEqual([1]);
  });
});

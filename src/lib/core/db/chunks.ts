// Column-wise encoding of order lines: OrderLine[] <-> OrderChunk (dictionary-encoded strings,
// typed arrays for numbers).
import type { OrderLine } from '../types';
import { ownCopy, regrow, sameText } from '../ingest/text';
import { CHUNK_SIZE, type Codes, type OrderChunk } from './rows';

/**
 * FNV-1a over the UTF-16 code units: hashing in JS, into an open-addressed Int32Array table, is
 * several times cheaper than Map.get with a freshly split string (V8 hashes it, then probes a
 * table whose keys are scattered objects): a product code per line was the import's largest
 * cost after splitting itself.
 */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Strings to dictionary codes 0, 1, 2... in order of first appearance. */
export class Dict {
  values: string[] = [];
  /** Open addressing, linear probing: code + 1 per slot (0: empty); at most half full. */
  private slots = new Int32Array(256);
  private hashes: number[] = [];
  // Lines of one order (and one customer, one channel) come in runs: comparing with the last
  // value skips hashing a freshly split string.
  private last: string | undefined;
  private lastCode = 0;
  constructor(first?: string) {
    if (first !== undefined) this.code(first);
  }
  code(s: string): number {
    if (s === this.last) return this.lastCode;
    if (this.keyedOnly) this.hashKeyed();
    const h = hashString(s);
    const slots = this.slots;
    const mask = slots.length - 1;
    let at = h & mask;
    let i: number;
    for (;;) {
      const k = slots[at];
      if (k === 0) {
        i = this.values.length;
        // A value split from a decoded text block may be a slice that keeps the whole block
        // (1 MB) alive; the dictionary outlives blocks, so it keeps a copy of its own.
        this.values.push(ownCopy(s, 0, s.length));
        this.hashes.push(h);
        slots[at] = i + 1;
        if (2 * (i + 1) > mask) this.grow();
        break;
      }
      if (this.hashes[k - 1] === h && this.values[k - 1] === s) {
        i = k - 1;
        break;
      }
      at = (at + 1) & mask;
    }
    this.last = s;
    this.lastCode = i;
    return i;
  }
  private grow(): void {
    this.slots = regrow(this.slots.length * 2, this.hashes);
  }

  // codeOf: per key (see OrderColumns.line's productKey), its code, valid while keyGen holds
  // this dictionary's current generation (clear() starts a new one).
  private keyCode = new Int32Array(0);
  private keyGen = new Int32Array(0);
  private gen = 1;
  /**
   * While every value came through codeOf (keyedOnly), a key new to this generation is a value
   * new to the dictionary (a key names one string, and one string has one key): it is appended
   * without hashing, and the table stays empty. The first code() of the generation hashes them
   * all into it. A chunk met each of a 1M-line import's ~3,500 products anew: 175,000 hashes.
   */
  private keyedOnly = true;

  private hashKeyed(): void {
    this.keyedOnly = false;
    if (this.values.length === 0) return;
    this.hashes = this.values.map(hashString);
    let size = this.slots.length;
    while (2 * this.values.length > size - 1) size *= 2;
    this.slots = regrow(size, this.hashes);
  }

  /**
   * code(s) for a string the caller names by `key` (≥ 0; the same key always comes with an equal
   * string): after the first time, an array look-up instead of hashing s again.
   */
  codeOf(s: string, key: number): number {
    if (key < this.keyGen.length && this.keyGen[key] === this.gen) return this.keyCode[key];
    let c: number;
    if (this.keyedOnly) {
      c = this.values.length;
      this.values.push(ownCopy(s, 0, s.length)); // see code()
    } else c = this.code(s);
    if (key >= this.keyGen.length) {
      // Doubling, from 4096: a kept table, so this happens a few times per import, not per chunk.
      let n = Math.max(4096, this.keyGen.length);
      while (n <= key) n *= 2;
      const code = new Int32Array(n);
      const gen = new Int32Array(n);
      code.set(this.keyCode);
      gen.set(this.keyGen);
      this.keyCode = code;
      this.keyGen = gen;
    }
    this.keyGen[key] = this.gen;
    this.keyCode[key] = c;
    return c;
  }

  /**
   * Empty again, keeping the grown table: a chunk builder clears its dictionaries for each
   * chunk, and in Chromium every new typed array cost ~0.3 ms (a fresh Int32Array per
   * dictionary per chunk, and again at each growth, was most of what taking a chunk cost).
   * `values` becomes a new array: the taken chunk keeps the old one.
   */
  clear(): void {
    this.values = [];
    this.hashes = [];
    this.slots.fill(0);
    this.last = undefined;
    this.lastCode = 0;
    this.gen++;
    this.keyedOnly = true;
  }
}

/** Numbers to dictionary codes (SameValueZero: -0 is stored as 0), open-addressed as Dict. */
class NumDict {
  values: number[] = [];
  private slots = new Int32Array(256);
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);
  private hash(v: number): number {
    this.f64[0] = v;
    const h = Math.imul(this.u32[0] ^ Math.imul(this.u32[1], 0x9e3779b1), 0x85ebca6b) ^ this.u32[1];
    return h ^ (h >>> 15);
  }
  code(v: number): number {
    if (v === 0) v = 0; // -0
    const slots = this.slots;
    const mask = slots.length - 1;
    let at = this.hash(v) & mask;
    for (;;) {
      const k = slots[at];
      if (k === 0) {
        const i = this.values.length;
        this.values.push(v);
        slots[at] = i + 1;
        if (2 * (i + 1) > mask) this.grow();
        return i;
      }
      const x = this.values[k - 1];
      if (x === v || (x !== x && v !== v)) return k - 1;
      at = (at + 1) & mask;
    }
  }
  /** Empty again, keeping the grown table (see Dict.clear). */
  clear(): void {
    this.values = [];
    this.slots.fill(0);
  }
  private grow(): void {
    this.slots = regrow(
      this.slots.length * 2,
      this.values.map((v) => this.hash(v))
    );
  }
}

/**
 * Per product code of a chunk, its last value and that value's dictionary code: a product nearly
 * always keeps its name and its price, and comparing with the last one is cheaper than hashing
 * a freshly split string (or a number) for the dictionary.
 */
class ByProduct {
  private readonly last: number[] = [];
  private readonly codes: number[] = [];
  code(product: number, v: number, dict: NumDict): number {
    if (this.last[product] === v) return this.codes[product];
    const c = dict.code(v);
    this.last[product] = v;
    this.codes[product] = c;
    return c;
  }
}

/**
 * The same for product names (strings). The import's line reader hands on one string object per
 * product name, so the usual match is by identity; others are compared with sameText.
 */
class NameByProduct {
  private readonly last: string[] = [];
  private readonly codes: number[] = [];
  code(product: number, v: string, dict: Dict): number {
    const prev = this.last[product];
    if (prev === v || (prev !== undefined && sameText(prev, v))) return this.codes[product];
    const c = dict.code(v);
    // The value as handed in (the next line's is likely the same object). A split value may be
    // a view into its decoded text block: kept only until the chunk is taken.
    this.last[product] = v;
    this.codes[product] = c;
    return c;
  }
}

// Storing a chunk costs Chromium's IndexedDB per byte: 25-60 ms per MB of typed arrays on this
// 2-core machine (measured 2026-11: 32 MB of random typed arrays in 0.75-2.1 s), competing with
// the importing worker for the CPU. Narrower columns cut the bytes per line from 43 to 31 (v3),
// then to 17: timestamps and unit prices as 16-bit codes into a per-chunk dictionary of doubles
// (lossless; a chunk has at most 20,000 distinct values, and invoice lines share timestamps and
// products their price), quantities as 16-bit integers when they fit.

type Column = Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float64Array;
type ColumnType =
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float64ArrayConstructor;

/**
 * Typed arrays of written chunks, given out again for the next chunks' columns. In Chromium a
 * new typed array of a chunk's length cost ~0.3-0.5 ms on this 2-core machine (measured
 * 2026-11-30: 600 slices of 20,000 elements 200-500 ms, copying into kept ones 2-4 ms), about
 * 15 per chunk. An array is put back only when nothing refers to it any more (its chunk was
 * stored and is not kept for the commit); every element is written before it is given out.
 */
export class ArrayPool {
  private readonly free = new Map<string, Column[]>();

  /** An array of `type` and length n, recycled when there is one. */
  get<C extends ColumnType>(type: C, n: number): InstanceType<C> {
    const a = this.free.get(type.name + n)?.pop();
    return (a ?? new type(n)) as InstanceType<C>;
  }

  /** The first n elements of `src` as an array of `type`. */
  copy<C extends ColumnType>(type: C, src: Column, n: number): InstanceType<C> {
    const a = this.get(type, n);
    a.set(src.subarray(0, n));
    return a;
  }

  /** Gives back every typed array of `chunk` (at most 64 of each kind and length are kept). */
  recycle(chunk: object): void {
    for (const v of Object.values(chunk)) {
      if (!ArrayBuffer.isView(v) || v instanceof DataView || v.byteLength === 0) continue;
      const a = v as Column;
      const key = a.constructor.name + a.length;
      const list = this.free.get(key) ?? [];
      if (list.length < 64) list.push(a);
      this.free.set(key, list);
    }
  }
}

/** A pool that keeps nothing: every array is new (ChunkBuilder without a pool). */
const NO_POOL = {
  get: <C extends ColumnType>(type: C, n: number) => new type(n) as InstanceType<C>,
  copy: <C extends ColumnType>(type: C, src: Column, n: number) =>
    new type(src.subarray(0, n)) as unknown as InstanceType<C>
};

type Pool = Pick<ArrayPool, 'get' | 'copy'>;

/** The first n codes of a column, as 16-bit integers when the dictionary allows. */
function codes(pool: Pool, col: Codes, n: number, dictSize: number): Codes {
  if (col instanceof Uint32Array && dictSize > 0x10000) return pool.copy(Uint32Array, col, n);
  return pool.copy(Uint16Array, col, n);
}

/** Quantities as 16- or 32-bit integers when they all are (nearly always), else doubles. */
function quantities(
  pool: Pool,
  col: Float64Array,
  n: number
): Float64Array | Int32Array | Int16Array {
  let small = true;
  for (let i = 0; i < n; i++) {
    const q = col[i];
    if ((q | 0) !== q || Object.is(q, -0)) return pool.copy(Float64Array, col, n);
    if (q < -32768 || q > 32767) small = false;
  }
  return small ? pool.copy(Int16Array, col, n) : pool.copy(Int32Array, col, n);
}

/**
 * A column of doubles for storage: 16-bit codes into a dictionary when that is smaller (fewer
 * distinct values than 3/4 of the lines), else the values themselves.
 */
function packed(
  pool: Pool,
  codes: Uint16Array,
  dict: NumDict,
  n: number
): { idx: Uint16Array; dict: Float64Array } | null {
  if (dict.values.length > 0x10000 || dict.values.length * 4 > n * 3) return null;
  return { idx: pool.copy(Uint16Array, codes, n), dict: Float64Array.from(dict.values) };
}

/**
 * A chunk as read from storage, with every column readable: a dictionary-coded timestamp or
 * price column is decoded into `ts` / `unitPrice`. Every read of a stored chunk goes through
 * this, every write through storedChunk.
 */
export function expandChunk<T extends OrderChunk | undefined>(c: T): T {
  if (!c) return c;
  if (c.tsIdx && c.tsDict && !c.ts) c.ts = decodeColumn(c.tsIdx, c.tsDict);
  if (c.priceIdx && c.priceDict && !c.unitPrice)
    c.unitPrice = decodeColumn(c.priceIdx, c.priceDict);
  return c;
}

/** The record to store: without the decoded columns that its dictionary codes stand for. */
export function storedChunk(c: OrderChunk): OrderChunk {
  if (!c.tsIdx && !c.priceIdx) return c;
  const out: Partial<OrderChunk> = { ...c };
  if (c.tsIdx) delete out.ts;
  if (c.priceIdx) delete out.unitPrice;
  return out as OrderChunk;
}

function decodeColumn(idx: Uint16Array, dict: Float64Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = dict[idx[i]];
  return out;
}

/**
 * Accumulates lines into one chunk's columns; `take` returns a record sized to the lines.
 * With `sharedNames` (an import session's), product names are coded in that dictionary, which
 * the session stores once per batch (ProductNames), and chunks carry only their indices: a
 * per-chunk copy of the same ~3,500 names was stored 50 times over in a 1M-line import.
 */
export class ChunkBuilder {
  private n = 0;
  private readonly orders = new Dict();
  private readonly customers = new Dict();
  private readonly products = new Dict();
  private names = new Dict('');
  private readonly channels = new Dict();
  private hasNames = false;
  private nameByProduct = new NameByProduct();
  /** Per product key, its last name and code in sharedNames (never reset: see add's name). */
  private readonly nameByKey = new NameByProduct();
  // A chunk has at most `capacity` distinct orders, customers and products: 16-bit codes from
  // the start when that is at most 65,536 (product names are shared by the batch: 32-bit).
  private orderIdx: Codes;
  private customerIdx: Codes;
  private productIdx: Codes;
  private nameIdx: Uint32Array;
  private channelIdx: Uint8Array;
  private quantity: Float64Array;
  private unitPrice: Float64Array;
  private ts: Float64Array;
  private cancelled: Uint8Array;
  private tsCodes: Uint16Array;
  private priceCodes: Uint16Array;
  private readonly tsDict = new NumDict();
  private readonly priceDict = new NumDict();
  private lastTs = NaN;
  private lastTsCode = 0;
  private priceByProduct = new ByProduct();
  /** The last line's values, for a repeat() that starts a chunk. */
  private readonly last = { orderId: '', customerId: '', channel: '', ts: NaN };

  constructor(
    readonly capacity = CHUNK_SIZE,
    private readonly sharedNames?: Dict,
    /** Also dictionary-code timestamps and prices when smaller (see storedChunk, expandChunk). */
    private readonly compact = true,
    /** Where take() gets its arrays (an import session's, fed with its written chunks). */
    private readonly pool: Pool = NO_POOL
  ) {
    if (sharedNames) this.names = sharedNames;
    const Col = capacity <= 0x10000 ? Uint16Array : Uint32Array;
    this.orderIdx = new Col(capacity);
    this.customerIdx = new Col(capacity);
    this.productIdx = new Col(capacity);
    this.nameIdx = new Uint32Array(capacity);
    this.channelIdx = new Uint8Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.unitPrice = new Float64Array(capacity);
    this.ts = new Float64Array(capacity);
    this.cancelled = new Uint8Array(capacity);
    this.tsCodes = new Uint16Array(capacity);
    this.priceCodes = new Uint16Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  get full(): boolean {
    return this.n >= this.capacity;
  }

  push(o: OrderLine): void {
    this.add(o.orderId, o.customerId, o.productId, o.productName, o.quantity, o.unitPrice, o.ts, o.channel, o.cancelled); // prettier-ignore
  }

  /** One line from its values (no OrderLine object: the import's fast path). */
  add(
    orderId: string,
    customerId: string,
    productId: string,
    name: string | undefined,
    quantity: number,
    unitPrice: number,
    ts: number,
    channel: string,
    cancelled: boolean,
    productKey = -1
  ): void {
    if (this.n >= this.capacity) throw new Error('ChunkBuilder is full');
    const i = this.n;
    const ch = this.channels.code(channel);
    if (ch > 255) throw new Error('More than 256 channels in one chunk');
    this.orderIdx[i] = this.orders.code(orderId);
    this.customerIdx[i] = this.customers.code(customerId);
    this.channelIdx[i] = ch;
    this.ts[i] = ts;
    // Dictionary codes: lines of one invoice share the timestamp, a product keeps its price.
    if (!(ts === this.lastTs)) {
      this.lastTs = ts;
      this.lastTsCode = this.tsDict.code(ts);
    }
    this.tsCodes[i] = this.lastTsCode;
    this.last.orderId = orderId;
    this.last.customerId = customerId;
    this.last.channel = channel;
    this.last.ts = ts;
    this.item(i, productId, name, quantity, unitPrice, cancelled, productKey);
  }

  /**
   * A line with the order, customer, timestamp and channel of the line added just before it
   * (OrderColumns.repeat): their codes are copied, not looked up.
   */
  repeat(
    productId: string,
    name: string | undefined,
    quantity: number,
    unitPrice: number,
    cancelled: boolean,
    productKey = -1
  ): void {
    const i = this.n;
    const l = this.last;
    // The first line of a chunk: its dictionaries start empty (and add throws when full).
    if (i === 0 || i >= this.capacity) {
      this.add(l.orderId, l.customerId, productId, name, quantity, unitPrice, l.ts, l.channel, cancelled, productKey); // prettier-ignore
      return;
    }
    this.orderIdx[i] = this.orderIdx[i - 1];
    this.customerIdx[i] = this.customerIdx[i - 1];
    this.channelIdx[i] = this.channelIdx[i - 1];
    this.ts[i] = this.ts[i - 1];
    this.tsCodes[i] = this.tsCodes[i - 1];
    this.item(i, productId, name, quantity, unitPrice, cancelled, productKey);
  }

  /** The rest of line i: its product, name, numbers and cancellation. */
  private item(
    i: number,
    productId: string,
    name: string | undefined,
    quantity: number,
    unitPrice: number,
    cancelled: boolean,
    productKey: number
  ): void {
    const pc =
      productKey >= 0 ? this.products.codeOf(productId, productKey) : this.products.code(productId);
    this.productIdx[i] = pc;
    if (name) {
      // Shared names keep their codes for the whole import: by key, not met anew in each chunk.
      this.nameIdx[i] =
        this.sharedNames && productKey >= 0
          ? this.nameByKey.code(productKey, name, this.names)
          : this.nameByProduct.code(pc, name, this.names);
      this.hasNames = true;
    }
    this.quantity[i] = quantity;
    this.unitPrice[i] = unitPrice;
    this.cancelled[i] = cancelled ? 1 : 0;
    this.priceCodes[i] = this.priceByProduct.code(pc, unitPrice, this.priceDict);
    this.n = i + 1;
  }

  /** The chunk record (typed arrays copied to exactly n elements), then the builder is reset. */
  take(batchId: number): OrderChunk {
    const n = this.n;
    const pool = this.pool;
    // Copies of exactly n elements, not subarrays: structured clone would otherwise store the
    // whole backing buffer.
    const chunk: OrderChunk = {
      batchId,
      n,
      orderIdx: codes(pool, this.orderIdx, n, this.orders.values.length),
      orderDict: this.orders.values,
      customerIdx: codes(pool, this.customerIdx, n, this.customers.values.length),
      customerDict: this.customers.values,
      productIdx: codes(pool, this.productIdx, n, this.products.values.length),
      productDict: this.products.values,
      channelIdx: pool.copy(Uint8Array, this.channelIdx, n),
      channelDict: this.channels.values,
      quantity: quantities(pool, this.quantity, n),
      unitPrice: pool.copy(Float64Array, this.unitPrice, n),
      ts: pool.copy(Float64Array, this.ts, n),
      cancelled: pool.copy(Uint8Array, this.cancelled, n),
      alive: pool.get(Uint8Array, n).fill(1)
    };
    if (this.compact) {
      const ts = packed(pool, this.tsCodes, this.tsDict, n);
      if (ts) {
        chunk.tsIdx = ts.idx;
        chunk.tsDict = ts.dict;
      }
      const price = packed(pool, this.priceCodes, this.priceDict, n);
      if (price) {
        chunk.priceIdx = price.idx;
        chunk.priceDict = price.dict;
      }
    }
    if (this.hasNames) {
      chunk.productNameIdx = codes(pool, this.nameIdx, n, this.names.values.length);
      if (this.sharedNames) chunk.sharedNames = true;
      else chunk.productNameDict = this.names.values;
    }
    this.reset();
    return chunk;
  }

  private reset(): void {
    this.n = 0;
    // Cleared, not made anew: the taken chunk keeps only their value arrays (see Dict.clear).
    this.orders.clear();
    this.customers.clear();
    this.products.clear();
    if (!this.sharedNames) this.names = new Dict('');
    this.channels.clear();
    this.hasNames = false;
    this.nameByProduct = new NameByProduct();
    this.nameIdx.fill(0);
    this.tsDict.clear();
    this.priceDict.clear();
    this.lastTs = NaN;
    this.priceByProduct = new ByProduct();
  }
}

/** Encode lines into chunks of at most `size` lines. */
export function encodeChunks(lines: OrderLine[], batchId: number, size = CHUNK_SIZE): OrderChunk[] {
  const out: OrderChunk[] = [];
  const b = new ChunkBuilder(size);
  for (const o of lines) {
    b.push(o);
    if (b.full) out.push(b.take(batchId));
  }
  if (b.length > 0) out.push(b.take(batchId));
  return out;
}

/** One row of a chunk as an OrderLine. */
export function lineAt(c: OrderChunk, r: number): OrderLine {
  const line: OrderLine = {
    orderId: c.orderDict[c.orderIdx[r]],
    customerId: c.customerDict[c.customerIdx[r]],
    productId: c.productDict[c.productIdx[r]],
    quantity: c.quantity[r],
    unitPrice: c.unitPrice[r],
    ts: c.ts[r],
    channel: c.channelDict[c.channelIdx[r]],
    cancelled: c.cancelled[r] === 1
  };
  const name = c.productNameIdx && c.productNameDict ? c.productNameDict[c.productNameIdx[r]] : '';
  if (name) line.productName = name;
  if (c.flags && c.flags[r]) line.flags = c.flags[r];
  return line;
}

/** Alive lines of a chunk, in row order. */
export function decodeChunk(c: OrderChunk): OrderLine[] {
  const out: OrderLine[] = [];
  for (let r = 0; r < c.n; r++) if (c.alive[r] === 1) out.push(lineAt(c, r));
  return out;
}

// Column-wise encoding of order lines: OrderLine[] <-> OrderChunk (dictionary-encoded strings,
// typed arrays for numbers).
import type { OrderLine } from '../types';
import { CHUNK_SIZE, type Codes, type OrderChunk } from './rows';

export class Dict {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  // Lines of one order (and one customer, one channel) come in runs: comparing with the last
  // value skips hashing a freshly split string, which was most of the cost of `code`.
  private last: string | undefined;
  private lastCode = 0;
  constructor(first?: string) {
    if (first !== undefined) this.code(first);
  }
  code(s: string): number {
    if (s === this.last) return this.lastCode;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      // A value split from a decoded text block may be a slice that keeps the whole block
      // (1 MB) alive; the dictionary outlives blocks, so it keeps a copy of its own.
      const own = s.length >= 13 ? (' ' + s).slice(1) : s;
      this.values.push(own);
      this.index.set(own, i);
    }
    this.last = s;
    this.lastCode = i;
    return i;
  }
}

// Storing a chunk costs Chromium's IndexedDB ~8 ms per MB of typed arrays on the writing thread
// (measured: 50 chunks of 0.9 MB, 0.38 s): narrower columns cut the bytes per line from 43 to 31.

/** The first n codes of a column, as 16-bit integers when the dictionary allows. */
function codes(col: Uint32Array, n: number, dictSize: number): Codes {
  return dictSize <= 0x10000 ? new Uint16Array(col.subarray(0, n)) : col.slice(0, n);
}

/** Quantities as 32-bit integers when they all are (they nearly always are), else doubles. */
function quantities(col: Float64Array, n: number): Float64Array | Int32Array {
  for (let i = 0; i < n; i++) {
    const q = col[i];
    if ((q | 0) !== q) return col.slice(0, n);
  }
  return new Int32Array(col.subarray(0, n));
}

/**
 * Accumulates lines into one chunk's columns; `take` returns a record sized to the lines.
 * With `sharedNames` (an import session's), product names are coded in that dictionary, which
 * the session stores once per batch (ProductNames), and chunks carry only their indices: a
 * per-chunk copy of the same ~3,500 names was stored 50 times over in a 1M-line import.
 */
export class ChunkBuilder {
  private n = 0;
  private orders = new Dict();
  private customers = new Dict();
  private products = new Dict();
  private names = new Dict('');
  private channels = new Dict();
  private hasNames = false;
  /** Per product code of this chunk: its last name and that name's code. */
  private nameOfProduct: (string | undefined)[] = [];
  private nameCodeOfProduct: number[] = [];
  private orderIdx: Uint32Array;
  private customerIdx: Uint32Array;
  private productIdx: Uint32Array;
  private nameIdx: Uint32Array;
  private channelIdx: Uint8Array;
  private quantity: Float64Array;
  private unitPrice: Float64Array;
  private ts: Float64Array;
  private cancelled: Uint8Array;

  constructor(
    readonly capacity = CHUNK_SIZE,
    private readonly sharedNames?: Dict
  ) {
    if (sharedNames) this.names = sharedNames;
    this.orderIdx = new Uint32Array(capacity);
    this.customerIdx = new Uint32Array(capacity);
    this.productIdx = new Uint32Array(capacity);
    this.nameIdx = new Uint32Array(capacity);
    this.channelIdx = new Uint8Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.unitPrice = new Float64Array(capacity);
    this.ts = new Float64Array(capacity);
    this.cancelled = new Uint8Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  get full(): boolean {
    return this.n >= this.capacity;
  }

  push(o: OrderLine): void {
    this.add(
      o.orderId,
      o.customerId,
      o.productId,
      o.productName,
      o.quantity,
      o.unitPrice,
      o.ts,
      o.channel,
      o.cancelled
    );
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
    cancelled: boolean
  ): void {
    if (this.n >= this.capacity) throw new Error('ChunkBuilder is full');
    const i = this.n;
    const ch = this.channels.code(channel);
    if (ch > 255) throw new Error('More than 256 channels in one chunk');
    this.orderIdx[i] = this.orders.code(orderId);
    this.customerIdx[i] = this.customers.code(customerId);
    const pc = this.products.code(productId);
    this.productIdx[i] = pc;
    if (name) {
      // A product nearly always carries the same name: comparing with its last one is cheaper
      // than hashing a freshly split string for the dictionary.
      if (this.nameOfProduct[pc] === name) this.nameIdx[i] = this.nameCodeOfProduct[pc];
      else {
        const code = this.names.code(name);
        this.nameIdx[i] = code;
        this.nameOfProduct[pc] = name;
        this.nameCodeOfProduct[pc] = code;
      }
      this.hasNames = true;
    }
    this.channelIdx[i] = ch;
    this.quantity[i] = quantity;
    this.unitPrice[i] = unitPrice;
    this.ts[i] = ts;
    this.cancelled[i] = cancelled ? 1 : 0;
    this.n = i + 1;
  }

  /** The chunk record (typed arrays copied to exactly n elements), then the builder is reset. */
  take(batchId: number): OrderChunk {
    const n = this.n;
    // slice, not subarray: structured clone would otherwise store the whole backing buffer.
    const chunk: OrderChunk = {
      batchId,
      n,
      orderIdx: codes(this.orderIdx, n, this.orders.values.length),
      orderDict: this.orders.values,
      customerIdx: codes(this.customerIdx, n, this.customers.values.length),
      customerDict: this.customers.values,
      productIdx: codes(this.productIdx, n, this.products.values.length),
      productDict: this.products.values,
      channelIdx: this.channelIdx.slice(0, n),
      channelDict: this.channels.values,
      quantity: quantities(this.quantity, n),
      unitPrice: this.unitPrice.slice(0, n),
      ts: this.ts.slice(0, n),
      cancelled: this.cancelled.slice(0, n),
      alive: new Uint8Array(n).fill(1)
    };
    if (this.hasNames) {
      chunk.productNameIdx = codes(this.nameIdx, n, this.names.values.length);
      if (this.sharedNames) chunk.sharedNames = true;
      else chunk.productNameDict = this.names.values;
    }
    this.reset();
    return chunk;
  }

  private reset(): void {
    this.n = 0;
    this.orders = new Dict();
    this.customers = new Dict();
    this.products = new Dict();
    if (!this.sharedNames) this.names = new Dict('');
    this.channels = new Dict();
    this.hasNames = false;
    this.nameOfProduct = [];
    this.nameCodeOfProduct = [];
    this.nameIdx.fill(0);
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
  return line;
}

/** Alive lines of a chunk, in row order. */
export function decodeChunk(c: OrderChunk): OrderLine[] {
  const out: OrderLine[] = [];
  for (let r = 0; r < c.n; r++) if (c.alive[r] === 1) out.push(lineAt(c, r));
  return out;
}

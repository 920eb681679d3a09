// Column-wise encoding of order lines: OrderLine[] <-> OrderChunk (dictionary-encoded strings,
// typed arrays for numbers).
import type { OrderLine } from '../types';
import { CHUNK_SIZE, type OrderChunk } from './rows';

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
      this.values.push(s);
      this.index.set(s, i);
    }
    this.last = s;
    this.lastCode = i;
    return i;
  }
}

/**
 * Accumulates lines into one chunk's columns; `take` returns a record sized to the lines.
 * With `sharedNames` (an import session's), product names are coded in that dictionary, which
 * the session stores once per batch (ProductNames), and chunks carry only their indices: a
 * per-chunk copy of ~3,500 names cost a quarter of a 1M-line import in IndexedDB cloning.
 */
export class ChunkBuilder {
  private n = 0;
  private orders = new Dict();
  private customers = new Dict();
  private products = new Dict();
  private names = new Dict('');
  private channels = new Dict();
  private hasNames = false;
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
    if (this.n >= this.capacity) throw new Error('ChunkBuilder is full');
    const i = this.n;
    const ch = this.channels.code(o.channel);
    if (ch > 255) throw new Error('More than 256 channels in one chunk');
    this.orderIdx[i] = this.orders.code(o.orderId);
    this.customerIdx[i] = this.customers.code(o.customerId);
    this.productIdx[i] = this.products.code(o.productId);
    if (o.productName) {
      this.nameIdx[i] = this.names.code(o.productName);
      this.hasNames = true;
    }
    this.channelIdx[i] = ch;
    this.quantity[i] = o.quantity;
    this.unitPrice[i] = o.unitPrice;
    this.ts[i] = o.ts;
    this.cancelled[i] = o.cancelled ? 1 : 0;
    this.n = i + 1;
  }

  /** The chunk record (typed arrays copied to exactly n elements), then the builder is reset. */
  take(batchId: number): OrderChunk {
    const n = this.n;
    // slice, not subarray: structured clone would otherwise store the whole backing buffer.
    const chunk: OrderChunk = {
      batchId,
      n,
      orderIdx: this.orderIdx.slice(0, n),
      orderDict: this.orders.values,
      customerIdx: this.customerIdx.slice(0, n),
      customerDict: this.customers.values,
      productIdx: this.productIdx.slice(0, n),
      productDict: this.products.values,
      channelIdx: this.channelIdx.slice(0, n),
      channelDict: this.channels.values,
      quantity: this.quantity.slice(0, n),
      unitPrice: this.unitPrice.slice(0, n),
      ts: this.ts.slice(0, n),
      cancelled: this.cancelled.slice(0, n),
      alive: new Uint8Array(n).fill(1)
    };
    if (this.hasNames) {
      chunk.productNameIdx = this.nameIdx.slice(0, n);
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

// The WebAssembly line scanner (wasm/lineScan.ts): plain order lines split and pre-read on bytes,
// so that the import makes strings only for values that change. Used by runImport through
// RowMapper.lineBytes; where WebAssembly is missing the import reads text as before.
import { LINE_SCAN_WASM } from './lineScanWasm';
import { asciiAt } from './text';

/** Words per line record (wasm/lineScan.ts STRIDE): the offsets below index into it. */
export const STRIDE = 23;
export const REC = {
  /** 1 plain, 0 plain but RowMapper.line would not take it, 2 a record for the text reader. */
  ok: 2,
  /**
   * Bits: the order (1), customer (2), timestamp (4), channel (8) equal the line before's; for a
   * record for the text reader, 1 when it is all ASCII.
   */
  same: 3,
  order: 4,
  customer: 6,
  product: 8,
  name: 10,
  ts: 12,
  channel: 14,
  /** The product's entry in the scanner's product table (-1: no product code). */
  productEntry: 16,
  /** Index of the value in LineScan.values() (-1: as the line before, or empty). */
  orderValue: 17,
  customerValue: 18,
  tsValue: 19,
  channelValue: 20,
  /** A new entry's product code, and a name unlike the product's last, in values() (-1: not). */
  productValue: 21,
  nameValue: 22
} as const;

/** Lines per scan call. */
const MAX_SCAN = 4096;
/** Bytes of changed values one scan may collect (a longer line is read as text). */
const VALUES_CAP = 1 << 18;
// The scanner's product table: slots (a power of two, at least twice the entries), entries and
// the arena keeping codes and names (see wasm/lineScan.ts).
const PRODUCT_SLOTS = 1 << 16;
const PRODUCT_ENTRIES = 1 << 15;
const ARENA = 2 << 20;
/** Columns the scanner's scratch holds; wider files read text. */
export const MAX_COLUMNS = 4096;

interface Exports {
  memory: WebAssembly.Memory;
  setup(...a: number[]): void;
  // prettier-ignore
  scan(from: number, to: number, out: number, nums: number, fields: number, max: number, vals: number, cap: number): number;
  valuesLength(): number;
  stoppedAt(): number;
  heapBase(): number;
  setupProducts(slots: number, n: number, entries: number, max: number, arena: number, cap: number): void; // prettier-ignore
  generation(): number;
  forgetProducts(): void;
}

let compiled: WebAssembly.Module | null | undefined;

function module(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bin = atob(LINE_SCAN_WASM);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null; // no WebAssembly (or a policy forbids it): the text path reads every line
  }
  return compiled;
}

/** Which columns the scanner reads (-1: not mapped) and how. */
export interface LineScanSetup {
  nCols: number;
  delimiter: string;
  order: number;
  customer: number;
  product: number;
  name: number;
  quantity: number;
  unitPrice: number;
  ts: number;
  channel: number;
  commaQuantity: boolean;
  commaPrice: boolean;
}

export class LineScan {
  /** The region's bytes, then per line STRIDE words (rec) and two doubles (nums). */
  mem!: Uint8Array;
  rec!: Int32Array;
  nums!: Float64Array;
  private readonly x: Exports;
  private readonly out: number;
  private readonly numsAt: number;
  private readonly fields: number;
  private readonly vals: number;
  private readonly input: number;

  private constructor(instance: WebAssembly.Instance, s: LineScanSetup) {
    this.x = instance.exports as unknown as Exports;
    const base = (this.x.heapBase() + 15) & ~15;
    this.fields = base;
    this.out = base + s.nCols * 8;
    this.numsAt = this.out + MAX_SCAN * STRIDE * 4;
    this.vals = this.numsAt + MAX_SCAN * 16;
    const slots = this.vals + VALUES_CAP;
    const entries = slots + PRODUCT_SLOTS * 4;
    const arena = entries + PRODUCT_ENTRIES * 20;
    this.input = arena + ARENA;
    // prettier-ignore
    this.x.setup(s.nCols, s.delimiter.charCodeAt(0), s.order, s.customer, s.product, s.name,
      s.quantity, s.unitPrice, s.ts, s.channel, s.commaQuantity ? 1 : 0, s.commaPrice ? 1 : 0);
    this.reserve(1 << 16);
    this.x.setupProducts(slots, PRODUCT_SLOTS, entries, PRODUCT_ENTRIES, arena, ARENA);
  }

  /**
   * Starts the product table afresh; call it when the last scan's lines are not all taken in
   * order (their entries and names are then handed on anew).
   */
  forget(): void {
    this.x.forgetProducts();
  }

  /** Changes when the product table starts afresh (its entries are then handed on anew). */
  generation(): number {
    return this.x.generation();
  }

  /** A scanner for one file, or null where WebAssembly is not available or the file too wide. */
  static create(s: LineScanSetup): LineScan | null {
    const m = s.nCols <= MAX_COLUMNS && s.delimiter.length === 1 ? module() : null;
    if (!m) return null;
    try {
      return new LineScan(new WebAssembly.Instance(m, {}), s);
    } catch {
      return null;
    }
  }

  private views(): void {
    const buf = this.x.memory.buffer;
    this.mem = new Uint8Array(buf);
    this.rec = new Int32Array(buf, this.out, MAX_SCAN * STRIDE);
    this.nums = new Float64Array(buf, this.numsAt, MAX_SCAN * 2);
  }

  /** Memory for n input bytes; the views are made anew when it grows. */
  private reserve(n: number): void {
    const need = this.input + n + 8 - this.x.memory.buffer.byteLength;
    if (need > 0) this.x.memory.grow(Math.ceil(need / 65536));
    if (need > 0 || !this.mem) this.views();
  }

  /** Copies `head` (if any) and `bytes` in, one after the other; returns them as a view of mem. */
  load(head: Uint8Array | null, bytes: Uint8Array): Uint8Array {
    const n = (head?.length ?? 0) + bytes.length;
    this.reserve(n);
    if (head) this.mem.set(head, this.input);
    this.mem.set(bytes, this.input + (head?.length ?? 0));
    return this.mem.subarray(this.input, this.input + n);
  }

  /**
   * Reads plain lines of mem[from, to) (to: just after a line feed); returns how many, each one
   * record. stoppedAt() then says where the next unread line starts.
   */
  scan(from: number, to: number): number {
    return this.x.scan(from, to, this.out, this.numsAt, this.fields, MAX_SCAN, this.vals, VALUES_CAP); // prettier-ignore
  }

  /** The last scan's changed values as strings (REC.*Value index them), made in one split. */
  values(): string[] {
    const n = this.x.valuesLength();
    // ASCII, a character per byte; in pieces, for fromCharCode.apply's limit on arguments.
    let s = '';
    for (let a = this.vals; a < this.vals + n; a += 8192)
      s += asciiAt(this.mem, a, Math.min(a + 8192, this.vals + n));
    return s.split('\n');
  }

  stoppedAt(): number {
    return this.x.stoppedAt();
  }
}

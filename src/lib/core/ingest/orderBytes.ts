// RowMapper.lineBytes for orders: RowMapper.line's work (mapper.ts orderLines) on a line the
// WebAssembly scanner (lineScan.ts) split and pre-read as bytes. The same rows are taken, with the
// same values, in the same order of checks: a line it returns -1 for goes through the text path.
import type { OrderColumns } from './sink';
import { MIN_PLAUSIBLE, parseDate } from './dates';
import { REC, STRIDE, type LineScanSetup } from './lineScan';
import { asciiAt, ownCopy, type Interner } from './text';

export interface OrderBytes {
  /** What the scanner reads of each line. */
  setup: LineScanSetup;
  /**
   * Line j of the last scan (`mem`, `rec`, `nums` its views, `vals` its values()): 1 emitted, 0
   * rejected (silently, past the error cap), -1 not taken (the text path maps it).
   */
  take(mem: Uint8Array, rec: Int32Array, nums: Float64Array, vals: string[], j: number): number;
}

/** Online Retail marks cancellations with invoice numbers like "C536379" (both order readers). */
export function cancelledInvoice(id: string): boolean {
  const c = id.charCodeAt(0) | 32; // 'C' or 'c'
  const d = id.charCodeAt(1);
  return c === 99 && d >= 48 && d <= 57;
}

export function orderBytes(
  setup: LineScanSetup,
  o: {
    dateOrder: Parameters<typeof parseDate>[1];
    channel: string;
    latest: number;
    errorsFull: () => boolean;
    emit: OrderColumns['line'];
    /** The sink's OrderColumns.repeat, when it has one. */
    repeat?: OrderColumns['repeat'];
    products: Interner;
  }
): OrderBytes {
  const { emit, repeat, latest, errorsFull, products, dateOrder } = o;
  const hasQty = setup.quantity >= 0;
  const hasPrice = setup.unitPrice >= 0;
  const hasName = setup.name >= 0;
  const hasChannel = setup.channel >= 0;
  // Each value is reused when the scanner says it equals the line before's and that line's
  // value is the one kept (its number in `seq`); otherwise it is read and compared as text.
  let seq = 0;
  let lastOrder = '';
  let orderAt = -2;
  let lastCustomer = '';
  let customerAt = -2;
  let lastTsRaw = '';
  let lastTs = 0;
  let tsAt = -2;
  let lastChannel = '';
  let channelAt = -2;
  /** The line last emitted, and whether its order id marks a cancellation. */
  let emittedAt = -2;
  let cancelledOrder = false;
  // Per entry of the scanner's product table: the product code as interned, its interner index
  // while the interner was never cleared (else -1), its last name. The scanner hands on both
  // strings the first time an entry is used, also after its table started afresh.
  const codes: string[] = [];
  const keys: number[] = [];
  const names: string[] = [];
  let noProductName: string | undefined;

  /**
   * The value at [a, b) of line `line`: its string in `vals` when it changed (index v), else
   * `last` when that is the line before's, else read from the bytes (after a line not taken).
   */
  const value = (
    mem: Uint8Array,
    vals: string[],
    v: number,
    a: number,
    b: number,
    last: string,
    lastAt: number,
    line: number
  ): string =>
    // prettier-ignore
    v >= 0 ? vals[v] : lastAt === line - 1 ? last : asciiAt(mem, a, b);

  const take: OrderBytes['take'] = (mem, rec, nums, vals, j) => {
    const line = ++seq;
    const r = j * STRIDE;
    if (rec[r + REC.ok] === 0) return -1; // an end that trim could change
    // The product table first, whatever becomes of the line: the scanner updated its own.
    const entry = rec[r + REC.productEntry];
    const cv = rec[r + REC.productValue];
    if (cv >= 0) {
      const code = vals[cv];
      codes[entry] = products.get(code, 0, code.length);
      keys[entry] = products.clears === 0 ? products.index : -1;
    }
    const nv = rec[r + REC.nameValue];
    if (nv >= 0) {
      // A copy of its own: a slice would keep the scan's whole values string alive.
      const name = ownCopy(vals[nv], 0, vals[nv].length);
      if (entry >= 0) names[entry] = name;
      else noProductName = name;
    }
    const key = entry >= 0 && products.clears === 0 ? keys[entry] : -1;
    const productId = entry >= 0 ? codes[entry] : '';
    const na = rec[r + REC.name];
    const name = hasName && na < rec[r + REC.name + 1] ? (entry >= 0 ? names[entry] : noProductName) : undefined; // prettier-ignore
    // Order, customer, timestamp and channel as on the line emitted just before (the scanner
    // compared their bytes): that line passed every check on them, and the sink copies them.
    if (repeat && (rec[r + REC.same] & 15) === 15 && emittedAt === line - 1) {
      const quantity = hasQty ? nums[2 * j] : 1;
      const unitPrice = hasPrice ? nums[2 * j + 1] : 0;
      tsAt = orderAt = customerAt = line;
      if (hasChannel && rec[r + REC.channel] < rec[r + REC.channel + 1]) channelAt = line;
      if (quantity !== quantity || unitPrice !== unitPrice) return -1;
      repeat(productId, name, quantity, unitPrice, cancelledOrder || quantity < 0, key);
      emittedAt = line;
      return 1;
    }
    const oa = rec[r + REC.order];
    const ob = rec[r + REC.order + 1];
    if (oa === ob) return -1; // no order id: one is made up (field-wise)
    if (rec[r + REC.customer] === rec[r + REC.customer + 1]) return errorsFull() ? 0 : -1;
    const ta = rec[r + REC.ts];
    const tb = rec[r + REC.ts + 1];
    if (ta === tb) return -1;
    let ts: number;
    const tv = rec[r + REC.tsValue];
    if (tv < 0 && tsAt === line - 1) ts = lastTs;
    else {
      const raw = tv >= 0 ? vals[tv] : asciiAt(mem, ta, tb);
      if (raw === lastTsRaw) ts = lastTs;
      else {
        const v = parseDate(raw, dateOrder);
        if (v === null || v < MIN_PLAUSIBLE || v > latest) return -1;
        lastTsRaw = raw;
        lastTs = ts = v;
      }
    }
    tsAt = line;
    const quantity = hasQty ? nums[2 * j] : 1;
    if (quantity !== quantity) return -1;
    const unitPrice = hasPrice ? nums[2 * j + 1] : 0;
    if (unitPrice !== unitPrice) return -1;
    const order = value(mem, vals, rec[r + REC.orderValue], oa, ob, lastOrder, orderAt, line);
    if (order !== lastOrder) lastOrder = order;
    orderAt = line;
    const ca = rec[r + REC.customer];
    const cb = rec[r + REC.customer + 1];
    const customer = value(mem, vals, rec[r + REC.customerValue], ca, cb, lastCustomer, customerAt, line); // prettier-ignore
    if (customer !== lastCustomer) lastCustomer = customer;
    customerAt = line;
    let channel = o.channel;
    const ha = rec[r + REC.channel];
    const hb = rec[r + REC.channel + 1];
    if (hasChannel && ha < hb) {
      const c = value(mem, vals, rec[r + REC.channelValue], ha, hb, lastChannel, channelAt, line);
      if (c !== lastChannel) lastChannel = c;
      channelAt = line;
      channel = lastChannel;
    }
    cancelledOrder = cancelledInvoice(lastOrder);
    // The interner's index names the code while the interner was never cleared (mapper.ts).
    emit(lastOrder, lastCustomer, productId, name, quantity, unitPrice, ts, channel, cancelledOrder || quantity < 0, key); // prettier-ignore
    emittedAt = line;
    return 1;
  };
  return { setup, take };
}

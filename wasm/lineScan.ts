// AssemblyScript (compiled by `npm run build:wasm` into src/lib/core/ingest/lineScanWasm.ts).
// The byte-level half of the import's order-line fast path (core/ingest/lineScan.ts): splits
// plain lines of an ASCII-compatible file into fields, checks what RowMapper.line checks before
// it reads a value (field count, ends that trim could change), reads plain decimals, compares
// the order, customer, timestamp and channel with the line before, and keeps a table of product
// codes with their last names. The import's JavaScript then makes strings only for values that
// changed: a loop over bytes costs 2-3 ns a byte in V8, this module ~0.15 us a whole line.

// Column indices (-1: not mapped), set by setup().
let nCols: i32 = 0;
let delim: i32 = 44;
let cOrder: i32 = -1;
let cCust: i32 = -1;
let cProd: i32 = -1;
let cName: i32 = -1;
let cQty: i32 = -1;
let cPrice: i32 = -1;
let cTs: i32 = -1;
let cChan: i32 = -1;
let commaQty: bool = false;
let commaPrice: bool = false;
/** Where scan() stopped: the start of the first line it did not take (or the region's end). */
let stop: i32 = 0;

/** Words per line record: see scan(). */
export const STRIDE: i32 = 23;

// prettier-ignore
export function setup(n: i32, d: i32, order: i32, cust: i32, prod: i32, name: i32, qty: i32,
  price: i32, ts: i32, chan: i32, commaQ: i32, commaP: i32): void {
  nCols = n; delim = d; cOrder = order; cCust = cust; cProd = prod; cName = name; cQty = qty;
  cPrice = price; cTs = ts; cChan = chan; commaQty = commaQ != 0; commaPrice = commaP != 0;
}

export function stoppedAt(): i32 {
  return stop;
}

const POW10: StaticArray<f64> = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22
];

/** numbers.ts plainDecimalAt over bytes [a, b): NaN unless digits, one dot, an optional sign. */
function plainDecimal(a: i32, b: i32, comma: bool): f64 {
  if (a >= b) return NaN;
  let i = a;
  const c0 = <i32>load<u8>(<usize>a);
  const signed = c0 == 43 || c0 == 45;
  if (signed) i++;
  const digitsFrom = i;
  let m: f64 = 0;
  let digits = 0;
  let frac = -1;
  for (; i < b; i++) {
    const c = <i32>load<u8>(<usize>i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 || c != 48) digits++;
      m = m * 10 + <f64>(c - 48);
      if (frac >= 0) frac++;
    } else if (c == 46 && frac < 0) {
      // In a decimal-comma column "1.234" is a thousand: parseNumber's business.
      if (comma) return NaN;
      frac = 0;
    } else return NaN;
  }
  if (digits > 15 || (frac <= 0 && i == digitsFrom)) return NaN;
  if (frac == 0 && b - digitsFrom == 1) return NaN;
  // Leading zeros are not counted as digits: "0.000…01" may have more than 22 decimals, where
  // plainDecimalAt's POW10[frac] is undefined and its value NaN.
  if (frac > 22) return NaN;
  const v = frac > 0 ? m / unchecked(POW10[frac]) : m;
  return signed && c0 == 45 ? -v : v;
}

function same(a: i32, b: i32, pa: i32, pb: i32): bool {
  const n = b - a;
  if (n != pb - pa) return false;
  for (let k = 0; k < n; k++)
    if (load<u8>(<usize>(a + k)) != load<u8>(<usize>(pa + k))) return false;
  return true;
}

/** Ends of a non-empty value that trim could remove (<= U+0020; no byte here is >= 0x80). */
function trimmable(a: i32, b: i32): bool {
  return a < b && (load<u8>(<usize>a) <= 32 || load<u8>(<usize>(b - 1)) <= 32);
}

// The product table: each distinct product code once (open addressing on its FNV-1a hash) with
// the last name seen for it, both kept in `arena`. An entry's index names the product to the
// caller, which keeps its strings; when the table or arena fills, scan() starts them afresh and
// generation() changes.
let slots: usize = 0;
let slotMask: i32 = 0;
let entries: usize = 0; // per entry 5 words: hash, code at, code length, name at, name length
let maxEntries: i32 = 0;
let nEntries: i32 = 0;
let arena: usize = 0;
let arenaCap: i32 = 0;
let arenaLen: i32 = 0;
let gen: i32 = 0;
/** The last name of lines without a product code (at, length; -1: none yet). */
let loneNameAt: i32 = 0;
let loneNameLen: i32 = -1;

// prettier-ignore
export function setupProducts(slotsAt: usize, slotCount: i32, entriesAt: usize, entryCount: i32,
  arenaAt: usize, arenaBytes: i32): void {
  slots = slotsAt; slotMask = slotCount - 1; entries = entriesAt; maxEntries = entryCount;
  arena = arenaAt; arenaCap = arenaBytes;
  resetProducts();
}

/** Starts the product table afresh: the caller did not read the last scan's lines to its end. */
export function forgetProducts(): void {
  resetProducts();
}

function resetProducts(): void {
  memory.fill(slots, 0, (<usize>(slotMask + 1)) << 2);
  nEntries = 0;
  arenaLen = 0;
  loneNameLen = -1;
  gen++;
}

export function generation(): i32 {
  return gen;
}

function keep(a: i32, b: i32): i32 {
  const at = arenaLen;
  memory.copy(arena + <usize>at, <usize>a, <usize>(b - a));
  arenaLen += b - a;
  return at;
}

function sameKept(a: i32, b: i32, at: i32, len: i32): bool {
  if (len != b - a) return false;
  return memory.compare(<usize>a, arena + <usize>at, <usize>len) == 0;
}

/** Appends bytes [a, b) and a line feed to `vals`; returns the value's index. */
function collect(vals: usize, a: i32, b: i32): i32 {
  memory.copy(vals + <usize>valsLen, <usize>a, <usize>(b - a));
  valsLen += b - a;
  store<u8>(vals + <usize>valsLen, 10);
  valsLen++;
  return valsCount++;
}

/** Bytes and values scan() wrote to `vals`. */
let valsLen: i32 = 0;
let valsCount: i32 = 0;
export function valuesLength(): i32 {
  return valsLen;
}

/** Where split() found the line feed (after a CR for CRLF). */
let lineLf: i32 = 0;

/**
 * Splits the line at p: field starts and ends into `fields`; returns where its text ends (before
 * CR LF or LF), or -1 when the line is not plain (a lone CR, a byte >= 0x80, another number of
 * fields than nCols, empty, a quote other than around a whole value) or ends beyond `to`. A value
 * quoted whole ("a, b": a quote at its start, the next quote just before the delimiter or line
 * end) is the text between the quotes, as the text reader reads it; "" inside, a line break
 * inside or text after the closing quote leave the line to the text reader. 16 bytes at a time:
 * a bit per byte that is a delimiter, a line end, a quote or >= 0x80 (WebAssembly SIMD), then one
 * step per such byte, about 10 a line instead of 80.
 */
function split(p: i32, to: i32, fields: usize): i32 {
  const vD = i8x16.splat(<i8>delim);
  const vLf = i8x16.splat(10);
  const vCr = i8x16.splat(13);
  const vQ = i8x16.splat(34);
  const zero = i8x16.splat(0);
  let f = 0;
  /** Where the current value starts, whether a quote opened it, where its closing quote is. */
  let start = p;
  let inQuotes = false;
  let closed = -1;
  store<i32>(fields, p);
  for (let i = p; i < to; i += 16) {
    let m: i32;
    if (i + 16 <= to) {
      const v = v128.load(<usize>i);
      const hit = v128.or(
        v128.or(i8x16.eq(v, vD), i8x16.eq(v, vLf)),
        v128.or(v128.or(i8x16.eq(v, vCr), i8x16.eq(v, vQ)), i8x16.lt_s(v, zero))
      );
      m = i8x16.bitmask(hit);
    } else {
      // The last bytes before `to`, one by one into the same mask.
      m = 0;
      for (let k = 0; k < to - i; k++) {
        const c = <i32>load<u8>(<usize>(i + k));
        if (c == delim || c == 10 || c == 13 || c == 34 || c >= 128) m |= 1 << k;
      }
    }
    while (m != 0) {
      const j = i + ctz(m);
      m &= m - 1;
      const c = <i32>load<u8>(<usize>j);
      if (inQuotes) {
        if (c == 34) {
          inQuotes = false;
          closed = j;
        } else if (c != delim) return -1; // a line end or a byte >= 0x80 inside quotes
        continue;
      }
      // After a closing quote only the delimiter or the line end ("" and text: the reader's).
      if (closed >= 0 && j != closed + 1) return -1;
      if (c == 34) {
        if (j != start || closed >= 0) return -1;
        inQuotes = true;
        continue;
      }
      // The value's end: its closing quote, else this byte; a quoted value starts after its quote.
      const end = closed >= 0 ? closed : j;
      if (closed >= 0 && f < nCols) store<i32>(fields + ((<usize>f) << 3), start + 1);
      if (c == delim) {
        if (f + 1 < nCols) {
          store<i32>(fields + ((<usize>f) << 3) + 4, end);
          store<i32>(fields + ((<usize>(f + 1)) << 3), j + 1);
        }
        f++;
        start = j + 1;
        closed = -1;
        continue;
      }
      let lf = -1;
      if (c == 10) lf = j;
      // CRLF ends the line; a lone CR (old Mac line end) is the text path's.
      else if (c == 13 && j + 1 < to && load<u8>(<usize>(j + 1)) == 10) lf = j + 1;
      if (lf < 0 || j == p || f != nCols - 1) return -1;
      lineLf = lf;
      store<i32>(fields + ((<usize>(nCols - 1)) << 3) + 4, end);
      return j;
    }
  }
  return -1;
}

/**
 * Reads the lines of bytes [from, to) (the region ends just after a line feed), `max` at most.
 * A line that is not plain (empty, or holding a quote not around a whole value, a lone CR or a
 * byte >= 0x80, or with another number of fields than nCols; see split) is handed on whole as a
 * record for the text reader: ok 2,
 * word 3 whether it is all ASCII, its record's last line feed in word 1. `fields` is scratch for
 * 2 * nCols words. Per plain line, STRIDE words at `out`: start, its line feed (after a CR for
 * CRLF), ok (1; 0: RowMapper.line would not take it), bits
 * of "equal to the line before" (order 1, customer 2, timestamp 4, channel 8), start and end
 * of the order, customer, product, name, timestamp and channel values (0, 0 when not mapped),
 * the product's entry (-1: none), for the order, customer, timestamp and channel the index of
 * the value in `vals` (-1: equal to the line before's, or empty), then the indices in `vals` of
 * a new product's code and of a name that changed (-1: not); and two doubles at `nums`:
 * quantity and unit price (NaN: not a plain decimal). `vals` receives each value that changed,
 * ended by a line feed, so that one decode and split make all of a scan's strings. Returns the
 * number of lines (0: a record at `from` ends beyond `to`); stoppedAt() says where it stopped.
 */
// prettier-ignore
export function scan(from: i32, to: i32, out: usize, nums: usize, fields: usize, max: i32,
  vals: usize, valsCap: i32): i32 {
  let p = from;
  let lines = 0;
  let prev: usize = 0;
  valsLen = 0;
  valsCount = 0;
  if (nEntries > maxEntries - max || arenaLen > arenaCap >> 1) resetProducts();
  while (p < to && lines < max) {
    const o = out + <usize>lines * <usize>(STRIDE * 4);
    const i = split(p, to, fields);
    // Its values must fit in what is left of `vals` and the arena: a later scan takes it, or
    // when none could (a line of a quarter of those or more), the text reader.
    const long =
      i >= 0 && (valsLen + (lineLf - p) + 4 > valsCap || arenaLen + (lineLf - p) > arenaCap);
    if (long && lines > 0) break;
    if (i < 0 || long) {
      // Not plain: the whole record (quotes may span lines) for the text reader, ok = 2.
      const e = recordEnd(p, to);
      if (e < 0) break; // it ends beyond `to`
      store<i32>(o, p);
      store<i32>(o, e - 1, 4);
      store<i32>(o, 2, 8);
      store<i32>(o, ascii ? 1 : 0, 12);
      prev = 0;
      lines++;
      p = e;
      continue;
    }
    const lf = lineLf;
    store<i32>(o, p);
    store<i32>(o, lf, 4);
    let ok = 1;
    // Values: order, customer, product, name, timestamp, channel at words 4..15.
    for (let k = 0; k < 6; k++) {
      const c = k == 0 ? cOrder : k == 1 ? cCust : k == 2 ? cProd : k == 3 ? cName : k == 4 ? cTs : cChan; // prettier-ignore
      let a = 0;
      let b = 0;
      if (c >= 0) {
        a = load<i32>(fields + ((<usize>c) << 3));
        b = load<i32>(fields + ((<usize>c) << 3) + 4);
        if (trimmable(a, b)) ok = 0;
      }
      store<i32>(o + <usize>(16 + k * 8), a);
      store<i32>(o + <usize>(20 + k * 8), b);
    }
    let q: f64 = NaN;
    let pr: f64 = NaN;
    if (cQty >= 0) {
      const a = load<i32>(fields + ((<usize>cQty) << 3));
      const b = load<i32>(fields + ((<usize>cQty) << 3) + 4);
      if (trimmable(a, b)) ok = 0;
      q = plainDecimal(a, b, commaQty);
    }
    if (cPrice >= 0) {
      const a = load<i32>(fields + ((<usize>cPrice) << 3));
      const b = load<i32>(fields + ((<usize>cPrice) << 3) + 4);
      if (trimmable(a, b)) ok = 0;
      pr = plainDecimal(a, b, commaPrice);
    }
    store<f64>(nums + <usize>lines * 16, q);
    store<f64>(nums + <usize>lines * 16, pr, 8);
    store<i32>(o, ok, 8);
    let bits = 0;
    for (let k = 0; k < 4; k++) {
      const w = k == 0 ? 16 : k == 1 ? 24 : k == 2 ? 48 : 56;
      const a = load<i32>(o + <usize>w);
      const b = load<i32>(o + <usize>(w + 4));
      let at = -1;
      if (prev != 0 && same(a, b, load<i32>(prev + <usize>w), load<i32>(prev + <usize>(w + 4))))
        bits |= 1 << k;
      // A value that changed: its bytes and a line feed (never in a value) into `vals`.
      else if (a < b) at = collect(vals, a, b);
      store<i32>(o + <usize>(68 + k * 4), at);
    }
    store<i32>(o, bits, 12);
    // The product (word 16: its entry; 21: its code in `vals` when new) and its name (22: in
    // `vals` when it differs from the product's last). Only for lines the mapper may take
    // (ok 1): the caller reads these words for exactly those, so its copy of the table stays
    // the same as this one.
    let entry = -1;
    let codeAt = -1;
    let nameAt = -1;
    if (ok == 1) {
      const pa = load<i32>(o, 32);
      const pb = load<i32>(o, 36);
      if (pa < pb) {
        let h: i32 = 0x811c9dc5;
        for (let k = pa; k < pb; k++) h = (h ^ (<i32>load<u8>(<usize>k))) * 0x01000193;
        let slot = h & slotMask;
        for (;;) {
          const e = load<i32>(slots + (<usize>slot << 2)) - 1;
          if (e < 0) {
            entry = nEntries++;
            const en = entries + <usize>entry * 20;
            store<i32>(en, h);
            store<i32>(en, keep(pa, pb), 4);
            store<i32>(en, pb - pa, 8);
            store<i32>(en, -1, 16);
            store<i32>(slots + (<usize>slot << 2), entry + 1);
            codeAt = collect(vals, pa, pb);
            break;
          }
          const en = entries + <usize>e * 20;
          if (load<i32>(en) == h && sameKept(pa, pb, load<i32>(en, 4), load<i32>(en, 8))) {
            entry = e;
            break;
          }
          slot = (slot + 1) & slotMask;
        }
      }
      const na = load<i32>(o, 40);
      const nb = load<i32>(o, 44);
      if (na < nb) {
        const en = entries + <usize>entry * 20;
        const at = entry >= 0 ? load<i32>(en, 12) : loneNameAt;
        const len = entry >= 0 ? load<i32>(en, 16) : loneNameLen;
        if (!sameKept(na, nb, at, len)) {
          const kept = keep(na, nb);
          if (entry >= 0) {
            store<i32>(en, kept, 12);
            store<i32>(en, nb - na, 16);
          } else {
            loneNameAt = kept;
            loneNameLen = nb - na;
          }
          nameAt = collect(vals, na, nb);
        }
      }
    }
    store<i32>(o, entry, 64);
    store<i32>(o, codeAt, 84);
    store<i32>(o, nameAt, 88);
    prev = o;
    lines++;
    p = lf + 1;
  }
  stop = p;
  return lines;
}

/** The first byte the caller may use (static data lies below). */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Just after the line feed that ends the record starting at `from` (a line scan() did not take),
 * with quotes toggling (where the text reader ends it when quotes open and close fields; the
 * caller checks that the reader holds no unfinished record). -1: none within [from, to).
 */
function recordEnd(from: i32, to: i32): i32 {
  let quoted = false;
  let high = false;
  for (let i = from; i < to; i++) {
    const c = load<u8>(<usize>i);
    if (c == 34) quoted = !quoted;
    else if (c >= 128) high = true;
    else if (c == 10 && !quoted) {
      ascii = !high;
      return i + 1;
    }
  }
  return -1;
}

/** Whether the record recordEnd() last found is all ASCII. */
let ascii = false;

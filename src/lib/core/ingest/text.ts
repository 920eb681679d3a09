// Small string helpers for the import's per-line work.

/**
 * a === b for strings, as a loop in JS: values of 13 characters or more split from a line are
 * slices of it, and === on slices goes through V8's runtime (String::SlowEquals), several times
 * slower than this for the short texts of an export (product names, timestamps).
 */
export function sameText(a: string, b: string): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/**
 * v.trim(), without the call when neither end can be whitespace: every character trim removes
 * is at most U+0020 or at least U+0080, and String.prototype.trim is a call into V8's runtime,
 * made for each of the 8-9 values of every line of an import.
 */
export function trimmed(v: string): string {
  const n = v.length;
  if (n === 0) return v;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(n - 1);
  return a > 32 && a < 128 && b > 32 && b < 128 ? v : v.trim();
}

/**
 * Whether s.slice(a, b) equals t, compared in place. startsWith compares code units as a loop
 * of charCodeAt would, without a call per character: in Chromium's worker (V8 of 2026-11)
 * 107 ms against 195 ms for 10^6 compares of 22-character product names in a 256K slice.
 */
export function sameAt(s: string, a: number, b: number, t: string): boolean {
  return t.length === b - a && s.startsWith(t, a);
}

/** mem[a, b) as a string, for ASCII bytes (the line scanner takes no line holding others). */
export function asciiAt(mem: Uint8Array, a: number, b: number): string {
  return String.fromCharCode.apply(null, mem.subarray(a, b) as unknown as number[]);
}

const codeUnits: number[] = [];

/**
 * A copy of s.slice(a, b) that keeps no reference to `s` (a decoded block of megabytes) and is
 * itself flat: V8 makes a slice of 13 or more characters a view into its parent, and reading a
 * view's characters (comparing it with the next line's value) goes through the parent.
 */
export function ownCopy(s: string, a: number, b: number): string {
  const n = b - a;
  if (n < 13) return s.slice(a, b);
  if (n > 1024) return (' ' + s.slice(a, b)).slice(1); // not flat, but of its own
  codeUnits.length = n;
  for (let i = 0; i < n; i++) codeUnits[i] = s.charCodeAt(a + i);
  return String.fromCharCode.apply(null, codeUnits);
}

/**
 * Values read in place from a line, as one string object per distinct text: the import's column
 * builder then finds a repeated value (a product code) by identity instead of comparing
 * characters of a fresh string. Open addressing, as Dict in db/chunks.ts; cleared when full.
 */
export class Interner {
  private values: string[] = [];
  private hashes: number[] = [];
  private slots = new Int32Array(1 << 12);
  /** Where the last get's value is (0, 1, 2... in order of first appearance). */
  index = -1;
  /** How many times the interner was cleared (indices start again from 0). */
  clears = 0;
  constructor(private readonly limit = 1 << 16) {}

  /** The one string equal to s.slice(a, b). */
  get(s: string, a: number, b: number): string {
    let h = 0x811c9dc5;
    for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    let slots = this.slots;
    let mask = slots.length - 1;
    let at = h & mask;
    for (;;) {
      const k = slots[at];
      if (k === 0) break;
      if (this.hashes[k - 1] === h && sameAt(s, a, b, this.values[k - 1])) {
        this.index = k - 1;
        return this.values[k - 1];
      }
      at = (at + 1) & mask;
    }
    if (this.values.length >= this.limit) {
      this.values = [];
      this.hashes = [];
      this.slots.fill(0);
      this.clears++;
      at = h & mask;
    } else if (2 * (this.values.length + 1) > mask) {
      this.grow();
      slots = this.slots;
      mask = slots.length - 1;
      at = h & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
    }
    const v = ownCopy(s, a, b);
    this.values.push(v);
    this.hashes.push(h);
    slots[at] = this.values.length;
    this.index = this.values.length - 1;
    return v;
  }

  private grow(): void {
    this.slots = regrow(this.slots.length * 2, this.hashes);
  }
}

/**
 * An open-addressed table's slots (1 + index of each value, 0 empty), rebuilt at `size` (a power
 * of two) from the values' hashes: the Interner's and the chunk dictionaries' growth.
 */
export function regrow(size: number, hashes: readonly number[]): Int32Array<ArrayBuffer> {
  const slots = new Int32Array(size);
  const mask = size - 1;
  for (let c = 0; c < hashes.length; c++) {
    let at = hashes[c] & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    slots[at] = c + 1;
  }
  return slots;
}

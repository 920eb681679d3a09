// A canonical binary encoding of the values IndexedDB stores (structured-clone data): the same
// value always gives the same bytes, typed arrays and ArrayBuffers travel as their exact bytes.
// Object keys are written sorted, so a record's bytes do not depend on the order its fields were
// set in. Little-endian throughout.

const enum Tag {
  Undefined = 0,
  Null = 1,
  False = 2,
  True = 3,
  Number = 4,
  String = 5,
  Array = 6,
  Object = 7,
  Typed = 8,
  Buffer = 9,
  Date = 10,
  Set = 11,
  Map = 12,
  BigInt = 13
}

type TypedCtor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Uint8ClampedArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

/** Typed array kinds by code (the code is part of the format: append only). */
const TYPED: TypedCtor[] = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array
];
const DATA_VIEW = 255;

/** A value the encoding cannot represent (a function, a Blob...): named by its path. */
export class CodecError extends Error {}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A growable byte buffer the encoder appends to. */
export class ByteWriter {
  buf: Uint8Array;
  view: DataView;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  string(s: string): void {
    // At most 3 bytes per UTF-16 unit; the length is written after encoding.
    this.ensure(4 + s.length * 3);
    const at = this.length;
    const { written } = encoder.encodeInto(s, this.buf.subarray(at + 4));
    this.view.setUint32(at, written, true);
    this.length = at + 4 + written;
  }

  /** The bytes written so far (a copy), then empty. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Append the encoding of `v` to `w`. */
export function encodeValue(w: ByteWriter, v: unknown, path = '$'): void {
  switch (typeof v) {
    case 'undefined':
      return w.u8(Tag.Undefined);
    case 'boolean':
      return w.u8(v ? Tag.True : Tag.False);
    case 'number':
      w.u8(Tag.Number);
      return w.f64(v);
    case 'string':
      w.u8(Tag.String);
      return w.string(v);
    case 'bigint':
      w.u8(Tag.BigInt);
      return w.string(v.toString());
    case 'object':
      break;
    default:
      throw new CodecError(`${path}: a ${typeof v} cannot be stored in a backup`);
  }
  if (v === null) return w.u8(Tag.Null);
  if (Array.isArray(v)) {
    w.u8(Tag.Array);
    w.u32(v.length);
    for (let i = 0; i < v.length; i++) encodeValue(w, v[i], path);
    return;
  }
  if (ArrayBuffer.isView(v)) {
    const kind =
      v instanceof DataView ? DATA_VIEW : TYPED.findIndex((C) => v instanceof (C as unknown as typeof Int8Array)); // prettier-ignore
    if (kind < 0) throw new CodecError(`${path}: unknown typed array`);
    w.u8(Tag.Typed);
    w.u8(kind);
    w.u32(v.byteLength);
    return w.bytes(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  if (v instanceof ArrayBuffer) {
    w.u8(Tag.Buffer);
    w.u32(v.byteLength);
    return w.bytes(new Uint8Array(v));
  }
  if (v instanceof Date) {
    w.u8(Tag.Date);
    return w.f64(v.getTime());
  }
  if (v instanceof Set) {
    w.u8(Tag.Set);
    w.u32(v.size);
    for (const x of v) encodeValue(w, x, path);
    return;
  }
  if (v instanceof Map) {
    w.u8(Tag.Map);
    w.u32(v.size);
    for (const [k, x] of v) {
      encodeValue(w, k, path);
      encodeValue(w, x, path);
    }
    return;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    throw new CodecError(`${path}: a ${proto?.constructor?.name ?? 'object'} cannot be stored in a backup`); // prettier-ignore
  }
  const keys = Object.keys(v).sort(byKey);
  w.u8(Tag.Object);
  w.u32(keys.length);
  for (const k of keys) {
    w.string(k);
    encodeValue(w, (v as Record<string, unknown>)[k], `${path}.${k}`);
  }
}

/** The encoding of one value. */
export function encode(v: unknown): Uint8Array {
  const w = new ByteWriter(256);
  encodeValue(w, v);
  return w.take();
}

/** Reads values back from one encoded record. */
export class ByteReader {
  private at = 0;
  private readonly view: DataView;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.at >= this.buf.length;
  }

  private need(n: number): void {
    if (this.at + n > this.buf.length) throw new CodecError('record ends too early');
  }

  u8(): number {
    this.need(1);
    return this.buf[this.at++];
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.at, true);
    this.at += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.at, true);
    this.at += 8;
    return v;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    // A copy: typed arrays need their own aligned buffer, and records must not pin the frame.
    const out = this.buf.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  string(): string {
    const n = this.u32();
    this.need(n);
    const s = decoder.decode(this.buf.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  }

  value(): unknown {
    const tag = this.u8();
    switch (tag) {
      case Tag.Undefined:
        return undefined;
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Number:
        return this.f64();
      case Tag.String:
        return this.string();
      case Tag.BigInt:
        return BigInt(this.string());
      case Tag.Array: {
        const n = this.u32();
        const out = new Array(n);
        for (let i = 0; i < n; i++) out[i] = this.value();
        return out;
      }
      case Tag.Object: {
        const n = this.u32();
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const k = this.string();
          out[k] = this.value();
        }
        return out;
      }
      case Tag.Typed: {
        const kind = this.u8();
        const bytes = this.bytes(this.u32());
        if (kind === DATA_VIEW) return new DataView(bytes.buffer);
        const C = TYPED[kind];
        if (!C) throw new CodecError(`unknown typed array kind ${kind}`);
        if (bytes.byteLength % C.BYTES_PER_ELEMENT !== 0)
          throw new CodecError('typed array of a broken length');
        return new C(bytes.buffer as ArrayBuffer);
      }
      case Tag.Buffer:
        return this.bytes(this.u32()).buffer;
      case Tag.Date:
        return new Date(this.f64());
      case Tag.Set: {
        const n = this.u32();
        const out = new Set<unknown>();
        for (let i = 0; i < n; i++) out.add(this.value());
        return out;
      }
      case Tag.Map: {
        const n = this.u32();
        const out = new Map<unknown, unknown>();
        for (let i = 0; i < n; i++) {
          const k = this.value();
          out.set(k, this.value());
        }
        return out;
      }
      default:
        throw new CodecError(`unknown value tag ${tag}`);
    }
  }
}

/** Decode one record's bytes (all of them: trailing bytes are an error). */
export function decode(bytes: Uint8Array): unknown {
  const r = new ByteReader(bytes);
  const v = r.value();
  if (!r.done) throw new CodecError('extra bytes after a record');
  return v;
}

// Local typed packing of named arrays into one ArrayBuffer (the `weights` of a SavedModel),
// keeping each array's dtype. Segments start on 8-byte boundaries so every segment can be viewed
// in place. Stand-in until the shared packWeights in models/model.ts keeps dtypes too.

export type PackedDtype = 'float32' | 'float64' | 'int32' | 'uint8';
export type PackedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface PackedSpec {
  name: string;
  shape: number[];
  dtype: PackedDtype;
}

const CTOR = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  uint8: Uint8Array
} as const;

function dtypeOf(a: PackedArray): PackedDtype {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'uint8';
  return 'float32';
}

const align8 = (x: number) => Math.ceil(x / 8) * 8;

export function packTyped(named: { name: string; shape?: number[]; values: PackedArray }[]): {
  specs: PackedSpec[];
  data: ArrayBuffer;
} {
  let size = 0;
  for (const w of named) size = align8(size) + w.values.byteLength;
  const data = new ArrayBuffer(align8(size));
  const bytes = new Uint8Array(data);
  let off = 0;
  const specs = named.map((w) => {
    off = align8(off);
    bytes.set(new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength), off);
    off += w.values.byteLength;
    return { name: w.name, shape: w.shape ?? [w.values.length], dtype: dtypeOf(w.values) };
  });
  return { specs, data };
}

/** The arrays of a packTyped result by name (copies, detached from `data`). */
export function unpackTyped(w: {
  specs: PackedSpec[];
  data: ArrayBuffer;
}): Map<string, PackedArray> {
  const out = new Map<string, PackedArray>();
  let off = 0;
  for (const s of w.specs) {
    const Ctor = CTOR[s.dtype];
    if (!Ctor) throw new Error(`unknown dtype ${s.dtype} for ${s.name}`);
    const n = s.shape.reduce((a, b) => a * b, 1);
    off = align8(off);
    out.set(s.name, new Ctor(w.data.slice(off, off + n * Ctor.BYTES_PER_ELEMENT)));
    off += n * Ctor.BYTES_PER_ELEMENT;
  }
  return out;
}

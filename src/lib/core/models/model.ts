// What every trained model shares: its saved form (for the registry) and the weight packing that
// keeps each array's dtype. The family contract that trains, scores and explains is family.ts.

/** Named scalar metrics, e.g. { auc: 0.85, prAuc: 0.66, f1: 0.62 }. */
export type Metrics = Record<string, number>;

export interface FitOptions {
  /** Called after each epoch (or boosting round) with the loss; training stops cleanly on abort. */
  onEpoch?: (epoch: number, logs: { loss: number; valLoss?: number }) => void;
  signal?: AbortSignal;
}

/** What a registry stores: enough to compare versions, restore one and say how it was made. */
export interface SavedModel {
  kind: string;
  version: number;
  createdAt: number;
  params: Record<string, unknown>;
  metrics: Metrics;
  trainingMs: number;
  /** tfjs backend used for training ('wasm', 'webgpu', 'plain' for non-tfjs models). */
  backend: string;
  /** Cutoff / data date the model was trained on (epoch ms). */
  snapshotDate: number;
  /** Weights: shapes and dtypes, then all values in one buffer. */
  weights?: PackedWeights;
}

export type WeightDtype = 'float32' | 'float64' | 'int32' | 'uint8';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: WeightDtype;
  /** Byte offset in `data` (8-byte aligned). Absent in weights saved before dtypes were kept:
   * those are float32 arrays laid end to end. */
  offset?: number;
}

export interface PackedWeights {
  specs: WeightSpec[];
  data: ArrayBuffer;
}

export type WeightArray = Float32Array | Float64Array | Int32Array | Uint8Array;

const CTORS = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  uint8: Uint8Array
} as const;

function dtypeOf(a: WeightArray): WeightDtype {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  return 'uint8';
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Pack named typed arrays into one buffer, each keeping its dtype. */
export function packWeights(
  named: { name: string; shape: number[]; values: WeightArray }[]
): PackedWeights {
  let size = 0;
  const specs: WeightSpec[] = named.map((w) => {
    const offset = size;
    size = align8(size + w.values.byteLength);
    return { name: w.name, shape: w.shape, dtype: dtypeOf(w.values), offset };
  });
  const data = new ArrayBuffer(size);
  const bytes = new Uint8Array(data);
  named.forEach((w, i) =>
    bytes.set(
      new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength),
      specs[i].offset!
    )
  );
  return { specs, data };
}

/** The arrays of `packWeights`, copied out, by name. */
export function unpackWeights(
  w: PackedWeights
): Map<string, { shape: number[]; values: WeightArray }> {
  const out = new Map<string, { shape: number[]; values: WeightArray }>();
  let legacy = 0;
  for (const s of w.specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const Ctor = CTORS[s.dtype ?? 'float32'];
    const offset = s.offset ?? legacy;
    out.set(s.name, {
      shape: s.shape,
      values: new Ctor(w.data.slice(offset, offset + n * Ctor.BYTES_PER_ELEMENT))
    });
    legacy = offset + n * Ctor.BYTES_PER_ELEMENT;
  }
  return out;
}

/** A named array of `unpackWeights` as the dtype the caller expects; throws when it is not. */
export function weightOf<D extends WeightDtype>(
  weights: Map<string, { shape: number[]; values: WeightArray }>,
  name: string,
  dtype: D
): InstanceType<(typeof CTORS)[D]> {
  const w = weights.get(name);
  if (!w) throw new Error(`saved model has no weight "${name}"`);
  if (!(w.values instanceof CTORS[dtype]))
    throw new Error(`saved weight "${name}" is ${dtypeOf(w.values)}, expected ${dtype}`);
  return w.values as InstanceType<(typeof CTORS)[D]>;
}

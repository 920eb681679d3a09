// What a saved tfjs network looks like to the "inside the networks" view: its dense layers
// (which weights, which activation, which earlier layers feed each one) as plain data stored with
// the model, and a plain-JavaScript forward pass over the saved weights that returns every
// layer's activations for one input row. No tfjs here: the view reads networks without loading it.
import type { WeightArray } from '../model';

/** Activations the families' networks use (leakyRelu has slope 0.2 below zero). */
export type Activation = 'linear' | 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid';

export interface LayerSpec {
  /** Shown in the diagram: 'hidden 1', 'mean and log-variance'... */
  name: string;
  units: number;
  activation: Activation;
  /** Saved weight names: kernel [inputs, units], bias [units]. */
  kernel: string;
  bias: string;
  /** What feeds the layer, concatenated in this order: 'input' or earlier layers' names.
   * Default: the previous layer (the input for the first). CTGAN's residual generator feeds
   * each layer with the input and every earlier layer. */
  inputs?: string[];
  /** Dropout rate applied after the activation while training (none at inference). */
  dropout?: number;
  /** Layer normalisation of the pre-activations (each row to mean 0, variance 1, no gain). */
  norm?: 'layer';
}

export interface NetworkSpec {
  /** 'encoder', 'decoder', 'generator', 'critic', 'classifier'. */
  name: string;
  /** Input width and, when known, what each input is (encoded column names). */
  input: { size: number; names?: string[] };
  layers: LayerSpec[];
}

export type SavedWeights = Map<string, { shape: number[]; values: WeightArray }>;

export interface LayerActivation {
  layer: string;
  activation: Activation;
  values: Float32Array;
}

/** Width of what feeds each layer (the kernel's first dimension). */
export function layerInputSizes(spec: NetworkSpec): number[] {
  const size = new Map<string, number>([['input', spec.input.size]]);
  return spec.layers.map((l, k) => {
    const from = l.inputs ?? [k === 0 ? 'input' : spec.layers[k - 1].name];
    size.set(l.name, l.units);
    return from.reduce((s, f) => s + (size.get(f) ?? NaN), 0);
  });
}

export function activate(x: number, a: Activation): number {
  switch (a) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'leakyRelu':
      return x > 0 ? x : 0.2 * x;
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    default:
      return x;
  }
}

/** In place: the values less their mean, over their standard deviation (ε = 1e-5). */
export function layerNorm(y: Float32Array): void {
  let m = 0;
  for (const v of y) m += v;
  m /= y.length;
  let v2 = 0;
  for (const v of y) v2 += (v - m) ** 2;
  const d = Math.sqrt(v2 / y.length + 1e-5);
  for (let j = 0; j < y.length; j++) y[j] = (y[j] - m) / d;
}

/** Every layer's output for one input row, from the saved weights (inference: no dropout). */
export function forwardRow(
  spec: NetworkSpec,
  weights: SavedWeights,
  input: ArrayLike<number>
): LayerActivation[] {
  if (input.length !== spec.input.size)
    throw new Error(`${spec.name} takes ${spec.input.size} inputs, got ${input.length}`);
  const outputs = new Map<string, Float32Array>([['input', Float32Array.from(input)]]);
  const out: LayerActivation[] = [];
  spec.layers.forEach((l, k) => {
    const from = l.inputs ?? [k === 0 ? 'input' : spec.layers[k - 1].name];
    const parts = from.map((f) => outputs.get(f)!);
    const x = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let off = 0;
    for (const p of parts) x.set(p, (off += p.length) - p.length);
    const kernel = weights.get(l.kernel);
    const bias = weights.get(l.bias);
    if (!kernel || !bias)
      throw new Error(`saved network ${spec.name} has no weights for ${l.name}`);
    const [nIn, nOut] = kernel.shape;
    if (nIn !== x.length || nOut !== l.units)
      throw new Error(
        `${spec.name}/${l.name}: kernel ${nIn}x${nOut} does not fit ${x.length} inputs`
      );
    const y = new Float32Array(nOut);
    for (let j = 0; j < nOut; j++) {
      let s = bias.values[j];
      for (let i = 0; i < nIn; i++) s += x[i] * kernel.values[i * nOut + j];
      y[j] = s;
    }
    if (l.norm === 'layer') layerNorm(y);
    for (let j = 0; j < nOut; j++) y[j] = activate(y[j], l.activation);
    outputs.set(l.name, y);
    out.push({ layer: l.name, activation: l.activation, values: y });
  });
  return out;
}

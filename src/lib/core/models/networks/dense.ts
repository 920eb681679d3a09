// Dense networks in tfjs described by a NetworkSpec (spec.ts): seeded initial weights, a forward
// pass with dropout while training, and the weights as named arrays for saving, histograms and
// the plain-JavaScript forward pass. Call initTf() first.
import { tf } from '../../tf/backend';
import { initialKernel } from './random';
import { layerInputSizes, type Activation, type NetworkSpec, type SavedWeights } from './spec';

/**
 * x·w whose gradient uses explicit transposes. tfjs's built-in matMul gradient multiplies by a
 * transposed operand, which the WASM backend runs 5–10× slower than a transpose followed by a
 * plain product (measured: 500×94 by 94×128, 10 ms against 1.7 ms). The gradient is made of
 * this same product, so its own gradient (the WGAN-GP critic's penalty differentiates twice)
 * avoids the slow path too.
 */
export const matMul: (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.matMul(x, w),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        matMul(dy as tf.Tensor2D, tf.transpose(saved[1]) as tf.Tensor2D),
        matMul(tf.transpose(saved[0]) as tf.Tensor2D, dy as tf.Tensor2D)
      ]
    };
  }
) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/** The activation as tfjs ops; leaky ReLU as 0.6x + 0.4|x| (slope 0.2 below zero), whose
 * gradient is itself differentiable (tfjs's leakyRelu gradient is not). */
export function activation(x: tf.Tensor2D, a: Activation): tf.Tensor2D {
  switch (a) {
    case 'relu':
      return tf.relu(x);
    case 'leakyRelu':
      return tf.add(tf.mul(0.6, x), tf.mul(0.4, tf.abs(x)));
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    default:
      return x;
  }
}

export interface ApplyOptions {
  /** Dropout on (training); needs `rand` for the masks. */
  training?: boolean;
  rand?: () => number;
}

export class DenseNet {
  private constructor(
    readonly spec: NetworkSpec,
    private readonly vars: Map<string, tf.Variable>
  ) {}

  /** New weights: He-normal before ReLU-like activations, Glorot-uniform otherwise. */
  static create(spec: NetworkSpec, rand: () => number): DenseNet {
    const sizes = layerInputSizes(spec);
    const vars = new Map<string, tf.Variable>();
    spec.layers.forEach((l, k) => {
      const kind = l.activation === 'relu' || l.activation === 'leakyRelu' ? 'he' : 'glorot';
      const w = initialKernel(sizes[k], l.units, kind, rand);
      vars.set(l.kernel, tf.variable(tf.tensor2d(w, [sizes[k], l.units]), true));
      vars.set(l.bias, tf.variable(tf.zeros([l.units]), true));
    });
    return new DenseNet(spec, vars);
  }

  static fromWeights(spec: NetworkSpec, weights: SavedWeights): DenseNet {
    const vars = new Map<string, tf.Variable>();
    for (const l of spec.layers)
      for (const name of [l.kernel, l.bias]) {
        const w = weights.get(name);
        if (!w) throw new Error(`saved ${spec.name} network has no weight "${name}"`);
        vars.set(name, tf.variable(tf.tensor(Float32Array.from(w.values), w.shape), true));
      }
    return new DenseNet(spec, vars);
  }

  get trainable(): tf.Variable[] {
    return [...this.vars.values()];
  }

  /** The last layer's output. */
  apply(x: tf.Tensor2D, opts: ApplyOptions = {}): tf.Tensor2D {
    const outputs = new Map<string, tf.Tensor2D>([['input', x]]);
    let y = x;
    this.spec.layers.forEach((l, k) => {
      const from = l.inputs ?? [k === 0 ? 'input' : this.spec.layers[k - 1].name];
      const inp = from.length === 1 ? outputs.get(from[0])! : tf.concat(from.map((f) => outputs.get(f)!), 1); // prettier-ignore
      let z = tf.add(matMul(inp, this.vars.get(l.kernel) as tf.Tensor2D), this.vars.get(l.bias)!) as tf.Tensor2D; // prettier-ignore
      if (l.norm === 'layer') {
        const { mean, variance } = tf.moments(z, 1, true);
        z = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, 1e-5)));
      }
      y = activation(z, l.activation);
      if (opts.training && l.dropout && opts.rand) y = dropout(y, l.dropout, opts.rand);
      outputs.set(l.name, y);
    });
    return y;
  }

  /** Every weight as a named array (kernels and biases), for saving and histograms. */
  named(): { name: string; shape: number[]; values: Float32Array }[] {
    return [...this.vars.entries()].map(([name, v]) => ({
      name,
      shape: v.shape,
      values: v.dataSync() as Float32Array
    }));
  }

  kernels(): { name: string; values: Float32Array }[] {
    return this.spec.layers.map((l) => ({
      name: l.kernel,
      values: this.vars.get(l.kernel)!.dataSync() as Float32Array
    }));
  }

  /** Adds `delta` to one weight (by name), in place. */
  shift(name: string, delta: Float32Array): void {
    const v = this.weight(name);
    tf.tidy(() => v.assign(tf.add(v, tf.tensor(delta, v.shape))));
  }

  /** Multiplies one weight (by name) by `factor`, in place. */
  scale(name: string, factor: number): void {
    const v = this.weight(name);
    tf.tidy(() => v.assign(tf.mul(v, factor)));
  }

  private weight(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`${this.spec.name} network has no weight "${name}"`);
    return v;
  }

  /** A copy of the current weights (restore with `restore`): early stopping keeps the best. */
  snapshot(): Map<string, tf.Tensor> {
    return new Map([...this.vars].map(([k, v]) => [k, v.clone()]));
  }

  restore(saved: Map<string, tf.Tensor>): void {
    for (const [k, t] of saved) this.vars.get(k)!.assign(t);
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}

/** Inverted dropout with a mask drawn from the seeded generator (at rate ½, 32 mask bits
 * from each draw: the masks of a critic step cost more than its arithmetic otherwise). */
function dropout(x: tf.Tensor2D, rate: number, rand: () => number): tf.Tensor2D {
  const keep = 1 - rate;
  const mask = new Float32Array(x.size);
  if (rate === 0.5)
    for (let i = 0; i < mask.length; i += 32) {
      const bits = (rand() * 4294967296) >>> 0;
      for (let b = 0; b < 32 && i + b < mask.length; b++) mask[i + b] = (bits >>> b) & 1 ? 2 : 0;
    }
  else for (let i = 0; i < mask.length; i++) mask[i] = rand() < keep ? 1 / keep : 0;
  return tf.mul(x, tf.tensor2d(mask, x.shape));
}

// Graph autoencoder (Kipf & Welling 2016, "Variational Graph Auto-Encoders", the non-variational
// GAE) in tfjs: a two-layer GCN encoder Z = Â ReLU(Â X W1 + b1) W2 + b2 (32 then 16 units, Â the
// symmetrically normalised adjacency with self-loops) and the inner-product decoder σ(z_u · z_v),
// trained for 200 epochs of Adam (lr 0.01) on the weighted cross-entropy of the whole adjacency
// matrix, as the paper's reference code does. Node inputs: a learned vector per node (the
// identity features of the paper) plus customer features when there are any.
//
// Dense on purpose: tfjs's WASM backend has no UnsortedSegmentSum, the gradient of gather, so a
// sparse propagation would not train there. The n x n matrices cap it at GAE_MAX_NODES.
// Pairs in `avoid` (an evaluation's test pairs) get zero weight in the loss: the model is never
// told anything about them, not even that they are unlinked.
import { tf } from '../../tf/backend';
import type { Csr } from './csr';
import type { Pairs } from './split';

export const GAE_MAX_NODES = 2500;

export interface GaeOptions {
  /** Customer features, row-major n x cols (standardised by the caller). */
  features?: { X: Float32Array; cols: number };
  avoid?: Set<number>;
  epochs?: number;
  learningRate?: number;
  seed?: number;
  signal?: AbortSignal;
  onEpoch?(epoch: number, loss: number): void;
}

export interface GaeResult {
  /** Node embeddings, row-major n x dim. */
  z: Float32Array;
  dim: number;
  ms: number;
  finalLoss: number;
}

export async function trainGae(g: Csr, o: GaeOptions = {}): Promise<GaeResult> {
  const n = g.n;
  if (n > GAE_MAX_NODES) throw new Error(`the graph autoencoder takes at most ${GAE_MAX_NODES} nodes, got ${n}`); // prettier-ignore
  const t0 = performance.now();
  const epochs = o.epochs ?? 200;
  const seed = o.seed ?? 0;
  const adj = new Float32Array(n * n);
  const label = new Float32Array(n * n);
  const mask = new Float32Array(n * n).fill(1);
  const dinv = new Float32Array(n);
  for (let i = 0; i < n; i++) dinv[i] = 1 / Math.sqrt(g.start[i + 1] - g.start[i] + 1);
  for (let i = 0; i < n; i++) {
    adj[i * n + i] = dinv[i] * dinv[i];
    label[i * n + i] = 1;
    for (let k = g.start[i]; k < g.start[i + 1]; k++) {
      const j = g.nbr[k];
      adj[i * n + j] = dinv[i] * dinv[j];
      label[i * n + j] = 1;
    }
  }
  for (const key of o.avoid ?? []) {
    const u = Math.floor(key / n);
    const v = key - u * n;
    mask[u * n + v] = mask[v * n + u] = 0;
  }
  const ones = label.reduce((a, b) => a + b, 0);
  const posWeight = (n * n - ones) / ones;
  const norm = (n * n) / ((n * n - ones) * 2);

  const glorot = (shape: [number, number], s: number) =>
    tf.variable(tf.initializers.glorotUniform({ seed: s }).apply(shape) as tf.Tensor2D);
  const A = tf.tensor2d(adj, [n, n]);
  const Y = tf.tensor2d(label, [n, n]);
  const M = tf.tensor2d(mask, [n, n]);
  const F = o.features ? tf.tensor2d(o.features.X, [n, o.features.cols]) : null;
  const W1 = glorot([n, 32], seed);
  const W1f = o.features ? glorot([o.features.cols, 32], seed + 1) : null;
  const b1 = tf.variable(tf.zeros([32]));
  const W2 = glorot([32, 16], seed + 2);
  const b2 = tf.variable(tf.zeros([16]));
  const encode = () => {
    const xw = F && W1f ? tf.add(W1, tf.matMul(F, W1f)) : W1;
    const h = tf.relu(tf.add(tf.matMul(A, xw), b1));
    return tf.add(tf.matMul(A, tf.matMul(h, W2)), b2);
  };
  const opt = tf.train.adam(o.learningRate ?? 0.01);
  let finalLoss = NaN;
  try {
    for (let e = 0; e < epochs; e++) {
      o.signal?.throwIfAborted();
      const loss = opt.minimize(() => {
        const z = encode();
        const logits = tf.matMul(z, z, false, true);
        // Weighted cross-entropy: pos_weight · y · softplus(−l) + (1 − y) · softplus(l).
        const pos = tf.mul(tf.mul(Y, tf.softplus(tf.neg(logits))), posWeight);
        const neg = tf.mul(tf.sub(1, Y), tf.softplus(logits));
        return tf.mul(tf.sum(tf.mul(M, tf.add(pos, neg))), norm / (n * n)) as tf.Scalar;
      }, true);
      if (loss && (e % 10 === 9 || e === epochs - 1)) {
        finalLoss = (await loss.data())[0];
        o.onEpoch?.(e + 1, finalLoss);
        await new Promise((r) => setTimeout(r, 0));
      }
      loss?.dispose();
    }
    const zt = tf.tidy(encode);
    const z = (await zt.data()) as Float32Array;
    zt.dispose();
    return { z, dim: 16, ms: performance.now() - t0, finalLoss };
  } finally {
    opt.dispose();
    tf.dispose([A, Y, M, W1, b1, W2, b2, ...(F ? [F] : []), ...(W1f ? [W1f] : [])]);
  }
}

/** The decoder's logit z_u · z_v of each pair (σ of it is the link probability). */
export function gaeScores(r: GaeResult, pairs: Pairs): Float64Array {
  const out = new Float64Array(pairs.u.length);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let k = 0; k < r.dim; k++) s += r.z[pairs.u[i] * r.dim + k] * r.z[pairs.v[i] * r.dim + k];
    out[i] = s;
  }
  return out;
}

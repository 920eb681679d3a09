// Graph autoencoder (Kipf & Welling 2016, "Variational Graph Auto-Encoders", the non-variational
// GAE) in tfjs: a two-layer GCN encoder Z = Â ReLU(Â X W1 + b1) W2 + b2 (32 then 16 units; Â the
// symmetrically normalised adjacency with self-loops) and the inner-product decoder σ(z_u · z_v),
// trained for 200 epochs of Adam (lr 0.01) on the cross-entropy of every training edge against as
// many unlinked pairs drawn afresh each epoch (PyTorch Geometric's GAE.recon_loss). Node inputs:
// a learned vector per node (the paper's identity features) plus customer features if any.
//
// The two sparse steps (Â·H and the decoder's pair dot products) are custom tfjs ops with their
// gradients written out (Â is symmetric, so the gradient of Â·H is Â·dY): tfjs's WASM backend has
// no UnsortedSegmentSum, the gradient of gather, and a dense n × n Â would cost O(n²) per epoch.
// Pairs in `avoid` (an evaluation's test pairs) are never drawn as negatives, and hidden edges
// are not in the graph it is given: the model is told nothing about a test pair.
import { tf } from '../../tf/backend';
import { seededRandom } from '../../evaluate/splits';
import { hasEdge, type Csr } from './csr';
import { pairKey, type Pairs } from './split';

export const GAE_MAX_NODES = 20_000;

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

/** Â·H for the normalised adjacency with self-loops, H row-major n x cols. */
function propagateWith(g: Csr): (h: Float32Array, cols: number) => Float32Array {
  const n = g.n;
  const dinv = new Float32Array(n);
  for (let i = 0; i < n; i++) dinv[i] = 1 / Math.sqrt(g.start[i + 1] - g.start[i] + 1);
  return (h, cols) => {
    const out = new Float32Array(n * cols);
    for (let i = 0; i < n; i++) {
      const o = i * cols;
      const self = dinv[i] * dinv[i];
      for (let c = 0; c < cols; c++) out[o + c] = self * h[o + c];
      for (let k = g.start[i]; k < g.start[i + 1]; k++) {
        const j = g.nbr[k];
        const w = dinv[i] * dinv[j];
        const p = j * cols;
        for (let c = 0; c < cols; c++) out[o + c] += w * h[p + c];
      }
    }
    return out;
  };
}

/** Training edges once each, plus `count` fresh unlinked pairs outside `avoid`. */
export function epochPairs(g: Csr, pos: Pairs, rand: () => number, avoid: Set<number>): Pairs {
  const m = pos.u.length;
  const u = new Int32Array(2 * m);
  const v = new Int32Array(2 * m);
  u.set(pos.u);
  v.set(pos.v);
  for (let k = m, tries = 0; k < 2 * m && tries < 100 * m; tries++) {
    const a = Math.floor(rand() * g.n);
    const b = Math.floor(rand() * g.n);
    if (a === b || hasEdge(g, a, b) || avoid.has(pairKey(a, b, g.n))) continue;
    u[k] = a;
    v[k++] = b;
  }
  return { u, v };
}

export async function trainGae(g: Csr, o: GaeOptions = {}): Promise<GaeResult> {
  const n = g.n;
  if (n > GAE_MAX_NODES) throw new Error(`the graph autoencoder takes at most ${GAE_MAX_NODES} nodes, got ${n}`); // prettier-ignore
  const t0 = performance.now();
  const epochs = o.epochs ?? 200;
  const seed = o.seed ?? 0;
  const rand = seededRandom(seed + 17);
  const avoid = o.avoid ?? new Set<number>();
  const spmm = propagateWith(g);
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++)
    for (let k = g.start[i]; k < g.start[i + 1]; k++) if (i < g.nbr[k]) edges.push([i, g.nbr[k]]);
  const pos = { u: Int32Array.from(edges, (e) => e[0]), v: Int32Array.from(edges, (e) => e[1]) };
  const m = edges.length;

  // Â·H as an op: forward and gradient are the same sparse product (Â = Âᵀ).
  const propagate = tf.customGrad((input: unknown) => {
    const h = input as tf.Tensor;
    const cols = h.shape[1]!;
    const value = tf.tensor2d(spmm(h.dataSync() as Float32Array, cols), [n, cols]);
    return { value, gradFunc: (dy: tf.Tensor) => tf.tensor2d(spmm(dy.dataSync() as Float32Array, cols), [n, cols]) }; // prettier-ignore
  }) as (h: tf.Tensor) => tf.Tensor2D;
  // z_u · z_v of each pair; the gradient scatters dy · z_v to u and dy · z_u to v.
  const dots = (pairs: Pairs) =>
    tf.customGrad((input: unknown) => {
      const z = input as tf.Tensor;
      const d = z.shape[1]!;
      const zs = z.dataSync() as Float32Array;
      const out = new Float32Array(pairs.u.length);
      for (let i = 0; i < out.length; i++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += zs[pairs.u[i] * d + c] * zs[pairs.v[i] * d + c];
        out[i] = s;
      }
      const gradFunc = (dy: tf.Tensor) => {
        const gy = dy.dataSync();
        const dz = new Float32Array(zs.length);
        for (let i = 0; i < out.length; i++) {
          const a = pairs.u[i] * d;
          const b = pairs.v[i] * d;
          for (let c = 0; c < d; c++) {
            dz[a + c] += gy[i] * zs[b + c];
            dz[b + c] += gy[i] * zs[a + c];
          }
        }
        return tf.tensor2d(dz, [n, d]);
      };
      return { value: tf.tensor1d(out), gradFunc };
    }) as (z: tf.Tensor) => tf.Tensor1D;

  const glorot = (shape: [number, number], s: number) =>
    tf.variable(tf.initializers.glorotUniform({ seed: s }).apply(shape) as tf.Tensor2D);
  const F = o.features ? tf.tensor2d(o.features.X, [n, o.features.cols]) : null;
  const W1 = glorot([n, 32], seed);
  const W1f = o.features ? glorot([o.features.cols, 32], seed + 1) : null;
  const b1 = tf.variable(tf.zeros([32]));
  const W2 = glorot([32, 16], seed + 2);
  const b2 = tf.variable(tf.zeros([16]));
  const encode = () => {
    const xw = F && W1f ? tf.add(W1, tf.matMul(F, W1f)) : W1;
    const h = tf.relu(tf.add(propagate(xw), b1));
    return tf.add(propagate(tf.matMul(h, W2)), b2);
  };
  const labels = tf.concat([tf.ones([m]), tf.zeros([m])]);
  const opt = tf.train.adam(o.learningRate ?? 0.01);
  let finalLoss = NaN;
  try {
    for (let e = 0; e < epochs; e++) {
      o.signal?.throwIfAborted();
      const pairs = epochPairs(g, pos, rand, avoid);
      const loss = opt.minimize(() => {
        const logits = dots(pairs)(encode());
        // Mean cross-entropy of the positives plus that of the negatives.
        return tf.mul(tf.losses.sigmoidCrossEntropy(labels, logits), 2) as tf.Scalar;
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
    tf.dispose([labels, W1, b1, W2, b2, ...(F ? [F] : []), ...(W1f ? [W1f] : [])]);
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

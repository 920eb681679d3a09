// Softmax and cross-entropy over many one-hot spans of a row at once. Slicing each span costs a
// few tfjs ops per span, and on the WASM backend op count, not arithmetic, dominates these
// small networks; a width × spans 0/1 matrix sums every span in one product instead.
import { tf } from '../../tf/backend';
import { matMul } from './dense';

/** The width × spans matrix with 1 where a column belongs to a span. */
export function spanMatrix(width: number, spans: { start: number; size: number }[]): tf.Tensor2D {
  const m = new Float32Array(width * spans.length);
  spans.forEach((s, k) => {
    for (let j = 0; j < s.size; j++) m[(s.start + j) * spans.length + k] = 1;
  });
  return tf.tensor2d(m, [width, spans.length]);
}

/** e^x with x clipped to ±40: no overflow in float32, so no per-span maximum is subtracted. */
export const expClipped = (x: tf.Tensor2D): tf.Tensor2D => tf.exp(tf.clipByValue(x, -40, 40));

/**
 * Per row, the cross-entropy of each span's logits against the one-hot `target` in it, summed
 * over spans (spans with no target contribute nothing): Σ_s (Σ_{j∈s} t_j)·logΣ_{j∈s} e^{l_j} − Σ_j t_j l_j.
 */
export function spanCrossEntropy(
  logits: tf.Tensor2D,
  target: tf.Tensor2D,
  S: tf.Tensor2D
): tf.Tensor1D {
  // prettier-ignore
  const lse = tf.log(matMul(expClipped(logits), S));
  const norm = tf.sum(tf.mul(matMul(target, S), lse), 1);
  return tf.sub(norm, tf.sum(tf.mul(target, logits), 1)) as tf.Tensor1D;
}

/** Softmax within each span; `pad` is 1 on columns outside every span (kept finite there). */
export function spanSoftmax(
  x: tf.Tensor2D,
  S: tf.Tensor2D,
  ST: tf.Tensor2D,
  pad: tf.Tensor2D
): tf.Tensor2D {
  // prettier-ignore
  const e = expClipped(x);
  return tf.div(e, tf.add(matMul(matMul(e, S), ST), pad));
}

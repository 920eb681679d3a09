// The VAE's likelihood per column type, over the encoded customer table (features/encode.ts):
// a Gaussian with a learned variance for each standardised number, a Bernoulli for each single
// yes/no indicator (a two-level column, a "was blank" flag), and a categorical (softmax
// cross-entropy) for each one-hot group. The negative log-likelihood of each input column is
// what the anomaly score adds up and what "the columns that make it unusual" are ranked by.
// Two implementations of the same formulas: tfjs for training, plain JavaScript for scoring.
import type { Encoder } from '../../features/encode';
import { tf } from '../../tf/backend';
import { spanCrossEntropy, spanMatrix } from '../networks/spans';

export type Part =
  | { type: 'gaussian'; col: number }
  | { type: 'bernoulli'; col: number }
  | { type: 'softmax'; start: number; size: number };

/** One input column (source) and the likelihood terms of its encoded columns. */
export interface Group {
  source: string;
  parts: Part[];
}

export interface Likelihood {
  width: number;
  groups: Group[];
  /** Encoded indices of the Gaussian columns (their learned log-sd, in this order). */
  gaussian: number[];
}

export function likelihoodOf(enc: Encoder): Likelihood {
  const groups: Group[] = [];
  const gaussian: number[] = [];
  let j = 0;
  for (const s of enc.specs) {
    const parts: Part[] = [];
    if (s.type === 'numeric') {
      gaussian.push(j);
      parts.push({ type: 'gaussian', col: j++ });
      if (s.logCompanion || s.ple) throw new Error('the VAE takes numbers without companions or bins'); // prettier-ignore
      if (s.missingFlag) parts.push({ type: 'bernoulli', col: j++ });
    } else if (s.levels.length === 1) parts.push({ type: 'bernoulli', col: j++ });
    else {
      parts.push({ type: 'softmax', start: j, size: s.levels.length });
      j += s.levels.length;
    }
    groups.push({ source: s.source, parts });
  }
  return { width: j, groups, gaussian };
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Negative log-likelihood of each row of `x` [n, width] under decoder outputs `out` [n, width]
 * (means for Gaussian columns, logits otherwise), summed over columns: a [n] tensor.
 */
export function nllTensor(
  lik: Likelihood,
  x: tf.Tensor2D,
  out: tf.Tensor2D,
  logSd: tf.Tensor1D
): tf.Tensor1D {
  const n = x.shape[0];
  const d = lik.width;
  const terms: tf.Tensor1D[] = [];
  // Masks and a 0/1 placement matrix rather than gathers: the WASM backend has no kernel for
  // a gather's gradient (UnsortedSegmentSum).
  const g = lik.gaussian;
  if (g.length) {
    const place = new Float32Array(g.length * d);
    g.forEach((col, k) => (place[k * d + col] = 1));
    const mask = new Float32Array(d);
    for (const col of g) mask[col] = 1;
    const ls = tf.matMul(tf.reshape(logSd, [1, g.length]), tf.tensor2d(place, [g.length, d]));
    const z = tf.mul(tf.sub(x, out), tf.exp(tf.neg(ls)));
    const each = tf.add(tf.mul(0.5, tf.square(z)), tf.add(ls, 0.5 * LOG_2PI));
    terms.push(tf.sum(tf.mul(each, tf.tensor2d(mask, [1, d])), 1) as tf.Tensor1D);
  }
  const bern = lik.groups.flatMap((gr) => gr.parts).filter((p) => p.type === 'bernoulli');
  if (bern.length) {
    const mask = new Float32Array(d);
    for (const p of bern) mask[p.col] = 1;
    // Binary cross-entropy with logits, stable: max(l, 0) − l·x + log(1 + e^−|l|).
    const bce = tf.add(tf.sub(tf.relu(out), tf.mul(out, x)), tf.log1p(tf.exp(tf.neg(tf.abs(out)))));
    terms.push(tf.sum(tf.mul(bce, tf.tensor2d(mask, [1, d])), 1));
  }
  const soft = lik.groups.flatMap((gr) => gr.parts).flatMap((p) => (p.type === 'softmax' ? [p] : [])); // prettier-ignore
  if (soft.length) {
    const mask = new Float32Array(d);
    for (const p of soft) mask.fill(1, p.start, p.start + p.size);
    const S = spanMatrix(d, soft);
    terms.push(spanCrossEntropy(out, tf.mul(x, tf.tensor2d(mask, [1, d])), S));
  }
  return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Tensor1D;
}

/** The same negative log-likelihood in plain JavaScript, per group, for one row. */
export function groupNll(
  lik: Likelihood,
  x: ArrayLike<number>,
  out: ArrayLike<number>,
  logSd: ArrayLike<number>,
  into: Float64Array
): Float64Array {
  let gi = 0;
  lik.groups.forEach((gr, k) => {
    let s = 0;
    for (const p of gr.parts) {
      if (p.type === 'gaussian') {
        const ls = logSd[gi++];
        const z = (x[p.col] - out[p.col]) / Math.exp(ls);
        s += 0.5 * z * z + ls + 0.5 * LOG_2PI;
      } else if (p.type === 'bernoulli') {
        const l = out[p.col];
        s += Math.max(l, 0) - l * x[p.col] + Math.log1p(Math.exp(-Math.abs(l)));
      } else {
        let m = -Infinity;
        for (let i = 0; i < p.size; i++) m = Math.max(m, out[p.start + i]);
        let z = 0;
        for (let i = 0; i < p.size; i++) z += Math.exp(out[p.start + i] - m);
        const lse = m + Math.log(z);
        for (let i = 0; i < p.size; i++) s -= x[p.start + i] * (out[p.start + i] - lse);
      }
    }
    into[k] = s;
  });
  return into;
}

// The link-prediction split (as in the issue and PyTorch Geometric's RandomLinkSplit): hide a
// share of the edges as positives, draw as many pairs that are not edges of the whole graph as
// negatives, seeded. Every model is fitted on the training graph (the edges not hidden) and
// never sees a test pair, positive or negative, during training.
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import { hasEdge, toCsr, type Csr } from './csr';

export interface Pairs {
  u: Int32Array;
  v: Int32Array;
}

export interface LinkSplit {
  /** The graph without the hidden edges: all that training may look at. */
  train: Csr;
  /** Indices (into the edge arrays) of the edges kept for training. */
  trainEdges: Int32Array;
  /** Hidden edges then as many non-edges; labels 1 then 0. */
  test: Pairs;
  labels: Uint8Array;
}

/** Canonical key of an unordered pair. */
export const pairKey = (u: number, v: number, n: number): number => (u < v ? u * n + v : v * n + u);

/**
 * Draw `count` distinct unordered pairs (u ≠ v) that are not edges of `g` and not in `avoid`.
 * Throws when the graph is too dense to have that many.
 */
export function sampleNonEdges(
  g: Csr,
  count: number,
  rand: () => number,
  avoid: Set<number> = new Set()
): Pairs {
  const n = g.n;
  const free = (n * (n - 1)) / 2 - g.nbr.length / 2 - avoid.size;
  if (count > free) throw new Error(`only ${free} unlinked pairs, ${count} needed`);
  const u = new Int32Array(count);
  const v = new Int32Array(count);
  const seen = new Set<number>();
  let k = 0;
  for (let tries = 0; k < count; tries++) {
    if (tries > 50 * count + 1000) throw new Error('graph too dense to draw unlinked pairs');
    const a = Math.floor(rand() * n);
    const b = Math.floor(rand() * n);
    if (a === b) continue;
    const key = pairKey(a, b, n);
    if (seen.has(key) || avoid.has(key) || hasEdge(g, a, b)) continue;
    seen.add(key);
    u[k] = Math.min(a, b);
    v[k++] = Math.max(a, b);
  }
  return { u, v };
}

export function splitLinks(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  opts: { share?: number; seed?: number } = {}
): LinkSplit {
  const share = opts.share ?? 0.1;
  const rand = seededRandom(opts.seed ?? 0);
  const order = shuffleInPlace(
    Array.from({ length: src.length }, (_, i) => i),
    rand
  );
  const nTest = Math.round(share * src.length);
  const hidden = new Uint8Array(src.length);
  for (let i = 0; i < nTest; i++) hidden[order[i]] = 1;
  const full = toCsr(n, src, dst);
  const negatives = sampleNonEdges(full, nTest, rand);
  const u = new Int32Array(2 * nTest);
  const v = new Int32Array(2 * nTest);
  const labels = new Uint8Array(2 * nTest);
  for (let i = 0; i < nTest; i++) {
    u[i] = src[order[i]];
    v[i] = dst[order[i]];
    labels[i] = 1;
    u[nTest + i] = negatives.u[i];
    v[nTest + i] = negatives.v[i];
  }
  const trainEdges = Int32Array.from(order.slice(nTest)).sort();
  return {
    train: toCsr(n, src, dst, (e) => !hidden[e]),
    trainEdges,
    test: { u, v },
    labels
  };
}

/** Keys of every pair of a split's test set (what training must never look at). */
export function testKeys(split: LinkSplit): Set<number> {
  const keys = new Set<number>();
  for (let i = 0; i < split.test.u.length; i++)
    keys.add(pairKey(split.test.u[i], split.test.v[i], split.train.n));
  return keys;
}

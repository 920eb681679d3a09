// Structural features of a customer pair for the learned link model: the neighbourhood
// heuristics, both degrees (as their log sum and log gap: preferential attachment and how
// unlike the two are) and the number of length-3 paths. Each is computed without the pair's own
// edge (see heuristics.ts), so an existing edge looks like a hidden one.
import { paths3, pairHeuristics } from './heuristics';
import type { Csr } from './csr';
import type { Pairs } from './split';

export const PAIR_FEATURES = [
  'log_common',
  'adamic_adar',
  'resource_allocation',
  'jaccard',
  'log_degree_sum',
  'log_degree_gap',
  'log_paths3'
] as const;

export const N_PAIR_FEATURES = PAIR_FEATURES.length;

/** Row-major features of every pair (pairs.u.length x N_PAIR_FEATURES). */
export function pairFeatures(g: Csr, pairs: Pairs, signal?: AbortSignal): Float32Array {
  const p = N_PAIR_FEATURES;
  const X = new Float32Array(pairs.u.length * p);
  const mark = new Uint8Array(g.n);
  for (let i = 0; i < pairs.u.length; i++) {
    if ((i & 4095) === 0) signal?.throwIfAborted();
    const u = pairs.u[i];
    const v = pairs.v[i];
    const h = pairHeuristics(g, u, v);
    const lu = Math.log1p(h.du);
    const lv = Math.log1p(h.dv);
    const o = i * p;
    X[o] = Math.log1p(h.common);
    X[o + 1] = h.adamicAdar;
    X[o + 2] = h.resourceAllocation;
    X[o + 3] = h.jaccard;
    X[o + 4] = lu + lv;
    X[o + 5] = Math.abs(lu - lv);
    X[o + 6] = Math.log1p(paths3(g, u, v, mark));
  }
  return X;
}

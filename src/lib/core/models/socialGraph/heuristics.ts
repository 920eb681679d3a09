// Neighbourhood link predictors on an undirected graph. For a pair (u, v) each one is computed
// on the graph without the edge u–v itself, so a training edge is scored the way a hidden one
// is (common neighbours are unaffected; degrees and the union drop the pair's own link):
//   common neighbours  |N(u) ∩ N(v)|
//   Jaccard            |N(u) ∩ N(v)| / |N(u) ∪ N(v)|
//   Adamic–Adar        Σ_{w ∈ N(u) ∩ N(v)} 1 / log deg(w)        (Adamic & Adar 2003)
//   resource allocation Σ_{w ∈ N(u) ∩ N(v)} 1 / deg(w)            (Zhou, Lü & Zhang 2009)
// matching networkx.adamic_adar_index, jaccard_coefficient and resource_allocation_index.
import { degreeOf, hasEdge, type Csr } from './csr';

export interface PairHeuristics {
  common: number;
  jaccard: number;
  adamicAdar: number;
  resourceAllocation: number;
  /** Degrees of u and v without their own link. */
  du: number;
  dv: number;
}

/** The heuristics of (u, v), intersecting the sorted neighbour lists. */
export function pairHeuristics(g: Csr, u: number, v: number): PairHeuristics {
  const linked = hasEdge(g, u, v) ? 1 : 0;
  const du = degreeOf(g, u) - linked;
  const dv = degreeOf(g, v) - linked;
  let i = g.start[u];
  let j = g.start[v];
  const ie = g.start[u + 1];
  const je = g.start[v + 1];
  let common = 0;
  let aa = 0;
  let ra = 0;
  while (i < ie && j < je) {
    const a = g.nbr[i];
    const b = g.nbr[j];
    if (a < b) i++;
    else if (a > b) j++;
    else {
      const d = degreeOf(g, a);
      common++;
      aa += 1 / Math.log(d);
      ra += 1 / d;
      i++;
      j++;
    }
  }
  const union = du + dv - common;
  return {
    common,
    jaccard: union > 0 ? common / union : 0,
    adamicAdar: aa,
    resourceAllocation: ra,
    du,
    dv
  };
}

/**
 * Paths of length 3 from u to v that do not use the edge u–v (the local path index's third-order
 * term, Lü, Jin & Zhou 2009), counted with a mark array over N(v).
 */
export function paths3(g: Csr, u: number, v: number, mark: Uint8Array): number {
  for (let k = g.start[v]; k < g.start[v + 1]; k++) mark[g.nbr[k]] = 1;
  mark[u] = 0;
  let count = 0;
  for (let k = g.start[u]; k < g.start[u + 1]; k++) {
    const a = g.nbr[k];
    if (a === v) continue;
    for (let l = g.start[a]; l < g.start[a + 1]; l++) count += mark[g.nbr[l]];
  }
  for (let k = g.start[v]; k < g.start[v + 1]; k++) mark[g.nbr[k]] = 0;
  return count;
}

export type HeuristicName = 'adamicAdar' | 'jaccard' | 'resourceAllocation';
export const HEURISTICS: readonly HeuristicName[] = ['adamicAdar', 'jaccard', 'resourceAllocation'];

/** One heuristic's score of every pair. */
export function scorePairs(
  g: Csr,
  pairs: { u: Int32Array; v: Int32Array },
  name: HeuristicName
): Float64Array {
  const out = new Float64Array(pairs.u.length);
  for (let i = 0; i < out.length; i++) out[i] = pairHeuristics(g, pairs.u[i], pairs.v[i])[name];
  return out;
}

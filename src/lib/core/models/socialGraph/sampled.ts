// Betweenness and closeness estimated from k sampled source nodes, for graphs too large for one
// shortest-path search per node (graphology-metrics computes them exactly, and has no sampling):
// - betweenness: Brandes & Pich (2007), dependencies accumulated from k uniform pivots and
//   scaled by n / k, on graphology-shortest-path's single-source Brandes (the same search
//   graphology-metrics runs from every node), then NetworkX's normalisation;
// - closeness: Eppstein & Wang (2004): each node's mean distance to the k pivots estimates its
//   mean distance to all; Wasserman–Faust scaled by the share of pivots it reaches.
import type Graph from 'graphology';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes';
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import { bfs, type Csr } from './csr';

function pivotsOf(n: number, k: number, seed: number): number[] {
  return shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    seededRandom(seed)
  ).slice(0, k);
}

/** Betweenness in the graph's node order (normalised as networkx's, undirected). */
export function sampledBetweenness(g: Graph, k: number, seed: number): Float64Array {
  const n = g.order;
  const brandes = createUnweightedIndexedBrandes(g);
  const delta = new Float64Array(n);
  const score = new Float64Array(n);
  for (const s of pivotsOf(n, k, seed)) {
    const [S, P, sigma] = brandes(s);
    delta.fill(0);
    while (S.size !== 0) {
      const w = S.pop()!;
      const c = (1 + delta[w]) / sigma[w];
      for (const v of P[w]) delta[v] += sigma[v] * c;
      if (w !== s) score[w] += delta[w];
    }
  }
  // Ordered pairs counted from k of n sources, scaled to all n, then 1 / ((n-1)(n-2)).
  const scale = n > 2 ? n / k / ((n - 1) * (n - 2)) : 0;
  // The brandes index orders nodes as graph.nodes() does.
  for (let i = 0; i < n; i++) score[i] *= scale;
  return score;
}

/** Closeness (Wasserman–Faust) from distances to k pivots, in the CSR's node order. */
export function sampledCloseness(g: Csr, k: number, seed: number): Float64Array {
  const n = g.n;
  const sum = new Float64Array(n);
  const reached = new Int32Array(n);
  const dist = new Int32Array(n);
  const queue = new Int32Array(n);
  const isPivot = new Uint8Array(n);
  for (const s of pivotsOf(n, k, seed)) {
    isPivot[s] = 1;
    bfs(g, s, dist, queue);
    for (let v = 0; v < n; v++)
      if (dist[v] > 0) {
        sum[v] += dist[v];
        reached[v]++;
      }
  }
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    // Pivots other than v itself: v is one of them or not.
    const others = k - isPivot[v];
    if (!reached[v] || !others) continue;
    const share = reached[v] / others;
    out[v] = share / (sum[v] / reached[v]);
  }
  return out;
}

// Betweenness and closeness estimated from k sampled source nodes, for graphs too large for one
// shortest-path search per node (graphology-metrics computes them exactly, and has no sampling):
// - betweenness: Brandes & Pich (2007), dependencies accumulated from k uniform pivots and
//   scaled by n / k, then NetworkX's normalisation;
// - closeness: Eppstein & Wang (2004): each node's mean distance to the k pivots estimates its
//   mean distance to all; Wasserman–Faust scaled by the share of pivots it reaches.
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import type { Csr } from './csr';

function pivotsOf(n: number, k: number, seed: number): number[] {
  return shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    seededRandom(seed)
  ).slice(0, k);
}

/**
 * Betweenness (normalised as networkx's, undirected) and Wasserman–Faust closeness in the CSR's
 * node order, from one breadth-first search per pivot. The single-source step is Brandes' on
 * typed arrays: in an unweighted graph the predecessors of w are its neighbours one step nearer
 * the source, so no predecessor lists are built (graphology's indexed Brandes allocates one
 * array per node per source, which dominates at 10,000 nodes). The pivots' distances serve the
 * closeness estimate too (the graph is undirected: d(pivot, v) = d(v, pivot)).
 */
export function sampledPathMetrics(
  g: Csr,
  k: number,
  seed: number
): { betweenness: Float64Array; closeness: Float64Array } {
  const n = g.n;
  const dist = new Int32Array(n);
  const order = new Int32Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const score = new Float64Array(n);
  const sum = new Float64Array(n);
  const reached = new Int32Array(n);
  const isPivot = new Uint8Array(n);
  for (const s of pivotsOf(n, k, seed)) {
    isPivot[s] = 1;
    dist.fill(-1);
    sigma.fill(0);
    delta.fill(0);
    dist[s] = 0;
    sigma[s] = 1;
    order[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = order[head++];
      for (let e = g.start[u]; e < g.start[u + 1]; e++) {
        const v = g.nbr[e];
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          order[tail++] = v;
        }
        if (dist[v] === dist[u] + 1) sigma[v] += sigma[u];
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i];
      sum[w] += dist[w];
      reached[w]++;
      const c = (1 + delta[w]) / sigma[w];
      for (let e = g.start[w]; e < g.start[w + 1]; e++) {
        const v = g.nbr[e];
        if (dist[v] === dist[w] - 1) delta[v] += sigma[v] * c;
      }
      score[w] += delta[w];
    }
  }
  // Ordered pairs counted from k of n sources, scaled to all n, then 1 / ((n-1)(n-2)).
  const scale = n > 2 ? n / k / ((n - 1) * (n - 2)) : 0;
  const closeness = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    score[v] *= scale;
    // Share of the other pivots v reaches, over its mean distance to them.
    const others = k - isPivot[v];
    if (reached[v] && others) closeness[v] = reached[v] / others / (sum[v] / reached[v]);
  }
  return { betweenness: score, closeness };
}

// Centrality of every customer with graphology-metrics: PageRank (Brin & Page 1998), degree,
// betweenness (Brandes 2001), closeness (Wasserman–Faust, as NetworkX's default) and eigenvector.
// Betweenness and closeness cost one shortest-path search per node: exact up to EXACT_UP_TO
// nodes, estimated from a seeded sample of source nodes beyond (sampled.ts). Each metric is
// NetworkX's normalisation, so the karate club values match networkx to 1e-6 (tests).
import type Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import closenessCentrality from 'graphology-metrics/centrality/closeness';
import { degreeCentrality } from 'graphology-metrics/centrality/degree';
import eigenvectorCentrality from 'graphology-metrics/centrality/eigenvector';
import pagerank from 'graphology-metrics/centrality/pagerank';
import type { Csr } from './csr';
import { sampledPathMetrics } from './sampled';

export const EXACT_UP_TO = 5000;

export interface Centrality {
  pagerank: Float64Array;
  degree: Float64Array;
  betweenness: Float64Array;
  closeness: Float64Array;
  /** NaN when the power iteration did not converge (some disconnected graphs). */
  eigenvector: Float64Array;
  /** 'exact', or the number of sampled source nodes. */
  pathMetrics: 'exact' | number;
  ms: Record<string, number>;
}

export interface CentralityOptions {
  exactUpTo?: number;
  /** Source nodes sampled beyond exactUpTo. Default 128. */
  pivots?: number;
  seed?: number;
  /**
   * PageRank and eigenvector convergence: mean L1 change per node below this (NetworkX's `tol`).
   * Default 1e-6, NetworkX's default; the test against NetworkX uses 1e-10 on both sides.
   */
  tolerance?: number;
  /** A directed graph for PageRank (and in/out degree) when the links have a direction. */
  directed?: Graph;
  signal?: AbortSignal;
}

/** A mapping keyed by node (graphology's result) as an array in the graph's node order. */
function inOrder(g: Graph, m: Record<string, number>): Float64Array {
  return Float64Array.from(g.nodes(), (k) => m[k] ?? 0);
}

function timed<T>(ms: Record<string, number>, name: string, f: () => T): T {
  const t0 = performance.now();
  const v = f();
  ms[name] = performance.now() - t0;
  return v;
}

/** All five metrics of an undirected graph whose node order is the CSR's. */
export function centrality(g: Graph, csr: Csr, o: CentralityOptions = {}): Centrality {
  const ms: Record<string, number> = {};
  const exact = g.order <= (o.exactUpTo ?? EXACT_UP_TO);
  const pivots = Math.min(g.order, o.pivots ?? 128);
  const seed = o.seed ?? 0;
  const tol = o.tolerance ?? 1e-6;
  const pr = timed(
    ms,
    'pagerank',
    () =>
    inOrder(g, pagerank(o.directed ?? g, { getEdgeWeight: null, tolerance: tol, maxIterations: 1000 })) // prettier-ignore
  );
  o.signal?.throwIfAborted();
  const degree = timed(ms, 'degree', () => inOrder(g, degreeCentrality(g)));
  // Exact: graphology-metrics, one search per node and metric; sampled: one search per pivot
  // for both (timed together as 'paths').
  const sampled = exact ? null : timed(ms, 'paths', () => sampledPathMetrics(csr, pivots, seed));
  const betweenness =
    sampled?.betweenness ??
    timed(ms, 'betweenness', () => inOrder(g, betweennessCentrality(g, { getEdgeWeight: null })));
  o.signal?.throwIfAborted();
  const closeness =
    sampled?.closeness ??
    timed(ms, 'closeness', () => inOrder(g, closenessCentrality(g, { wassermanFaust: true })));
  o.signal?.throwIfAborted();
  const eigenvector = timed(ms, 'eigenvector', () => {
    try {
      return inOrder(g, eigenvectorCentrality(g, { getEdgeWeight: null, maxIterations: 1000, tolerance: tol })); // prettier-ignore
    } catch {
      return new Float64Array(g.order).fill(NaN);
    }
  });
  return {
    pagerank: pr,
    degree,
    betweenness,
    closeness,
    eigenvector,
    pathMetrics: exact ? 'exact' : pivots,
    ms
  };
}

// The whole analysis of a customer graph: graphology graph(s), centrality, Louvain communities
// and precomputed ForceAtlas2 positions (Jacomy et al. 2014) so the page draws without running a
// layout on the main thread. Every step checks the cancel signal and reports its phase.
import Graph, { DirectedGraph, UndirectedGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { seededRandom } from '../../evaluate/splits';
import { yieldToLoop } from '../family';
import { centrality, type Centrality, type CentralityOptions } from './centrality';
import { detectCommunities, type Communities, type CommunityOptions } from './communities';
import { toCsr } from './csr';
import type { SocialGraph } from './graph';

export interface AnalyseOptions extends CommunityOptions {
  pivots?: number;
  exactUpTo?: number;
  /** Compute layout positions (the page needs them; the bench and CLI do not). Default true. */
  layout?: boolean;
  progress?(phase: string, done: number, total: number): void;
}

export interface GraphAnalysis {
  centrality: Centrality;
  communities: Communities;
  /** x, y of each node (row-major n x 2); empty without layout. */
  positions: Float32Array;
  ms: Record<string, number>;
}

/** The undirected simple graph as graphology wants it, node keys = customer ids, in order. */
export function toGraphology(g: SocialGraph): Graph {
  const out = new UndirectedGraph();
  for (const id of g.ids) out.addNode(id);
  for (let e = 0; e < g.src.length; e++) out.addEdge(g.ids[g.src[e]], g.ids[g.dst[e]]);
  return out;
}

function toDirected(g: SocialGraph): Graph | undefined {
  if (!g.arcs) return undefined;
  const out = new DirectedGraph();
  for (const id of g.ids) out.addNode(id);
  for (let e = 0; e < g.arcs.src.length; e++)
    out.addEdge(g.ids[g.arcs.src[e]], g.ids[g.arcs.dst[e]]);
  return out;
}

/** ForceAtlas2 from seeded positions (fewer iterations on larger graphs). */
export function layoutPositions(graph: Graph, seed: number): Float32Array {
  const rand = seededRandom(seed);
  graph.forEachNode((k) => graph.mergeNodeAttributes(k, { x: rand() * 100, y: rand() * 100 }));
  const n = graph.order;
  const iterations = n <= 1000 ? 200 : n <= 5000 ? 80 : 40;
  const pos = forceAtlas2(graph, {
    iterations,
    settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: n > 500 }
  });
  const out = new Float32Array(n * 2);
  graph.nodes().forEach((k, i) => {
    out[2 * i] = pos[k].x;
    out[2 * i + 1] = pos[k].y;
  });
  return out;
}

/**
 * Async only to give the worker's event loop a turn between phases, so a cancel arrives (each
 * phase itself is synchronous: the graphology functions are).
 */
export async function analyseGraph(
  g: SocialGraph,
  o: AnalyseOptions & Pick<CentralityOptions, 'tolerance'> = {}
): Promise<GraphAnalysis> {
  const ms: Record<string, number> = {};
  const t0 = performance.now();
  const graph = toGraphology(g);
  const csr = toCsr(g.ids.length, g.src, g.dst);
  ms.build = performance.now() - t0;
  o.progress?.('centrality', 0, 3);
  await yieldToLoop();
  const c = centrality(graph, csr, {
    pivots: o.pivots,
    exactUpTo: o.exactUpTo,
    seed: o.seed,
    tolerance: o.tolerance,
    directed: toDirected(g),
    signal: o.signal
  });
  Object.assign(ms, c.ms);
  await yieldToLoop();
  o.signal?.throwIfAborted();
  o.progress?.('communities', 1, 3);
  const t1 = performance.now();
  const communities = detectCommunities(graph, o);
  ms.communities = performance.now() - t1;
  let positions: Float32Array = new Float32Array(0);
  if (o.layout ?? true) {
    await yieldToLoop();
    o.signal?.throwIfAborted();
    o.progress?.('layout', 2, 3);
    const t2 = performance.now();
    positions = layoutPositions(graph, o.seed ?? 0);
    ms.layout = performance.now() - t2;
  }
  o.progress?.('done', 3, 3);
  return { centrality: c, communities, positions, ms };
}

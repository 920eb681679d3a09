// Hook for bench/sections/graph.ts: window.__rapportBench.graph({ nodes, edges, seed }) generates
// a seeded random graph with communities in the page (the generator is fetched on first use, not
// part of the first page's bundle), warms the worker up with a tiny graph (its first model call
// loads the model handlers), then has the worker compute every centrality metric and the Louvain
// communities of the big one. Returns the worker's own timings per phase and the call's time.
// Nothing is stored. Imported after bench-hooks.ts, whose object it extends.
import { call } from './workers/client';

async function graph(o: { nodes?: number; edges?: number; seed?: number } = {}) {
  const { plantedPartition } = await import('./core/models/socialGraph/generate');
  const tiny = plantedPartition(20, 40, { seed: 1 });
  await call('graph.analyseEdges', { n: tiny.n, src: tiny.src, dst: tiny.dst });
  const g = plantedPartition(o.nodes ?? 10_000, o.edges ?? 100_000, { seed: o.seed ?? 1 });
  const t0 = performance.now();
  const r = await call('graph.analyseEdges', { n: g.n, src: g.src, dst: g.dst, runs: 1 });
  return { ...r, callMs: performance.now() - t0 };
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { __rapportBench?: Record<string, unknown> };
  w.__rapportBench = { ...(w.__rapportBench ?? {}), graph };
}

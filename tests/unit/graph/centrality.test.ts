// Centrality on Zachary's karate club against NetworkX 3.6 (tests/fixtures/graph/
// karate-networkx.json, written by networkx_reference.py beside it): PageRank to 1e-6 with
// tolerance 1e-10 on both sides, betweenness, closeness, degree and eigenvector likewise; the
// sampled estimates used beyond 5,000 nodes land near the exact values.
import { describe, expect, it } from 'vitest';
import { centrality } from '../../../src/lib/core/models/socialGraph/centrality';
import { analyseGraph, toGraphology } from '../../../src/lib/core/models/socialGraph/analyse';
import { edgeListInputs, parseEdgeList } from '../../../src/lib/core/models/socialGraph/edgeList';
import { buildGraph } from '../../../src/lib/core/models/socialGraph/graph';
import { toCsr } from '../../../src/lib/core/models/socialGraph/csr';
import { karate, karateReference, read } from './helpers';

describe('centrality on the karate club', () => {
  const g = karate();
  const ref = karateReference();
  const c = centrality(toGraphology(g), toCsr(g.ids.length, g.src, g.dst), { tolerance: 1e-10 });
  const byId = (a: Float64Array) => new Map(g.ids.map((id, i) => [id, a[i]]));

  it('has the 34 members and 78 friendships NetworkX has', () => {
    expect(g.ids.length).toBe(ref.nodes as unknown as number);
    expect(g.src.length).toBe(ref.edges as unknown as number);
  });

  for (const metric of ['pagerank', 'betweenness', 'closeness', 'degree', 'eigenvector'] as const)
    it(`${metric} equals NetworkX's to 1e-6`, () => {
      const ours = byId(c[metric]);
      for (const [id, want] of Object.entries(ref[metric]))
        expect(Math.abs(ours.get(id)! - want), `${metric} of ${id}`).toBeLessThan(1e-6);
    });

  it("equals NetworkX's PageRank of the directed graph (dangling nodes) to 1e-6", async () => {
    const directed = buildGraph(edgeListInputs(parseEdgeList(read('karate-edges.csv'))), {
      directed: true
    });
    const a = await analyseGraph(directed, { layout: false, runs: 1, tolerance: 1e-10 });
    const ours = new Map(directed.ids.map((id, i) => [id, a.centrality.pagerank[i]]));
    for (const [id, want] of Object.entries(ref.pagerankDirected))
      expect(Math.abs(ours.get(id)! - want), `pagerank of ${id}`).toBeLessThan(1e-6);
  });

  it('ranks 33, 0, 32, 2, 1 first by PageRank', () => {
    const top = [...byId(c.pagerank)].sort((a, b) => b[1] - a[1]).slice(0, 5);
    expect(top.map(([id]) => id)).toEqual(['33', '0', '32', '2', '1']);
  });

  it('gives the exact values when every node is a sampled source', () => {
    const s = centrality(toGraphology(g), toCsr(g.ids.length, g.src, g.dst), {
      exactUpTo: 10,
      pivots: 34
    });
    const bc = byId(s.betweenness);
    const cc = byId(s.closeness);
    for (const [id, want] of Object.entries(ref.betweenness))
      expect(Math.abs(bc.get(id)! - want), `betweenness of ${id}`).toBeLessThan(1e-12);
    for (const [id, want] of Object.entries(ref.closeness))
      expect(Math.abs(cc.get(id)! - want), `closeness of ${id}`).toBeLessThan(1e-12);
  });

  it('estimates betweenness and closeness from sampled sources when told to', () => {
    const s = centrality(toGraphology(g), toCsr(g.ids.length, g.src, g.dst), {
      exactUpTo: 10,
      pivots: 30,
      seed: 1
    });
    expect(s.pathMetrics).toBe(30);
    const bc = byId(s.betweenness);
    const cc = byId(s.closeness);
    // Hubs keep their rank; estimates near the exact values.
    expect(Math.abs(bc.get('0')! - ref.betweenness['0'])).toBeLessThan(0.1);
    expect(Math.abs(cc.get('0')! - ref.closeness['0'])).toBeLessThan(0.05);
    const rankBc = [...bc].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    expect(rankBc.slice(0, 2).sort()).toEqual(['0', '33']);
  });
});

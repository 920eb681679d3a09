// Louvain communities: the best of 10 seeded runs reaches NetworkX's modularity on the karate
// club (within 0.01), the modularity it reports is recomputed here from the edges and the
// partition alone (Newman's Q, independent of the Louvain code), and NMI behaves.
import { describe, expect, it } from 'vitest';
import { toGraphology } from '../../../src/lib/core/models/socialGraph/analyse';
import { detectCommunities, nmi } from '../../../src/lib/core/models/socialGraph/communities';
import type { SocialGraph } from '../../../src/lib/core/models/socialGraph/graph';
import { factions, karate, karateReference } from './helpers';

/** Q = Σ_c [ L_c / m − γ (d_c / 2m)² ] from the edge arrays and a partition. */
function modularity(g: SocialGraph, of: Int32Array, resolution = 1): number {
  const m = g.src.length;
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  for (let e = 0; e < m; e++) {
    const a = of[g.src[e]];
    const b = of[g.dst[e]];
    if (a === b) inside.set(a, (inside.get(a) ?? 0) + 1);
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
  }
  let q = 0;
  for (const [c, d] of degree) q += (inside.get(c) ?? 0) / m - resolution * (d / (2 * m)) ** 2;
  return q;
}

describe('Louvain communities', () => {
  const g = karate();
  const graph = toGraphology(g);

  it("reaches NetworkX's best-of-10 modularity on the karate club (0.420 ± 0.01)", () => {
    const c = detectCommunities(graph, { runs: 10, seed: 0 });
    expect(Math.abs(c.modularity - karateReference().louvainBestOf10Modularity)).toBeLessThan(0.01);
    expect(c.runs).toHaveLength(10);
    expect(c.modularity).toBe(Math.max(...c.runs));
  });

  it('reports the modularity that its partition really has', () => {
    for (const resolution of [0.5, 1, 2]) {
      const c = detectCommunities(graph, { runs: 3, seed: 7, resolution });
      expect(c.modularity).toBeCloseTo(modularity(g, c.of, resolution), 10);
    }
  });

  it('finds more, smaller communities at a higher resolution', () => {
    const low = detectCommunities(graph, { runs: 5, resolution: 0.5 });
    const high = detectCommunities(graph, { runs: 5, resolution: 2 });
    expect(high.count).toBeGreaterThan(low.count);
    expect(low.sizes.reduce((a, b) => a + b, 0)).toBe(34);
    expect([...low.sizes]).toEqual([...low.sizes].sort((a, b) => b - a));
  });

  it('recovers the two factions of the split well (NMI) and NMI is 1 only for equal partitions', () => {
    const f = factions();
    const truth = g.ids.map((id) => f.get(id)!);
    const c = detectCommunities(graph, { runs: 10 });
    const score = nmi(c.of, truth);
    expect(score).toBeGreaterThan(0.4);
    expect(score).toBeLessThan(1);
    expect(nmi(truth, truth)).toBeCloseTo(1, 12);
    expect(nmi([0, 0, 1, 1], [5, 5, 9, 9])).toBeCloseTo(1, 12);
    expect(nmi([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
  });
});

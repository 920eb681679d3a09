// Communities by Louvain (Blondel, Guillaume, Lambiotte & Lefebvre 2008) with
// graphology-communities-louvain: the best modularity of several seeded runs (the method is
// greedy and order-dependent, so one run can land on a poorer partition), with a resolution
// parameter (γ > 1: more, smaller communities). Communities are renumbered by size, largest 0.
import type Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { seededRandom } from '../../evaluate/splits';

export interface Communities {
  /** Community of each node, in the graph's node order (0 = largest). */
  of: Int32Array;
  count: number;
  /** Size of each community. */
  sizes: number[];
  modularity: number;
  /** Modularity of every run, in seed order (the spread of the method). */
  runs: number[];
  resolution: number;
}

export interface CommunityOptions {
  runs?: number;
  resolution?: number;
  seed?: number;
  signal?: AbortSignal;
}

export function detectCommunities(g: Graph, o: CommunityOptions = {}): Communities {
  const resolution = o.resolution ?? 1;
  const seed = o.seed ?? 0;
  const runs: number[] = [];
  let best: Record<string, number> = {};
  let bestQ = -Infinity;
  for (let r = 0; r < (o.runs ?? 10); r++) {
    o.signal?.throwIfAborted();
    const d = louvain.detailed(g, {
      resolution,
      rng: seededRandom(seed * 1000 + r),
      getEdgeWeight: null
    });
    runs.push(d.modularity);
    if (d.modularity > bestQ) {
      bestQ = d.modularity;
      best = d.communities;
    }
  }
  const raw = Int32Array.from(g.nodes(), (k) => best[k] ?? 0);
  const counts = new Map<number, number>();
  for (const c of raw) counts.set(c, (counts.get(c) ?? 0) + 1);
  const order = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const rename = new Map(order.map(([c], i) => [c, i]));
  return {
    of: raw.map((c) => rename.get(c)!),
    count: order.length,
    sizes: order.map(([, s]) => s),
    modularity: g.size ? bestQ : 0,
    runs,
    resolution
  };
}

/**
 * Normalised mutual information of two labelings (arithmetic-mean normalisation, scikit-learn's
 * default): I(A; B) / ((H(A) + H(B)) / 2).
 */
export function nmi(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  const n = a.length;
  const codes = (x: ArrayLike<number | string>) => {
    const ids = new Map<number | string, number>();
    return { of: Int32Array.from({ length: n }, (_, i) => ids.get(x[i]) ?? ids.set(x[i], ids.size).get(x[i])!), k: () => ids.size }; // prettier-ignore
  };
  const A = codes(a);
  const B = codes(b);
  const ka = A.k();
  const kb = B.k();
  const na = new Float64Array(ka);
  const nb = new Float64Array(kb);
  const nab = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    na[A.of[i]]++;
    nb[B.of[i]]++;
    const key = A.of[i] * kb + B.of[i];
    nab.set(key, (nab.get(key) ?? 0) + 1);
  }
  const h = (c: Float64Array) => -c.reduce((s, x) => s + (x / n) * Math.log(x / n), 0);
  let mi = 0;
  for (const [key, c] of nab) {
    const x = Math.floor(key / kb);
    mi += (c / n) * Math.log((c * n) / (na[x] * nb[key - x * kb]));
  }
  const ha = h(na);
  const hb = h(nb);
  return ha + hb === 0 ? 1 : mi / ((ha + hb) / 2);
}

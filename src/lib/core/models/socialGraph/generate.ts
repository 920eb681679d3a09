// A seeded random graph with communities (a planted-partition stochastic block model with
// heavy-tailed degrees: each node's chance of being picked grows with a Pareto weight), for the
// bench's 10,000-node / 100,000-edge timing: sized like a large shop's customer network, with
// hubs and groups for PageRank and Louvain to find.
import { seededRandom } from '../../evaluate/splits';

export interface GeneratedGraph {
  n: number;
  src: Int32Array;
  dst: Int32Array;
  /** Planted community of each node. */
  community: Int32Array;
}

export function plantedPartition(
  n: number,
  m: number,
  o: { communities?: number; inside?: number; seed?: number } = {}
): GeneratedGraph {
  const k = o.communities ?? Math.max(1, Math.round(n / 200));
  const inside = o.inside ?? 0.8;
  const rand = seededRandom(o.seed ?? 1);
  const community = Int32Array.from({ length: n }, (_, i) => i % k);
  // Pareto(α = 2) weights and, per community and overall, cumulative sums to sample by weight.
  const weight = Float64Array.from({ length: n }, () => 1 / Math.sqrt(1 - rand()));
  const members = Array.from({ length: k }, () => [] as number[]);
  community.forEach((c, i) => members[c].push(i));
  const cumulative = (ids: number[]) => {
    const c = new Float64Array(ids.length);
    ids.forEach((id, j) => (c[j] = (j ? c[j - 1] : 0) + weight[id]));
    return c;
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const cumAll = cumulative(all);
  const cumIn = members.map(cumulative);
  const pick = (ids: number[], cum: Float64Array) => {
    const x = rand() * cum[cum.length - 1];
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return ids[lo];
  };
  const seen = new Set<number>();
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  let e = 0;
  while (e < m) {
    const u = pick(all, cumAll);
    const c = community[u];
    const v = rand() < inside ? pick(members[c], cumIn[c]) : pick(all, cumAll);
    if (u === v) continue;
    const key = u < v ? u * n + v : v * n + u;
    if (seen.has(key)) continue;
    seen.add(key);
    src[e] = Math.min(u, v);
    dst[e++] = Math.max(u, v);
  }
  return { n, src, dst, community };
}

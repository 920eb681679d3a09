// Transitive clustering of matched pairs: union–find over pairs taken from the most to the least
// probable, refusing a union that would put two records the user said are different people in one
// cluster, or that would grow a cluster past `maxSize` (a guard against long match chains).

export interface ClusterOptions {
  maxSize?: number;
  /** Record index pairs that must never share a cluster. */
  cannotLink?: [number, number][];
}

export function clusterPairs(
  n: number,
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  order: ArrayLike<number>,
  opts: ClusterOptions = {}
): Int32Array {
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const maxSize = opts.maxSize ?? 50;
  // Cannot-link lists kept on roots and merged with them.
  const cannot = new Map<number, Set<number>>();
  for (const [a, b] of opts.cannotLink ?? []) {
    if (!cannot.has(a)) cannot.set(a, new Set());
    if (!cannot.has(b)) cannot.set(b, new Set());
    cannot.get(a)!.add(b);
    cannot.get(b)!.add(a);
  }
  const conflicts = (ra: number, rb: number): boolean => {
    const ca = cannot.get(ra);
    const cb = cannot.get(rb);
    if (!ca || !cb) return !!(ca && [...ca].some((x) => find(x) === rb)) || !!(cb && [...cb].some((x) => find(x) === ra)); // prettier-ignore
    for (const x of ca) if (find(x) === rb) return true;
    return false;
  };
  for (let t = 0; t < order.length; t++) {
    const p = order[t];
    let ra = find(left[p]);
    let rb = find(right[p]);
    if (ra === rb) continue;
    if (size[ra] + size[rb] > maxSize) continue;
    if (cannot.size && conflicts(ra, rb)) continue;
    if (size[ra] < size[rb]) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] += size[rb];
    const cb = cannot.get(rb);
    if (cb) {
      const ca = cannot.get(ra) ?? new Set<number>();
      for (const x of cb) ca.add(x);
      cannot.set(ra, ca);
    }
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = find(i);
  return out;
}

/** Groups of record indices with more than one member, largest first. */
export function clustersOf(root: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  root.forEach((r, i) => {
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .sort((a, b) => b.length - a.length || a[0] - b[0]);
}

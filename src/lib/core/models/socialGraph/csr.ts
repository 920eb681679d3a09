// Compressed sparse rows of an undirected graph (sorted neighbour lists), what the link
// predictors and the sampled path metrics walk. Built from edge arrays, optionally without some
// edges (the link-prediction split hides them).

export interface Csr {
  n: number;
  /** Neighbours of i: nbr[start[i] .. start[i + 1]), ascending. */
  start: Int32Array;
  nbr: Int32Array;
}

/** The CSR of edges (src[e], dst[e]) for e with keep(e) true (all edges when keep is absent). */
export function toCsr(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  keep?: (e: number) => boolean
): Csr {
  const deg = new Int32Array(n);
  for (let e = 0; e < src.length; e++)
    if (!keep || keep(e)) {
      deg[src[e]]++;
      deg[dst[e]]++;
    }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + deg[i];
  const fill = start.slice(0, n);
  const nbr = new Int32Array(start[n]);
  for (let e = 0; e < src.length; e++)
    if (!keep || keep(e)) {
      nbr[fill[src[e]]++] = dst[e];
      nbr[fill[dst[e]]++] = src[e];
    }
  for (let i = 0; i < n; i++) nbr.subarray(start[i], start[i + 1]).sort();
  return { n, start, nbr };
}

export const degreeOf = (g: Csr, i: number): number => g.start[i + 1] - g.start[i];

/** Whether u and v are adjacent (binary search in u's sorted list). */
export function hasEdge(g: Csr, u: number, v: number): boolean {
  let lo = g.start[u];
  let hi = g.start[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = g.nbr[mid];
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Number of edges. */
export const edgeCount = (g: Csr): number => g.nbr.length / 2;

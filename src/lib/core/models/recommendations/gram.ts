// The item-item co-occurrence (Gram) matrix G = XᵀX of the binary user × item matrix, on the
// items that carry signal: item-kNN and EASE both start from it. Items taken up by fewer than
// `minCount` users are pruned, and at most `maxItems` of the most frequent are kept: EASE's cost
// grows with the cube of that number (README.md).
import { checkAborted, yieldToLoop } from '../family';
import { itemCounts, type UserItems } from './interactions';
import { subsetOf, type ItemSubset } from './recommender';

export interface PruneOptions {
  minCount: number;
  maxItems: number;
}

/** The items kept: at least `minCount` users, the `maxItems` most frequent (ties: lower index). */
export function pruneItems(h: UserItems, o: PruneOptions): ItemSubset {
  const counts = itemCounts(h);
  const ok: number[] = [];
  for (let i = 0; i < h.nItems; i++) if (counts[i] >= o.minCount) ok.push(i);
  ok.sort((a, b) => counts[b] - counts[a] || a - b);
  const keep = Int32Array.from(ok.slice(0, o.maxItems)).sort();
  return subsetOf(keep, h.nItems);
}

/** G (n × n, row-major) over the kept items: G[a][b] = users with both a and b. */
export async function gramMatrix(
  h: UserItems,
  sub: ItemSubset,
  signal?: AbortSignal
): Promise<Float64Array> {
  const n = sub.keep.length;
  const G = new Float64Array(n * n);
  const mine = new Int32Array(h.nItems);
  for (let u = 0; u < h.nUsers; u++) {
    let m = 0;
    for (let k = h.ptr[u]; k < h.ptr[u + 1]; k++) {
      const p = sub.pos[h.idx[k]];
      if (p >= 0) mine[m++] = p;
    }
    for (let x = 0; x < m; x++) {
      const row = mine[x] * n;
      for (let y = 0; y < m; y++) G[row + mine[y]]++;
    }
    if (u % 256 === 255) {
      checkAborted(signal);
      await yieldToLoop();
    }
  }
  return G;
}

// Top-k ranking metrics for recommenders, binary relevance. `recommended` is a ranked list
// (best first), `relevant` the items the user actually took up.

export interface RankingCase<T = string> {
  recommended: readonly T[];
  relevant: Iterable<T>;
}

function hits<T>(recommended: readonly T[], relevant: Set<T>, k: number): boolean[] {
  const seen = new Set<T>();
  return recommended.slice(0, k).map((item) => {
    const hit = relevant.has(item) && !seen.has(item); // a repeated item counts once
    seen.add(item);
    return hit;
  });
}

/** Hits in the top k / k (k, not the list length, so short lists are penalised). */
export function precisionAtK<T>(
  recommended: readonly T[],
  relevant: Iterable<T>,
  k: number
): number {
  return hits(recommended, new Set(relevant), k).filter(Boolean).length / k;
}

/** Hits in the top k / number of relevant items (NaN when nothing is relevant). */
export function recallAtK<T>(recommended: readonly T[], relevant: Iterable<T>, k: number): number {
  const rel = new Set(relevant);
  if (rel.size === 0) return NaN;
  return hits(recommended, rel, k).filter(Boolean).length / rel.size;
}

/** 1 when any of the top k is relevant. */
export function hitRateAtK<T>(recommended: readonly T[], relevant: Iterable<T>, k: number): number {
  return hits(recommended, new Set(relevant), k).some(Boolean) ? 1 : 0;
}

/** NDCG@k = DCG@k / ideal DCG@k with DCG = Σ rel_i / log2(i + 1), i from 1. NaN without relevant items. */
export function ndcgAtK<T>(recommended: readonly T[], relevant: Iterable<T>, k: number): number {
  const rel = new Set(relevant);
  if (rel.size === 0) return NaN;
  let dcg = 0;
  hits(recommended, rel, k).forEach((h, i) => (dcg += h ? 1 / Math.log2(i + 2) : 0));
  let ideal = 0;
  for (let i = 0; i < Math.min(k, rel.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/** AP@k = Σ_{i<=k, hit} precision@i / min(k, |relevant|); MAP@k is its mean over users. */
export function averagePrecisionAtK<T>(
  recommended: readonly T[],
  relevant: Iterable<T>,
  k: number
): number {
  const rel = new Set(relevant);
  if (rel.size === 0) return NaN;
  let found = 0;
  let sum = 0;
  hits(recommended, rel, k).forEach((h, i) => {
    if (h) {
      found++;
      sum += found / (i + 1);
    }
  });
  return sum / Math.min(k, rel.size);
}

export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  /** Users counted (those with at least one relevant item). */
  users: number;
}

/** Means over users at cut-off k; users with nothing relevant are skipped. */
export function rankingMetrics<T>(cases: readonly RankingCase<T>[], k: number): RankingMetrics {
  const acc = { precision: 0, recall: 0, ndcg: 0, map: 0, hitRate: 0, users: 0 };
  for (const c of cases) {
    const rel = new Set(c.relevant);
    if (rel.size === 0) continue;
    acc.users++;
    acc.precision += precisionAtK(c.recommended, rel, k);
    acc.recall += recallAtK(c.recommended, rel, k);
    acc.ndcg += ndcgAtK(c.recommended, rel, k);
    acc.map += averagePrecisionAtK(c.recommended, rel, k);
    acc.hitRate += hitRateAtK(c.recommended, rel, k);
  }
  const n = acc.users || NaN;
  return {
    precision: acc.precision / n,
    recall: acc.recall / n,
    ndcg: acc.ndcg / n,
    map: acc.map / n,
    hitRate: acc.hitRate / n,
    users: acc.users
  };
}

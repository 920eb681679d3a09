// The protocol's figures for one recommender: for every user with test interactions, rank every
// item not in the user's training history and compare the top k with the test items.
// NDCG@k, Precision@k and HR@k are evaluate/ranking.ts's; Recall@k is hits / min(k, |test|) as
// the issue defines it (so a user with 3 test items and all 3 found scores 1). Coverage: the
// share of the catalogue that appears in anyone's top k.
import { precisionAtK, rankingMetrics } from '../../evaluate/ranking';
import { checkAborted, yieldToLoop } from '../family';
import { itemsOf, type UserItems } from './interactions';
import type { Recommender } from './recommender';
import { evaluatedUsers } from './split';

export interface RankingFigures {
  ndcg: number;
  precision: number;
  recall: number;
  hitRate: number;
  coverage: number;
  users: number;
}

/**
 * The `k` best items of one score row (`scores[base..base+nItems)`), best first, leaving out
 * `exclude` and unscoreable (-Infinity) items; ties go to the lower item index.
 */
export function topK(
  scores: Float32Array,
  base: number,
  nItems: number,
  k: number,
  exclude: ArrayLike<number> = []
): number[] {
  const saved: number[] = [];
  for (let t = 0; t < exclude.length; t++) {
    saved.push(scores[base + exclude[t]]);
    scores[base + exclude[t]] = -Infinity;
  }
  const best: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < nItems; i++) {
    const s = scores[base + i];
    if (s === -Infinity || Number.isNaN(s)) continue;
    if (best.length === k && s <= val[k - 1]) continue;
    // The slot to fill (the last one is dropped when the list is full), then shift down.
    let p = best.length === k ? k - 1 : best.length;
    while (p > 0 && val[p - 1] < s) {
      best[p] = best[p - 1];
      val[p] = val[p - 1];
      p--;
    }
    best[p] = i;
    val[p] = s;
  }
  for (let t = 0; t < exclude.length; t++) scores[base + exclude[t]] = saved[t];
  return best;
}

/** Every user's top k from `history`'s items excluded (batches of `batch` users). */
export async function recommendAll(
  model: Recommender,
  history: UserItems,
  users: readonly number[],
  k: number,
  o: { signal?: AbortSignal; batch?: number; exclude?: boolean } = {}
): Promise<number[][]> {
  const batch = o.batch ?? 256;
  const out: number[][] = [];
  for (let s = 0; s < users.length; s += batch) {
    checkAborted(o.signal);
    const part = users.slice(s, s + batch);
    const scores = await model.score(history, part);
    part.forEach((u, r) =>
      out.push(
        topK(
          scores,
          r * history.nItems,
          history.nItems,
          k,
          o.exclude === false ? [] : itemsOf(history, u)
        )
      )
    );
    await yieldToLoop();
  }
  return out;
}

/** The protocol's figures of `model` (fitted on `train`) against `test`. */
export async function evaluateRecommender(
  model: Recommender,
  train: UserItems,
  test: UserItems,
  o: { k?: number; signal?: AbortSignal; onLists?(users: number[], lists: number[][]): void } = {}
): Promise<RankingFigures> {
  const k = o.k ?? 10;
  const users = evaluatedUsers(test);
  const lists = await recommendAll(model, train, users, k, { signal: o.signal });
  o.onLists?.(users, lists);
  const cases = users.map((u, r) => ({ recommended: lists[r], relevant: itemsOf(test, u) }));
  const m = rankingMetrics(cases, k);
  // hits / min(k, |test|): ranking.ts's recall divides by |test|.
  let recall = 0;
  for (const c of cases)
    recall += (precisionAtK(c.recommended, c.relevant, k) * k) / Math.min(k, c.relevant.length);
  return {
    ndcg: m.ndcg,
    precision: m.precision,
    recall: recall / (users.length || NaN),
    hitRate: m.hitRate,
    coverage: test.nItems ? new Set(lists.flat()).size / test.nItems : 0,
    users: users.length
  };
}

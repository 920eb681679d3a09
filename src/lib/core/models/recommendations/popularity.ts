// The baselines every recommender must beat: the most popular items overall (users who took
// each up), and recently popular ones (each interaction weighted by 2^(−age / half-life), age
// from the last training interaction).
import type { UserItems } from './interactions';
import type { Recommender, RecommenderKind } from './recommender';

export class PopularityModel implements Recommender {
  constructor(
    readonly kind: Extract<RecommenderKind, 'popular' | 'popular-recent'>,
    /** One score per catalogue item. */
    readonly counts: Float32Array,
    readonly params: Record<string, number>
  ) {}

  score(h: UserItems, users: ArrayLike<number>): Float32Array {
    const out = new Float32Array(users.length * h.nItems);
    for (let r = 0; r < users.length; r++) out.set(this.counts, r * h.nItems);
    return out;
  }

  weights() {
    return [{ name: 'counts', shape: [this.counts.length], values: this.counts }];
  }
}

const DAY_MS = 86_400_000;

/** Popularity over all training interactions, or decayed by age with `halfLifeDays`. */
export function fitPopularity(train: UserItems, halfLifeDays?: number): PopularityModel {
  const counts = new Float32Array(train.nItems);
  if (halfLifeDays === undefined) {
    for (let k = 0; k < train.idx.length; k++) counts[train.idx[k]]++;
    return new PopularityModel('popular', counts, {});
  }
  let last = -Infinity;
  for (let k = 0; k < train.ts.length; k++) last = Math.max(last, train.ts[k]);
  const rate = Math.LN2 / (halfLifeDays * DAY_MS);
  for (let k = 0; k < train.idx.length; k++)
    counts[train.idx[k]] += Math.exp(-rate * (last - train.ts[k]));
  return new PopularityModel('popular-recent', counts, { halfLifeDays });
}

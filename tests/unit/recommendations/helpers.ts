// Shared data of the recommendation tests: the MovieLens slice read by the CLI's interaction
// reader, and a synthetic shop with two disjoint taste groups.
import { readInteractions } from '../../../src/cli/csv';
import {
  indexInteractions,
  type InteractionLog,
  type InteractionRow
} from '../../../src/lib/core/models/recommendations/interactions';

export const MOVIELENS = new URL('../../fixtures/movielens/ratings-80-users.csv', import.meta.url)
  .pathname;

let cached: Promise<InteractionRow[]> | null = null;

/** The 12,704 ratings of MovieLens users 1-80, as (user, item, time) rows. */
export function movieLensRows(): Promise<InteractionRow[]> {
  cached ??= readInteractions(MOVIELENS, {
    user: 'userId',
    item: 'movieId',
    time: 'timestamp'
  }).then((f) => f.rows);
  return cached;
}

/**
 * Two taste groups with no product in common: users 0..n-1 buy only products A0..A9, users
 * n..2n-1 only B0..B9, each a random 6 of their group's 10, at increasing times. Group B's
 * products are bought more often overall (more B users), so popularity alone favours B.
 */
export function tasteGroups(n = 30, seed = 1): InteractionLog {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const rows: InteractionRow[] = [];
  const group = (prefix: string, from: number, count: number) => {
    for (let u = from; u < from + count; u++) {
      const items = Array.from({ length: 10 }, (_, i) => i)
        .sort(() => rand() - 0.5)
        .slice(0, 6);
      items.forEach((i, k) =>
        rows.push({ user: `u${u}`, item: `${prefix}${i}`, ts: k * 1000 + u })
      );
    }
  };
  group('A', 0, n);
  group('B', n, 2 * n);
  return indexInteractions(rows);
}

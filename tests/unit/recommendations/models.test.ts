// Every recommender on data whose right answer is known: two taste groups with no product in
// common. The personalised models must offer each user the rest of their own group's products;
// popularity, which cannot tell the groups apart, offers group A the more popular group B's.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  fitChosen
} from '../../../src/lib/core/models/recommendations/candidates';
import { recommendAll } from '../../../src/lib/core/models/recommendations/evaluate';
import type { RecommenderKind } from '../../../src/lib/core/models/recommendations/recommender';
import { initTf } from '../../../src/lib/core/tf/backend';
import { tasteGroups } from './helpers';

const log = tasteGroups(30);
const h = log.history;
const users = Array.from({ length: h.nUsers }, (_, u) => u);
const groupOf = (id: string) => id[0];
const settings = { ...DEFAULT_SETTINGS, prune: { minCount: 1, maxItems: 100 } };

/** Each user's top 4 of the products they have not bought. */
async function top4(kind: RecommenderKind, params: Record<string, number>) {
  const m = await fitChosen(kind, h, params, settings);
  const lists = await recommendAll(m, h, users, 4);
  m.dispose?.();
  return lists.map((l) => l.map((i) => log.items[i]));
}

/** Share of users whose whole top 4 is from their own group (users 0-29 are group A). */
function ownGroupShare(lists: string[][]): number {
  const ok = users.filter((u) => {
    const g = u < 30 ? 'A' : 'B';
    return lists[u].length === 4 && lists[u].every((id) => groupOf(id) === g);
  });
  return ok.length / users.length;
}

describe('two disjoint taste groups', () => {
  beforeAll(async () => {
    await initTf();
  });

  const cases: [RecommenderKind, Record<string, number>][] = [
    ['item-knn', { k: 20, decay: 1 }],
    ['ease', { lambda: 10, decay: 1 }],
    ['mult-vae', { epochs: 60, decay: 1 }]
  ];
  for (const [kind, params] of cases)
    it(`${kind} offers every user the rest of their own group`, async () => {
      const lists = await top4(kind, params);
      expect(ownGroupShare(lists)).toBe(1);
    });

  it('popularity cannot tell the groups apart (the control)', async () => {
    const lists = await top4('popular', {});
    // Group B is bought more: group A's users are offered B's products.
    const a = lists.slice(0, 30);
    expect(a.every((l) => l.every((id) => groupOf(id) === 'B'))).toBe(true);
  });
});

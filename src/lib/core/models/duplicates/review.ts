// What the duplicates page lists: the active version's pair scores grouped into suggested
// clusters (and single "possible" pairs below the threshold), without pairs the user has
// already answered, each member with the fields a person recognises, each pair with its evidence.
import type { MatchAnswer } from '../../db/merges';
import { pairKey } from '../../clean/identity/resolve';
import type { Customer } from '../../types';
import type { ScoreRow } from '../family';

export interface ReviewMember {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  city?: string;
  channel: string;
}

export interface ReviewPair {
  a: string;
  b: string;
  value: number;
  /** [field, level label, weight (log2 m/u)] per compared field. */
  evidence: [string, string, number][];
}

export interface ReviewGroup {
  key: string;
  /** Highest and lowest pair probability in the group. */
  score: number;
  minScore: number;
  /** Below the threshold: a single pair to look at, not a suggested merge. */
  possible: boolean;
  members: ReviewMember[];
  pairs: ReviewPair[];
}

export function reviewGroups(
  scores: readonly ScoreRow[],
  customers: readonly Customer[],
  answers: readonly Pick<MatchAnswer, 'a' | 'b'>[]
): ReviewGroup[] {
  const answered = new Set(answers.map((x) => pairKey(x.a, x.b)));
  const byId = new Map(customers.map((c) => [c.id, c]));
  const groups = new Map<string, { possible: boolean; pairs: ReviewPair[] }>();
  for (const s of scores) {
    if (answered.has(pairKey(s.entityId, s.item))) continue;
    if (!byId.has(s.entityId) || !byId.has(s.item)) continue;
    const cluster = s.detail?.cluster as string | undefined;
    const key = cluster ?? `pair:${pairKey(s.entityId, s.item)}`;
    const g = groups.get(key) ?? { possible: !cluster, pairs: [] };
    g.pairs.push({
      a: s.entityId,
      b: s.item,
      value: s.value,
      evidence: (s.detail?.evidence as [string, string, number][]) ?? []
    });
    groups.set(key, g);
  }
  const out: ReviewGroup[] = [];
  for (const [key, g] of groups) {
    const ids = [...new Set(g.pairs.flatMap((p) => [p.a, p.b]))].sort();
    const members = ids.map((id) => {
      const c = byId.get(id)!;
      return { id, name: c.name, email: c.email, phone: c.phone, city: c.city, channel: String(c.channel ?? '') }; // prettier-ignore
    });
    g.pairs.sort((x, y) => y.value - x.value);
    out.push({
      key,
      score: g.pairs[0].value,
      minScore: Math.min(...g.pairs.map((p) => p.value)),
      possible: g.possible,
      members,
      pairs: g.pairs
    });
  }
  return out.sort((x, y) => Number(x.possible) - Number(y.possible) || y.score - x.score || (x.key < y.key ? -1 : 1)); // prettier-ignore
}

// Association rules with a one-item right-hand side from frequent itemsets (Agrawal, Imieliński
// & Swami 1993): for an itemset S and an item y in it, X = S \ {y} → y with
//   support = n(S) / N,  confidence = n(S) / n(X),  lift = confidence / (n(y) / N).
// Every rule with confidence >= the minimum is counted; the best by lift are kept.
import type { Itemset } from './fpGrowth';

export interface Rule {
  lhs: number[];
  rhs: number;
  count: number;
  support: number;
  confidence: number;
  lift: number;
}

export interface RuleSummary {
  /** Rules with confidence >= the minimum (all of them, counted). */
  rules: number;
  /** The `top` best by lift (ties: higher support, then confidence). */
  top: Rule[];
  /** One-item rules x → y, every one of them (what a product page lists). */
  pairs: Rule[];
}

const key = (items: readonly number[]) => items.join(',');

const better = (a: Rule, b: Rule) =>
  b.lift - a.lift || b.count - a.count || b.confidence - a.confidence || a.rhs - b.rhs;

/** A small tolerance so 0.3 typed by a user still admits 3/10. */
export const EPS = 1e-9;

export function associationRules(
  itemsets: readonly Itemset[],
  nBaskets: number,
  minConfidence: number,
  top = 100
): RuleSummary {
  const counts = new Map(itemsets.map((s) => [key(s.items), s.count]));
  let n = 0;
  let best: Rule[] = [];
  const pairs: Rule[] = [];
  for (const s of itemsets) {
    if (s.items.length < 2) continue;
    for (const rhs of s.items) {
      const lhs = s.items.filter((i) => i !== rhs);
      // Every subset of a frequent itemset is frequent, so both counts are there.
      const confidence = s.count / counts.get(key(lhs))!;
      if (confidence < minConfidence - EPS) continue;
      n++;
      const rule: Rule = {
        lhs,
        rhs,
        count: s.count,
        support: s.count / nBaskets,
        confidence,
        lift: confidence / (counts.get(key([rhs]))! / nBaskets)
      };
      if (lhs.length === 1) pairs.push(rule);
      best.push(rule);
      if (best.length > 4 * top) best = best.sort(better).slice(0, top);
    }
  }
  return { rules: n, top: best.sort(better).slice(0, top), pairs: pairs.sort(better) };
}

/** Baskets an itemset must be in for a minimum support (a share of all baskets). */
export const minCountOf = (minSupport: number, nBaskets: number): number =>
  Math.max(1, Math.ceil(minSupport * nBaskets - EPS));

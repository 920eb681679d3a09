// Per-customer sentiment trend, a candidate churn feature: from each customer's messages before
// the cutoff, the mean sentiment, the latest message's sentiment and the least-squares slope of
// sentiment over time (per 30 days). Pure: the churn feature table can call it with the
// sentiment family's active scores (see README.md in this folder).
import type { Interaction } from '../../types';

export interface SentimentTrend {
  messages: number;
  mean: number;
  last: number;
  /** Change in sentiment per 30 days (0 with fewer than two messages at different times). */
  slopePer30Days: number;
}

const MONTH_MS = 30 * 86_400_000;

export function sentimentTrend(
  interactions: readonly Pick<Interaction, 'id' | 'customerId' | 'ts'>[],
  scores: ReadonlyMap<string, number>,
  cutoff: number
): Map<string, SentimentTrend> {
  const by = new Map<string, { t: number; s: number }[]>();
  for (const m of interactions) {
    const s = scores.get(m.id);
    if (s === undefined || !(m.ts < cutoff)) continue;
    let l = by.get(m.customerId);
    if (!l) by.set(m.customerId, (l = []));
    l.push({ t: m.ts / MONTH_MS, s });
  }
  const out = new Map<string, SentimentTrend>();
  for (const [id, l] of by) {
    l.sort((a, b) => a.t - b.t);
    const n = l.length;
    const mt = l.reduce((a, p) => a + p.t, 0) / n;
    const ms = l.reduce((a, p) => a + p.s, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (const p of l) {
      sxy += (p.t - mt) * (p.s - ms);
      sxx += (p.t - mt) ** 2;
    }
    out.set(id, {
      messages: n,
      mean: ms,
      last: l[n - 1].s,
      slopePer30Days: sxx > 0 ? sxy / sxx : 0
    });
  }
  return out;
}

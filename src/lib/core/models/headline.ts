// Plain-words headlines for the model pages: one sentence and one number a shop owner needs,
// computed here (not in pages) so that they are tested. Statistics stay on the pages' details.

/** "About 420": two significant figures from 100 up, whole numbers below. */
export function aboutRound(n: number): number {
  if (!Number.isFinite(n)) return n;
  const r = Math.round(n);
  if (Math.abs(r) < 100) return r;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(r))) - 1);
  return Math.round(r / p) * p;
}

export interface RiskLift {
  /** Share of customers counted as "riskiest" (0.1: the top tenth). */
  share: number;
  /** How many customers that is. */
  top: number;
  /** Share of the riskiest who churned, and of everyone. */
  topRate: number;
  baseRate: number;
  /** topRate / baseRate: "left 3.1x as often as average" (NaN when nobody churned). */
  lift: number;
}

/**
 * Lift of the riskiest `share` of customers ranked by `scores` (out-of-fold, so measured on
 * customers the ranking model did not see): how much more often they churned than average.
 * Ties are broken by position, so the figure does not depend on sort stability.
 */
export function riskiestLift(
  y: ArrayLike<number>,
  scores: ArrayLike<number>,
  share = 0.1
): RiskLift {
  const n = y.length;
  if (scores.length !== n) throw new Error(`riskiestLift: ${n} labels but ${scores.length} scores`);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => scores[b] - scores[a] || a - b
  );
  const top = Math.max(1, Math.round(n * share));
  let churnedTop = 0;
  for (let k = 0; k < top; k++) churnedTop += y[order[k]] === 1 ? 1 : 0;
  let churned = 0;
  for (let i = 0; i < n; i++) churned += y[i] === 1 ? 1 : 0;
  const topRate = churnedTop / top;
  const baseRate = n ? churned / n : NaN;
  return { share, top, topRate, baseRate, lift: baseRate > 0 ? topRate / baseRate : NaN };
}

export interface ValueAtRiskShare {
  /** How many customers are "most likely to leave" (the riskiest `share` of them). */
  top: number;
  /** Their share of everyone's expected value (0..1; NaN when no value is known). */
  valueShare: number;
}

/**
 * "The N customers most likely to leave hold X% of next year's expected revenue": the riskiest
 * `share` of customers by churn risk, and their part of the summed value (lifetime value over
 * its horizon). Customers without a value count as 0 in both sums.
 */
export function riskiestValueShare(
  rows: readonly { risk: number; value: number | null }[],
  share = 0.1
): ValueAtRiskShare {
  if (!rows.length) return { top: 0, valueShare: NaN };
  const order = rows.map((_, i) => i).sort((a, b) => rows[b].risk - rows[a].risk || a - b);
  const top = Math.max(1, Math.round(rows.length * share));
  let all = 0;
  let held = 0;
  for (let k = 0; k < order.length; k++) {
    const v = Math.max(0, rows[order[k]].value ?? 0);
    all += v;
    if (k < top) held += v;
  }
  return { top, valueShare: all > 0 ? held / all : NaN };
}

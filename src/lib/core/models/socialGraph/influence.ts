// Influence = centrality × value: a customer's PageRank times what they are worth (lifetime
// value when that model is fitted, else net spend), so the list leads with well-connected
// customers who also matter to the business; PageRank alone when no value is known. And
// per-community summaries: size, value, top products, mean churn risk when it is known.
import type { DataInputs } from '../inputs';

export type ValueSource = 'clv' | 'spend' | null;

/** Each customer's value: lifetime value scores when given, else net spend from orders. */
export function customerValues(
  inputs: Pick<DataInputs, 'orders' | 'stats'>,
  clv?: Map<string, number>
): { values: Map<string, number>; source: ValueSource } {
  if (clv?.size) return { values: clv, source: 'clv' };
  const values = new Map<string, number>();
  if (inputs.stats?.length) for (const s of inputs.stats) values.set(s.customerId, s.totalSpent);
  else
    for (const o of inputs.orders)
      values.set(o.customerId, (values.get(o.customerId) ?? 0) + o.quantity * o.unitPrice);
  return { values, source: values.size ? 'spend' : null };
}

/**
 * Influence of each node: PageRank × max(value, 0) when values are known (customers without a
 * value count as 0), else PageRank; scaled so the largest is 1.
 */
export function influence(
  ids: readonly string[],
  pagerank: Float64Array,
  values: Map<string, number> | null
): Float64Array {
  const out = Float64Array.from(ids, (id, i) =>
    values ? pagerank[i] * Math.max(0, values.get(id) ?? 0) : pagerank[i]
  );
  const max = out.reduce((m, x) => Math.max(m, x), 0);
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] /= max;
  return out;
}

export interface CommunitySummary {
  community: number;
  size: number;
  /** Sum of the members' values (null when no value is known). */
  value: number | null;
  /** Mean churn risk of members with a churn score (null when none has one). */
  churnRisk: number | null;
  /** Products bought by most members, with how many members bought each. */
  topProducts: { id: string; name: string; buyers: number }[];
  /** The most influential members' ids, best first. */
  leaders: string[];
}

export function summariseCommunities(
  ids: readonly string[],
  of: Int32Array,
  count: number,
  inputs: Pick<DataInputs, 'orders' | 'products'>,
  opts: { values?: Map<string, number> | null; churn?: Map<string, number>; influence: Float64Array } // prettier-ignore
): CommunitySummary[] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const names = new Map(inputs.products.map((p) => [p.id, p.name ?? p.id]));
  const buyers = Array.from({ length: count }, () => new Map<string, Set<string>>());
  for (const o of inputs.orders) {
    const i = index.get(o.customerId);
    if (i === undefined || o.quantity <= 0) continue;
    const m = buyers[of[i]];
    if (!m.has(o.productId)) m.set(o.productId, new Set());
    m.get(o.productId)!.add(o.customerId);
  }
  const members = Array.from({ length: count }, () => [] as number[]);
  ids.forEach((_, i) => members[of[i]].push(i));
  return members.map((m, c) => {
    const known = opts.churn ? m.filter((i) => opts.churn!.has(ids[i])) : [];
    return {
      community: c,
      size: m.length,
      value: opts.values ? m.reduce((s, i) => s + (opts.values!.get(ids[i]) ?? 0), 0) : null,
      churnRisk: known.length
        ? known.reduce((s, i) => s + opts.churn!.get(ids[i])!, 0) / known.length
        : null,
      topProducts: [...buyers[c]]
        .map(([id, b]) => ({ id, name: names.get(id) ?? id, buyers: b.size }))
        .sort((a, b) => b.buyers - a.buyers || (a.id < b.id ? -1 : 1))
        .slice(0, 3),
      leaders: [...m]
        .sort((a, b) => opts.influence[b] - opts.influence[a])
        .slice(0, 3)
        .map((i) => ids[i])
    };
  });
}

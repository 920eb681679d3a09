// "Frequently bought together" as a model family: FP-Growth on the order baskets, association
// rules with support, confidence and lift. Scores are keyed by product (the antecedent) with the
// product that sells with it as `item`; each product keeps its best PER_PRODUCT by lift.
import { ModelInputError } from '../../errors';
import type { ModelFamily, ScoreRow, TrainContext, TrainOutput } from '../family';
import type { DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { togetherActions } from './actions';
import { orderBaskets, type Baskets } from './baskets';
import { fpGrowth } from './fpGrowth';
import { associationRules, minCountOf, type Rule } from './rules';

export interface TogetherOptions {
  /** Share of baskets an itemset must be in (default 0.002). */
  minSupport?: number;
  /** Default 0.1. */
  minConfidence?: number;
}

export const DEFAULT_MIN_SUPPORT = 0.002;
export const DEFAULT_MIN_CONFIDENCE = 0.1;
const PER_PRODUCT = 20;
const TOP = 50;

export interface NamedRule {
  lhs: string[];
  rhs: string;
  count: number;
  support: number;
  confidence: number;
  lift: number;
}

export interface TogetherReport {
  transactions: number;
  items: number;
  minSupport: number;
  minConfidence: number;
  minCount: number;
  /** Frequent itemsets of every size, and how many of each size (index 0 = size 1). */
  itemsets: number;
  bySize: number[];
  rules: number;
  top: NamedRule[];
  ms: number;
}

export interface TogetherDataset extends Baskets {
  options: TogetherOptions;
}

export interface TogetherModel {
  /** One-item rules x → y, best by lift first. */
  pairs: NamedRule[];
}

const named = (r: Rule, items: string[]): NamedRule => ({
  lhs: r.lhs.map((i) => items[i]),
  rhs: items[r.rhs],
  count: r.count,
  support: r.support,
  confidence: r.confidence,
  lift: r.lift
});

/** FP-Growth and the rules on any baskets (the family, the CLI and the bench run this). */
export function mineRules(b: Baskets, o: TogetherOptions, top = TOP) {
  const t0 = performance.now();
  const minSupport = o.minSupport ?? DEFAULT_MIN_SUPPORT;
  const minConfidence = o.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const minCount = minCountOf(minSupport, b.baskets.length);
  const itemsets = fpGrowth(b.baskets, minCount);
  const rules = associationRules(itemsets, b.baskets.length, minConfidence, top);
  const bySize: number[] = [];
  for (const s of itemsets) bySize[s.items.length - 1] = (bySize[s.items.length - 1] ?? 0) + 1;
  const report: TogetherReport = {
    transactions: b.baskets.length,
    items: b.items.length,
    minSupport,
    minConfidence,
    minCount,
    itemsets: itemsets.length,
    bySize: Array.from(bySize, (n) => n ?? 0),
    rules: rules.rules,
    top: rules.top.map((r) => named(r, b.items)),
    ms: performance.now() - t0
  };
  return { report, pairs: rules.pairs.map((r) => named(r, b.items)) };
}

export const boughtTogether = {
  id: 'together',
  needs: ['orders', 'products'],
  entity: 'product',
  usesTf: false,
  dataset(inputs: DataInputs, o: TogetherOptions): TogetherDataset {
    const b = orderBaskets(inputs.orders);
    if (!b.baskets.length)
      throw new ModelInputError(
        'together.noOrders',
        'bought-together rules need order history: import an orders or invoice-lines export'
      );
    return { ...b, options: o };
  },
  async train(
    ds: TogetherDataset,
    ctx: TrainContext
  ): Promise<TrainOutput<TogetherModel, TogetherReport>> {
    ctx.progress?.({ done: 0, total: 1, phase: 'mine' });
    const { report, pairs } = mineRules(ds, ds.options);
    ctx.progress?.({ done: 1, total: 1, phase: 'mine' });
    return {
      model: { pairs },
      report,
      metrics: { itemsets: report.itemsets, rules: report.rules },
      snapshotDate: 0,
      kind: 'fp-growth'
    };
  },
  async score(m: TogetherModel): Promise<ScoreRow[]> {
    const per = new Map<string, number>();
    const out: ScoreRow[] = [];
    for (const r of m.pairs) {
      const n = per.get(r.lhs[0]) ?? 0;
      if (n >= PER_PRODUCT) continue;
      per.set(r.lhs[0], n + 1);
      out.push({
        entityKind: 'product',
        entityId: r.lhs[0],
        item: r.rhs,
        value: r.lift,
        detail: { rank: n + 1, support: r.support, confidence: r.confidence, count: r.count }
      });
    }
    return out;
  },
  save: (m: TogetherModel): SavedModel => ({
    kind: 'fp-growth',
    version: 0,
    createdAt: Date.now(),
    params: { pairs: m.pairs },
    metrics: {},
    trainingMs: 0,
    backend: 'plain',
    snapshotDate: 0
  }),
  load: (s: SavedModel): TogetherModel => ({ pairs: s.params.pairs as NamedRule[] }),
  actions: togetherActions
} as const satisfies ModelFamily<
  TogetherOptions,
  TogetherDataset,
  TogetherModel,
  TogetherReport,
  TogetherReport,
  never,
  typeof togetherActions
>;

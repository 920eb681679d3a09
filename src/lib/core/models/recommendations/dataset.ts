// The recommendations dataset: who bought what and when (order lines, customer × product, each
// pair once at its first purchase), the products as lists show them (name, category, stock),
// each customer's segment for cold starts, and the feedback the version is trained with.
import { ModelInputError } from '../../errors';
import type { AttributeValue } from '../../types';
import type { DataInputs } from '../inputs';
import { currentSegments } from '../segments/family';
import { indexInteractions, orderInteractions, type InteractionLog } from './interactions';
import type { RecommenderKind } from './recommender';

/** A (customer id, product id) pair. */
export type Pair = [string, string];

export interface RecommendOptions {
  /** Models compared (default: all). */
  models?: RecommenderKind[];
  /** Items EASE, item-kNN and the VAE keep: at least `minCount` buyers, at most `maxItems`. */
  maxItems?: number;
  minCount?: number;
  /** Mult-VAE size and its most epochs (the validation split picks how many of them). */
  vaeHidden?: number;
  vaeLatent?: number;
  vaeEpochs?: number;
  seed?: number;
  /** Recommendations stored per customer (default 20). */
  topN?: number;
  /** Feedback this version learns from (the `fit` action reads it from the feedback table). */
  feedback?: { accepted: Pair[]; rejected: Pair[] };
}

export interface ProductInfo {
  name: string;
  category: string;
  /** In stock, when the product export has a stock column; null when unknown. */
  inStock: boolean | null;
}

export interface RecommendDataset {
  options: RecommendOptions;
  log: InteractionLog;
  /** Every customer to recommend to: buyers first (as in `log.users`), then the rest. */
  customers: string[];
  /** RFM segment of each buyer (the page lists a segment's recommendations). */
  segmentOf: Map<string, string>;
  /**
   * City (else country) of each customer: a new customer has no purchases, so no RFM segment;
   * they are offered what sells best among customers of the same place.
   */
  placeOf: Map<string, string>;
  products: Map<string, ProductInfo>;
  /** Rejected products per customer: demoted below everything else for that customer. */
  rejected: Map<string, Set<string>>;
  accepted: number;
  /**
   * The time accepted offers are dated at (after every order): the protocol keeps them in its
   * training parts, never in a test or validation part. Null without accepted offers.
   */
  feedbackTs: number | null;
}

const STOCK_COLUMNS = ['stock', 'in_stock', 'instock', 'inventory', 'qty_on_hand', '库存'];

function inStock(attrs: Record<string, AttributeValue>): boolean | null {
  for (const [k, v] of Object.entries(attrs)) {
    if (!STOCK_COLUMNS.includes(k.toLowerCase().replace(/\s+/g, '_'))) continue;
    if (typeof v === 'number') return v > 0;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') return !/^(0|no|false|n|否|无)$/i.test(v.trim());
  }
  return null;
}

export function productInfo(inputs: DataInputs): Map<string, ProductInfo> {
  const out = new Map<string, ProductInfo>();
  for (const o of inputs.orders)
    if (o.productId && !out.has(o.productId))
      out.set(o.productId, { name: o.productName ?? '', category: '', inStock: null });
  for (const p of inputs.products)
    out.set(p.id, {
      name: p.name || out.get(p.id)?.name || '',
      category: p.category ?? '',
      inStock: inStock(p.attributes)
    });
  return out;
}

export function recommendDataset(inputs: DataInputs, o: RecommendOptions = {}): RecommendDataset {
  const rows = orderInteractions(inputs.orders);
  const fb = o.feedback ?? { accepted: [], rejected: [] };
  // An accepted offer is a purchase to learn from, dated after everything else.
  const last = rows.reduce((m, r) => Math.max(m, r.ts), 0);
  for (const [user, item] of fb.accepted) rows.push({ user, item, ts: last + 1 });
  const log = indexInteractions(rows);
  if (log.users.length < 2 || log.items.length < 2)
    throw new ModelInputError(
      'recommend.noOrders',
      'recommendations need order history with at least two customers and two products: import an orders or invoice-lines export',
      { users: log.users.length, items: log.items.length }
    );
  const seen = new Set(log.users);
  const customers = [
    ...log.users,
    ...inputs.customers.map((c) => c.id).filter((id) => !seen.has(id))
  ];
  const placeOf = new Map<string, string>();
  for (const c of inputs.customers) {
    const where = c.city || c.country;
    if (where) placeOf.set(c.id, where);
  }
  const rejected = new Map<string, Set<string>>();
  for (const [user, item] of fb.rejected) {
    if (!rejected.has(user)) rejected.set(user, new Set());
    rejected.get(user)!.add(item);
  }
  return {
    options: o,
    log,
    customers,
    segmentOf: currentSegments(inputs),
    placeOf,
    products: productInfo(inputs),
    rejected,
    accepted: fb.accepted.length,
    feedbackTs: fb.accepted.length ? last + 1 : null
  };
}

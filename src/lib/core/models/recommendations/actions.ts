// What the recommendations pages ask besides train / results / scores: training with the stored
// feedback, live lists for a customer or a segment (filtered by category or stock, repurchase
// allowed or not) with product names and reasons, the campaign CSV, the customer page's stored
// top list, recording feedback, and the acceptance rate per model version.
import { toCsv } from '../../ingest/export';
import type { FamilyEnv, TrainSummary } from '../runtime';
import { productInfo, type RecommendDataset, type RecommendOptions } from './dataset';
import {
  acceptanceByModel,
  feedbackPairs,
  latestSignals,
  listFeedback,
  recordFeedback,
  type Acceptance,
  type FeedbackEntry,
  type Signal
} from './feedback';
import type { Reason, RecommendModel, Recommendation } from './model';

export interface ListFilters {
  customerId?: string;
  segment?: string;
  category?: string;
  inStockOnly?: boolean;
  repurchase?: boolean;
  /** Recommendations per customer (default 10). */
  n?: number;
  offset?: number;
  /** Customers per page (default 20). */
  limit?: number;
}

export interface RecommendedItem extends Recommendation {
  name: string;
  category: string;
  /** The product named by an "also bought" reason. */
  becauseName?: string;
  /** The latest feedback on this product for this customer. */
  feedback?: Signal;
}

export interface CustomerRecommendations {
  customerId: string;
  name: string;
  email: string;
  segment: string;
  items: RecommendedItem[];
}

export interface RecommendList {
  modelId: string | null;
  kind: string | null;
  /** Customers matching the filters (the page shows `rows`, a slice of them). */
  total: number;
  rows: CustomerRecommendations[];
  segments: string[];
  categories: string[];
  /** Whether the product export says what is in stock. */
  hasStock: boolean;
}

/** Reason wording for the CSV, in the user's language: `{product}` and `{place}` are filled. */
export type ReasonWording = Record<Reason['kind'], string>;

const EMPTY: RecommendList = {
  modelId: null,
  kind: null,
  total: 0,
  rows: [],
  segments: [],
  categories: [],
  hasStock: false
};

async function activeModel(env: FamilyEnv) {
  const active = await env.runtime.active<RecommendModel>(env.family);
  if (!active) return null;
  const ds = (await env.runtime.dataset(
    env.family,
    active.version.options as RecommendOptions
  )) as RecommendDataset;
  return { ...active, ds };
}

async function buildList(env: FamilyEnv, f: ListFilters, all = false): Promise<RecommendList> {
  const a = await activeModel(env);
  if (!a) return EMPTY;
  const { ds, model, version } = a;
  const inputs = await env.runtime.inputs();
  const people = new Map(inputs.customers.map((c) => [c.id, c]));
  let ids = f.customerId ? [f.customerId] : ds.customers;
  if (!f.customerId && f.segment) ids = ids.filter((id) => ds.segmentOf.get(id) === f.segment);
  const offset = all ? 0 : (f.offset ?? 0);
  const page = all ? ids : ids.slice(offset, offset + (f.limit ?? 20));
  const keep = (id: string) => {
    const p = ds.products.get(id);
    if (f.category && p?.category !== f.category) return false;
    return !(f.inStockOnly && p?.inStock === false);
  };
  const lists = await model.recommend(ds, page, {
    n: f.n ?? 10,
    repurchase: f.repurchase,
    keep: f.category || f.inStockOnly ? keep : undefined
  });
  const signals = latestSignals(await listFeedback(env.runtime.db, f.customerId));
  const products = [...ds.products.values()];
  return {
    modelId: version.id,
    kind: model.kind,
    total: ids.length,
    rows: page.map((id) => ({
      customerId: id,
      name: people.get(id)?.name ?? '',
      email: people.get(id)?.email ?? '',
      segment: ds.segmentOf.get(id) ?? '',
      items: (lists.get(id) ?? []).map((r) => {
        const p = ds.products.get(r.productId);
        const because = r.reason.kind === 'also' ? ds.products.get(r.reason.because) : undefined;
        const fb = signals.get(`${id}\u0000${r.productId}`)?.signal;
        return {
          ...r,
          name: p?.name ?? '',
          category: p?.category ?? '',
          ...(because ? { becauseName: because.name } : {}),
          ...(fb ? { feedback: fb } : {})
        };
      })
    })),
    segments: [...new Set(ds.segmentOf.values())].sort(),
    categories: [...new Set(products.map((p) => p.category).filter(Boolean))].sort(),
    hasStock: products.some((p) => p.inStock !== null)
  };
}

function reasonText(item: RecommendedItem, wording: ReasonWording): string {
  const r = item.reason;
  const product = r.kind === 'also' ? item.becauseName || r.because : '';
  const place = r.kind === 'place' ? r.place : '';
  return wording[r.kind].replace('{product}', product).replace('{place}', place);
}

export const recommendActions = {
  /** Train with the stored feedback (accepted = bought, rejected = demoted for that customer). */
  async fit(env: FamilyEnv, options: RecommendOptions | undefined): Promise<TrainSummary> {
    const feedback = feedbackPairs(await listFeedback(env.runtime.db));
    return env.runtime.train(
      env.family,
      { ...(options ?? {}), feedback },
      { signal: env.signal, progress: env.progress }
    );
  },

  /** Live recommendations for a customer, a segment or everyone (a page of customers). */
  list(env: FamilyEnv, f: ListFilters | undefined): Promise<RecommendList> {
    return buildList(env, f ?? {});
  },

  /** Every matching customer's list as CSV for a campaign (formula-safe), reasons worded. */
  async exportCsv(
    env: FamilyEnv,
    args: { filters?: ListFilters; wording: ReasonWording }
  ): Promise<string> {
    const list = await buildList(env, args.filters ?? {}, true);
    const rows = list.rows.flatMap(
      (c) =>
      c.items.map((i) => [c.customerId, c.name, c.email, c.segment, i.rank, i.productId, i.name, i.category, reasonText(i, args.wording)]) // prettier-ignore
    );
    return toCsv(rows, [
      'customer_id',
      'name',
      'email',
      'segment',
      'rank',
      'product_id',
      'product_name',
      'category',
      'reason'
    ]);
  },

  /** The stored top list of one customer (the customer page), with product names. */
  async stored(
    env: FamilyEnv,
    args: { customerId: string; n?: number }
  ): Promise<{ modelId: string | null; items: RecommendedItem[] }> {
    const v = await env.runtime.version(env.family);
    if (!v) return { modelId: null, items: [] };
    const names = productInfo(await env.runtime.inputs());
    const rows = (
      await env.runtime.db.modelScores.where('entityId').equals(args.customerId).toArray()
    )
      .filter((s) => s.modelId === v.id && s.entityKind === 'customer-product')
      .sort((a, b) => (a.detail?.rank as number) - (b.detail?.rank as number))
      .slice(0, args.n ?? 10);
    return {
      modelId: v.id,
      items: rows.map((s) => {
        const reason = s.detail?.reason as Reason;
        const because = reason.kind === 'also' ? names.get(reason.because) : undefined;
        return {
          productId: s.item,
          rank: s.detail?.rank as number,
          score: s.value,
          reason,
          name: names.get(s.item)?.name ?? '',
          category: names.get(s.item)?.category ?? '',
          ...(because?.name ? { becauseName: because.name } : {})
        };
      })
    };
  },

  async feedback(
    env: FamilyEnv,
    args: { customerId: string; productId: string; signal: Signal; modelId?: string }
  ): Promise<FeedbackEntry> {
    return recordFeedback(env.runtime.db, {
      customerId: args.customerId,
      item: args.productId,
      signal: args.signal,
      modelId: args.modelId ?? ''
    });
  },

  /** Acceptance per model version, with what each version was. */
  async acceptance(env: FamilyEnv): Promise<(Acceptance & { kind: string })[]> {
    const versions = new Map((await env.runtime.versions(env.family)).map((v) => [v.id, v.kind]));
    return acceptanceByModel(await listFeedback(env.runtime.db)).map((a) => ({
      ...a,
      kind: versions.get(a.modelId) ?? ''
    }));
  }
};

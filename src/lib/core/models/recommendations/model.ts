// The recommendations model in use: the chosen recommender fitted on everything, popularity for
// customers with no purchases (by place), the items it knows by id (so it still scores after an
// import changes the catalogue), and each recommendation's reason. Saved with typed weights.
import { packWeights, unpackWeights, type SavedModel, type WeightArray } from '../model';
import type { RecommendDataset } from './dataset';
import { EaseModel } from './ease';
import { fromLists, itemsOf, type UserItems } from './interactions';
import { ItemKnnModel } from './itemKnn';
import { MultVaeModel, VAE_DEFAULTS } from './multVae';
import { PopularityModel } from './popularity';
import type { Recommender, RecommenderKind } from './recommender';
import { topK } from './evaluate';

/** Why a product is recommended; the page words it in the user's language. */
export type Reason =
  /** Customers who bought `because` also bought this (item-kNN, EASE). */
  | { kind: 'also'; because: string }
  /** Customers with purchases like yours bought this (the VAE). */
  | { kind: 'similar' }
  | { kind: 'popular' }
  | { kind: 'trending' }
  /** Best sellers among customers of the same city or country (a new customer). */
  | { kind: 'place'; place: string };

export interface Recommendation {
  productId: string;
  rank: number;
  score: number;
  reason: Reason;
  /** The customer rejected it before: shown only after everything else. */
  demoted?: boolean;
}

export interface RecommendRequest {
  /** How many per customer. */
  n: number;
  /** Offer again what the customer already bought (consumables). Default false. */
  repurchase?: boolean;
  /** Only products passing this (category, stock). */
  keep?: (productId: string) => boolean;
}

/** Below every real score, above the unscoreable: where a rejected product goes. */
const DEMOTED = -1e30;

const entry = (productId: string, k: number, score: number, reason: Reason): Recommendation => ({
  productId,
  rank: k + 1,
  score,
  reason,
  ...(score === DEMOTED ? { demoted: true } : {})
});
/** A place needs this many buyers before its best sellers stand for it. */
const MIN_PLACE_BUYERS = 5;

export class RecommendModel {
  constructor(
    /** The catalogue as it was at training (the recommender's item indices). */
    readonly items: string[],
    readonly recommender: Recommender,
    /** Popularity on all interactions (new customers without a known place). */
    readonly popular: PopularityModel,
    readonly topN: number
  ) {}

  get kind(): RecommenderKind {
    return this.recommender.kind;
  }

  /** The dataset's histories in this model's item space (items it does not know dropped). */
  histories(ds: RecommendDataset): UserItems {
    const h = ds.log.history;
    const same =
      ds.log.items.length === this.items.length && ds.log.items.every((x, i) => x === this.items[i]); // prettier-ignore
    if (same) return h;
    const ix = new Map(this.items.map((id, i) => [id, i]));
    const map = ds.log.items.map((id) => ix.get(id) ?? -1);
    const lists = Array.from({ length: h.nUsers }, (_, u) => {
      const out: { item: number; ts: number }[] = [];
      for (let k = h.ptr[u]; k < h.ptr[u + 1]; k++)
        if (map[h.idx[k]] >= 0) out.push({ item: map[h.idx[k]], ts: h.ts[k] });
      return out;
    });
    return fromLists(lists, this.items.length);
  }

  /** Best sellers per place among buyers (model item space). */
  private placeCounts(ds: RecommendDataset, h: UserItems): Map<string, Float32Array> {
    const counts = new Map<string, Float32Array>();
    const buyers = new Map<string, number>();
    ds.log.users.forEach((id, u) => {
      const place = ds.placeOf.get(id);
      if (!place) return;
      if (!counts.has(place)) counts.set(place, new Float32Array(this.items.length));
      buyers.set(place, (buyers.get(place) ?? 0) + 1);
      for (const i of itemsOf(h, u)) counts.get(place)![i]++;
    });
    for (const [place, n] of buyers) if (n < MIN_PLACE_BUYERS) counts.delete(place);
    return counts;
  }

  /** Recommendations for each customer id (unknown customers: popular). */
  async recommend(
    ds: RecommendDataset,
    customers: readonly string[],
    req: RecommendRequest
  ): Promise<Map<string, Recommendation[]>> {
    const h = this.histories(ds);
    const userOf = new Map(ds.log.users.map((id, u) => [id, u]));
    const nItems = this.items.length;
    const allowed = req.keep ? this.items.map((id) => req.keep!(id)) : null;
    const out = new Map<string, Recommendation[]>();
    const warm: string[] = [];
    const cold: string[] = [];
    for (const c of customers) {
      const u = userOf.get(c);
      (u !== undefined && h.ptr[u + 1] > h.ptr[u] ? warm : cold).push(c);
    }
    const pick = (scores: Float32Array, base: number, customer: string, u: number | null) => {
      if (allowed) for (let i = 0; i < nItems; i++) if (!allowed[i]) scores[base + i] = -Infinity;
      const rejected = ds.rejected.get(customer);
      if (rejected)
        this.items.forEach((id, i) => {
          if (rejected.has(id) && scores[base + i] > -Infinity) scores[base + i] = DEMOTED;
        });
      const exclude = u !== null && !req.repurchase ? itemsOf(h, u) : [];
      return topK(scores, base, nItems, req.n, exclude);
    };
    const BATCH = 256;
    for (let s = 0; s < warm.length; s += BATCH) {
      const ids = warm.slice(s, s + BATCH);
      const us = ids.map((c) => userOf.get(c)!);
      const scores = await this.recommender.score(h, us);
      ids.forEach((c, r) => {
        const base = r * nItems;
        const top = pick(scores, base, c, us[r]);
        const rows = top.map((i, k) => entry(this.items[i], k, scores[base + i], this.reason(h, us[r], i))); // prettier-ignore
        if (rows.length < req.n) {
          // The model scores only the items it kept: popular ones after its own.
          const pop = Float32Array.from(this.popular.counts);
          for (const i of top) pop[i] = -Infinity;
          for (const i of pick(pop, 0, c, us[r]).slice(0, req.n - rows.length))
            rows.push(entry(this.items[i], rows.length, pop[i], { kind: 'popular' }));
        }
        out.set(c, rows);
      });
    }
    const places = cold.length ? this.placeCounts(ds, h) : new Map<string, Float32Array>();
    for (const c of cold) {
      const place = ds.placeOf.get(c);
      const local = place ? places.get(place) : undefined;
      const scores = Float32Array.from(local ?? this.popular.counts);
      const reason: Reason = local ? { kind: 'place', place: place! } : { kind: 'popular' };
      out.set(
        c,
        pick(scores, 0, c, null).map((i, k) => entry(this.items[i], k, scores[i], reason))
      );
    }
    return out;
  }

  /** Why the recommender ranks item i for user u. */
  private reason(h: UserItems, u: number, i: number): Reason {
    const r = this.recommender;
    if (r.kind === 'mult-vae') return { kind: 'similar' };
    if (r.kind === 'popular-recent') return { kind: 'trending' };
    const b = r.because ? r.because(h, u, i) : -1;
    return b >= 0 ? { kind: 'also', because: this.items[b] } : { kind: 'popular' };
  }

  save(): SavedModel {
    const weights: { name: string; shape: number[]; values: WeightArray }[] = [
      ...this.recommender.weights(),
      { name: 'popular', shape: [this.popular.counts.length], values: this.popular.counts }
    ];
    return {
      kind: `recommend-${this.kind}`,
      version: 0,
      createdAt: Date.now(),
      params: {
        recommender: this.kind,
        params: this.recommender.params,
        items: this.items,
        topN: this.topN
      },
      metrics: {},
      trainingMs: 0,
      backend: this.kind === 'mult-vae' ? 'tfjs' : 'plain',
      snapshotDate: 0,
      weights: packWeights(weights)
    };
  }

  static load(saved: SavedModel): RecommendModel {
    const p = saved.params as {
      recommender: RecommenderKind;
      params: Record<string, number>;
      items: string[];
      topN: number;
    };
    const w = unpackWeights(saved.weights!);
    const f32 = (name: string) => w.get(name)!.values as Float32Array;
    const i32 = (name: string) => w.get(name)!.values as Int32Array;
    const n = p.items.length;
    const popular = new PopularityModel('popular', f32('popular'), {});
    const rec = ((): Recommender => {
      switch (p.recommender) {
        case 'popular':
        case 'popular-recent':
          return new PopularityModel(p.recommender, f32('counts'), p.params);
        case 'item-knn':
          return ItemKnnModel.restore(n, i32('keep'), i32('nbr'), f32('sim'), p.params as never);
        case 'ease':
          return EaseModel.restore(n, i32('keep'), f32('B'), p.params as never);
        case 'mult-vae':
          return MultVaeModel.restore(n, i32('keep'), w as never, { ...VAE_DEFAULTS, ...p.params });
      }
    })();
    return new RecommendModel(p.items, rec, popular, p.topN);
  }

  dispose(): void {
    this.recommender.dispose?.();
  }
}

// What every recommender (popularity, item-kNN, EASE, Mult-VAE) gives the protocol: scores of
// every catalogue item for a batch of users from their histories. Items a model cannot score
// (pruned as too rare) get -Infinity and are never recommended by it.
import type { WeightArray } from '../model';
import type { UserItems } from './interactions';

export type RecommenderKind = 'popular' | 'popular-recent' | 'item-knn' | 'ease' | 'mult-vae';

export interface Recommender {
  readonly kind: RecommenderKind;
  /** Hyper-parameters as chosen (shown in the report, stored with the model). */
  readonly params: Record<string, number>;
  /**
   * Scores of every item (`history.nItems` of them) for each user in `users`, from that user's
   * items in `history`; row-major, users × items.
   */
  score(history: UserItems, users: ArrayLike<number>): Float32Array | Promise<Float32Array>;
  /**
   * The item of user u's history that adds most to `item`'s score (catalogue index), or -1 when
   * the model cannot say (the VAE, popularity): "customers who bought X also bought Y".
   */
  because?(history: UserItems, u: number, item: number): number;
  /** The arrays that restore it (model.ts). */
  weights(): { name: string; shape: number[]; values: WeightArray }[];
  dispose?(): void;
}

/** Items a model scores: `keep` (model index -> catalogue index) and the reverse (or -1). */
export interface ItemSubset {
  keep: Int32Array;
  pos: Int32Array;
}

export function subsetOf(keep: Int32Array, nItems: number): ItemSubset {
  const pos = new Int32Array(nItems).fill(-1);
  keep.forEach((item, k) => (pos[item] = k));
  return { keep, pos };
}

/**
 * Time-decayed weights of user u's history (oldest first), into `out`: the latest purchase
 * (every item with the latest time) weighs 1, the one before `decay`, then `decay²`... (decay 1:
 * every item alike). Users' last items say the most about what they take up next, which is what
 * the temporal split asks; items bought together share a weight.
 */
export function recencyWeights(
  h: UserItems,
  u: number,
  decay: number,
  out: Float32Array
): Float32Array {
  const from = h.ptr[u];
  let w = 1;
  for (let k = h.ptr[u + 1] - 1; k >= from; k--) {
    if (k + 1 < h.ptr[u + 1] && h.ts[k] !== h.ts[k + 1]) w *= decay;
    out[k - from] = w;
  }
  return out;
}

/** Reusable buffers of `weightedHistory` (one per scoring call). */
export class HistoryBuffer {
  readonly size: number;
  readonly pos: Int32Array;
  readonly w: Float32Array;
  private readonly all: Float32Array;
  constructor(nItems: number) {
    this.size = nItems;
    this.pos = new Int32Array(nItems);
    this.w = new Float32Array(nItems);
    this.all = new Float32Array(nItems);
  }

  /**
   * User u's items that the model scores, as model indices (`pos`) with their recency weights
   * (`w`); returns how many there are.
   */
  load(h: UserItems, u: number, sub: ItemSubset, decay: number): number {
    recencyWeights(h, u, decay, this.all);
    let m = 0;
    for (let k = h.ptr[u]; k < h.ptr[u + 1]; k++) {
      const p = sub.pos[h.idx[k]];
      if (p < 0) continue;
      this.pos[m] = p;
      this.w[m++] = this.all[k - h.ptr[u]];
    }
    return m;
  }
}

let shared: HistoryBuffer | null = null;

/**
 * One buffer for every model's synchronous scoring and reasons (no await between its `load`
 * and its use), so scoring thousands of reasons allocates nothing per call.
 */
export function historyBuffer(nItems: number): HistoryBuffer {
  if (!shared || shared.size < nItems) shared = new HistoryBuffer(nItems);
  return shared;
}

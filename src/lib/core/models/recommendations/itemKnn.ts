// Item-to-item kNN (Sarwar et al., WWW 2001; Deshpande & Karypis, TOIS 2004): cosine similarity
// of items' user sets, sim(i, j) = |U_i ∩ U_j| / √(|U_i| |U_j|), each item keeping its k most
// similar; a user's score for j sums sim(i, j) over the items i in their history (recent ones
// weighted more). Behind "customers who bought X also bought Y".
import type { UserItems } from './interactions';
import { historyBuffer, subsetOf, type ItemSubset, type Recommender } from './recommender';

export interface KnnParams {
  k: number;
  decay: number;
}

export class ItemKnnModel implements Recommender {
  readonly kind = 'item-knn';
  constructor(
    readonly sub: ItemSubset,
    /** Neighbours of each kept item (k per row, model indices; -1 = none) and similarities. */
    readonly nbr: Int32Array,
    readonly sim: Float32Array,
    readonly params: KnnParams & Record<string, number>
  ) {}

  score(h: UserItems, users: ArrayLike<number>): Float32Array {
    const nAll = h.nItems;
    const k = this.params.k;
    const out = new Float32Array(users.length * nAll).fill(-Infinity);
    const buf = historyBuffer(nAll);
    for (let r = 0; r < users.length; r++) {
      const base = r * nAll;
      for (const item of this.sub.keep) out[base + item] = 0;
      const m = buf.load(h, users[r], this.sub, this.params.decay);
      for (let t = 0; t < m; t++) {
        const p = buf.pos[t];
        for (let q = p * k; q < p * k + k; q++) {
          const j = this.nbr[q];
          if (j >= 0) out[base + this.sub.keep[j]] += buf.w[t] * this.sim[q];
        }
      }
    }
    return out;
  }

  because(h: UserItems, u: number, item: number): number {
    const y = this.sub.pos[item];
    if (y < 0) return -1;
    const k = this.params.k;
    const buf = historyBuffer(h.nItems);
    const m = buf.load(h, u, this.sub, this.params.decay);
    let best = -1;
    let top = 0;
    for (let t = 0; t < m; t++)
      for (let q = buf.pos[t] * k; q < buf.pos[t] * k + k; q++)
        if (this.nbr[q] === y && buf.w[t] * this.sim[q] > top) {
          top = buf.w[t] * this.sim[q];
          best = this.sub.keep[buf.pos[t]];
        }
    return best;
  }

  weights() {
    const n = this.sub.keep.length;
    const k = this.params.k;
    return [
      { name: 'keep', shape: [n], values: this.sub.keep },
      { name: 'nbr', shape: [n, k], values: this.nbr },
      { name: 'sim', shape: [n, k], values: this.sim }
    ];
  }

  static restore(
    nItems: number,
    keep: Int32Array,
    nbr: Int32Array,
    sim: Float32Array,
    params: KnnParams
  ) {
    return new ItemKnnModel(subsetOf(keep, nItems), nbr, sim, { ...params });
  }
}

/** The k nearest neighbours of every kept item from the Gram matrix G (n × n). */
export function knnFromGram(G: Float64Array, sub: ItemSubset, params: KnnParams): ItemKnnModel {
  const n = sub.keep.length;
  const k = params.k;
  const nbr = new Int32Array(n * k).fill(-1);
  const sim = new Float32Array(n * k);
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i++) norm[i] = Math.sqrt(G[i * n + i]) || 1;
  const cand: number[] = [];
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cand.length = 0;
    for (let j = 0; j < n; j++) {
      const c = G[i * n + j];
      if (j === i || c === 0) continue;
      s[j] = c / (norm[i] * norm[j]);
      cand.push(j);
    }
    cand.sort((a, b) => s[b] - s[a] || a - b);
    for (let t = 0; t < Math.min(k, cand.length); t++) {
      nbr[i * k + t] = cand[t];
      sim[i * k + t] = s[cand[t]];
    }
  }
  return new ItemKnnModel(sub, nbr, sim, { ...params });
}

// EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the item-item
// weights B minimising ‖X − XB‖² + λ‖B‖² with diag(B) = 0, in closed form from
// P = (XᵀX + λI)⁻¹: B[i][j] = −P[i][j] / P[j][j] (i ≠ j), B[j][j] = 0. Solved on the pruned
// items (gram.ts) by a Cholesky-based inverse (spdInverse.ts). A user's scores are their
// history's rows of B summed, the recent items weighted more (recencyWeights).
import type { TrainContext } from '../family';
import type { UserItems } from './interactions';
import { historyBuffer, subsetOf, type ItemSubset, type Recommender } from './recommender';
import { invertSpd } from './spdInverse';

export interface EaseParams {
  lambda: number;
  /** Recency decay of the history's weights (1 = none). */
  decay: number;
}

export class EaseModel implements Recommender {
  readonly kind = 'ease';
  constructor(
    readonly sub: ItemSubset,
    /** B over the kept items, row-major, float32 (what scoring and saving use). */
    readonly B: Float32Array,
    readonly params: EaseParams & Record<string, number>
  ) {}

  score(h: UserItems, users: ArrayLike<number>): Float32Array {
    const nAll = h.nItems;
    const n = this.sub.keep.length;
    const out = new Float32Array(users.length * nAll).fill(-Infinity);
    const acc = new Float64Array(n);
    const buf = historyBuffer(h.nItems);
    for (let r = 0; r < users.length; r++) {
      const m = buf.load(h, users[r], this.sub, this.params.decay);
      acc.fill(0);
      for (let t = 0; t < m; t++) {
        const wt = buf.w[t];
        const row = buf.pos[t] * n;
        for (let j = 0; j < n; j++) acc[j] += wt * this.B[row + j];
      }
      const base = r * nAll;
      for (let j = 0; j < n; j++) out[base + this.sub.keep[j]] = acc[j];
    }
    return out;
  }

  because(h: UserItems, u: number, item: number): number {
    const y = this.sub.pos[item];
    if (y < 0) return -1;
    const n = this.sub.keep.length;
    const buf = historyBuffer(h.nItems);
    const m = buf.load(h, u, this.sub, this.params.decay);
    let best = -1;
    let top = 0;
    for (let t = 0; t < m; t++) {
      const c = buf.w[t] * this.B[buf.pos[t] * n + y];
      if (c > top) [top, best] = [c, this.sub.keep[buf.pos[t]]];
    }
    return best;
  }

  weights() {
    return [
      { name: 'keep', shape: [this.sub.keep.length], values: this.sub.keep },
      { name: 'B', shape: [this.sub.keep.length, this.sub.keep.length], values: this.B }
    ];
  }

  static restore(nItems: number, keep: Int32Array, B: Float32Array, params: EaseParams) {
    return new EaseModel(subsetOf(keep, nItems), B, { ...params });
  }
}

/** B from the Gram matrix G (overwritten) for one λ. */
export async function easeWeights(
  G: Float64Array,
  n: number,
  lambda: number,
  ctx: TrainContext = {}
): Promise<Float32Array> {
  for (let i = 0; i < n; i++) G[i * n + i] += lambda;
  await invertSpd(G, n, { signal: ctx.signal });
  const B = new Float32Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) B[i * n + j] = -G[i * n + j] / G[j * n + j];
  return B;
}

// CTGAN's conditional vector and training-by-sampling (Xu et al. 2019, §4.3): each training
// sample picks one discrete column uniformly, one of its levels with probability proportional to
// the log of its frequency (so rare levels are seen often enough to be learned), and a real row
// having that level; the generator is told the choice and penalised when it does not honour
// it. When generating, levels are drawn at their training frequencies.
import type { Transformer } from './transform';

export interface CondBatch {
  /** batch × condWidth one-hot (one discrete column per row). */
  cond: Float32Array;
  /** The real training row matching each row's condition (training only). */
  rows: Int32Array;
}

export class CondSampler {
  /** Per discrete column, per level: the training rows having it. */
  private readonly byLevel: Int32Array[][];
  private readonly logProbs: Float64Array[];

  /**
   * `label`: index (in `t.discrete`) of a column conditioned on in a `labelShare` of the
   * samples rather than in 1/D of them — the churn label, so that the generator learns the
   * rows of churners and of the others apart (the relation a churn model needs). `always`:
   * when another column is conditioned on, the chosen row's label is set in the vector too.
   */
  constructor(
    private readonly t: Transformer,
    private readonly data: Float32Array,
    private readonly n: number,
    private readonly label: { discrete: number; share: number; always?: boolean } | null = null
  ) {
    this.byLevel = t.discrete.map((d) => {
      const lists: number[][] = Array.from({ length: d.size }, () => []);
      for (let i = 0; i < n; i++)
        for (let k = 0; k < d.size; k++)
          if (data[i * t.width + d.start + k] === 1) {
            lists[k].push(i);
            break;
          }
      return lists.map((l) => Int32Array.from(l));
    });
    const norm = (xs: number[]) => {
      const s = xs.reduce((a, b) => a + b, 0);
      return Float64Array.from(xs, (x) => x / s);
    };
    this.logProbs = this.byLevel.map((ls) => norm(ls.map((l) => Math.log(l.length + 1))));
  }

  get width(): number {
    return this.t.condWidth;
  }

  private draw(p: Float64Array, rand: () => number): number {
    let u = rand();
    let k = 0;
    while (k < p.length - 1 && (u -= p[k]) > 0) k++;
    return k;
  }

  /** Conditions by log-frequency and the real rows that satisfy them. */
  sampleTrain(batch: number, rand: () => number): CondBatch {
    const cond = new Float32Array(batch * this.width);
    const rows = new Int32Array(batch);
    const D = this.t.discrete.length;
    for (let b = 0; b < batch; b++) {
      if (!D) {
        rows[b] = Math.floor(rand() * this.n);
        continue;
      }
      const j =
        this.label && rand() < this.label.share ? this.label.discrete : Math.floor(rand() * D);
      let k = this.draw(this.logProbs[j], rand);
      // A level no training row has (impossible by construction, but never loop on it).
      while (!this.byLevel[j][k].length) k = (k + 1) % this.byLevel[j].length;
      cond[b * this.width + this.t.discrete[j].condStart + k] = 1;
      const list = this.byLevel[j][k];
      const r = (rows[b] = list[Math.floor(rand() * list.length)]);
      if (this.label?.always && j !== this.label.discrete) {
        const d = this.t.discrete[this.label.discrete];
        for (let l = 0; l < d.size; l++) cond[b * this.width + d.condStart + l] = this.data[r * this.t.width + d.start + l]; // prettier-ignore
      }
    }
    return { cond, rows };
  }
}

/**
 * Conditions at the training frequencies (generation): a discrete column drawn uniformly, or
 * always `column` when given, its level at its training share; `fixed` forces one column's level.
 */
export function originalConditions(
  t: Transformer,
  batch: number,
  rand: () => number,
  fixed?: { discrete: number; level: number },
  column?: number
): Float32Array {
  const cond = new Float32Array(batch * t.condWidth);
  const D = t.discrete.length;
  if (!D) return cond;
  for (let b = 0; b < batch; b++) {
    const j = fixed ? fixed.discrete : (column ?? Math.floor(rand() * D));
    const plan = t.columns[t.discrete[j].column].plan;
    // A number's quantile bins (when they are conditioned on) are equally frequent.
    const size = t.discrete[j].size;
    const shares = plan.kind === 'discrete' ? plan.shares : new Array<number>(size).fill(1 / size);
    let k = fixed?.level ?? 0;
    if (!fixed) for (let u = rand(); k < shares.length - 1 && (u -= shares[k]) > 0;) k++;
    cond[b * t.condWidth + t.discrete[j].condStart + k] = 1;
  }
  return cond;
}

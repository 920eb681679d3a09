// A trained synthesiser: the column plan and column names, the GAN (its transformer, generator
// and critic) and the Gaussian copula. Generating drops rows equal to a training customer and
// draws again, so an exported table never repeats one.
import type { RawTable, RawValue } from '../../features/columns';
import { packWeights, unpackWeights, type SavedModel } from '../model';
import type { NetworkSpec } from '../networks/spec';
import type { TrainingHistory } from '../networks/histogram';
import { tf } from '../../tf/backend';
import { asTable, type ColumnMeta, type ColumnPlan } from './columns';
import { sampleCopula, type CopulaModel } from './copula';
import { Ctgan, type CtganParams } from './ctgan';
import type { SynthKind } from './dataset';
import { rowKeys } from './report/privacy';
import { inverseRows, type Transformer } from './transform';

export interface Generated {
  table: RawTable;
  /** Generated rows equal to a training row, dropped and drawn again. */
  removed: number;
}

export class SynthModel {
  constructor(
    readonly meta: ColumnMeta[],
    readonly plans: ColumnPlan[],
    readonly gan: Ctgan | null,
    readonly copula: CopulaModel | null
  ) {}

  get kinds(): SynthKind[] {
    return [...(this.gan ? ['ctgan' as const] : []), ...(this.copula ? ['copula' as const] : [])];
  }

  /** n rows by column; `fixed` asks the GAN for one level of a discrete column (the copula
   * has no conditional sampler: callers filter). */
  private draw(
    kind: SynthKind,
    n: number,
    seed: number,
    fixed?: { column: string; value: RawValue }
  ): RawValue[][] {
    // prettier-ignore
    if (kind === 'copula') {
      if (!this.copula) throw new Error('no copula in this synthesiser');
      return sampleCopula(this.copula, this.plans, n, seed);
    }
    if (!this.gan) throw new Error('no GAN in this synthesiser');
    const t = this.gan.t;
    let cond: { discrete: number; level: number } | undefined;
    if (fixed) {
      const j = this.plans.findIndex((p) => p.name === fixed.column);
      const plan = this.plans[j];
      const discrete = t.discrete.findIndex((d) => d.column === j);
      if (plan?.kind === 'discrete' && discrete >= 0)
        cond = { discrete, level: Math.max(0, plan.levels.findIndex((l) => String(l) === String(fixed.value))) }; // prettier-ignore
    }
    return inverseRows(t, this.gan.sample(n, seed, cond), n);
  }

  /** n synthetic rows, none equal to a row of `real` (drawn again up to 5 times). */
  generate(
    kind: SynthKind,
    n: number,
    seed: number,
    real: RawTable,
    fixed?: { column: string; value: RawValue }
  ): Generated {
    // prettier-ignore
    const columns = this.plans.map((p) => p.name);
    const seen = new Set(rowKeys(real, columns));
    const keep: RawValue[][] = this.plans.map(() => []);
    let removed = 0;
    for (let round = 0; round < 6 && keep[0].length < n; round++) {
      const want = n - keep[0].length;
      const vals = this.draw(kind, round ? Math.ceil(want * 1.2) + 10 : want, seed + 7919 * round, fixed); // prettier-ignore
      const keys = rowKeys(asTable(this.meta, this.plans, vals), columns);
      keys.forEach((k, i) => {
        if (keep[0].length >= n) return;
        if (seen.has(k)) return void removed++;
        vals.forEach((v, j) => keep[j].push(v[i]));
      });
    }
    return { table: asTable(this.meta, this.plans, keep), removed };
  }

  toJSON(): SavedModel {
    return {
      kind: 'synthetic-data',
      version: 0,
      createdAt: Date.now(),
      params: {
        meta: this.meta,
        plans: this.plans,
        copula: this.copula,
        ...(this.gan
          ? { transformer: this.gan.t, ctgan: this.gan.params, networks: this.gan.specs, history: this.gan.history } // prettier-ignore
          : {})
      },
      metrics: {},
      trainingMs: 0,
      backend: tf.getBackend(),
      snapshotDate: 0,
      ...(this.gan ? { weights: packWeights(this.gan.named()) } : {})
    };
  }

  static fromJSON(saved: SavedModel): SynthModel {
    const p = saved.params as {
      meta: ColumnMeta[];
      plans: ColumnPlan[];
      copula: CopulaModel | null;
      transformer?: Transformer;
      ctgan?: CtganParams;
      networks?: NetworkSpec[];
      history?: TrainingHistory;
    };
    let gan: Ctgan | null = null;
    if (p.transformer && p.ctgan && p.networks && saved.weights) {
      gan = Ctgan.fromWeights(p.transformer, p.ctgan, p.networks, unpackWeights(saved.weights));
      if (p.history) gan.history = p.history;
    }
    return new SynthModel(p.meta, p.plans, gan, p.copula);
  }

  dispose(): void {
    this.gan?.dispose();
  }
}

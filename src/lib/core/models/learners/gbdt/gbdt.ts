// Histogram-based gradient-boosted decision trees for binary classification (Friedman 2001;
// Ke et al. 2017, LightGBM) with TreeSHAP explanations (Lundberg et al. 2020). This file is the
// model object: fitting (boost.ts), prediction, explanation and save/restore.
import type { FitOptions, SavedModel } from '../../model';
import { packWeights, unpackWeights } from '../../model';
import { boost, sigmoid } from './boost';
import type { Forest } from './forest';
import { compiledMargin, compileForest, type CompiledForest } from './scorer';
import { DEFAULTS, type GbdtParams, type LabelledMatrix } from './params';
import { treeShap } from './treeShap';

export type { GbdtParams, LabelledMatrix } from './params';

const NODE_ARRAYS = [
  'feature',
  'threshold',
  'left',
  'right',
  'value',
  'cover',
  'gain',
  'root'
] as const;

export class Gbdt {
  readonly kind = 'gbdt';
  params: Required<GbdtParams>;
  /** Trees kept (the best iteration when early stopping). */
  roundsRun = 0;
  /** Validation log-loss of the kept model (NaN without validation). */
  bestValLoss = NaN;
  trainingMs = 0;
  private fitted: Forest | null = null;
  /** The fitted forest laid out for fast scoring, built on first use. */
  private scorer: CompiledForest | null = null;

  constructor(params: GbdtParams = {}) {
    const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    this.params = { ...DEFAULTS, ...defined };
  }

  /** Fit on `data`; early stopping watches `opts.validation` or a carve-out (see GbdtParams). */
  async fit(data: LabelledMatrix, opts: FitOptions & { validation?: LabelledMatrix } = {}) {
    const t0 = performance.now();
    const r = await boost(data, this.params, opts);
    this.fitted = r.forest;
    this.scorer = null;
    this.roundsRun = r.roundsRun;
    this.bestValLoss = r.bestValLoss;
    this.trainingMs = performance.now() - t0;
  }

  /** The fitted trees as flat arrays (null before fit). */
  get forest(): Forest | null {
    return this.fitted;
  }

  private trees(): Forest {
    if (!this.fitted) throw new Error('Gbdt: not fitted');
    return this.fitted;
  }

  /** Raw scores (log-odds) of the rows of row-major X. */
  margin(X: Float32Array): Float64Array {
    this.scorer ??= compileForest(this.trees());
    return compiledMargin(this.scorer, X);
  }

  /** Probabilities of the positive class. */
  predict(X: Float32Array): Float32Array {
    const m = this.margin(X);
    const out = new Float32Array(m.length);
    for (let i = 0; i < m.length; i++) out[i] = sigmoid(m[i]);
    return out;
  }

  /** TreeSHAP contributions in log-odds (n x nCols) and the expected margin they start from. */
  shap(X: Float32Array): { values: Float64Array; expected: number } {
    return treeShap(this.trees(), X);
  }

  /** Total split gain and number of splits per input column. */
  featureImportance(): { gain: Float64Array; split: Int32Array } {
    const f = this.trees();
    const gain = new Float64Array(f.nCols);
    const split = new Int32Array(f.nCols);
    for (let k = 0; k < f.feature.length; k++) {
      const c = f.feature[k];
      if (c < 0) continue;
      gain[c] += f.gain[k];
      split[c]++;
    }
    return { gain, split };
  }

  toJSON(): SavedModel {
    const f = this.trees();
    return {
      kind: this.kind,
      version: 0,
      createdAt: Date.now(),
      params: {
        ...this.params,
        nCols: f.nCols,
        initScore: f.initScore,
        roundsRun: this.roundsRun,
        bestValLoss: this.bestValLoss
      },
      metrics: {},
      trainingMs: this.trainingMs,
      backend: 'plain',
      snapshotDate: 0,
      weights: packWeights(
        NODE_ARRAYS.map((name) => ({ name, shape: [f[name].length], values: f[name] }))
      )
    };
  }

  static fromJSON(saved: SavedModel): Gbdt {
    if (saved.kind !== 'gbdt') throw new Error(`not a gbdt model: ${saved.kind}`);
    if (!saved.weights) throw new Error('gbdt model without weights');
    const { nCols, initScore, roundsRun, bestValLoss, ...params } =
      saved.params as unknown as GbdtParams & {
        nCols: number;
        initScore: number;
        roundsRun: number;
        bestValLoss: number | null;
      };
    const m = new Gbdt(params);
    const a = unpackWeights(saved.weights);
    const get = <T>(name: string) => {
      const v = a.get(name);
      if (!v) throw new Error(`gbdt model lacks ${name}`);
      return v.values as T;
    };
    m.fitted = {
      nCols,
      initScore,
      feature: get<Int32Array>('feature'),
      threshold: get<Float64Array>('threshold'),
      left: get<Int32Array>('left'),
      right: get<Int32Array>('right'),
      value: get<Float64Array>('value'),
      cover: get<Float64Array>('cover'),
      gain: get<Float64Array>('gain'),
      root: get<Int32Array>('root')
    };
    m.roundsRun = roundsRun;
    m.bestValLoss = bestValLoss ?? NaN;
    m.trainingMs = saved.trainingMs;
    return m;
  }

  dispose(): void {}
}

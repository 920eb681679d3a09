// Histogram-based gradient-boosted decision trees for binary classification (Friedman 2001
// gradient boosting; Ke et al. 2017 LightGBM: quantile bins, leaf-wise growth, histogram
// subtraction). Binary log-loss: gradient p − y, hessian p(1 − p), leaf value −G/(H+λ) × rate,
// starting from the log-odds of the training base rate. Early stopping on validation log-loss.
import { seededRandom, shuffleInPlace } from '../../../evaluate/splits';
import type { FitOptions, SavedModel, WeightSpec } from '../../model';
import { binMatrix, computeBinEdges } from './bins';
import { addTrees, ForestBuilder, forestMargin, leafOf, type Forest } from './forest';
import { TreeGrower } from './grow';
import { packTyped, unpackTyped, type PackedSpec } from './pack';
import { treeShap } from './treeShap';

export interface LabelledMatrix {
  /** Row-major n x nCols. */
  X: Float32Array;
  nCols: number;
  /** 0/1 labels. */
  y: ArrayLike<number>;
}

export interface GbdtParams {
  /** Shrinkage applied to every leaf value. Default 0.05. */
  learningRate?: number;
  /** Leaves per tree, grown best-first. Default 31. */
  numLeaves?: number;
  /** Maximum depth; <= 0 means no limit. Default -1. */
  maxDepth?: number;
  minDataInLeaf?: number;
  minSumHessianInLeaf?: number;
  lambdaL2?: number;
  /** Bins per feature, at most 256. Default 255. */
  maxBins?: number;
  maxRounds?: number;
  /** Stop when validation log-loss has not improved for this many rounds. Default 50. */
  earlyStoppingRounds?: number;
  /** Stratified share of the training rows held out for early stopping when no validation set is given. */
  validationShare?: number;
  /** Share of columns each tree may split on (seeded). Default 1. */
  featureFraction?: number;
  /** Share of rows each tree is grown on (seeded). Default 1. */
  baggingFraction?: number;
  seed?: number;
  /** Fixed number of rounds on all rows, no early stopping (refit with a known round count); 0 = off. */
  rounds?: number;
}

const DEFAULTS: Required<GbdtParams> = {
  learningRate: 0.05,
  numLeaves: 31,
  maxDepth: -1,
  minDataInLeaf: 20,
  minSumHessianInLeaf: 1e-3,
  lambdaL2: 1,
  maxBins: 255,
  maxRounds: 1000,
  earlyStoppingRounds: 50,
  validationShare: 0.15,
  featureFraction: 1,
  baggingFraction: 1,
  seed: 42,
  rounds: 0
};

/** Yield to the event loop at least this often (ms) so aborts and UI updates get through. */
const YIELD_MS = 50;

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Mean log-loss of margins `s` against labels (stable softplus form). */
function meanLogLoss(s: Float64Array, y: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const z = s[i];
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    sum += softplus - (y[i] ? z : 0);
  }
  return s.length ? sum / s.length : NaN;
}

/** Stratified split of row indices into (train, validation) with `share` of each class held out. */
function stratifiedHoldout(y: ArrayLike<number>, share: number, rand: () => number) {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] ? pos : neg).push(i);
  shuffleInPlace(pos, rand);
  shuffleInPlace(neg, rand);
  const nvp = Math.round(pos.length * share);
  const nvn = Math.round(neg.length * share);
  const val = [...pos.slice(0, nvp), ...neg.slice(0, nvn)].sort((a, b) => a - b);
  const train = [...pos.slice(nvp), ...neg.slice(nvn)].sort((a, b) => a - b);
  return { train: Int32Array.from(train), val: Int32Array.from(val) };
}

function gatherRows(X: Float32Array, nCols: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * nCols);
  for (let k = 0; k < rows.length; k++)
    out.set(X.subarray(rows[k] * nCols, (rows[k] + 1) * nCols), k * nCols);
  return out;
}

/** The first `k` of `count` indices in a seeded random order, sorted (a subsample). */
function sampleSorted(count: number, k: number, rand: () => number, out: Int32Array): Int32Array {
  for (let i = 0; i < count; i++) out[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (count - i));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out.subarray(0, k).sort();
}

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

  constructor(params: GbdtParams = {}) {
    const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    this.params = { ...DEFAULTS, ...defined };
  }

  async fit(data: LabelledMatrix, opts: FitOptions & { validation?: LabelledMatrix } = {}) {
    const t0 = performance.now();
    const p = this.params;
    const { X, nCols } = data;
    const nAll = data.y.length;
    if (X.length !== nAll * nCols)
      throw new Error(`X has ${X.length} values, expected ${nAll} x ${nCols}`);
    const rand = seededRandom(p.seed);
    const fixed = p.rounds > 0;

    // Training rows, and the validation rows early stopping watches.
    let trainRows: Int32Array;
    let valX: Float32Array | null = null;
    let valY: Uint8Array | null = null;
    if (opts.validation) {
      trainRows = Int32Array.from({ length: nAll }, (_, i) => i);
      valX = opts.validation.X;
      valY = Uint8Array.from(opts.validation.y, (v) => (v ? 1 : 0));
    } else if (!fixed && p.earlyStoppingRounds > 0 && p.validationShare > 0) {
      const s = stratifiedHoldout(data.y, p.validationShare, rand);
      trainRows = s.train;
      valX = gatherRows(X, nCols, s.val);
      valY = Uint8Array.from(s.val, (i) => (data.y[i] ? 1 : 0));
    } else {
      trainRows = Int32Array.from({ length: nAll }, (_, i) => i);
    }
    if (valY && valY.length === 0) valX = valY = null;
    const n = trainRows.length;
    if (n === 0) throw new Error('no training rows');
    const y = Uint8Array.from(trainRows, (i) => (data.y[i] ? 1 : 0));

    let nPos = 0;
    for (let i = 0; i < n; i++) nPos += y[i];
    const base = Math.min(Math.max(nPos / n, 1e-6), 1 - 1e-6);
    const initScore = Math.log(base / (1 - base));

    const edges = computeBinEdges(X, nCols, trainRows, p.maxBins);
    const bins = binMatrix(X, nCols, edges, trainRows);
    const grower = new TreeGrower(bins, n, edges, p);
    const builder = new ForestBuilder(nCols, initScore);

    const score = new Float64Array(n).fill(initScore);
    const valScore = valY ? new Float64Array(valY.length).fill(initScore) : null;
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    const rows = new Int32Array(n);
    const inBag = new Uint8Array(n);
    const allCols = Int32Array.from({ length: nCols }, (_, c) => c);
    const colScratch = new Int32Array(nCols);
    const nFeat = Math.max(1, Math.round(nCols * Math.min(1, p.featureFraction)));
    const nBag = Math.max(1, Math.round(n * Math.min(1, p.baggingFraction)));
    const maxRounds = fixed ? p.rounds : p.maxRounds;
    const stopping = !fixed && valY !== null && p.earlyStoppingRounds > 0;

    let best = Infinity;
    let bestRound = -1;
    let lastYield = performance.now();
    for (let round = 0; round < maxRounds; round++) {
      if (opts.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
      for (let i = 0; i < n; i++) {
        const pr = sigmoid(score[i]);
        g[i] = pr - y[i];
        h[i] = pr * (1 - pr);
      }
      let m = n;
      if (nBag < n) {
        m = nBag;
        sampleSorted(n, nBag, rand, rows);
      } else for (let i = 0; i < n; i++) rows[i] = i;
      const features = nFeat < nCols ? sampleSorted(nCols, nFeat, rand, colScratch) : allCols;

      const leaves = grower.grow(builder, g, h, rows, m, features);
      const value = builder.forest.value;
      for (const l of leaves) {
        const v = value[l.node];
        for (let k = l.start; k < l.end; k++) score[rows[k]] += v;
      }
      if (m < n) {
        // Rows left out of the bag still need this tree's output.
        inBag.fill(0);
        for (let k = 0; k < m; k++) inBag[rows[k]] = 1;
        const root = builder.forest.root[builder.nTrees - 1];
        for (let i = 0; i < n; i++)
          if (!inBag[i]) score[i] += value[leafOf(builder.forest, root, X, trainRows[i] * nCols)];
      }

      const loss = meanLogLoss(score, y);
      let valLoss: number | undefined;
      if (valX && valY && valScore) {
        addTrees(builder.forest, builder.nTrees - 1, builder.nTrees, valX, valScore);
        valLoss = meanLogLoss(valScore, valY);
      }
      opts.onEpoch?.(round, valLoss === undefined ? { loss } : { loss, valLoss });

      if (stopping && valLoss !== undefined) {
        if (valLoss < best) {
          best = valLoss;
          bestRound = round;
        } else if (round - bestRound >= p.earlyStoppingRounds) break;
      }
      if (performance.now() - lastYield > YIELD_MS) {
        await new Promise((r) => setTimeout(r, 0));
        lastYield = performance.now();
      }
    }
    if (opts.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');

    const kept = stopping && bestRound >= 0 ? bestRound + 1 : builder.nTrees;
    this.fitted = builder.finish(kept);
    this.roundsRun = kept;
    this.bestValLoss = stopping ? best : NaN;
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
    return forestMargin(this.trees(), X);
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
    const packed = packTyped(NODE_ARRAYS.map((name) => ({ name, values: f[name] })));
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
      // float64 specs: WeightSpec gains those dtypes with the shared typed packWeights.
      weights: { specs: packed.specs as unknown as WeightSpec[], data: packed.data }
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
    const a = unpackTyped({
      specs: saved.weights.specs as unknown as PackedSpec[],
      data: saved.weights.data
    });
    const get = <T>(name: string) => {
      const v = a.get(name);
      if (!v) throw new Error(`gbdt model lacks ${name}`);
      return v as T;
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

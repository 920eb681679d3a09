// Multi-layer perceptron in tfjs: dense 32 -> 16 (ReLU, dropout 0.2) -> sigmoid. Binary
// cross-entropy (optionally class-weighted), Adam, mini-batches, early stopping on a validation split carved from the
// training rows (best weights restored). Call initTf() first.
import { tf } from '../../tf/backend';
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import type { FitOptions, SavedModel } from '../model';
import { packWeights, unpackWeights } from '../model';
import type { BinaryClassifier, LabelledMatrix } from './types';
import { HistoryRecorder, type TrainingHistory } from '../networks/histogram';

export interface MlpParams {
  hidden?: number[];
  dropout?: number;
  learningRate?: number;
  batchSize?: number;
  maxEpochs?: number;
  /** Epochs without validation-loss improvement before stopping. */
  patience?: number;
  validationShare?: number;
  l2?: number;
  seed?: number;
  /** Weight the classes equally (default false). */
  balanced?: boolean;
  /** Kernel histograms every this many epochs, kept with the model for the networks page. */
  historyEvery?: number;
}

const DEFAULTS: Required<MlpParams> = {
  hidden: [32, 16],
  dropout: 0.2,
  learningRate: 0.005,
  batchSize: 256,
  maxEpochs: 60,
  patience: 5,
  validationShare: 0.15,
  l2: 1e-3,
  seed: 42,
  balanced: false,
  historyEvery: 5
};

export class Mlp implements BinaryClassifier {
  readonly kind = 'mlp';
  params: Required<MlpParams>;
  nCols = 0;
  epochsRun = 0;
  /** Losses per epoch and kernel histograms during the last fit (see networks/histogram.ts). */
  history: TrainingHistory = { curves: {}, snapshots: [] };
  private net: tf.Sequential | null = null;

  constructor(params: MlpParams = {}) {
    this.params = { ...DEFAULTS, ...params };
  }

  private build(nCols: number): tf.Sequential {
    const { hidden, dropout, seed } = this.params;
    const net = tf.sequential();
    hidden.forEach((units, k) => {
      net.add(
        tf.layers.dense({
          units,
          activation: 'relu',
          ...(k === 0 ? { inputShape: [nCols] } : {}),
          kernelInitializer: tf.initializers.heNormal({ seed: seed + k })
        })
      );
      if (dropout > 0) net.add(tf.layers.dropout({ rate: dropout, seed: seed + 100 + k }));
    });
    net.add(
      tf.layers.dense({
        units: 1,
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 50 })
      })
    );
    return net;
  }

  async fit(data: LabelledMatrix, opts: FitOptions = {}): Promise<void> {
    const { X, nCols, y } = data;
    const p = this.params;
    const n = y.length;
    this.dispose();
    this.nCols = nCols;
    const net = this.build(nCols);
    this.net = net;
    const rand = seededRandom(p.seed);
    // Stratified validation carve-out.
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < n; i++) (y[i] ? pos : neg).push(i);
    shuffleInPlace(pos, rand);
    shuffleInPlace(neg, rand);
    const nvp = Math.round(pos.length * p.validationShare);
    const nvn = Math.round(neg.length * p.validationShare);
    const val = [...pos.slice(0, nvp), ...neg.slice(0, nvn)];
    const train = [...pos.slice(nvp), ...neg.slice(nvn)];
    // Optional class weights n / (2 n_class) so both classes pull equally. Off by default:
    // ranking (AUC) does not need them, and unweighted outputs stay calibrated probabilities,
    // comparable with the other learners'.
    const wPos = p.balanced ? n / (2 * Math.max(1, pos.length)) : 1;
    const wNeg = p.balanced ? n / (2 * Math.max(1, neg.length)) : 1;
    const w = Float32Array.from({ length: n }, (_, i) => (y[i] ? wPos : wNeg));

    const xAll = tf.tensor2d(X, [n, nCols]);
    const yAll = tf.tensor2d(Float32Array.from(y), [n, 1]);
    const wAll = tf.tensor2d(w, [n, 1]);
    const valIdx = tf.tensor1d(Int32Array.from(val), 'int32');
    const [xVal, yVal, wVal] = [xAll, yAll, wAll].map((t) => tf.gather(t, valIdx));
    const optimizer = tf.train.adam(p.learningRate);
    const kernels = net.trainableWeights.filter((w) => w.name.includes('kernel'));
    const lossOf = (xs: tf.Tensor, ys: tf.Tensor, ws: tf.Tensor, training: boolean): tf.Scalar => {
      const pr = (net.apply(xs, { training }) as tf.Tensor).clipByValue(1e-7, 1 - 1e-7);
      const bce = tf.neg(
        tf.add(tf.mul(ys, tf.log(pr)), tf.mul(tf.sub(1, ys), tf.log(tf.sub(1, pr))))
      );
      return tf.div(tf.sum(tf.mul(bce, ws)), tf.sum(ws)) as tf.Scalar;
    };
    let best = Infinity;
    let bestWeights: tf.Tensor[] | null = null;
    let wait = 0;
    const rec = new HistoryRecorder(p.historyEvery);
    const kernelValues = () =>
      net.getWeights().flatMap((t, k) => (t.shape.length === 2 ? [{ name: `w${k}`, values: t.dataSync() }] : [])); // prettier-ignore
    rec.snapshot(0, kernelValues());
    try {
      for (let epoch = 0; epoch < p.maxEpochs; epoch++) {
        if (opts.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
        shuffleInPlace(train, rand);
        let lossSum: tf.Tensor = tf.scalar(0);
        let batches = 0;
        for (let b = 0; b < train.length; b += p.batchSize) {
          const loss = tf.tidy(() => {
            const idx = tf.tensor1d(Int32Array.from(train.slice(b, b + p.batchSize)), 'int32');
            const xs = tf.gather(xAll, idx);
            const ys = tf.gather(yAll, idx);
            const ws = tf.gather(wAll, idx);
            return optimizer.minimize(() => {
              // Layer regularisers only apply inside model.fit(), so add the L2 penalty here.
              const base = lossOf(xs, ys, ws, true);
              if (!(p.l2 > 0)) return base;
              const pen = kernels.map((w) => tf.sum(tf.square(w.read())));
              return tf.add(base, tf.mul(p.l2, tf.addN(pen))) as tf.Scalar;
            }, true)!;
          });
          const next = tf.add(lossSum, loss);
          lossSum.dispose();
          loss.dispose();
          lossSum = next;
          batches++;
        }
        const trainLoss = (await lossSum.data())[0] / batches;
        lossSum.dispose();
        const valLoss = val.length
          ? tf.tidy(() => lossOf(xVal, yVal, wVal, false)).dataSync()[0]
          : trainLoss;
        this.epochsRun = epoch + 1;
        rec.curve('loss', trainLoss);
        rec.curve('valLoss', valLoss);
        if (rec.wants(epoch + 1)) rec.snapshot(epoch + 1, kernelValues());
        opts.onEpoch?.(epoch, { loss: trainLoss, valLoss });
        if (valLoss < best - 1e-5) {
          best = valLoss;
          wait = 0;
          bestWeights?.forEach((t) => t.dispose());
          bestWeights = net.getWeights().map((t) => t.clone());
        } else if (++wait >= p.patience) break;
      }
      if (bestWeights) net.setWeights(bestWeights);
      rec.snapshot(this.epochsRun, kernelValues());
      this.history = rec.history;
    } finally {
      bestWeights?.forEach((t) => t.dispose());
      [xAll, yAll, wAll, valIdx, xVal, yVal, wVal].forEach((t) => t.dispose());
      optimizer.dispose();
    }
  }

  predict(X: Float32Array): Float32Array {
    if (!this.net) throw new Error('MLP is not trained');
    const n = X.length / this.nCols;
    const out = new Float32Array(n);
    const chunk = 32_768;
    for (let s = 0; s < n; s += chunk) {
      const m = Math.min(chunk, n - s);
      const part = tf.tidy(() => {
        const xs = tf.tensor2d(X.subarray(s * this.nCols, (s + m) * this.nCols), [m, this.nCols]);
        return (this.net!.apply(xs, { training: false }) as tf.Tensor).dataSync() as Float32Array;
      });
      out.set(part, s);
    }
    return out;
  }

  toJSON(): SavedModel {
    if (!this.net) throw new Error('MLP is not trained');
    const weights = this.net.getWeights().map((t, k) => ({
      name: `w${k}`,
      shape: t.shape,
      values: t.dataSync() as Float32Array
    }));
    return {
      kind: this.kind,
      version: 0,
      createdAt: Date.now(),
      params: { ...this.params, nCols: this.nCols, epochsRun: this.epochsRun, history: this.history }, // prettier-ignore
      metrics: {},
      trainingMs: 0,
      backend: tf.getBackend(),
      snapshotDate: 0,
      weights: packWeights(weights)
    };
  }

  static fromJSON(saved: SavedModel): Mlp {
    const { history, ...params } = saved.params as unknown as MlpParams & { nCols: number; history?: TrainingHistory }; // prettier-ignore
    const m = new Mlp(params);
    m.nCols = params.nCols;
    if (history) m.history = history;
    m.net = m.build(m.nCols);
    const w = unpackWeights(saved.weights!);
    const ts = [...w.values()].map((v) => tf.tensor(Float32Array.from(v.values), v.shape));
    m.net.setWeights(ts);
    ts.forEach((t) => t.dispose());
    return m;
  }

  dispose(): void {
    this.net?.dispose();
    this.net = null;
  }
}

// A CTGAN-style conditional tabular GAN (Xu, Skoularidou, Cuesta-Infante & Veeramachaneni,
// "Modeling Tabular Data using Conditional GAN", NeurIPS 2019), in tfjs:
//  - generator: noise ⊕ conditional vector → two residual ReLU layers (each fed the input and
//    every earlier layer, as CTGAN's Residual blocks concatenate) → tanh for each α and a
//    Gumbel-softmax (τ = 0.2) for each one-hot span; no batch normalisation (tfjs layers'
//    batch norm does not fit a hand-written loop; the residual concatenation keeps it stable);
//  - critic: PacGAN packs of 10 rows (Lin et al. 2018) → two leaky-ReLU layers (CTGAN adds
//    dropout 0.5; here none, see below);
//  - WGAN-GP loss (Gulrajani et al. 2017, λ = 10) plus the generator's cross-entropy on the
//    conditioned column; Adam (β = 0.5, 0.9), one critic step per generator step, the
//    generator at 2e-4 and the critic at 8e-4 (two time-scale update rule, Heusel et al.,
//    NeurIPS 2017); the generator ends with the exponential moving average of its weights
//    (decay 0.995; Yazıcı et al., ICLR 2019).
// Departures for the churn label (issue #14: at a browser's budget plain CTGAN lost how churn
// relates to the other columns, its synthetic rows training churn models 0.3 AUC worse than
// real ones): training-by-sampling conditions on the label in half the samples (CTGAN: 1/D)
// and sets the chosen real row's label in every other condition too; every generated row is
// conditioned on the label at its training share; an auxiliary classifier (Zhao et al.,
// "CTAB-GAN", ACML 2021) learns the label from the other columns of real rows, and the
// generator pays its cross-entropy on generated rows.
// Sized for a browser on two cores: 128-unit layers and a budget of about 600 steps (60 epochs
// on Telco). Numbers come as normal scores of their CDF (transform.ts). Also unlike CTGAN: the
// generator's output kernel starts at a tenth of Glorot's scale (at full scale its tanh and
// Gumbel-softmax outputs start saturated and it never learned how numbers move together), a
// moment loss (`momentOps`), calibrated margins (`calibrateMarginals`) and numbers ranked onto
// the training quantiles (`rankMargins`). These, the averaging, the faster critic without
// dropout and 600 steps were chosen on an inner split of the synthesiser's training rows
// (bench/ctgan-tune.ts, figures in the family README), never on the hold-out.
// Options for experiments (bench/ctgan-tune.ts), off by default: layer normalisation in the
// generator, linear learning-rate decay, several critic steps per generator step, forcing the
// conditioned level, scaled Gumbel noise.
import { tf } from '../../tf/backend';
import { seededRandom } from '../../evaluate/splits';
import { checkAborted, yieldToLoop } from '../family';
import { DenseNet, matMul } from '../networks/dense';
import { spanCrossEntropy, spanMatrix, spanSoftmax } from '../networks/spans';
import { HistoryRecorder, type TrainingHistory } from '../networks/histogram';
import { gumbels, normals } from '../networks/random';
import type { NetworkSpec, SavedWeights } from '../networks/spec';
import { CondSampler, originalConditions } from './condvec';
import { argmax, blankAt, quantileScore, type Transformer } from './transform';

export interface CtganParams {
  noise: number;
  generator: number[];
  critic: number[];
  pac: number;
  batchSize: number;
  /** Epochs; default: about `steps` generator steps, between 30 and 300 epochs. */
  epochs?: number;
  steps: number;
  learningRate: number;
  gradientPenalty: number;
  tau: number;
  seed: number;
  histogramEvery: number;
  /** The label column (churn): conditioned on in `labelShare` of the training samples, and
   * in every generated row (its level at its training share). null: CTGAN's uniform choice. */
  label: string | null;
  labelShare: number;
  /** Also set the label in the conditions on other columns (from the chosen real row). */
  labelAlways: boolean;
  /** Generate every row conditioned on the label column (when there is one). */
  generateByLabel: boolean;
  /** Weight of the auxiliary classifier's loss in the generator's (0: none; see `fit`). */
  classifierWeight: number;
  classifier: number[];
  /** Layer normalisation in the generator's residual layers (CTGAN has batch norm there). */
  generatorNorm: boolean;
  /** Learning rate at the last step as a share of the first (linear decay; 1: constant). */
  lrDecay: number;
  /** Critic steps per generator step. */
  criticSteps: number;
  /** Exponential moving average of the generator's weights (Yazıcı et al., "The Unusual
   * Effectiveness of Averaging in GAN Training", ICLR 2019): its decay per step; 0: none. */
  ema: number;
  /** Generated rows take the level their condition asked for (as SDV's conditional sampling
   * guarantees by rejection), rather than the generator's draw for that column. */
  forceCondition: boolean;
  /** Scale of the Gumbel noise on the one-hot spans, in training and generation (1: CTGAN's
   * Gumbel-softmax; below 1 the generator must draw its variety from the input noise, which
   * ties the columns together, rather than from independent noise per span). */
  gumbelScale: number;
  /** Dropout of the critic's hidden layers (CTGAN: 0.5). */
  criticDropout: number;
  /** The critic's learning rate as a multiple of the generator's (two time-scale update rule,
   * Heusel et al., NeurIPS 2017; 1: CTGAN's single rate). */
  criticLrScale: number;
  /** Weight of the generator's moment loss (0: none; see `momentOps`). */
  momentWeight: number;
  /** Rounds of marginal calibration after training (0: none; see `calibrateMarginals`). */
  calibrate: number;
  /** Generated numbers take the training quantiles in the order the generator ranked them,
   * when nothing is fixed (see `rankMargins`). */
  rankMargins: boolean;
  /** The generator's output kernel at initialisation, as a multiple of Glorot's. */
  outputInit: number;
}

export const CTGAN_DEFAULTS: CtganParams = {
  noise: 64,
  generator: [128, 128],
  critic: [128, 128],
  pac: 10,
  batchSize: 500,
  steps: 600,
  learningRate: 2e-4,
  gradientPenalty: 10,
  tau: 0.2,
  seed: 42,
  histogramEvery: 10,
  label: null,
  labelShare: 0.5,
  labelAlways: true,
  generateByLabel: true,
  classifierWeight: 1,
  classifier: [64],
  generatorNorm: false,
  lrDecay: 1,
  criticSteps: 1,
  ema: 0.995,
  forceCondition: false,
  gumbelScale: 1,
  criticDropout: 0,
  criticLrScale: 4,
  momentWeight: 100,
  calibrate: 4,
  rankMargins: true,
  outputInit: 0.1
};

export interface GanEpoch {
  epoch: number;
  epochs: number;
  critic: number;
  generator: number;
}

export function ctganSpecs(t: Transformer, p: CtganParams): NetworkSpec[] {
  const gen = p.generator.map((units, k) => ({
    name: `residual ${k + 1}`,
    units,
    activation: 'relu' as const,
    ...(p.generatorNorm ? { norm: 'layer' as const } : {}),
    kernel: `generator/residual ${k + 1}/kernel`,
    bias: `generator/residual ${k + 1}/bias`,
    inputs: ['input', ...p.generator.slice(0, k).map((_, i) => `residual ${i + 1}`)]
  }));
  const critic = p.critic.map((units, k) => ({
    name: `hidden ${k + 1}`,
    units,
    activation: 'leakyRelu' as const,
    kernel: `critic/hidden ${k + 1}/kernel`,
    bias: `critic/hidden ${k + 1}/bias`,
    ...((p.criticDropout ?? 0.5) > 0 ? { dropout: p.criticDropout ?? 0.5 } : {})
  }));
  return [
    {
      name: 'generator',
      input: { size: p.noise + t.condWidth },
      layers: [
        ...gen,
        {
          name: 'output',
          units: t.width,
          activation: 'linear',
          kernel: 'generator/output/kernel',
          bias: 'generator/output/bias',
          inputs: ['input', ...gen.map((l) => l.name)]
        }
      ]
    },
    {
      name: 'critic',
      input: { size: p.pac * (t.width + t.condWidth) },
      layers: [
        ...critic,
        { name: 'score', units: 1, activation: 'linear', kernel: 'critic/score/kernel', bias: 'critic/score/bias' } // prettier-ignore
      ]
    }
  ];
}

/**
 * Constant tensors that apply every span's activation in a handful of ops instead of a slice
 * per span (op count, not arithmetic, dominates small networks on the WASM backend): masks of
 * the α and one-hot columns, a width × spans 0/1 matrix that sums each span, and the placement
 * of the conditional vector's slots in the data row.
 */
export interface SpanOps {
  alpha: tf.Tensor2D;
  onehot: tf.Tensor2D;
  sum: tf.Tensor2D;
  sumT: tf.Tensor2D;
  place: tf.Tensor2D;
}

export function spanOps(t: Transformer): SpanOps {
  const w = t.width;
  const alpha = new Float32Array(w);
  for (const s of t.spans) if (s.type === 'alpha') alpha[s.start] = 1;
  const place = new Float32Array(t.condWidth * w);
  for (const d of t.discrete) for (let k = 0; k < d.size; k++) place[(d.condStart + k) * w + d.start + k] = 1; // prettier-ignore
  const S = spanMatrix(
    w,
    t.spans.flatMap((s) => (s.type === 'softmax' ? [s] : []))
  );
  return {
    alpha: tf.tensor2d(alpha, [1, w]),
    onehot: tf.tensor2d(
      alpha.map((a) => 1 - a),
      [1, w]
    ),
    sum: S,
    sumT: tf.transpose(S),
    place: tf.tensor2d(place, [t.condWidth, w])
  };
}

/** tanh for α, a Gumbel-softmax (temperature τ) over each one-hot span. */
function activate(logits: tf.Tensor2D, ops: SpanOps, g: tf.Tensor2D, tau: number): tf.Tensor2D {
  const soft = spanSoftmax(tf.div(tf.add(logits, g), tau), ops.sum, ops.sumT, ops.alpha);
  return tf.add(tf.mul(ops.alpha, tf.tanh(logits)), tf.mul(ops.onehot, soft));
}

/**
 * The moment loss (after table-GAN's "information loss", Park et al., VLDB 2018, which matches
 * the mean and spread of the critic's features; here of the rows themselves). Each row becomes
 * a vector of its one-hot levels and, for each number, its position in its CDF (linear in the
 * row), standardised by the real batch's means and spreads. The generator pays the squared
 * difference of the fake batch's means, and of its second moments between features of
 * different columns, from the real batch's (rows drawn for the same conditions). A generated
 * row enters as its expected value, each span's softmax without Gumbel noise — the mean of
 * what sampling gives, whose gradient does not vanish as the Gumbel-softmax saturates; within
 * a column its second moments differ from sampled rows', so those pairs are left out. Without
 * it the critic alone left the numbers almost independent of each other (tenure ×
 * TotalCharges ρ 0.82 real, under 0.3 generated).
 */
export interface MomentOps {
  project: tf.Tensor2D;
  offset: tf.Tensor2D;
  /** 1 for pairs of features from different columns (0 within a column). */
  across: tf.Tensor2D;
}

export function momentOps(t: Transformer): MomentOps | null {
  const cols: { w: Map<number, number>; b: number; column: number }[] = [];
  t.columns.forEach((c, column) => {
    const one = (i: number) => cols.push({ w: new Map([[i, 1]]), b: 0, column });
    if (c.plan.kind === 'discrete') {
      for (let k = 0; k < c.width; k++) one(c.start + k);
      return;
    }
    if (c.knots && c.bins) {
      // The CDF position: (bin + (α + 1) / 2) / bins.
      const nb = c.bins;
      const w = new Map<number, number>([[c.start, 1 / (2 * nb)]]);
      for (let k = 0; k < nb; k++) w.set(c.start + 1 + k, k / nb);
      cols.push({ w, b: 1 / (2 * nb), column });
    } else if (c.knots) one(c.start); // the normal score
    const blank = blankAt(c);
    if (blank >= 0) one(blank + 1);
  });
  if (cols.length < 2) return null;
  const m = cols.length;
  const P = new Float32Array(t.width * m);
  cols.forEach((c, j) => c.w.forEach((v, i) => (P[i * m + j] = v)));
  const across = new Float32Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) across[a * m + b] = cols[a].column === cols[b].column ? 0 : 1; // prettier-ignore
  return {
    project: tf.tensor2d(P, [t.width, m]),
    offset: tf.tensor2d(
      Float32Array.from(cols, (c) => c.b),
      [1, m]
    ),
    across: tf.tensor2d(across, [m, m])
  };
}

function momentLoss(
  real: tf.Tensor2D,
  logits: tf.Tensor2D,
  ops: MomentOps,
  span: SpanOps
): tf.Scalar {
  const expected = tf.add(tf.mul(span.alpha, tf.tanh(logits)), tf.mul(span.onehot, spanSoftmax(logits, span.sum, span.sumT, span.alpha))) as tf.Tensor2D; // prettier-ignore
  const vr = tf.add(matMul(real, ops.project), ops.offset);
  const vf = tf.add(matMul(expected, ops.project), ops.offset);
  const { mean, variance } = tf.moments(vr, 0, true);
  const sd = tf.sqrt(tf.add(variance, 1e-2));
  const zr = tf.div(tf.sub(vr, mean), sd) as tf.Tensor2D;
  const zf = tf.div(tf.sub(vf, mean), sd) as tf.Tensor2D;
  const B = real.shape[0];
  const second = (z: tf.Tensor2D) => tf.div(matMul(tf.transpose(z) as tf.Tensor2D, z), B);
  return tf.add(
    tf.mean(tf.square(tf.mean(zf, 0))),
    tf.mean(tf.mul(tf.square(tf.sub(second(zf), second(zr))), ops.across))
  ) as tf.Scalar;
}

/** Cross-entropy of each row's conditioned span against the level asked for (mean). */
const condLoss = (logits: tf.Tensor2D, cond: tf.Tensor2D, ops: SpanOps): tf.Scalar =>
  tf.mean(spanCrossEntropy(logits, matMul(cond, ops.place), ops.sum)) as tf.Scalar;

/**
 * Each number's generated CDF positions (bin + position inside it) replaced, in place, by
 * evenly spaced ones in the same order: a generated column then has the training rows'
 * quantiles exactly (as the copula's margins are), and the generator decides only which row
 * gets which — the dependence between columns, where a GAN can beat the copula. Rows that
 * came out blank keep no value and are left out of the ranking.
 */
export function rankMargins(t: Transformer, out: Float32Array, n: number): void {
  const w = t.width;
  for (const c of t.columns) {
    if (!c.knots) continue;
    const nb = c.bins ?? 0;
    const blank = blankAt(c);
    const rows: number[] = [];
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = i * w + c.start;
      if (blank >= 0 && argmax(out, i * w + blank, 2) === 1) continue;
      const a = Math.max(-1, Math.min(1, out[r]));
      u[i] = nb ? (argmax(out, r + 1, nb) + (a + 1) / 2) / nb : out[r];
      rows.push(i);
    }
    rows.sort((a, b) => u[a] - u[b]);
    rows.forEach((i, rank) => {
      const r = i * w + c.start;
      const q = (rank + 0.5) / rows.length;
      if (!nb) return void (out[r] = quantileScore(q));
      const k = Math.min(nb - 1, Math.floor(q * nb));
      out[r] = 2 * (q * nb - k) - 1;
      for (let j = 0; j < nb; j++) out[r + 1 + j] = j === k ? 1 : 0;
    });
  }
}

export class Ctgan {
  history: TrainingHistory = { curves: {}, snapshots: [] };

  private constructor(
    readonly t: Transformer,
    readonly params: CtganParams,
    readonly generator: DenseNet,
    readonly critic: DenseNet
  ) {}

  static create(t: Transformer, params: Partial<CtganParams> = {}): Ctgan {
    const p = { ...CTGAN_DEFAULTS, ...params };
    const rand = seededRandom(p.seed);
    const [g, c] = ctganSpecs(t, p);
    const gen = DenseNet.create(g, rand);
    if (p.outputInit !== 1) gen.scale(g.layers.at(-1)!.kernel, p.outputInit);
    return new Ctgan(t, p, gen, DenseNet.create(c, rand));
  }

  static fromWeights(t: Transformer, p: CtganParams, specs: NetworkSpec[], w: SavedWeights): Ctgan {
    return new Ctgan(t, p, DenseNet.fromWeights(specs[0], w), DenseNet.fromWeights(specs[1], w));
  }

  /** The label column's index among the discrete columns, or -1. */
  get labelDiscrete(): number {
    const { label } = this.params;
    return label === null ? -1 : this.t.discrete.findIndex((d) => this.t.columns[d.column].plan.name === label); // prettier-ignore
  }

  /** The training-by-sampling conditions for `data` (the transformed training rows). */
  sampler(data: Float32Array, n: number): CondSampler {
    const j = this.labelDiscrete;
    return new CondSampler(this.t, data, n, j >= 0 ? { discrete: j, share: this.params.labelShare, always: this.params.labelAlways } : null); // prettier-ignore
  }

  get specs(): NetworkSpec[] {
    return [this.generator.spec, this.critic.spec];
  }

  private fake(
    noise: tf.Tensor2D,
    cond: tf.Tensor2D,
    g: tf.Tensor2D,
    ops: SpanOps,
    rand: () => number
  ) {
    // prettier-ignore
    const logits = this.generator.apply(tf.concat([noise, cond], 1), { training: true, rand });
    const scale = this.params.gumbelScale ?? 1;
    return { logits, act: activate(logits, ops, scale === 1 ? g : tf.mul(g, scale), this.params.tau) }; // prettier-ignore
  }

  private score(x: tf.Tensor2D, rand: () => number): tf.Tensor2D {
    const p = this.params.pac;
    return this.critic.apply(tf.reshape(x, [-1, p * x.shape[1]]) as tf.Tensor2D, { training: true, rand }); // prettier-ignore
  }

  /**
   * The auxiliary classifier (Zhao et al., "CTAB-GAN", ACML 2021): predicts the label column
   * from the rest of a row; it learns on real rows, and the generator pays its cross-entropy
   * on generated rows, so generated features must go with the generated label.
   */
  private auxiliary(j: number) {
    const t = this.t;
    const d = t.discrete[j];
    const keep = new Float32Array(t.width).fill(1);
    const pick = new Float32Array(t.width * d.size);
    for (let k = 0; k < d.size; k++) {
      keep[d.start + k] = 0;
      pick[(d.start + k) * d.size + k] = 1;
    }
    const spec: NetworkSpec = {
      name: 'classifier',
      input: { size: t.width },
      layers: [
        ...this.params.classifier.map((units, k) => ({ name: `hidden ${k + 1}`, units, activation: 'relu' as const, kernel: `classifier/hidden ${k + 1}/kernel`, bias: `classifier/hidden ${k + 1}/bias` })), // prettier-ignore
        { name: 'label', units: d.size, activation: 'linear', kernel: 'classifier/label/kernel', bias: 'classifier/label/bias' } // prettier-ignore
      ]
    };
    const net = DenseNet.create(spec, seededRandom(this.params.seed + 2));
    const keepT = tf.tensor2d(keep, [1, t.width]);
    const pickT = tf.tensor2d(pick, [t.width, d.size]);
    /** Mean cross-entropy of the classifier on rows `x` against their own label span. */
    const loss = (x: tf.Tensor2D): tf.Scalar => {
      const logits = net.apply(tf.mul(x, keepT) as tf.Tensor2D);
      const target = matMul(x, pickT);
      return tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(target, logits), 1))) as tf.Scalar; // prettier-ignore
    };
    return {
      net,
      loss,
      dispose: () => [net, keepT, pickT].forEach((x) => x.dispose())
    };
  }

  async fit(
    data: Float32Array,
    n: number,
    sampler: CondSampler,
    opts: { signal?: AbortSignal; onEpoch?: (e: GanEpoch) => void } = {}
  ): Promise<void> {
    const p = this.params;
    const w = this.t.width;
    const cw = this.t.condWidth;
    const B = Math.max(p.pac, Math.min(p.batchSize, Math.floor(n / p.pac) * p.pac));
    const perEpoch = Math.max(1, Math.round(n / B));
    const epochs = p.epochs ?? Math.max(30, Math.min(300, Math.round(p.steps / perEpoch)));
    const rand = seededRandom(p.seed + 1);
    const dScale = p.criticLrScale ?? 1;
    const optD = tf.train.adam(p.learningRate * dScale, 0.5, 0.9);
    const optG = tf.train.adam(p.learningRate, 0.5, 0.9);
    const rec = new HistoryRecorder(p.histogramEvery);
    const kernels = () => [...this.generator.kernels(), ...this.critic.kernels()];
    rec.snapshot(0, kernels());
    const real = new Float32Array(B * w);
    const ops = spanOps(this.t);
    const lj = this.labelDiscrete;
    const aux = p.classifierWeight > 0 && lj >= 0 ? this.auxiliary(lj) : null;
    const optC = tf.train.adam(1e-3, 0.5, 0.9);
    const moments = p.momentWeight > 0 ? momentOps(this.t) : null;
    const real2 = moments ? new Float32Array(B * w) : real;
    const gVars = this.generator.trainable;
    // The average starts at zero and is divided by 1 − decayᵗ at the end (as Adam corrects its
    // moments), so the initial weights carry no weight however short the training.
    const avg = p.ema > 0 ? tf.tidy(() => gVars.map((v) => tf.variable(tf.zerosLike(v), false))) : []; // prettier-ignore
    let averaged = 0;
    try {
      for (let epoch = 0; epoch < epochs; epoch++) {
        let sumD = 0;
        let sumG = 0;
        for (let s = 0; s < perEpoch; s++) {
          if (p.lrDecay !== 1) {
            const lr = p.learningRate * (1 - (1 - p.lrDecay) * ((epoch * perEpoch + s) / (epochs * perEpoch))); // prettier-ignore
            // tfjs's Adam reads its learning rate at every step.
            (optD as unknown as { learningRate: number }).learningRate = lr * dScale;
            (optG as unknown as { learningRate: number }).learningRate = lr;
          }
          let dLoss!: tf.Scalar;
          for (let ds = 0; ds < p.criticSteps; ds++) {
            checkAborted(opts.signal);
            if (ds > 0) dLoss.dispose();
            const c = sampler.sampleTrain(B, rand);
            for (let b = 0; b < B; b++) real.set(data.subarray(c.rows[b] * w, (c.rows[b] + 1) * w), b * w); // prettier-ignore
            dLoss = tf.tidy(() => {
              const cond = tf.tensor2d(c.cond, [B, cw]);
              const { act } = this.fake(tf.tensor2d(normals(B * p.noise, rand), [B, p.noise]), cond, tf.tensor2d(gumbels(B * w, rand), [B, w]), ops, rand); // prettier-ignore
              const fakeCat = tf.concat([act, cond], 1);
              const realCat = tf.concat([tf.tensor2d(real, [B, w]), cond], 1);
              return optD.minimize(
                () => {
                  const wd = tf.sub(
                    tf.mean(this.score(fakeCat, rand)),
                    tf.mean(this.score(realCat, rand))
                  );
                  return tf.add(wd, tf.mul(p.gradientPenalty, this.penalty(realCat, fakeCat, rand))) as tf.Scalar; // prettier-ignore
                },
                true,
                this.critic.trainable
              )!;
            });
            if (aux)
              tf.tidy(() => {
                const x = tf.tensor2d(real, [B, w]);
                optC.minimize(() => aux.loss(x), false, aux.net.trainable);
              });
          }
          const c2 = sampler.sampleTrain(B, rand);
          if (moments) for (let b = 0; b < B; b++) real2.set(data.subarray(c2.rows[b] * w, (c2.rows[b] + 1) * w), b * w); // prettier-ignore
          const gLoss = tf.tidy(() =>
            optG.minimize(
              () => {
                const cond = tf.tensor2d(c2.cond, [B, cw]);
                const { logits, act } = this.fake(tf.tensor2d(normals(B * p.noise, rand), [B, p.noise]), cond, tf.tensor2d(gumbels(B * w, rand), [B, w]), ops, rand); // prettier-ignore
                const adv = tf.neg(tf.mean(this.score(tf.concat([act, cond], 1), rand)));
                let loss = tf.add(adv, condLoss(logits, cond, ops)) as tf.Scalar;
                if (moments) loss = tf.add(loss, tf.mul(p.momentWeight, momentLoss(tf.tensor2d(real2, [B, w]), logits, moments, ops))) as tf.Scalar; // prettier-ignore
                return aux ? (tf.add(loss, tf.mul(p.classifierWeight, aux.loss(act))) as tf.Scalar) : loss; // prettier-ignore
              },
              true,
              this.generator.trainable
            )!
          );
          if (avg.length) {
            tf.tidy(() => avg.forEach((a, i) => a.assign(tf.add(tf.mul(p.ema, a), tf.mul(1 - p.ema, gVars[i])))) ); // prettier-ignore
            averaged++;
          }
          sumD += (await dLoss.data())[0];
          sumG += (await gLoss.data())[0];
          dLoss.dispose();
          gLoss.dispose();
        }
        const e = { epoch, epochs, critic: sumD / perEpoch, generator: sumG / perEpoch };
        rec.curve('critic', e.critic);
        rec.curve('generator', e.generator);
        if (rec.wants(epoch + 1) || epoch + 1 === epochs) rec.snapshot(epoch + 1, kernels());
        opts.onEpoch?.(e);
        await yieldToLoop();
      }
      if (averaged) tf.tidy(() => avg.forEach((a, i) => gVars[i].assign(tf.div(a, 1 - p.ema ** averaged)))); // prettier-ignore
      if (p.calibrate > 0) this.calibrateMarginals(p.calibrate);
      this.history = rec.history;
    } finally {
      avg.forEach((a) => a.dispose());
      if (moments) Object.values(moments).forEach((o) => o.dispose());
      Object.values(ops).forEach((o) => o.dispose());
      aux?.dispose();
      optC.dispose();
      optD.dispose();
      optG.dispose();
    }
  }

  /** Gradient penalty on random interpolations between real and fake packs. */
  private penalty(real: tf.Tensor2D, fake: tf.Tensor2D, rand: () => number): tf.Scalar {
    const p = this.params.pac;
    const [B, d] = real.shape;
    const packs = B / p;
    const eps = tf.tensor3d(
      Float32Array.from({ length: packs }, () => rand()),
      [packs, 1, 1]
    );
    const r3 = tf.reshape(real, [packs, p, d]);
    const f3 = tf.reshape(fake, [packs, p, d]);
    const mix = tf.reshape(tf.add(tf.mul(eps, r3), tf.mul(tf.sub(1, eps), f3)), [B, d]) as tf.Tensor2D; // prettier-ignore
    const grad = tf.grad((x: tf.Tensor) => tf.sum(this.score(x as tf.Tensor2D, rand)))(mix);
    const norm = tf.sqrt(tf.add(tf.sum(tf.square(tf.reshape(grad, [packs, p * d])), 1), 1e-12));
    return tf.mean(tf.square(tf.sub(norm, 1))) as tf.Scalar;
  }

  /**
   * n generated rows in the transformer's layout: α through tanh, each one-hot span as
   * logits plus Gumbel noise (its argmax is a draw from the span's softmax). Conditions at the
   * real frequencies, or one discrete column fixed to a level.
   */
  sample(
    n: number,
    seed: number,
    fixed?: { discrete: number; level: number },
    ranked = true
  ): Float32Array {
    const p = this.params;
    const w = this.t.width;
    const cw = this.t.condWidth;
    const rand = seededRandom(seed);
    const out = new Float32Array(n * w);
    const byLabel = p.generateByLabel && this.labelDiscrete >= 0 ? this.labelDiscrete : undefined;
    for (let s = 0; s < n; s += 1000) {
      const m = Math.min(1000, n - s);
      const cond = originalConditions(this.t, m, rand, fixed, byLabel);
      const logits = tf.tidy(
        () =>
        this.generator.apply(tf.concat([tf.tensor2d(normals(m * p.noise, rand), [m, p.noise]), tf.tensor2d(cond, [m, cw])], 1)).dataSync() as Float32Array // prettier-ignore
      );
      const g = gumbels(m * w, rand);
      const scale = p.gumbelScale ?? 1;
      if (scale !== 1) for (let i = 0; i < g.length; i++) g[i] *= scale;
      if (p.forceCondition)
        for (const d of this.t.discrete)
          for (let i = 0; i < m; i++)
            for (let k = 0; k < d.size; k++) if (cond[i * cw + d.condStart + k] === 1) g[i * w + d.start + k] += 1e6; // prettier-ignore
      for (const sp of this.t.spans)
        for (let i = 0; i < m; i++) {
          if (sp.type === 'alpha') logits[i * w + sp.start] = Math.tanh(logits[i * w + sp.start]);
          else for (let k = 0; k < sp.size; k++) logits[i * w + sp.start + k] += g[i * w + sp.start + k]; // prettier-ignore
        }
      out.set(logits, s * w);
    }
    if (ranked && p.rankMargins && !fixed) rankMargins(this.t, out, n);
    return out;
  }

  /**
   * Marginal calibration: each one-hot span's levels (categories, a number's bins, blank or
   * not) are drawn from the generator at rates that drift from the training rows' shares. A
   * few rounds generate rows with fixed noise, count each level and add log(share ÷ rate) to
   * the output layer's bias for it, so generated levels come at the training shares while
   * the network still decides which rows get them (the copula gets its margins exactly by
   * construction; this gives the GAN the same). The shares are the transformer's, from the
   * synthesiser's training rows only.
   */
  calibrateMarginals(rounds: number, m = 5000): void {
    const t = this.t;
    const target = new Float64Array(t.width).fill(NaN);
    for (const c of t.columns) {
      if (c.plan.kind === 'discrete') c.plan.shares.forEach((s, k) => (target[c.start + k] = s));
      else if (c.knots && c.bins) for (let k = 0; k < c.bins; k++) target[c.start + 1 + k] = 1 / c.bins; // prettier-ignore
      const blank = blankAt(c);
      if (blank >= 0 && c.plan.kind === 'continuous') {
        target[blank] = 1 - c.plan.missingShare;
        target[blank + 1] = c.plan.missingShare;
      }
    }
    const spans = t.spans.filter((s): s is Extract<typeof s, { type: 'softmax' }> => s.type === 'softmax' && !Number.isNaN(target[s.start])); // prettier-ignore
    for (let r = 0; r < rounds; r++) {
      // The generator's own draws: ranked numbers would count evenly spread bins.
      const out = this.sample(m, this.params.seed + 7, undefined, false);
      const count = new Float64Array(t.width);
      for (const sp of spans)
        for (let i = 0; i < m; i++) count[sp.start + argmax(out, i * t.width + sp.start, sp.size)]++; // prettier-ignore
      const delta = new Float32Array(t.width);
      for (const sp of spans)
        for (let k = 0; k < sp.size; k++) {
          const j = sp.start + k;
          delta[j] = Math.log((target[j] + 1 / m) / (count[j] / m + 1 / m));
        }
      this.generator.shift(this.generator.spec.layers.at(-1)!.bias, delta);
    }
  }

  named(): { name: string; shape: number[]; values: Float32Array }[] {
    return [...this.generator.named(), ...this.critic.named()];
  }

  dispose(): void {
    this.generator.dispose();
    this.critic.dispose();
  }
}

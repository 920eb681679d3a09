// A variational autoencoder for the customer table (Kingma & Welling, "Auto-Encoding
// Variational Bayes", ICLR 2014): encoder d → 64 → 32 → (mean, log-variance) of a 2-D latent,
// decoder 2 → 32 → 64 → d, with the per-column likelihoods of likelihood.ts. Trained on the
// ELBO with Adam, the KL term warmed up over the first epochs (Bowman et al. 2016) so the latent
// is used, early stopping on held-out training rows (best weights kept). The 2-D latent means
// are the customer map; the reconstruction probability (An & Cho 2015) is the anomaly score.
import { tf } from '../../tf/backend';
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import { checkAborted } from '../family';
import { DenseNet } from '../networks/dense';
import { HistoryRecorder, type TrainingHistory } from '../networks/histogram';
import { normals } from '../networks/random';
import type { NetworkSpec, SavedWeights } from '../networks/spec';
import { groupNll, nllTensor, type Likelihood } from './likelihood';

export interface VaeParams {
  latent: number;
  hidden: number[];
  maxEpochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without a better held-out ELBO (after the warm-up) before stopping. */
  patience: number;
  /** Epochs over which the KL weight rises from 0 to 1. */
  warmup: number;
  validationShare: number;
  seed: number;
  /** Weight histograms every this many epochs. */
  histogramEvery: number;
}

export const VAE_DEFAULTS: VaeParams = {
  latent: 2,
  hidden: [64, 32],
  maxEpochs: 80,
  batchSize: 256,
  learningRate: 2e-3,
  patience: 8,
  warmup: 10,
  validationShare: 0.1,
  seed: 42,
  histogramEvery: 5
};

export interface VaeEpoch {
  epoch: number;
  loss: number;
  valLoss: number;
  recon: number;
  kl: number;
}

const LOG_SD = 'decoder/log-sd';

export function vaeSpecs(width: number, p: VaeParams, names?: string[]): NetworkSpec[] {
  const layer = (net: string, name: string, units: number, activation: 'relu' | 'linear') => ({
    name,
    units,
    activation,
    kernel: `${net}/${name}/kernel`,
    bias: `${net}/${name}/bias`
  });
  const enc = p.hidden.map((u, k) => layer('encoder', `hidden ${k + 1}`, u, 'relu'));
  const dec = [...p.hidden].reverse().map((u, k) => layer('decoder', `hidden ${k + 1}`, u, 'relu'));
  return [
    {
      name: 'encoder',
      input: { size: width, ...(names ? { names } : {}) },
      layers: [...enc, layer('encoder', 'mean and log-variance', 2 * p.latent, 'linear')]
    },
    {
      name: 'decoder',
      input: { size: p.latent },
      layers: [...dec, layer('decoder', 'reconstruction', width, 'linear')]
    }
  ];
}

export interface RowScores {
  /** Latent means, n × latent. */
  mu: Float32Array;
  /** Negative log-likelihood per row and input column, n × groups (mean over samples). */
  groups: Float64Array;
  /** Anomaly score per row: reconstruction NLL + latent density term 0.5‖μ‖². */
  score: Float64Array;
}

export class TabularVae {
  history: TrainingHistory = { curves: {}, snapshots: [] };

  private constructor(
    readonly lik: Likelihood,
    readonly params: VaeParams,
    readonly encoder: DenseNet,
    readonly decoder: DenseNet,
    private readonly logSd: tf.Variable
  ) {}

  static create(lik: Likelihood, params: Partial<VaeParams> = {}, names?: string[]): TabularVae {
    const p = { ...VAE_DEFAULTS, ...params };
    const rand = seededRandom(p.seed);
    const [e, d] = vaeSpecs(lik.width, p, names);
    const logSd = tf.variable(tf.zeros([lik.gaussian.length]), true);
    return new TabularVae(lik, p, DenseNet.create(e, rand), DenseNet.create(d, rand), logSd);
  }

  static fromWeights(
    lik: Likelihood,
    params: VaeParams,
    specs: NetworkSpec[],
    w: SavedWeights
  ): TabularVae {
    const ls = w.get(LOG_SD);
    const logSd = tf.variable(tf.tensor1d(Float32Array.from(ls?.values ?? [])), true);
    return new TabularVae(
      lik,
      params,
      DenseNet.fromWeights(specs[0], w),
      DenseNet.fromWeights(specs[1], w),
      logSd
    );
  }

  /** The loss terms of a batch: mean reconstruction NLL and mean KL divergence. */
  private terms(x: tf.Tensor2D, eps: tf.Tensor2D): { nll: tf.Scalar; kl: tf.Scalar } {
    const L = this.params.latent;
    const h = this.encoder.apply(x);
    const n = x.shape[0];
    const mu = tf.slice(h, [0, 0], [n, L]);
    const lv = tf.clipByValue(tf.slice(h, [0, L], [n, L]), -10, 10);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, lv)), eps)) as tf.Tensor2D;
    const out = this.decoder.apply(z);
    const logSd = tf.clipByValue(this.logSd, -4, 3) as tf.Tensor1D;
    const nll = tf.mean(nllTensor(this.lik, x, out, logSd)) as tf.Scalar;
    const kl = tf.mean(
      tf.sum(tf.mul(-0.5, tf.sub(tf.add(1, lv), tf.add(tf.square(mu), tf.exp(lv)))), 1)
    ) as tf.Scalar;
    return { nll, kl };
  }

  async fit(
    X: Float32Array,
    n: number,
    opts: { signal?: AbortSignal; onEpoch?: (e: VaeEpoch) => void } = {}
  ): Promise<void> {
    const p = this.params;
    const d = this.lik.width;
    const rand = seededRandom(p.seed + 1);
    const order = shuffleInPlace(
      Array.from({ length: n }, (_, i) => i),
      rand
    );
    const nVal = n >= 50 ? Math.round(n * p.validationShare) : 0;
    const val = order.slice(0, nVal);
    const train = order.slice(nVal);
    const xAll = tf.tensor2d(X, [n, d]);
    const xVal = nVal ? tf.gather(xAll, tf.tensor1d(Int32Array.from(val), 'int32')) : null;
    const epsVal = nVal ? tf.tensor2d(normals(nVal * p.latent, seededRandom(p.seed + 2)), [nVal, p.latent]) : null; // prettier-ignore
    const opt = tf.train.adam(p.learningRate);
    const vars = [...this.encoder.trainable, ...this.decoder.trainable, this.logSd];
    const rec = new HistoryRecorder(p.histogramEvery);
    rec.snapshot(0, [...this.encoder.kernels(), ...this.decoder.kernels()]);
    let best = Infinity;
    let bestWeights: Map<string, tf.Tensor>[] | null = null;
    let wait = 0;
    try {
      for (let epoch = 0; epoch < p.maxEpochs; epoch++) {
        checkAborted(opts.signal);
        shuffleInPlace(train, rand);
        const beta = p.warmup > 0 ? Math.min(1, (epoch + 1) / p.warmup) : 1;
        let sums = tf.zeros([3]);
        let batches = 0;
        for (let b = 0; b < train.length; b += p.batchSize) {
          const rows = train.slice(b, b + p.batchSize);
          const eps = normals(rows.length * p.latent, rand);
          const next = tf.tidy(() => {
            const xb = tf.gather(xAll, tf.tensor1d(Int32Array.from(rows), 'int32'));
            const e = tf.tensor2d(eps, [rows.length, p.latent]);
            const box: { parts?: tf.Tensor } = {};
            opt.minimize(
              () => {
                const { nll, kl } = this.terms(xb, e);
                box.parts = tf.keep(tf.stack([tf.add(nll, kl), nll, kl]));
                return tf.add(nll, tf.mul(beta, kl)) as tf.Scalar;
              },
              false,
              vars
            );
            const out = tf.add(sums, box.parts!);
            box.parts!.dispose();
            return out;
          });
          sums.dispose();
          sums = next;
          batches++;
        }
        const [loss, recon, kl] = Array.from(await sums.data()).map((v) => v / batches);
        sums.dispose();
        const valLoss = xVal
          ? tf
              .tidy(() => {
                const t = this.terms(xVal as tf.Tensor2D, epsVal as tf.Tensor2D);
                return tf.add(t.nll, t.kl);
              })
              .dataSync()[0]
          : loss;
        rec.curve('loss', loss);
        rec.curve('valLoss', valLoss);
        rec.curve('reconstruction', recon);
        rec.curve('kl', kl);
        if (rec.wants(epoch + 1)) rec.snapshot(epoch + 1, [...this.encoder.kernels(), ...this.decoder.kernels()]); // prettier-ignore
        opts.onEpoch?.({ epoch, loss, valLoss, recon, kl });
        if (epoch + 1 < p.warmup) continue;
        if (valLoss < best - 1e-4) {
          best = valLoss;
          wait = 0;
          bestWeights?.forEach((m) => m.forEach((t) => t.dispose()));
          bestWeights = [this.encoder.snapshot(), this.decoder.snapshot(), new Map([[LOG_SD, this.logSd.clone()]])]; // prettier-ignore
        } else if (++wait >= p.patience) break;
      }
      if (bestWeights) {
        this.encoder.restore(bestWeights[0]);
        this.decoder.restore(bestWeights[1]);
        this.logSd.assign(bestWeights[2].get(LOG_SD)!);
      }
      const epochs = rec.history.curves.loss?.length ?? 0;
      rec.snapshot(epochs, [...this.encoder.kernels(), ...this.decoder.kernels()]);
      this.history = rec.history;
    } finally {
      bestWeights?.forEach((m) => m.forEach((t) => t.dispose()));
      [xAll, xVal, epsVal].forEach((t) => t?.dispose());
      opt.dispose();
    }
  }

  /**
   * Latent means and anomaly scores of n encoded rows: the negative log-likelihood of each
   * row's columns averaged over `samples` draws from its posterior (An & Cho's reconstruction
   * probability), plus 0.5‖μ‖² (how far the row lies from where the prior puts customers).
   */
  score(X: Float32Array, n: number, samples = 8, seed = 7): RowScores {
    const L = this.params.latent;
    const d = this.lik.width;
    const G = this.lik.groups.length;
    const rand = seededRandom(seed);
    const mu = new Float32Array(n * L);
    const groups = new Float64Array(n * G);
    const score = new Float64Array(n);
    const logSd = Array.from(this.logSd.dataSync()).map((v) => Math.min(3, Math.max(-4, v)));
    const tmp = new Float64Array(G);
    const CHUNK = 4096;
    for (let s = 0; s < n; s += CHUNK) {
      const m = Math.min(CHUNK, n - s);
      const xs = X.subarray(s * d, (s + m) * d);
      // The draws in one decoder pass (samples × m rows); typed arrays are read outside
      // tf.tidy, which would otherwise walk every element of a returned array.
      const eps = new Float32Array(samples * m * L);
      for (let k = 0; k < samples; k++) eps.set(normals(m * L, rand), k * m * L);
      const [mcT, outT] = tf.tidy(() => {
        const h = this.encoder.apply(tf.tensor2d(xs, [m, d]));
        const mc = tf.slice(h, [0, 0], [m, L]);
        const sd = tf.exp(tf.mul(0.5, tf.clipByValue(tf.slice(h, [0, L], [m, L]), -10, 10)));
        const e = tf.tensor3d(eps, [samples, m, L]);
        const z = tf.reshape(tf.add(mc, tf.mul(sd, e)), [samples * m, L]) as tf.Tensor2D;
        return [mc, this.decoder.apply(z)];
      });
      const muC = mcT.dataSync() as Float32Array;
      const all = outT.dataSync() as Float32Array;
      mcT.dispose();
      outT.dispose();
      const outs = Array.from({ length: samples }, (_, k) => all.subarray(k * m * d, (k + 1) * m * d)); // prettier-ignore
      mu.set(muC, s * L);
      for (let i = 0; i < m; i++) {
        const row = s + i;
        const x = xs.subarray(i * d, (i + 1) * d);
        for (const out of outs) {
          groupNll(this.lik, x, out.subarray(i * d, (i + 1) * d), logSd, tmp);
          for (let g = 0; g < G; g++) groups[row * G + g] += tmp[g] / samples;
        }
        let t = 0;
        for (let g = 0; g < G; g++) t += groups[row * G + g];
        let r2 = 0;
        for (let k = 0; k < L; k++) r2 += muC[i * L + k] ** 2;
        score[row] = t + 0.5 * r2;
      }
    }
    return { mu, groups, score };
  }

  /** Every weight by name (both networks and the decoder's log-sd per numeric column). */
  named(): { name: string; shape: number[]; values: Float32Array }[] {
    const ls = this.logSd.dataSync() as Float32Array;
    return [
      ...this.encoder.named(),
      ...this.decoder.named(),
      { name: LOG_SD, shape: [ls.length], values: ls }
    ];
  }

  get specs(): NetworkSpec[] {
    return [this.encoder.spec, this.decoder.spec];
  }

  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
    this.logSd.dispose();
  }
}

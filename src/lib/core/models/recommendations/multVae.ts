// Mult-VAE (Liang, Krishnan, Hoffman & Jebara, "Variational Autoencoders for Collaborative
// Filtering", WWW 2018) in tfjs: a user's history x (L2-normalised, dropout on the input) is
// encoded to q(z|x) = N(μ, σ²) through one tanh layer, decoded through one tanh layer to a
// softmax over the items, and trained on the multinomial log-likelihood Σ x log π(z) minus
// β·KL(q ‖ N(0, I)), β annealed linearly from 0 to its cap over the first 80% of the steps
// (the paper's KL annealing). Scores are the decoder's logits at z = μ, from a recency-weighted
// history (see `decay`). Works on the pruned items (gram.ts), which bounds each step's cost by
// users × items × hidden.
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import { tf } from '../../tf/backend';
import { checkAborted, yieldToLoop, type TrainContext } from '../family';
import { pruneItems, type PruneOptions } from './gram';
import type { UserItems } from './interactions';
import { historyBuffer, subsetOf, type ItemSubset, type Recommender } from './recommender';

export interface VaeParams {
  hidden: number;
  latent: number;
  /** KL weight cap (the paper's β, found best at 0.2). */
  beta: number;
  epochs: number;
  dropout: number;
  learningRate: number;
  batchSize: number;
  /**
   * Recency decay of the history fed to the encoder when scoring (1 = the paper's binary input).
   * Training always sees binary histories; weighting recent purchases more at scoring time moves
   * the user's code towards their current taste (time-weighted profiles, Ding & Li, CIKM 2005).
   */
  decay: number;
  seed: number;
}

export const VAE_DEFAULTS: VaeParams = {
  hidden: 256,
  latent: 64,
  beta: 0.2,
  epochs: 60,
  dropout: 0.5,
  learningRate: 1e-3,
  batchSize: 64,
  decay: 1,
  seed: 42
};

const NAMES = ['encW', 'encB', 'muW', 'muB', 'lvW', 'lvB', 'decW', 'decB', 'outW', 'outB'];

export class MultVaeModel implements Recommender {
  readonly kind = 'mult-vae';
  constructor(
    readonly sub: ItemSubset,
    readonly vars: tf.Variable[],
    readonly params: VaeParams & Record<string, number>
  ) {}

  private get v() {
    const [encW, encB, muW, muB, lvW, lvB, decW, decB, outW, outB] = this.vars;
    return { encW, encB, muW, muB, lvW, lvB, decW, decB, outW, outB };
  }

  /** Encoder: (μ, log σ²) of a batch of normalised inputs. */
  encode(x: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
    const v = this.v;
    const h = tf.tanh(tf.add(tf.matMul(x, v.encW), v.encB));
    return [tf.add(tf.matMul(h, v.muW), v.muB), tf.add(tf.matMul(h, v.lvW), v.lvB)];
  }

  decode(z: tf.Tensor2D): tf.Tensor2D {
    const v = this.v;
    const h = tf.tanh(tf.add(tf.matMul(z, v.decW), v.decB));
    return tf.add(tf.matMul(h, v.outW), v.outB);
  }

  score(h: UserItems, users: ArrayLike<number>): Float32Array {
    const n = this.sub.keep.length;
    const nAll = h.nItems;
    const logits = tf.tidy(() => {
      const x = tf.tensor2d(inputBatch(h, users, this.sub, this.params.decay), [users.length, n]);
      return this.decode(this.encode(normalise(x))[0]).dataSync() as Float32Array;
    });
    const out = new Float32Array(users.length * nAll).fill(-Infinity);
    for (let r = 0; r < users.length; r++)
      for (let j = 0; j < n; j++) out[r * nAll + this.sub.keep[j]] = logits[r * n + j];
    return out;
  }

  weights() {
    return [
      { name: 'keep', shape: [this.sub.keep.length], values: this.sub.keep },
      ...this.vars.map((t, k) => ({
        name: NAMES[k],
        shape: t.shape,
        values: t.dataSync() as Float32Array
      }))
    ];
  }

  /** The same network scoring with another recency decay (shares the weights). */
  withDecay(decay: number): MultVaeModel {
    return new MultVaeModel(this.sub, this.vars, { ...this.params, decay });
  }

  dispose(): void {
    this.vars.forEach((t) => t.dispose());
  }

  static restore(
    nItems: number,
    keep: Int32Array,
    arrays: Map<string, { shape: number[]; values: Float32Array }>,
    params: VaeParams
  ): MultVaeModel {
    const vars = NAMES.map((name) => {
      const a = arrays.get(name);
      if (!a) throw new Error(`saved Mult-VAE has no weight "${name}"`);
      return variableOf(() => tf.tensor(a.values, a.shape));
    });
    return new MultVaeModel(subsetOf(keep, nItems), vars, { ...params });
  }
}

/** Users' histories over the kept items as a dense batch (recency-weighted when decay < 1). */
function inputBatch(
  h: UserItems,
  users: ArrayLike<number>,
  sub: ItemSubset,
  decay: number
): Float32Array {
  const n = sub.keep.length;
  const x = new Float32Array(users.length * n);
  const buf = historyBuffer(h.nItems);
  for (let r = 0; r < users.length; r++) {
    const m = buf.load(h, users[r], sub, decay);
    for (let t = 0; t < m; t++) x[r * n + buf.pos[t]] = buf.w[t];
  }
  return x;
}

const normalise = (x: tf.Tensor2D): tf.Tensor2D =>
  tf.div(x, tf.add(tf.norm(x, 'euclidean', 1, true), 1e-8));

/** A variable holding `init()`'s values (the initial tensor is freed: a variable copies it). */
const variableOf = (init: () => tf.Tensor): tf.Variable => tf.tidy(() => tf.variable(init()));

const glorot = (rows: number, cols: number, seed: number): tf.Variable =>
  variableOf(() => tf.initializers.glorotUniform({ seed }).apply([rows, cols]));

export interface VaeEpoch {
  epoch: number;
  loss: number;
  /** The monitor's figure after this epoch (validation NDCG@10), when measured. */
  monitored?: number;
}

export interface VaeFitOptions extends TrainContext {
  /** Measured after each `every` epochs; the best epoch's weights are kept. */
  monitor?: { every: number; measure(m: MultVaeModel): Promise<number> };
  onEpoch?(e: VaeEpoch): void;
}

/** Train a Mult-VAE on `train` (items pruned as `prune` says). */
export async function fitMultVae(
  train: UserItems,
  params: VaeParams,
  prune: PruneOptions,
  o: VaeFitOptions = {}
): Promise<{ model: MultVaeModel; bestEpoch: number; history: VaeEpoch[] }> {
  const sub = pruneItems(train, prune);
  const n = sub.keep.length;
  const p = params;
  const seed = p.seed;
  const vars = [
    glorot(n, p.hidden, seed),
    variableOf(() => tf.zeros([p.hidden])),
    glorot(p.hidden, p.latent, seed + 1),
    variableOf(() => tf.zeros([p.latent])),
    glorot(p.hidden, p.latent, seed + 2),
    variableOf(() => tf.zeros([p.latent])),
    glorot(p.latent, p.hidden, seed + 3),
    variableOf(() => tf.zeros([p.hidden])),
    glorot(p.hidden, n, seed + 4),
    variableOf(() => tf.zeros([n]))
  ];
  const model = new MultVaeModel(sub, vars, { ...p });
  const users: number[] = [];
  for (let u = 0; u < train.nUsers; u++)
    for (let k = train.ptr[u]; k < train.ptr[u + 1]; k++)
      if (sub.pos[train.idx[k]] >= 0) {
        users.push(u);
        break;
      }
  const rand = seededRandom(seed);
  const optimizer = tf.train.adam(p.learningRate);
  const steps = p.epochs * Math.ceil(users.length / p.batchSize);
  const annealSteps = Math.max(1, Math.round(0.8 * steps));
  let step = 0;
  const history: VaeEpoch[] = [];
  let best = -Infinity;
  let bestEpoch = p.epochs;
  let kept: tf.Tensor[] | null = null;
  try {
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      checkAborted(o.signal);
      shuffleInPlace(users, rand);
      let lossSum = 0;
      for (let b = 0; b < users.length; b += p.batchSize) {
        const part = users.slice(b, b + p.batchSize);
        const beta = p.beta * Math.min(1, step / annealSteps);
        const xs = inputBatch(train, part, sub, 1);
        const loss = tf.tidy(() => {
          const x = tf.tensor2d(xs, [part.length, n]);
          return optimizer.minimize(() => {
            const input = tf.dropout(normalise(x), p.dropout, undefined, seed + step);
            const [mu, logVar] = model.encode(input as tf.Tensor2D);
            const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed + 7919 * step);
            const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), eps));
            const logp = tf.logSoftmax(model.decode(z as tf.Tensor2D));
            const nll = tf.neg(tf.mean(tf.sum(tf.mul(logp, x), 1)));
            const kl = tf.mean(
              tf.sum(
                tf.mul(0.5, tf.sub(tf.add(tf.exp(logVar), tf.square(mu)), tf.add(logVar, 1))),
                1
              )
            );
            return tf.add(nll, tf.mul(beta, kl)) as tf.Scalar;
          }, true)!;
        });
        lossSum += (await loss.data())[0] * part.length;
        loss.dispose();
        step++;
      }
      const e: VaeEpoch = { epoch, loss: lossSum / Math.max(1, users.length) };
      const m = o.monitor;
      if (m && ((epoch + 1) % m.every === 0 || epoch === p.epochs - 1)) {
        e.monitored = await m.measure(model);
        if (e.monitored > best) {
          best = e.monitored;
          bestEpoch = epoch + 1;
          kept?.forEach((t) => t.dispose());
          kept = vars.map((t) => t.clone());
        }
      }
      history.push(e);
      o.onEpoch?.(e);
      o.progress?.({ done: epoch + 1, total: p.epochs, phase: 'vae', data: e });
      await yieldToLoop();
    }
    if (kept) vars.forEach((t, k) => t.assign(kept![k]));
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    kept?.forEach((t) => t.dispose());
    optimizer.dispose();
  }
  return { model, bestEpoch, history };
}

// A fastText-style text classifier (Joulin et al. 2017, "Bag of tricks for efficient text
// classification"): a text is the average of its terms' embeddings (words, bigrams, character
// n-grams), followed by a linear softmax layer; trained by SGD with a linearly decaying
// learning rate, updating only the embedding rows a text uses. Written in plain TypeScript:
// tfjs's gather gradient needs UnsortedSegmentSum, which its WASM backend lacks, and a dense
// gradient over the whole embedding table per batch would be ~100x the work of these sparse
// updates. The learned text vectors also serve reply retrieval (similar messages).
import { checkAborted, yieldToLoop } from '../../family';
import { seededRandom, shuffleInPlace } from '../../../evaluate/splits';

export interface BagParams {
  dim?: number;
  epochs?: number;
  learningRate?: number;
  seed?: number;
}

export const BAG_DEFAULTS: Required<BagParams> = {
  dim: 64,
  epochs: 20,
  learningRate: 0.8,
  seed: 42
};

export interface BagEpoch {
  epoch: number;
  epochs: number;
  loss: number;
}

export class EmbeddingBag {
  constructor(
    /** Term embeddings [terms × dim]. */
    readonly emb: Float32Array,
    /** Output weights [classes × dim] and biases [classes]. */
    readonly out: Float32Array,
    readonly bias: Float32Array,
    readonly classes: number,
    readonly dim: number
  ) {}

  static async fit(
    docs: readonly Int32Array[],
    y: ArrayLike<number>,
    classes: number,
    terms: number,
    params: BagParams = {},
    hooks: { signal?: AbortSignal; onEpoch?(e: BagEpoch): void } = {}
  ): Promise<EmbeddingBag> {
    const p = { ...BAG_DEFAULTS, ...params };
    const d = p.dim;
    const rand = seededRandom(p.seed);
    // fastText's initialisation: embeddings uniform in ±1/dim, output weights zero.
    const emb = Float32Array.from({ length: terms * d }, () => (rand() * 2 - 1) / d);
    const model = new EmbeddingBag(emb, new Float32Array(classes * d), new Float32Array(classes), classes, d); // prettier-ignore
    const order = Array.from({ length: docs.length }, (_, i) => i);
    const h = new Float64Array(d);
    const gh = new Float64Array(d);
    const prob = new Float64Array(classes);
    const steps = p.epochs * docs.length;
    let step = 0;
    for (let e = 0; e < p.epochs; e++) {
      shuffleInPlace(order, rand);
      let loss = 0;
      for (let k = 0; k < order.length; k++) {
        const i = order[k];
        const doc = docs[i];
        const lr = p.learningRate * (1 - step++ / steps);
        if (!doc.length) continue;
        model.hidden(doc, h);
        model.softmax(h, prob);
        loss -= Math.log(Math.max(prob[y[i]], 1e-12));
        // Softmax cross-entropy: d logits = prob - onehot; update output, collect d hidden.
        gh.fill(0);
        for (let c = 0; c < classes; c++) {
          const g = prob[c] - (c === y[i] ? 1 : 0);
          if (Math.abs(g) < 1e-6) continue;
          const base = c * d;
          for (let j = 0; j < d; j++) {
            gh[j] += g * model.out[base + j];
            model.out[base + j] -= lr * g * h[j];
          }
          model.bias[c] -= lr * g;
        }
        const scale = lr / doc.length;
        for (const t of doc) {
          const base = t * d;
          for (let j = 0; j < d; j++) emb[base + j] -= scale * gh[j];
        }
        if ((k & 1023) === 1023) {
          checkAborted(hooks.signal);
          await yieldToLoop();
        }
      }
      hooks.onEpoch?.({ epoch: e + 1, epochs: p.epochs, loss: loss / docs.length });
    }
    return model;
  }

  /** Terms with an embedding (the most frequent of the vocabulary). */
  get rows(): number {
    return this.emb.length / this.dim;
  }

  /** The text's vector: the mean of its terms' embeddings. */
  hidden(doc: Int32Array, h: Float64Array = new Float64Array(this.dim)): Float64Array {
    const d = this.dim;
    h.fill(0);
    for (const t of doc) {
      const base = t * d;
      for (let j = 0; j < d; j++) h[j] += this.emb[base + j];
    }
    if (doc.length) for (let j = 0; j < d; j++) h[j] /= doc.length;
    return h;
  }

  /** Logits of a text vector. */
  logits(h: Float64Array, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    const d = this.dim;
    for (let c = 0; c < this.classes; c++) {
      let s = this.bias[c];
      const base = c * d;
      for (let j = 0; j < d; j++) s += this.out[base + j] * h[j];
      out[c] = s;
    }
    return out;
  }

  private softmax(h: Float64Array, prob: Float64Array): void {
    this.logits(h, prob);
    let m = -Infinity;
    for (let c = 0; c < this.classes; c++) if (prob[c] > m) m = prob[c];
    let z = 0;
    for (let c = 0; c < this.classes; c++) z += prob[c] = Math.exp(prob[c] - m);
    for (let c = 0; c < this.classes; c++) prob[c] /= z;
  }

  /** Logits of a text (its term indices). */
  decision(doc: Int32Array, out: Float64Array = new Float64Array(this.classes)): Float64Array {
    return this.logits(this.hidden(doc), out);
  }
}

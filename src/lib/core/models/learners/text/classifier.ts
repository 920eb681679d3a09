// A trained text classifier: the TF-IDF vocabulary, a linear SVM and/or an embedding bag, how
// their calibrated scores are combined, the temperature and the "unsure" threshold. Predicts
// calibrated class probabilities and gives a text's learned vector (for similar-message search).
import { packWeights, unpackWeights, weightOf, type SavedModel } from '../../model';
import { Vectoriser, type VectoriserOptions } from '../../../text/vectorise';
import { softmaxT } from './calibrate';
import { EmbeddingBag } from './embeddingBag';
import { LinearSvm } from './linearSvm';

/** Which model answers: the linear SVM, the embedding bag, or both combined. */
export type TextModelKind = 'linear' | 'neural' | 'ensemble';

export interface Combination {
  kind: TextModelKind;
  /** Weight of the linear model's calibrated log-probabilities in the ensemble (0..1). */
  weight: number;
  /** Temperatures of the linear and neural logits, and of the combined logits. */
  tLinear: number;
  tNeural: number;
  tFinal: number;
}

export interface Prediction {
  /** Calibrated probability of each class. */
  probs: Float64Array;
  /** Index of the most likely class. */
  top: number;
  confidence: number;
  /** Below the threshold: route to a person. */
  unsure: boolean;
}

export class TextClassifier {
  constructor(
    readonly vectoriser: Vectoriser,
    readonly classes: string[],
    readonly linear: LinearSvm | null,
    readonly neural: EmbeddingBag | null,
    public combination: Combination,
    public threshold: number
  ) {}

  /** Raw logits of each model for a text (null for a model not trained). */
  logits(text: string): { linear: Float64Array | null; neural: Float64Array | null } {
    const terms = this.vectoriser.terms(text);
    return {
      linear: this.linear ? this.linear.decision(this.vectoriser.vector(terms)) : null,
      neural: this.neural
        ? this.neural.decision(this.vectoriser.indices(terms, this.neural.rows))
        : null
    };
  }

  /** Logits of the chosen combination, before the final temperature. */
  static combine(
    l: { linear: Float64Array | null; neural: Float64Array | null },
    c: Omit<Combination, 'tFinal'>
  ): Float64Array {
    const k = (l.linear ?? l.neural)!.length;
    const out = new Float64Array(k);
    const lin = l.linear && c.kind !== 'neural' ? logSoftmax(l.linear, c.tLinear) : null;
    const neu = l.neural && c.kind !== 'linear' ? logSoftmax(l.neural, c.tNeural) : null;
    const w = c.kind === 'ensemble' ? c.weight : c.kind === 'linear' ? 1 : 0;
    for (let j = 0; j < k; j++) out[j] = (lin ? w * lin[j] : 0) + (neu ? (1 - w) * neu[j] : 0);
    return out;
  }

  predict(text: string): Prediction {
    const z = TextClassifier.combine(this.logits(text), this.combination);
    const probs = softmaxT(z, this.combination.tFinal, new Float64Array(z.length));
    let top = 0;
    for (let j = 1; j < probs.length; j++) if (probs[j] > probs[top]) top = j;
    return { probs, top, confidence: probs[top], unsure: probs[top] < this.threshold };
  }

  /** The text's vector in the learned embedding space (null without the neural model). */
  embed(text: string): Float64Array | null {
    if (!this.neural) return null;
    return this.neural.hidden(this.vectoriser.indices(this.vectoriser.terms(text), this.neural.rows)); // prettier-ignore
  }

  save(kind: string): SavedModel {
    const named = [
      { name: 'idf', shape: [this.vectoriser.size], values: this.vectoriser.state.idf },
      { name: 'group', shape: [this.vectoriser.size], values: this.vectoriser.state.group }
    ];
    if (this.linear)
      named.push({ name: 'svm', shape: [this.linear.classes, this.linear.dims + 1], values: this.linear.w }); // prettier-ignore
    if (this.neural) {
      const n = this.neural;
      named.push(
        { name: 'emb', shape: [n.emb.length / n.dim, n.dim], values: n.emb },
        { name: 'out', shape: [n.classes, n.dim], values: n.out },
        { name: 'bias', shape: [n.classes], values: n.bias }
      );
    }
    return {
      kind,
      version: 0,
      createdAt: Date.now(),
      params: {
        classes: this.classes,
        terms: this.vectoriser.state.terms,
        vectoriser: this.vectoriser.state.options,
        combination: this.combination,
        threshold: this.threshold
      },
      metrics: {},
      trainingMs: 0,
      backend: 'plain',
      snapshotDate: 0,
      weights: packWeights(named)
    };
  }

  static load(saved: SavedModel): TextClassifier {
    const p = saved.params as {
      classes: string[];
      terms: string[];
      vectoriser: VectoriserOptions;
      combination: Combination;
      threshold: number;
    };
    const w = unpackWeights(saved.weights!);
    const vectoriser = new Vectoriser({
      terms: p.terms,
      idf: weightOf(w, 'idf', 'float32'),
      group: weightOf(w, 'group', 'uint8'),
      options: p.vectoriser
    });
    const k = p.classes.length;
    const linear = w.has('svm')
      ? new LinearSvm(weightOf(w, 'svm', 'float32'), k, p.terms.length)
      : null;
    const neural = w.has('emb')
      ? new EmbeddingBag(
          weightOf(w, 'emb', 'float32'),
          weightOf(w, 'out', 'float32'),
          weightOf(w, 'bias', 'float32'),
          k,
          w.get('emb')!.shape[1]
        )
      : null;
    return new TextClassifier(vectoriser, p.classes, linear, neural, p.combination, p.threshold);
  }
}

function logSoftmax(l: Float64Array, t: number): Float64Array {
  const p = softmaxT(l, t, new Float64Array(l.length));
  return p.map((x) => Math.log(Math.max(x, 1e-300)));
}

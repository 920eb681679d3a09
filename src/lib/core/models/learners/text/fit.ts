// How a text classifier is trained, for intents and sentiment alike. Validation texts are carved
// from the training texts (stratified); the linear SVM and the embedding bag are fitted on the
// rest; on the validation texts only, each model's temperature, the ensemble weight (which also
// picks linear, neural or both), the final temperature and the "unsure" threshold are chosen.
// Then both models are fitted again on all training texts with those choices (`refit`), so no
// labelled text is wasted. Nothing here ever sees a test text.
import { stratifiedSplit } from '../../../evaluate/splits';
import { checkAborted, type TrainProgress } from '../../family';
import { Vectoriser, type VectoriserOptions } from '../../../text/vectorise';
import { chooseThreshold, fitTemperature, nll, softmaxT, type UnsureRule } from './calibrate';
import { TextClassifier, type Combination } from './classifier';
import { EmbeddingBag, type BagEpoch, type BagParams } from './embeddingBag';
import { LinearSvm, type SvmParams } from './linearSvm';

/** The most weights the linear model may hold (classes × terms): 2M, 8 MB of float32. Two
 *  classes (sentiment) may so keep up to a million terms, 77 intents the 50,000 floor. */
export const LINEAR_WEIGHTS = 2_000_000;
/** Terms the embedding bag embeds: the 50,000 most frequent of the vocabulary (64 floats each). */
export const NEURAL_TERMS = 50_000;

export interface TextFitOptions {
  /** Which models to train (default both). */
  models?: ('linear' | 'neural')[];
  vectoriser?: VectoriserOptions;
  svm?: SvmParams;
  bag?: BagParams;
  /** Share of training texts held out for calibration and choices (default 0.1). */
  validationShare?: number;
  /** Accuracy the answered messages should reach; sets the "unsure" threshold (default 0.95). */
  targetAccuracy?: number;
  /** Fit again on all training texts after the choices (default true). */
  refit?: boolean;
  seed?: number;
}

export interface TextFitReport {
  validation: {
    rows: number;
    /** Validation accuracy of each model and of the combination chosen. */
    accuracy: Record<string, number>;
    combination: Combination;
    unsure: UnsureRule;
  };
  terms: number;
  /** Time of each step, ms. */
  ms: Record<string, number>;
}

/** What `progress.data` carries after each epoch of the embedding bag (live loss chart). */
export type TextEpochProgress = BagEpoch & { type: 'epoch'; fit: 'validation' | 'final' };

export interface TextFitContext {
  signal?: AbortSignal;
  progress?(p: TrainProgress): void;
}

interface Fitted {
  vectoriser: Vectoriser;
  linear: LinearSvm | null;
  neural: EmbeddingBag | null;
}

const argmax = (v: ArrayLike<number>): number => {
  let b = 0;
  for (let j = 1; j < v.length; j++) if (v[j] > v[b]) b = j;
  return b;
};

export async function fitTextClassifier(
  texts: readonly string[],
  y: ArrayLike<number>,
  classes: string[],
  o: TextFitOptions = {},
  ctx: TextFitContext = {}
): Promise<{ model: TextClassifier; report: TextFitReport }> {
  const models = o.models?.length ? o.models : ['linear', 'neural'];
  const seed = o.seed ?? 42;
  const refit = o.refit ?? true;
  const k = classes.length;
  const epochs = models.includes('neural') ? (o.bag?.epochs ?? 20) : 0;
  const perFit = 1 + (models.includes('linear') ? k : 0) + epochs;
  const total = perFit * (refit ? 2 : 1) + 1;
  let done = 0;
  const step = (phase: string, data?: unknown) =>
    ctx.progress?.({ done: ++done, total, phase, ...(data ? { data } : {}) });
  const ms: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    ms[name] = (ms[name] ?? 0) + performance.now() - t0;
    return r;
  };

  const all = Array.from({ length: texts.length }, (_, i) => i);
  const { train, test: val } = stratifiedSplit(all, y, o.validationShare ?? 0.1, seed);
  // The linear model keeps rare terms up to its weight budget (on ChnSentiCorp, 572k terms
  // against 50k: +0.006 accuracy); the embedding bag embeds only the most frequent.
  const maxTerms = models.includes('linear') ? Math.max(NEURAL_TERMS, Math.floor(LINEAR_WEIGHTS / k)) : NEURAL_TERMS; // prettier-ignore
  const neuralTerms = Math.min(NEURAL_TERMS, o.vectoriser?.maxTerms ?? Infinity);
  const vecOptions = { minDf: 1, maxTerms, ...o.vectoriser };
  const terms = await timed('terms', async () => texts.map((t) => Vectoriser.terms(t, vecOptions)));

  const fit = async (rows: number[], label: 'validation' | 'final'): Promise<Fitted> => {
    const vectoriser = await timed('vectorise', async () => Vectoriser.fit(rows.map((r) => terms[r]), vecOptions)); // prettier-ignore
    const ys = Int32Array.from(rows, (r) => y[r]);
    step('vectorise');
    checkAborted(ctx.signal);
    const linear = models.includes('linear')
      ? await timed('linear', () =>
          LinearSvm.fit(
            rows.map((r) => vectoriser.vector(terms[r])),
            ys,
            k,
            vectoriser.size,
            { seed, ...o.svm },
            { signal: ctx.signal, onClass: () => step('linear') }
          )
        )
      : null;
    const neural = models.includes('neural')
      ? await timed('neural', () =>
          EmbeddingBag.fit(
            rows.map((r) => vectoriser.indices(terms[r], neuralTerms)),
            ys,
            k,
            Math.min(vectoriser.size, neuralTerms),
            { seed, ...o.bag },
            {
              signal: ctx.signal,
              onEpoch: (e) => step('neural', { type: 'epoch', fit: label, ...e } satisfies TextEpochProgress) // prettier-ignore
            }
          )
        )
      : null;
    return { vectoriser, linear, neural };
  };

  const first = await fit(train, 'validation');
  checkAborted(ctx.signal);
  const t0 = performance.now();
  const valY = Int32Array.from(val, (r) => y[r]);
  const clf = new TextClassifier(first.vectoriser, classes, first.linear, first.neural, { kind: 'linear', weight: 1, tLinear: 1, tNeural: 1, tFinal: 1 }, 0); // prettier-ignore
  const logits = val.map((r) => clf.logits(texts[r]));
  const tLinear = first.linear
    ? fitTemperature(
        logits.map((l) => l.linear!),
        valY
      )
    : 1;
  const tNeural = first.neural
    ? fitTemperature(
        logits.map((l) => l.neural!),
        valY
      )
    : 1;
  const accuracy: Record<string, number> = {};
  const accOf = (z: Float64Array[]) => z.filter((v, i) => argmax(v) === valY[i]).length / z.length;
  // The weight of the linear model: 1 = linear alone, 0 = neural alone. Chosen by validation
  // accuracy, ties by validation log-loss.
  const weights = first.linear && first.neural ? [1, 0.8, 0.6, 0.5, 0.4, 0.2, 0] : first.linear ? [1] : [0]; // prettier-ignore
  let best = { w: weights[0], acc: -1, loss: Infinity, z: [] as Float64Array[] };
  for (const w of weights) {
    const kind = w === 1 ? 'linear' : w === 0 ? 'neural' : 'ensemble';
    const z = logits.map((l) => TextClassifier.combine(l, { kind, weight: w, tLinear, tNeural }));
    const acc = val.length ? accOf(z) : 0;
    if (w === 1 || w === 0) accuracy[kind] = acc;
    const loss = nll(z, valY, 1);
    if (acc > best.acc || (acc === best.acc && loss < best.loss)) best = { w, acc, loss, z };
  }
  const kind = best.w === 1 ? 'linear' : best.w === 0 ? 'neural' : 'ensemble';
  accuracy.chosen = best.acc;
  const tFinal = fitTemperature(best.z, valY);
  const conf = best.z.map((z) => softmaxT(z, tFinal, new Float64Array(k))[argmax(z)]);
  const unsure = chooseThreshold(conf, best.z.map((z, i) => argmax(z) === valY[i]), o.targetAccuracy ?? 0.95); // prettier-ignore
  const combination: Combination = { kind, weight: best.w, tLinear, tNeural, tFinal };
  ms.calibrate = performance.now() - t0;
  step('calibrate');

  const final = refit ? await fit(all, 'final') : first;
  return {
    model: new TextClassifier(final.vectoriser, classes, final.linear, final.neural, combination, unsure.threshold), // prettier-ignore
    report: {
      validation: { rows: val.length, accuracy, combination, unsure },
      terms: final.vectoriser.size,
      ms
    }
  };
}

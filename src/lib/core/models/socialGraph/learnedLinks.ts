// The learned link model: a classifier over structural pair features (pairFeatures.ts), fitted on
// the edges of the graph it is given (positives) and as many unlinked pairs (negatives), never
// on a pair in `avoid` (the test pairs of an evaluation). Two candidates, logistic regression
// and gradient-boosted trees; the one with the higher ROC AUC on a held-out fifth of the
// training pairs is refitted on all of them. A learned combination of heuristics in the spirit of
// Lichtenwalter, Lussier & Chawla (KDD 2010), chosen because a plain graph autoencoder loses to
// Adamic–Adar on e-mail graphs (see README.md).
import { rocAuc } from '../../evaluate/metrics';
import { seededRandom, shuffleInPlace, stratifiedSplit } from '../../evaluate/splits';
import { Gbdt } from '../learners/gbdt/gbdt';
import { LogisticRegression } from '../learners/logistic';
import type { SavedModel } from '../model';
import type { Csr } from './csr';
import { N_PAIR_FEATURES, pairFeatures } from './pairFeatures';
import { sampleNonEdges, type Pairs } from './split';

export type LinkLearner = 'logistic' | 'gbdt';

export interface LinkModel {
  learner: LinkLearner;
  /** Standardisation of the features (logistic regression only; identity for trees). */
  mean: Float64Array;
  scale: Float64Array;
  clf: LogisticRegression | Gbdt;
}

export interface LinkFit {
  model: LinkModel;
  /** ROC AUC of each candidate on the held-out fifth of the training pairs. */
  validationAuc: Record<LinkLearner, number>;
  /** The pairs it was fitted on (the leakage test reads them). */
  pairs: Pairs;
  labels: Uint8Array;
  ms: number;
}

const GBDT_PARAMS = { numLeaves: 15, minDataInLeaf: 40, learningRate: 0.05, lambdaL2: 3 };

/** Training pairs: up to `maxPositives` edges of g and as many unlinked pairs not in `avoid`. */
export function trainingPairs(
  g: Csr,
  avoid: Set<number>,
  seed: number,
  maxPositives = 20_000
): { pairs: Pairs; labels: Uint8Array } {
  const rand = seededRandom(seed);
  const edges: [number, number][] = [];
  for (let u = 0; u < g.n; u++)
    for (let k = g.start[u]; k < g.start[u + 1]; k++) if (u < g.nbr[k]) edges.push([u, g.nbr[k]]);
  shuffleInPlace(edges, rand);
  const pos = edges.slice(0, maxPositives);
  const neg = sampleNonEdges(g, pos.length, rand, avoid);
  const n = pos.length * 2;
  const pairs = { u: new Int32Array(n), v: new Int32Array(n) };
  const labels = new Uint8Array(n);
  pos.forEach(([u, v], i) => {
    pairs.u[i] = u;
    pairs.v[i] = v;
    labels[i] = 1;
  });
  pairs.u.set(neg.u, pos.length);
  pairs.v.set(neg.v, pos.length);
  return { pairs, labels };
}

function standardiser(
  X: Float32Array,
  rows: number[]
): { mean: Float64Array; scale: Float64Array } {
  const p = N_PAIR_FEATURES;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (const r of rows) for (let j = 0; j < p; j++) mean[j] += X[r * p + j] / rows.length;
  for (const r of rows)
    for (let j = 0; j < p; j++) scale[j] += (X[r * p + j] - mean[j]) ** 2 / rows.length;
  for (let j = 0; j < p; j++) scale[j] = Math.sqrt(scale[j]) || 1;
  return { mean, scale };
}

function rowsOf(X: Float32Array, rows: number[], m?: { mean: Float64Array; scale: Float64Array }) {
  const p = N_PAIR_FEATURES;
  const out = new Float32Array(rows.length * p);
  rows.forEach((r, i) => {
    for (let j = 0; j < p; j++) {
      const x = X[r * p + j];
      out[i * p + j] = m ? (x - m.mean[j]) / m.scale[j] : x;
    }
  });
  return out;
}

async function fitOne(
  learner: LinkLearner,
  X: Float32Array,
  y: Uint8Array,
  rows: number[],
  seed: number,
  signal?: AbortSignal
): Promise<LinkModel> {
  const p = N_PAIR_FEATURES;
  const labels = Uint8Array.from(rows, (r) => y[r]);
  if (learner === 'logistic') {
    const st = standardiser(X, rows);
    const clf = new LogisticRegression({ l2: 1 });
    await clf.fit({ X: rowsOf(X, rows, st), nCols: p, y: labels }, { signal });
    return { learner, ...st, clf };
  }
  const clf = new Gbdt({ ...GBDT_PARAMS, seed });
  await clf.fit({ X: rowsOf(X, rows), nCols: p, y: labels }, { signal });
  return { learner, mean: new Float64Array(p), scale: new Float64Array(p).fill(1), clf };
}

/** Probability that each pair is (or will be) linked. */
export function predictLinks(m: LinkModel, g: Csr, pairs: Pairs, signal?: AbortSignal) {
  const X = pairFeatures(g, pairs, signal);
  return predictFeatures(m, X);
}

export function predictFeatures(m: LinkModel, X: Float32Array): Float32Array {
  const p = N_PAIR_FEATURES;
  const Z = new Float32Array(X.length);
  for (let i = 0; i < X.length; i++) Z[i] = (X[i] - m.mean[i % p]) / m.scale[i % p];
  return m.clf.predict(Z);
}

/** Fit both candidates on 80% of the training pairs, keep the better, refit it on all. */
export async function fitLinkModel(
  g: Csr,
  avoid: Set<number>,
  opts: { seed?: number; maxPositives?: number; signal?: AbortSignal } = {}
): Promise<LinkFit> {
  const t0 = performance.now();
  const seed = opts.seed ?? 0;
  const { pairs, labels } = trainingPairs(g, avoid, seed, opts.maxPositives);
  const X = pairFeatures(g, pairs, opts.signal);
  const fold = stratifiedSplit(
    Array.from({ length: labels.length }, (_, i) => i),
    labels,
    0.2,
    seed
  );
  const validationAuc = { logistic: NaN, gbdt: NaN } as Record<LinkLearner, number>;
  const yTest = Uint8Array.from(fold.test, (r) => labels[r]);
  for (const learner of ['logistic', 'gbdt'] as const) {
    const m = await fitOne(learner, X, labels, fold.train, seed, opts.signal);
    validationAuc[learner] = rocAuc(yTest, predictFeatures(m, rowsOf(X, fold.test)));
    m.clf.dispose();
  }
  const best: LinkLearner = validationAuc.gbdt > validationAuc.logistic ? 'gbdt' : 'logistic';
  const all = Array.from({ length: labels.length }, (_, i) => i);
  const model = await fitOne(best, X, labels, all, seed, opts.signal);
  return { model, validationAuc, pairs, labels, ms: performance.now() - t0 };
}

export function saveLinkModel(m: LinkModel): {
  learner: LinkLearner;
  mean: number[];
  scale: number[];
  clf: SavedModel;
} {
  // prettier-ignore
  return { learner: m.learner, mean: [...m.mean], scale: [...m.scale], clf: m.clf.toJSON() };
}

export function loadLinkModel(s: ReturnType<typeof saveLinkModel>): LinkModel {
  return {
    learner: s.learner,
    mean: Float64Array.from(s.mean),
    scale: Float64Array.from(s.scale),
    clf: s.learner === 'gbdt' ? Gbdt.fromJSON(s.clf) : LogisticRegression.fromJSON(s.clf)
  };
}

// Issue #11 experiment, nested cross-validation: every choice (decision threshold, class weight,
// mixing weight of models on different views) is made from decision values of an inner
// stratified 5-fold CV on the outer training fold only, then applied to the outer test fold.
// This script fits the models and stores, per outer fold, the inner out-of-fold decision values
// (training rows) and the outer test decision values (model refitted on the whole training
// fold); bench/sentiment-nested-choose.ts applies the choice rules to them.
// Models (each a squared-hinge linear SVM, dual coordinate descent as linearSvm.ts, C = 1, over
// the product's sentiment TF-IDF vectors):
//   base      the product's model
//   cw07 cw14 per-class C: the negative class's C × 0.7 / × 1.4
//   word      the word group only (words, word bigrams, negated words, punctuation runs)
//   char      the character group only (Han 1–4-grams, Latin character n-grams)
//   w3        base + word trigrams (own vectoriser)
//   noidf     base terms, tf without idf (own vectoriser)
//   do1 do3   dropout as adaptive regularisation (Wager, Wang & Liang 2013), its quadratic form
//             for a squared loss: an extra penalty C·δ/(1−δ)·Σ_j w_j²·Σ_i x_ij², done by scaling
//             feature j by 1/√(1 + 2C·δ/(1−δ)·Σ_i x_ij²) (training rows); δ = 0.1 / 0.3
//   lr1 lr4 lr16  L2-regularised logistic regression (log loss: bounded influence of a mislabelled
//             review against the squared hinge's quadratic one), dual coordinate descent
//             (Yu, Huang & Lin 2011, liblinear's solver 7), C = 1 / 4 / 16
//   knn       15 nearest training texts by cosine of the base vectors: Σ sim·(±1)
//   nice -n 19 node --import tsx bench/sentiment-nested.ts base,cw07,cw14,word,char [folds=0,1,2,3,4]
// Writes bench/out/sentiment-nested-s<seed>-f<fold>-<models>.json per outer fold.
// Result (s9-11, 2026-12-01, seed 42): no model or rule beat the plain SVM (0.9044 ± 0.0066);
// the best chosen-inside rule, stacking SVM + LR (C 16), 0.9043 ± 0.0065; the inner-CV
// threshold 0.9034, Platt 0.9037, class weight chosen 0.9028. Figures: /work/notes/s9-11.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { data, folds, foldIds, names, root, seed, y } from './chnsenticorp';
import { seededRandom, shuffleInPlace, stratifiedKFold } from '../src/lib/core/evaluate/splits';
import { termsOf } from '../src/lib/core/text/features';
import { Vectoriser } from '../src/lib/core/text/vectorise';
import type { SparseVec } from '../src/lib/core/text/sparse';
import { LINEAR_WEIGHTS } from '../src/lib/core/models/learners/text/fit';
import { SENTIMENT_TERMS } from '../src/lib/core/models/sentiment/family';

const models = names;

/** Binary squared-hinge SVM by dual coordinate descent (linearSvm.ts) with a C per row. */
function svm(X: SparseVec[], yy: Int32Array, dims: number, cOf: (label: number) => number) {
  const n = X.length;
  const w = new Float64Array(dims + 1);
  const diag = Float64Array.from(yy, (l) => 1 / (2 * cOf(l)));
  const qii = Float64Array.from(X, (x, i) => x.val.reduce((s, v) => s + v * v, 0) + 1 + diag[i]);
  const alpha = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(42 + 1);
  for (let pass = 0; pass < 40; pass++) {
    shuffleInPlace(order, rand);
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      const x = X[i];
      const yi = yy[i] === 1 ? 1 : -1;
      let dot = w[dims];
      for (let k = 0; k < x.idx.length; k++) dot += w[x.idx[k]] * x.val[k];
      const g = yi * dot - 1 + diag[i] * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i];
      alpha[i] = Math.max(old - g / qii[i], 0);
      const d = (alpha[i] - old) * yi;
      for (let k = 0; k < x.idx.length; k++) w[x.idx[k]] += d * x.val[k];
      w[dims] += d;
    }
    if (maxPg - minPg < 0.1) break;
  }
  return (x: SparseVec) => {
    let s = w[dims];
    for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
    return s;
  };
}

const baseTerms = data.texts.map((t) => termsOf(t, SENTIMENT_TERMS));
const trigrams = (t: string, b: string[]) => {
  const w = b.filter((x) => x.startsWith('w:')).map((x) => x.slice(2));
  const out = b.slice();
  for (let i = 0; i + 2 < w.length; i++) out.push(`b:${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return out;
};
const termSets: Record<string, string[][]> = { base: baseTerms };
const termsOfModel = (m: string) =>
  m === 'w3' ? (termSets.w3 ??= baseTerms.map((b, i) => trigrams(data.texts[i], b))) : baseTerms;

/** Keep only one feature group's entries (groups are L2-normalised on their own already). */
const only = (v: Vectoriser, x: SparseVec, g: number): SparseVec => {
  const keep: number[] = [];
  for (let k = 0; k < x.idx.length; k++) if (v.state.group[x.idx[k]] === g) keep.push(k);
  return { idx: Int32Array.from(keep, (k) => x.idx[k]), val: Float32Array.from(keep, (k) => x.val[k]) }; // prettier-ignore
};
const noIdf = (v: Vectoriser, terms: string[]): SparseVec => {
  const x = v.vector(terms);
  // Undo the idf, then renormalise each group.
  const norm = [0, 0];
  for (let k = 0; k < x.idx.length; k++) {
    x.val[k] /= v.state.idf[x.idx[k]];
    norm[v.state.group[x.idx[k]]] += x.val[k] ** 2;
  }
  for (let k = 0; k < x.idx.length; k++) x.val[k] /= Math.sqrt(norm[v.state.group[x.idx[k]]]) || 1;
  return x;
};

/** L2-regularised logistic regression by dual coordinate descent (liblinear's
 *  solve_l2r_lr_dual), the bias as a constant feature 1. */
function logReg(X: SparseVec[], yy: Int32Array, dims: number, C: number) {
  const n = X.length;
  const w = new Float64Array(dims + 1);
  const a = new Float64Array(2 * n);
  const qii = Float64Array.from(X, (x) => x.val.reduce((s, v) => s + v * v, 0) + 1);
  const sgn = (i: number) => (yy[i] === 1 ? 1 : -1);
  for (let i = 0; i < n; i++) {
    a[2 * i] = Math.min(0.001 * C, 1e-8);
    a[2 * i + 1] = C - a[2 * i];
    const x = X[i];
    const d = sgn(i) * a[2 * i];
    for (let k = 0; k < x.idx.length; k++) w[x.idx[k]] += d * x.val[k];
    w[dims] += d;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(43);
  let innerEps = 1e-2;
  for (let pass = 0; pass < 50; pass++) {
    shuffleInPlace(order, rand);
    let gMax = 0;
    for (const i of order) {
      const x = X[i];
      const yi = sgn(i);
      let dot = w[dims];
      for (let k = 0; k < x.idx.length; k++) dot += w[x.idx[k]] * x.val[k];
      const A = qii[i];
      const B = yi * dot;
      let i1 = 2 * i;
      let i2 = 2 * i + 1;
      let sign = 1;
      if (0.5 * A * (a[i2] - a[i1]) + B < 0) {
        i1 = 2 * i + 1;
        i2 = 2 * i;
        sign = -1;
      }
      const old = a[i1];
      let z = old;
      if (C - z < 0.5 * C) z *= 0.1;
      let gp = A * (z - old) + sign * B + Math.log(z / (C - z));
      gMax = Math.max(gMax, Math.abs(gp));
      let it = 0;
      while (it <= 100 && Math.abs(gp) >= innerEps) {
        const gpp = A + C / (C - z) / z;
        const t = z - gp / gpp;
        z = t <= 0 ? z * 0.1 : t;
        gp = A * (z - old) + sign * B + Math.log(z / (C - z));
        it++;
      }
      if (it > 0) {
        a[i1] = z;
        a[i2] = C - z;
        const d = sign * (z - old) * yi;
        for (let k = 0; k < x.idx.length; k++) w[x.idx[k]] += d * x.val[k];
        w[dims] += d;
      }
    }
    if (gMax < 0.1) break;
    if (gMax < innerEps * 10) innerEps = Math.max(1e-8, innerEps * 0.1);
  }
  return (x: SparseVec) => {
    let s = w[dims];
    for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
    return s;
  };
}

/** Σ over the k most cosine-similar training rows of sim · (±1) (rows are unit-length per group). */
function knn(X: SparseVec[], ys: Int32Array, T: SparseVec[], dims: number, k: number): number[] {
  // Inverted index: term -> (row, value).
  const post: { r: number[]; v: number[] }[] = Array.from({ length: dims }, () => ({
    r: [],
    v: []
  }));
  X.forEach((x, r) => x.idx.forEach((j, k2) => (post[j].r.push(r), post[j].v.push(x.val[k2]))));
  const sims = new Float64Array(X.length);
  return T.map((t) => {
    sims.fill(0);
    for (let k2 = 0; k2 < t.idx.length; k2++) {
      const p = post[t.idx[k2]];
      for (let q = 0; q < p.r.length; q++) sims[p.r[q]] += t.val[k2] * p.v[q];
    }
    const top = Array.from(sims.keys())
      .sort((a, b) => sims[b] - sims[a])
      .slice(0, k);
    return top.reduce((s, r) => s + sims[r] * (ys[r] === 1 ? 1 : -1), 0);
  });
}

/** Decision values on `test` of each model fitted on `train` (row indices into the data). */
function fitScore(train: number[], test: number[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const ys = Int32Array.from(train, (r) => y[r]);
  const vecs = new Map<string, { v: Vectoriser; X: SparseVec[]; T: SparseVec[] }>();
  const get = (key: 'base' | 'w3' | 'noidf') => {
    let e = vecs.get(key);
    if (!e) {
      const terms = termsOfModel(key);
      const v = Vectoriser.fit(
        train.map((r) => terms[r]),
        { minDf: 1, maxTerms: LINEAR_WEIGHTS / 2 }
      );
      const vec = key === 'noidf' ? (t: string[]) => noIdf(v, t) : (t: string[]) => v.vector(t);
      e = { v, X: train.map((r) => vec(terms[r])), T: test.map((r) => vec(terms[r])) };
      vecs.set(key, e);
    }
    return e;
  };
  const v0 = () => get('base').v;
  for (const m of models) {
    if (m === 'knn') {
      const { X, T } = get('base');
      out[m] = knn(X, ys, T, v0().size, 15);
      continue;
    }
    if (m.startsWith('lr')) {
      const { X, T } = get('base');
      const f = logReg(X, ys, v0().size, Number(m.slice(2)));
      out[m] = T.map(f);
      continue;
    }
    const key = m === 'w3' ? 'w3' : m === 'noidf' ? 'noidf' : 'base';
    const { v, X, T } = get(key);
    const g = m === 'word' ? 0 : m === 'char' ? 1 : -1;
    const tx = (x: SparseVec) => (g < 0 ? x : only(v, x, g));
    const cNeg = m === 'cw07' ? 0.7 : m === 'cw14' ? 1.4 : 1;
    const delta = m === 'do1' ? 0.1 : m === 'do3' ? 0.3 : 0;
    if (delta) {
      const sq = new Float64Array(v.size);
      for (const x of X) for (let k = 0; k < x.idx.length; k++) sq[x.idx[k]] += x.val[k] ** 2;
      const r = delta / (1 - delta);
      const s = Float32Array.from(sq, (q) => 1 / Math.sqrt(1 + 2 * r * q));
      const sc = (x: SparseVec): SparseVec => ({ idx: x.idx, val: x.val.map((val, k) => val * s[x.idx[k]]) }); // prettier-ignore
      const f = svm(X.map(sc), ys, v.size, () => 1);
      out[m] = T.map((x) => f(sc(x)));
      continue;
    }
    const f = svm(X.map(tx), ys, v.size, (l) => (l === 0 ? cNeg : 1));
    out[m] = T.map((x) => f(tx(x)));
  }
  return out;
}

const outDir = join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
for (const f of foldIds) {
  const t0 = performance.now();
  const { train, test } = folds[f];
  const yTrain = Int32Array.from(train, (r) => y[r]);
  const inner = stratifiedKFold(yTrain, 5, seed);
  const oof: Record<string, number[]> = Object.fromEntries(models.map((m) => [m, new Array<number>(train.length).fill(0)])); // prettier-ignore
  for (const [i, fold] of inner.entries()) {
    const s = fitScore(fold.train.map((j) => train[j]), fold.test.map((j) => train[j])); // prettier-ignore
    for (const m of models) fold.test.forEach((j, k) => (oof[m][j] = s[m][k]));
    console.log(`fold ${f} inner ${i} ${Math.round(performance.now() - t0)} ms`);
  }
  const dec = fitScore(train, test);
  const acc = (d: number[]) => d.filter((z, j) => (z > 0 ? 1 : 0) === y[test[j]]).length / test.length; // prettier-ignore
  console.log(`fold ${f} ` + models.map((m) => `${m} ${acc(dec[m]).toFixed(4)}`).join(' ') + ` ${Math.round(performance.now() - t0)} ms`); // prettier-ignore
  writeFileSync(
    join(outDir, `sentiment-nested-s${seed}-f${f}-${models.join('_')}.json`),
    JSON.stringify({ seed, fold: f, models, yTrain: [...yTrain], yTest: test.map((r) => y[r]), oof, dec }) // prettier-ignore
  );
}

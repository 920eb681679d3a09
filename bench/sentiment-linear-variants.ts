// Issue #11 experiment: cheap variants of the product's linear sentiment model on ChnSentiCorp
// (the bench's stratified 5-fold CV; seed 42 unless SEED is set). Each variant changes one thing
// of the product's pipeline (sentiment term options, TF-IDF, linear SVM with C = 1, refitted on
// the whole training fold) and is scored on the outer test folds:
//   base      the product's model (reproduces the bench's linear figure)
//   nb, nb03  NBSVM-style (Wang & Manning 2012): TF-IDF features scaled by the naive-Bayes
//             log-count ratio r = ln((p/|p|)/(q/|q|)) of binarised counts (α = 1), computed from
//             the training fold's rows only; C = 1 / 0.3
//   adv       + words after an adversative or summing-up word in the same sentence (但是, 不过,
//             可是, 却, 总之 ...), marked as such
//   last      + the last clause's words, marked (the vectoriser's lastClause option)
//   gap       + gapped Han character pairs (c_i, c_i+2) and (c_i, c_i+3)
//   len       + length bins (½·log2 characters) and sentence count
//   sent:<agg>:<λ>  the base model's decision value plus λ × agg (mean, min, max, first, last)
//             of the same model's decision values on each sentence of the text
//   sub       random subspace ensemble (Ho 1998): 8 SVMs, each on a random half of the
//             vocabulary (seeded), decision values averaged; fixed design, nothing chosen
//   boot      bagging (Breiman 1996): 8 SVMs on bootstrap samples of the training fold, averaged
// Choices made inside the training folds (threshold, class weight, mixing of views, stacking):
// bench/sentiment-nested.ts (s9-11).
// None cleared 0.91 (README, #11; 2026-11-30, s4-11): the figures of each are in the README.
// Nothing here is chosen from data: it is an exploration of the test folds, not a model choice.
//   nice -n 10 node --import tsx bench/sentiment-linear-variants.ts base,nb,adv [folds=0,1,2,3,4]
// Writes bench/out/sentiment-linear-variants-s<seed>.json (per variant and fold: decision values).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { data, folds, foldIds, names, root, seed, y } from './chnsenticorp';
import { seededRandom } from '../src/lib/core/evaluate/splits';
import { termsOf } from '../src/lib/core/text/features';
import { tokenise } from '../src/lib/core/text/tokenise';
import { Vectoriser } from '../src/lib/core/text/vectorise';
import type { SparseVec } from '../src/lib/core/text/sparse';
import { LinearSvm } from '../src/lib/core/models/learners/text/linearSvm';
import { LINEAR_WEIGHTS } from '../src/lib/core/models/learners/text/fit';
import { SENTIMENT_TERMS } from '../src/lib/core/models/sentiment/family';

const variants = names;

const ADVERSATIVE = new Set(
  '但 但是 不过 可是 然而 却 只是 就是 可惜 遗憾 而且 并且 总之 总的来说 总体 总体来说 综上'.split(
    ' '
  )
);
const SENTENCE = /[.!?;\n\r…~。！？；～]+/u;
const sentences = (text: string) =>
  text
    .normalize('NFKC')
    .split(SENTENCE)
    .filter((s) => s.trim());

/** Terms a variant adds to the product's. */
function extraTerms(text: string, variant: string): string[] {
  const out: string[] = [];
  if (variant === 'adv')
    for (const s of sentences(text)) {
      let on = false;
      for (const w of tokenise(s).words)
        if (ADVERSATIVE.has(w.text)) on = true;
        else if (on) out.push('a:' + w.text);
    }
  if (variant === 'gap')
    for (const run of tokenise(text).hanRuns) {
      const ch = [...run];
      for (let i = 0; i < ch.length; i++)
        for (const g of [2, 3]) if (i + g < ch.length) out.push(`hg${g}${ch[i]}${ch[i + g]}`);
    }
  if (variant === 'len') {
    out.push('l:' + Math.round(2 * Math.log2([...text].length + 1)));
    out.push('s:' + Math.min(sentences(text).length, 12));
  }
  return out;
}

const base = data.texts.map((t) => termsOf(t, SENTIMENT_TERMS));
const termsFor = (variant: string): string[][] =>
  variant === 'last'
    ? data.texts.map((t) => termsOf(t, { ...SENTIMENT_TERMS, lastClause: true }))
    : ['adv', 'gap', 'len'].includes(variant)
      ? base.map((b, i) => b.concat(extraTerms(data.texts[i], variant)))
      : base;

/** Naive-Bayes log-count ratio of each term, from the training rows only. */
function logCountRatio(v: Vectoriser, terms: string[][], train: number[]): Float32Array {
  const p = new Float64Array(v.size).fill(1);
  const q = new Float64Array(v.size).fill(1);
  for (const r of train) for (const i of new Set(v.indices(terms[r]))) (y[r] === 1 ? p : q)[i]++;
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  return Float32Array.from(p, (pi, i) => Math.log(pi / sp / (q[i] / sq)));
}

const accuracy = (d: number[], test: number[]) =>
  test.filter((r, j) => (d[j] > 0 ? 1 : 0) === y[r]).length / test.length;
const results: Record<string, { acc: number[]; dec: number[][] }> = {};
const record = (name: string, d: number[], test: number[]) => {
  const e = (results[name] ??= { acc: [], dec: [] });
  e.acc.push(accuracy(d, test));
  e.dec.push(d);
};

for (const variant of [...new Set(variants.map((v) => v.split(':')[0]))]) {
  const terms = termsFor(variant);
  for (const f of foldIds) {
    const { train, test } = folds[f];
    const t0 = performance.now();
    const v = Vectoriser.fit(
      train.map((r) => terms[r]),
      { minDf: 1, maxTerms: LINEAR_WEIGHTS / 2 }
    );
    const ratio = variant.startsWith('nb') ? logCountRatio(v, terms, train) : null;
    const vec = (t: string[]): SparseVec => {
      const x = v.vector(t);
      if (ratio) for (let k = 0; k < x.idx.length; k++) x.val[k] *= ratio[x.idx[k]];
      return x;
    };
    const ys = Int32Array.from(train, (r) => y[r]);
    if (variant === 'sub' || variant === 'boot') {
      const X = train.map((r) => vec(terms[r]));
      const T = test.map((r) => vec(terms[r]));
      const d = new Array<number>(test.length).fill(0);
      for (let b = 0; b < 8; b++) {
        const rand = seededRandom(1000 + b);
        let Xb = X;
        let yb = ys;
        let mask = (x: SparseVec) => x;
        if (variant === 'sub') {
          const keep = Uint8Array.from({ length: v.size }, () => (rand() < 0.5 ? 1 : 0));
          mask = (x) => {
            const k = [...x.idx.keys()].filter((j) => keep[x.idx[j]]);
            return { idx: Int32Array.from(k, (j) => x.idx[j]), val: Float32Array.from(k, (j) => x.val[j]) }; // prettier-ignore
          };
          Xb = X.map(mask);
        } else {
          const pick = Array.from(X, () => Math.floor(rand() * X.length));
          Xb = pick.map((i) => X[i]);
          yb = Int32Array.from(pick, (i) => ys[i]);
        }
        const m = await LinearSvm.fit(Xb, yb, 2, v.size, { c: 1 });
        T.forEach((x, j) => {
          const z = m.decision(mask(x));
          d[j] += (z[1] - z[0]) / 8;
        });
      }
      record(variant, d, test);
      console.log(`fold ${f} ${variant} ${results[variant].acc.at(-1)!.toFixed(4)} ${Math.round(performance.now() - t0)} ms`); // prettier-ignore
      continue;
    }
    const svm = await LinearSvm.fit(
      train.map((r) => vec(terms[r])),
      ys,
      2,
      v.size,
      {
        c: variant === 'nb03' ? 0.3 : 1
      }
    );
    const score = (t: string[]) => {
      const z = svm.decision(vec(t));
      return z[1] - z[0];
    };
    const d = test.map((r) => score(terms[r]));
    if (variant !== 'sent') record(variant, d, test);
    else {
      const per = test.map((r) => sentences(data.texts[r]).map((s) => score(termsOf(s, SENTIMENT_TERMS)))); // prettier-ignore
      for (const name of variants.filter((n) => n.startsWith('sent:'))) {
        const [, agg, l] = name.split(':');
        const pick = (s: number[], dj: number) =>
          !s.length ? dj
          : agg === 'mean' ? s.reduce((a, b) => a + b, 0) / s.length
          : agg === 'min' ? Math.min(...s)
          : agg === 'max' ? Math.max(...s)
          : agg === 'first' ? s[0]
          : s[s.length - 1]; // prettier-ignore
        record(name, d.map((dj, j) => dj + Number(l) * pick(per[j], dj)), test); // prettier-ignore
      }
    }
    const acc = results[variant]?.acc.at(-1);
    console.log(`fold ${f} ${variant} ${acc?.toFixed(4) ?? ''} terms ${v.size} ${Math.round(performance.now() - t0)} ms`); // prettier-ignore
  }
}

const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `sentiment-linear-variants-s${seed}.json`), JSON.stringify({ seed, foldIds, results })); // prettier-ignore
for (const [name, { acc }] of Object.entries(results)) {
  const m = acc.reduce((a, b) => a + b, 0) / acc.length;
  const sd = Math.sqrt(acc.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, acc.length - 1));
  console.log(name.padEnd(14), m.toFixed(4), '±', sd.toFixed(4), acc.map((a) => a.toFixed(4)).join(' / ')); // prettier-ignore
}

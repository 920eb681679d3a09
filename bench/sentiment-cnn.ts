// Issue #11 experiment: does a word-order model lift ChnSentiCorp past 0.91? A character CNN
// (Kim 2014, "Convolutional neural networks for sentence classification": embeddings, parallel
// convolutions of several widths, max-pooling over time, dropout, softmax) in tfjs (WASM in
// Node), alone and averaged with the product's linear SVM (calibrated log-probabilities).
// Outer loop: the bench's stratified 5-fold CV, seed 42. Inside each training fold, the same
// 10% stratified validation carve as fit.ts: the CNN trains on the other 90% and keeps its best
// epoch by validation accuracy; each model's temperature and the ensemble weight (grid, lowest
// validation log-loss) are chosen on the carve. The linear SVM is the product's: fitted on the
// 90% for its validation logits, refitted on the whole training fold for the test fold. The test
// fold is read only to score. Not wired into the product (README, #11): with the defaults
// (2026-11-30, load 11–15) the CNN alone scored 0.8780 ± 0.0112 and the ensemble 0.9057 ±
// 0.0066 against the linear SVM's 0.9044 ± 0.0066; ~7–8 min of CNN training per fold.
//   nice -n 10 node --import tsx bench/sentiment-cnn.ts '<CnnParams JSON>' [folds=0,1,2,3,4]
// Writes bench/out/sentiment-cnn-<hash>.json (per fold: figures and both models' logits).
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledFile } from '../src/cli/commands/text';
import { tf, initTf } from '../src/lib/core/tf/backend';
import {
  seededRandom,
  shuffleInPlace,
  stratifiedKFold,
  stratifiedSplit
} from '../src/lib/core/evaluate/splits';
import { Vectoriser } from '../src/lib/core/text/vectorise';
import { LinearSvm } from '../src/lib/core/models/learners/text/linearSvm';
import { LINEAR_WEIGHTS } from '../src/lib/core/models/learners/text/fit';
import { fitTemperature, nll, softmaxT } from '../src/lib/core/models/learners/text/calibrate';
import { sentimentFitOptions } from '../src/lib/core/models/sentiment/family';

export interface CnnParams {
  dim: number;
  filters: number;
  widths: number[];
  /** Characters kept from the start of a text. */
  maxLen: number;
  epochs: number;
  batch: number;
  lr: number;
  dropout: number;
  seed: number;
  /** Characters seen fewer times share the unknown row. */
  minCount: number;
}

export const CNN_DEFAULTS: CnnParams = {
  dim: 32,
  filters: 64,
  widths: [2, 3, 4],
  maxLen: 200,
  epochs: 4,
  batch: 32,
  lr: 2e-3,
  dropout: 0.5,
  seed: 42,
  minCount: 2
};

const charsOf = (t: string) =>
  Array.from(t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim());

/** Characters → ids (0 padding, 1 unknown), most frequent first. */
export class CharVocab {
  constructor(readonly ids: Map<string, number>) {}
  static fit(texts: string[], minCount: number): CharVocab {
    const c = new Map<string, number>();
    for (const t of texts) for (const ch of charsOf(t)) c.set(ch, (c.get(ch) ?? 0) + 1);
    const ids = new Map<string, number>();
    const sorted = [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [ch, n] of sorted) if (n >= minCount) ids.set(ch, ids.size + 2);
    return new CharVocab(ids);
  }
  get size(): number {
    return this.ids.size + 2;
  }
  encode(t: string, maxLen: number): Int32Array {
    return Int32Array.from(charsOf(t).slice(0, maxLen), (ch) => this.ids.get(ch) ?? 1);
  }
}

/**
 * The CNN. The embedding table lives in JS and each width's input is built by im2col in JS
 * ([texts × positions, width × dim]); tfjs differentiates the rest and the input gradients are
 * scattered back to the embedding rows (Adam, in JS). tfjs's own gather and conv1d gradients
 * need kernels (UnsortedSegmentSum, Conv2DBackpropFilter) that its WASM backend lacks.
 */
export class CharCnn {
  vars: tf.Variable[] = [];
  constructor(
    readonly p: CnnParams,
    readonly classes: number,
    public emb: Float32Array
  ) {}

  static init(p: CnnParams, vocab: number, classes: number): CharCnn {
    const rand = seededRandom(p.seed);
    const emb = Float32Array.from({ length: vocab * p.dim }, () => (rand() * 2 - 1) * 0.25);
    emb.fill(0, 0, p.dim);
    const m = new CharCnn(p, classes, emb);
    const glorot = (fanIn: number, fanOut: number) => {
      const a = Math.sqrt(6 / (fanIn + fanOut));
      return tf.tensor2d(
        Float32Array.from({ length: fanIn * fanOut }, () => (rand() * 2 - 1) * a),
        [fanIn, fanOut]
      );
    };
    for (const w of p.widths) {
      m.vars.push(tf.variable(glorot(w * p.dim, p.filters), true, `cnn_w${w}`));
      m.vars.push(tf.variable(tf.zeros([p.filters]), true, `cnn_b${w}`));
    }
    const h = p.filters * p.widths.length;
    m.vars.push(tf.variable(glorot(h, classes), true, 'cnn_wo'));
    m.vars.push(tf.variable(tf.zeros([classes]), true, 'cnn_bo'));
    return m;
  }

  /** Offsets of each text's character at (position t, offset k) for width w, or -1 (padding). */
  private cols(
    docs: Int32Array[],
    L: number,
    w: number,
    each: (i: number, r: number, dst: number) => void
  ): void {
    const Lw = L - w + 1;
    docs.forEach((doc, i) => {
      for (let t = 0; t < Lw; t++)
        for (let k = 0; k < w && t + k < doc.length; k++)
          each(i, doc[t + k], ((i * Lw + t) * w + k) * this.p.dim);
    });
  }

  private inputs(docs: Int32Array[]): { xs: tf.Tensor2D[]; L: number } {
    const d = this.p.dim;
    const L = Math.max(...this.p.widths, ...docs.map((x) => x.length));
    const xs = this.p.widths.map((w) => {
      const buf = new Float32Array(docs.length * (L - w + 1) * w * d);
      this.cols(docs, L, w, (_, r, dst) => buf.set(this.emb.subarray(r * d, r * d + d), dst));
      return tf.tensor2d(buf, [docs.length * (L - w + 1), w * d]);
    });
    return { xs, L };
  }

  private forward(xs: tf.Tensor[], ws: tf.Tensor[], B: number, L: number, drop: number | null) {
    const pooled = this.p.widths.map((w, i) => {
      const h = tf.fused.matMul({
        a: xs[i] as tf.Tensor2D,
        b: ws[2 * i] as tf.Tensor2D,
        bias: ws[2 * i + 1],
        activation: 'relu'
      });
      return tf.max(tf.reshape(h, [B, L - w + 1, this.p.filters]), 1);
    });
    let h = tf.concat(pooled, 1);
    if (drop !== null && this.p.dropout > 0) h = tf.dropout(h, this.p.dropout, undefined, drop);
    return tf.add(tf.matMul(h, ws[ws.length - 2]), ws[ws.length - 1]) as tf.Tensor2D;
  }

  async fit(
    docs: Int32Array[],
    y: Int32Array,
    val: { docs: Int32Array[]; y: Int32Array },
    log: (s: string) => void
  ): Promise<{ epoch: number; acc: number }> {
    const { p } = this;
    const d = p.dim;
    const nw = p.widths.length;
    const rand = seededRandom(p.seed + 1);
    const opt = tf.train.adam(p.lr);
    const [mE, vE, gE] = [0, 1, 2].map(() => new Float32Array(this.emb.length));
    let step = 0;
    // Batches of texts of similar length (little padding), in a new order every epoch.
    const order = Array.from(docs.keys()).sort((a, b) => docs[a].length - docs[b].length);
    const batches: number[][] = [];
    for (let i = 0; i < order.length; i += p.batch) batches.push(order.slice(i, i + p.batch));
    let best = { acc: -1, loss: Infinity, epoch: 0, emb: this.emb, w: [] as Float32Array[] };
    for (let e = 0; e < p.epochs; e++) {
      const t0 = performance.now();
      shuffleInPlace(batches, rand);
      let lossSum = 0;
      for (const bi of batches) {
        const bd = bi.map((i) => docs[i]);
        const { xs, L } = this.inputs(bd);
        const oh = tf.oneHot(
          Int32Array.from(bi, (i) => y[i]),
          this.classes
        );
        const seed = p.seed * 7919 + step;
        const f = (...a: tf.Tensor[]) =>
          tf.losses.softmaxCrossEntropy(oh, this.forward(a.slice(0, nw), a.slice(nw), bd.length, L, seed)) as tf.Scalar; // prettier-ignore
        const { value, grads } = tf.valueAndGrads(f)([...xs, ...this.vars]);
        opt.applyGradients(Object.fromEntries(this.vars.map((v, i) => [v.name, grads[nw + i]])));
        lossSum += value.dataSync()[0] * bd.length;
        const touched = new Set<number>();
        p.widths.forEach((w, wi) => {
          const dx = grads[wi].dataSync();
          this.cols(bd, L, w, (_, r, src) => {
            touched.add(r);
            for (let j = 0; j < d; j++) gE[r * d + j] += dx[src + j];
          });
        });
        tf.dispose([...xs, oh, value, ...grads]);
        step++;
        const c1 = 1 - 0.9 ** step;
        const c2 = 1 - 0.999 ** step;
        for (const r of touched)
          for (let j = r * d; j < r * d + d; j++) {
            const g = gE[j];
            gE[j] = 0;
            mE[j] = 0.9 * mE[j] + 0.1 * g;
            vE[j] = 0.999 * vE[j] + 0.001 * g * g;
            this.emb[j] -= (p.lr * mE[j]) / c1 / (Math.sqrt(vE[j] / c2) + 1e-8);
          }
        await new Promise((r) => setImmediate(r));
      }
      const z = await this.logits(val.docs);
      const acc = accuracy(z, Array.from(val.y));
      const loss = nll(z, val.y, 1);
      log(`epoch ${e + 1} loss ${(lossSum / docs.length).toFixed(4)} val acc ${acc.toFixed(4)} nll ${loss.toFixed(4)} ${Math.round(performance.now() - t0)} ms`); // prettier-ignore
      if (acc > best.acc || (acc === best.acc && loss < best.loss))
        best = { acc, loss, epoch: e + 1, emb: this.emb.slice(), w: this.vars.map((v) => v.dataSync().slice() as Float32Array) }; // prettier-ignore
    }
    this.emb = best.emb;
    this.vars.forEach((v, i) => v.assign(tf.tensor(best.w[i], v.shape)));
    opt.dispose();
    return { epoch: best.epoch, acc: best.acc };
  }

  async logits(docs: Int32Array[]): Promise<number[][]> {
    const order = Array.from(docs.keys()).sort((a, b) => docs[a].length - docs[b].length);
    const out: number[][] = new Array(docs.length);
    for (let i = 0; i < order.length; i += 128) {
      const bi = order.slice(i, i + 128);
      const { xs, L } = this.inputs(bi.map((k) => docs[k]));
      const z = tf.tidy(() => this.forward(xs, this.vars, bi.length, L, null));
      const v = await z.data();
      bi.forEach((k, j) => (out[k] = Array.from(v.subarray(j * this.classes, (j + 1) * this.classes)))); // prettier-ignore
      tf.dispose([...xs, z]);
    }
    return out;
  }

  dispose(): void {
    tf.dispose(this.vars);
  }
}

const accuracy = (z: number[][], y: ArrayLike<number>) =>
  z.filter((l, i) => l.indexOf(Math.max(...l)) === y[i]).length / z.length;

const logSoftmax = (l: number[], t: number) =>
  Array.from(softmaxT(l, t, new Float64Array(l.length)), (q) => Math.log(Math.max(q, 1e-300)));

/** w × linear + (1 − w) × CNN calibrated log-probabilities. */
const mix = (a: number[], b: number[], ta: number, tb: number, w: number) => {
  const la = logSoftmax(a, ta);
  const lb = logSoftmax(b, tb);
  return la.map((v, j) => w * v + (1 - w) * lb[j]);
};

export const WEIGHTS = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0];

/** Temperatures and the linear weight chosen on the validation carve (lowest log-loss). */
export function chooseMix(linVal: number[][], cnnVal: number[][], y: ArrayLike<number>) {
  const tl = fitTemperature(linVal, y);
  const tc = fitTemperature(cnnVal, y);
  let best = { w: 1, loss: Infinity };
  for (const w of WEIGHTS) {
    const loss = nll(
      linVal.map((l, i) => mix(l, cnnVal[i], tl, tc, w)),
      y,
      1
    );
    if (loss < best.loss) best = { w, loss };
  }
  return { tl, tc, w: best.w };
}

async function main() {
  const p: CnnParams = { ...CNN_DEFAULTS, ...JSON.parse(process.argv[2] ?? '{}') };
  const which = (process.argv[3] ?? '0,1,2,3,4').split(',').map(Number);
  console.log('backend', await initTf(), JSON.stringify(p));
  const file = join(process.cwd(), '../shared/datasets/chnsenticorp/ChnSentiCorp_htl_all.csv');
  const f = await readLabelledFile(file, { textCol: '2', labelCol: '1', header: false });
  const classes = [...new Set(f.labels)].sort();
  const y = Int32Array.from(f.labels, (l) => classes.indexOf(l));
  const folds = stratifiedKFold(y, 5, 42);
  const vo = { minDf: 1, maxTerms: Math.floor(LINEAR_WEIGHTS / 2), ...sentimentFitOptions({}).vectoriser }; // prettier-ignore
  const terms = f.texts.map((t) => Vectoriser.terms(t, vo));
  mkdirSync('bench/out', { recursive: true });
  let hash = 5381;
  for (const ch of JSON.stringify(p)) hash = (hash * 33 + ch.charCodeAt(0)) >>> 0;
  const outFile = `bench/out/sentiment-cnn-${hash.toString(36)}.json`;
  const res: Record<number, unknown> = existsSync(outFile) ? JSON.parse(readFileSync(outFile, 'utf8')) : {}; // prettier-ignore
  for (const fi of which) {
    const fold = folds[fi];
    const yTr = Int32Array.from(fold.train, (r) => y[r]);
    const carve = stratifiedSplit(Array.from(fold.train.keys()), yTr, 0.1, 42);
    const tr = carve.train.map((i) => fold.train[i]);
    const va = carve.test.map((i) => fold.train[i]);
    const yv = va.map((r) => y[r]);
    const yt = fold.test.map((r) => y[r]);
    const linearOn = async (rows: number[]) => {
      const v = Vectoriser.fit(
        rows.map((r) => terms[r]),
        vo
      );
      const X = rows.map((r) => v.vector(terms[r]));
      const svm = await LinearSvm.fit(X, Int32Array.from(rows, (r) => y[r]), 2, v.size, { seed: 42 }); // prettier-ignore
      return (r: number) => Array.from(svm.decision(v.vector(terms[r])));
    };
    let t0 = performance.now();
    const linVal = va.map(await linearOn(tr));
    const linTest = fold.test.map(await linearOn(fold.train));
    const linearMs = performance.now() - t0;
    t0 = performance.now();
    const vocab = CharVocab.fit(
      tr.map((r) => f.texts[r]),
      p.minCount
    );
    const enc = (rows: number[]) => rows.map((r) => vocab.encode(f.texts[r], p.maxLen));
    const cnn = CharCnn.init(p, vocab.size, classes.length);
    const log = (s: string) => console.log(`fold ${fi} ${s}`);
    const best = await cnn.fit(enc(tr), Int32Array.from(tr, (r) => y[r]), { docs: enc(va), y: Int32Array.from(yv) }, log); // prettier-ignore
    const cnnMs = performance.now() - t0;
    const cnnVal = await cnn.logits(enc(va));
    const cnnTest = await cnn.logits(enc(fold.test));
    cnn.dispose();
    const m = chooseMix(linVal, cnnVal, yv);
    const ens = linTest.map((l, i) => mix(l, cnnTest[i], m.tl, m.tc, m.w));
    const row = {
      linear: accuracy(linTest, yt),
      cnn: accuracy(cnnTest, yt),
      ensemble: accuracy(ens, yt),
      weight: m.w,
      cnnEpoch: best.epoch,
      linearMs: Math.round(linearMs),
      cnnMs: Math.round(cnnMs)
    };
    console.log(`fold ${fi}`, JSON.stringify(row));
    res[fi] = { ...row, linVal, linTest, cnnVal, cnnTest };
    writeFileSync(outFile, JSON.stringify(res));
  }
  const done = Object.values(res) as Record<string, number>[];
  for (const k of ['linear', 'cnn', 'ensemble']) {
    const v = done.map((r) => r[k]);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, v.length - 1));
    console.log(k.padEnd(9), mean.toFixed(4), '±', sd.toFixed(4), v.map((a) => a.toFixed(4)).join(' ')); // prettier-ignore
  }
}

if (process.argv[1]?.endsWith('sentiment-cnn.ts')) await main();

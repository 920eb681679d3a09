// Issue #11: choice rules over bench/sentiment-nested.ts's stored decision values. Every rule
// chooses from the inner out-of-fold decision values and labels of the outer TRAINING fold only
// (oof, yTrain), then is applied to the outer test fold's decision values (dec); yTest is read
// only to score. Prints per-fold and mean ± sd outer accuracy of each rule.
//   node --import tsx bench/sentiment-nested-choose.ts [seed=42]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelledFile } from '../src/cli/commands/text';
import { stratifiedKFold } from '../src/lib/core/evaluate/splits';

const seed = Number(process.argv[2] ?? 42);
const dir = join(import.meta.dirname, 'out');
type Fold = { oof: Record<string, number[]>; dec: Record<string, number[]>; yTrain: number[]; yTest: number[]; lenTrain: number[]; lenTest: number[] }; // prettier-ignore
// Text lengths (log characters) of each fold's rows, for the length-aware stacking rule.
const file = join(import.meta.dirname, '..', '..', 'shared', 'datasets', 'chnsenticorp', 'ChnSentiCorp_htl_all.csv'); // prettier-ignore
const data = await readLabelledFile(file, { textCol: '2', labelCol: '1', header: false });
const classes = [...new Set(data.labels)].sort();
const outer = stratifiedKFold(
  Int32Array.from(data.labels, (l) => classes.indexOf(l)),
  5,
  seed
);
const logLen = data.texts.map((t) => Math.log([...t].length + 1));
const byFold = new Map<number, Fold>();
for (const f of readdirSync(dir).filter((n) => n.startsWith(`sentiment-nested-s${seed}-f`))) {
  const j = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const lens = (rows: number[]) => rows.map((r) => logLen[r]);
  const e = byFold.get(j.fold) ?? { oof: {}, dec: {}, yTrain: j.yTrain, yTest: j.yTest, lenTrain: lens(outer[j.fold].train), lenTest: lens(outer[j.fold].test) }; // prettier-ignore
  Object.assign(e.oof, j.oof);
  Object.assign(e.dec, j.dec);
  byFold.set(j.fold, e);
}
const folds = [...byFold.keys()].sort();

const acc = (z: ArrayLike<number>, y: number[], t = 0) => {
  let n = 0;
  for (let i = 0; i < y.length; i++) if ((z[i] > t ? 1 : 0) === y[i]) n++;
  return n / y.length;
};
/** Threshold maximising accuracy on (z, y): the middle of the best run of cut points. */
function bestThreshold(z: number[], y: number[]): number {
  const o = z.map((v, i) => [v, y[i]] as const).sort((a, b) => a[0] - b[0]);
  // Cut below o[0]: everything positive.
  let correct = y.filter((v) => v === 1).length;
  let best = correct;
  let cuts = [o[0][0] - 1];
  for (let i = 0; i < o.length; i++) {
    correct += o[i][1] === 0 ? 1 : -1;
    if (i + 1 < o.length && o[i + 1][0] === o[i][0]) continue;
    const t = i + 1 < o.length ? (o[i][0] + o[i + 1][0]) / 2 : o[i][0] + 1;
    if (correct > best) ((best = correct), (cuts = [t]));
    else if (correct === best) cuts.push(t);
  }
  return cuts[Math.floor(cuts.length / 2)];
}
/** Logistic regression by Newton's method on a few features (with intercept, tiny L2). */
function logreg(X: number[][], y: number[]): number[] {
  const d = X[0].length + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < 30; it++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    X.forEach((x, i) => {
      const xi = [...x, 1];
      const p = 1 / (1 + Math.exp(-xi.reduce((s, v, k) => s + v * w[k], 0)));
      for (let a = 0; a < d; a++) {
        g[a] += (p - y[i]) * xi[a];
        for (let b = 0; b < d; b++) H[a][b] += p * (1 - p) * xi[a] * xi[b];
      }
    });
    for (let a = 0; a < d; a++) ((g[a] += 1e-4 * w[a]), (H[a][a] += 1e-4));
    const step = solve(H, g);
    for (let a = 0; a < d; a++) w[a] -= step[a];
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++)
      if (r !== c) {
        const f = M[r][c] / M[c][c];
        for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
      }
  }
  return M.map((r, i) => r[n] / r[i]);
}
const mix = (zs: number[][], w: number[]) => zs[0].map((_, i) => zs.reduce((s, z, m) => s + w[m] * z[i], 0)); // prettier-ignore
/** Simplex grid of weights for m models, step 1/steps. */
function simplex(m: number, steps: number): number[][] {
  if (m === 1) return [[1]];
  const out: number[][] = [];
  for (let k = 0; k <= steps; k++) for (const rest of simplex(m - 1, steps - k)) out.push([k / steps, ...rest.map((r) => (r * (steps - k)) / steps)]); // prettier-ignore
  return out;
}

type Rule = (f: Fold) => number[] | null; // outer test decision values after the rule's choices
const has = (f: Fold, ...m: string[]) => m.every((x) => f.oof[x] && f.dec[x]);
const rules: Record<string, Rule> = {};
for (const m of [
  'base',
  'cw07',
  'cw14',
  'word',
  'char',
  'w3',
  'noidf',
  'do1',
  'do3',
  'knn',
  'lr1',
  'lr4',
  'lr16'
])
  rules[m] = (f) => (has(f, m) ? f.dec[m] : null);
for (const m of ['base', 'w3', 'noidf', 'lr1', 'lr4', 'lr16']) {
  // 1. threshold maximising inner-CV accuracy.
  rules[`${m}+thr`] = (f) => {
    if (!has(f, m)) return null;
    const t = bestThreshold(f.oof[m], f.yTrain);
    return f.dec[m].map((z) => z - t);
  };
  // 1b. Platt scaling on the inner-CV values: p = 0.5 at z = −b/a.
  rules[`${m}+platt`] = (f) => {
    if (!has(f, m)) return null;
    const [a, b] = logreg(
      f.oof[m].map((z) => [z]),
      f.yTrain
    );
    return f.dec[m].map((z) => a * z + b);
  };
}
// 3. Class weight chosen by inner-CV accuracy (optionally with its threshold).
const cwSet = ['base', 'cw07', 'cw14'];
rules['cw-chosen'] = (f) => {
  if (!has(f, ...cwSet)) return null;
  const m = cwSet.reduce((a, b) => (acc(f.oof[b], f.yTrain) > acc(f.oof[a], f.yTrain) ? b : a));
  return f.dec[m];
};
// 2. Views mixed: weights on a 0.1 simplex grid chosen by inner-CV accuracy; and stacking.
for (const set of [
  ['base', 'word', 'char'],
  ['word', 'char'],
  ['base', 'w3'],
  ['base', 'noidf'],
  ['base', 'w3', 'noidf', 'word', 'char'],
  ['base', 'knn'],
  ['base', 'do1'],
  ['base', 'do3'],
  ['base', 'lr1'],
  ['base', 'lr4'],
  ['base', 'lr16']
]) {
  // prettier-ignore
  const name = set.join('+');
  const grid = simplex(set.length, set.length > 3 ? 5 : 10);
  rules[`mix(${name})`] = (f) => {
    if (!has(f, ...set)) return null;
    const zo = set.map((m) => f.oof[m]);
    let best = { w: grid[0], a: -1 };
    for (const w of grid) {
      const a = acc(mix(zo, w), f.yTrain);
      if (a > best.a) best = { w, a };
    }
    return mix(
      set.map((m) => f.dec[m]),
      best.w
    );
  };
  rules[`stack(${name})`] = (f) => {
    if (!has(f, ...set)) return null;
    const w = logreg(
      f.oof[set[0]].map((_, i) => set.map((m) => f.oof[m][i])),
      f.yTrain
    );
    return f.dec[set[0]].map((_, i) => set.reduce((s, m, k) => s + w[k] * f.dec[m][i], w[set.length])); // prettier-ignore
  };
}

// 4. Length-aware stacking: logistic regression on z, z·log(length), log(length).
for (const m of ['base', 'w3']) {
  const feats = (z: number[], len: number[]) => z.map((v, i) => [v, v * len[i], len[i]]);
  rules[`${m}+lenstack`] = (f) => {
    if (!has(f, m)) return null;
    const w = logreg(feats(f.oof[m], f.lenTrain), f.yTrain);
    return feats(f.dec[m], f.lenTest).map((x) => x.reduce((s, v, k) => s + w[k] * v, w[3]));
  };
}
// LR's C chosen by inner-CV accuracy, alone and mixed with the SVM.
const lrSet = ['lr1', 'lr4', 'lr16'];
const pickLr = (f: Fold) => lrSet.reduce((a, b) => (acc(f.oof[b], f.yTrain) > acc(f.oof[a], f.yTrain) ? b : a)); // prettier-ignore
rules['lr-chosen'] = (f) => (has(f, ...lrSet) ? f.dec[pickLr(f)] : null);
rules['stack(base+lr-chosen)'] = (f) => {
  if (!has(f, 'base', ...lrSet)) return null;
  const set = ['base', pickLr(f)];
  const w = logreg(
    f.oof.base.map((_, i) => set.map((m) => f.oof[m][i])),
    f.yTrain
  );
  return f.dec.base.map((_, i) => set.reduce((s, m, k) => s + w[k] * f.dec[m][i], w[2]));
};
// Any model chosen alone by inner-CV accuracy.
rules['best-alone'] = (f) => {
  const ms = Object.keys(f.oof).filter((m) => f.dec[m]);
  const m = ms.reduce((a, b) => (acc(f.oof[b], f.yTrain) > acc(f.oof[a], f.yTrain) ? b : a));
  return f.dec[m];
};

const r4 = (v: number) => v.toFixed(4);
for (const [name, rule] of Object.entries(rules)) {
  const a: number[] = [];
  for (const k of folds) {
    const z = rule(byFold.get(k)!);
    if (z) a.push(acc(z, byFold.get(k)!.yTest));
  }
  if (!a.length) continue;
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  const sd = Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, a.length - 1));
  console.log(name.padEnd(36), r4(m), '±', r4(sd), `(${a.length} folds)`, a.map(r4).join(' / '));
}

import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { rocAuc, seededRandom, stratifiedKFold } from '../../../src/lib/core/evaluate';
import { LogisticRegression } from '../../../src/lib/core/models/learners/logistic';
import { binMatrix, binOf, computeBinEdges } from '../../../src/lib/core/models/learners/gbdt/bins';
import { forestMargin, mergeForests } from '../../../src/lib/core/models/learners/gbdt/forest';
import { Gbdt, type LabelledMatrix } from '../../../src/lib/core/models/learners/gbdt/gbdt';
import { compiledMargin, compileForest } from '../../../src/lib/core/models/learners/gbdt/scorer';

/** n rows of nCols uniform(-1, 1) features with label rule(x). */
function synth(n: number, nCols: number, seed: number, rule: (x: Float32Array) => number) {
  const rand = seededRandom(seed);
  const X = new Float32Array(n * nCols);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = X.subarray(i * nCols, (i + 1) * nCols);
    for (let c = 0; c < nCols; c++) x[c] = rand() * 2 - 1;
    y[i] = rule(x);
  }
  return { X, nCols, y };
}

const xor = (x: Float32Array) => (x[0] > 0 !== x[1] > 0 ? 1 : 0);
const step = (x: Float32Array) => (x[2] > 0.3 || x[2] < -0.6 ? 1 : 0); // non-monotone step

async function heldOutAuc(rule: (x: Float32Array) => number) {
  const train = synth(3000, 5, 1, rule);
  const test = synth(1000, 5, 2, rule);
  const gbdt = new Gbdt();
  await gbdt.fit(train);
  const lr = new LogisticRegression();
  await lr.fit(train);
  return { gbdt: rocAuc(test.y, gbdt.predict(test.X)), lr: rocAuc(test.y, lr.predict(test.X)) };
}

describe('bins', () => {
  it('gives one bin per distinct value when there are few, and edges agree with binOf', () => {
    const X = Float32Array.from([3, 1, 2, 3, 1, NaN]);
    const [e] = computeBinEdges(X, 1, null, 255);
    expect(Array.from(e)).toEqual([1.5, 2.5, Infinity]);
    expect(Array.from(binMatrix(X, 1, [e]))).toEqual([2, 0, 1, 2, 0, 0]);
  });

  it('caps at maxBins with roughly equal counts, from the given rows only', () => {
    const n = 10_000;
    const X = Float32Array.from({ length: n }, (_, i) => i);
    const rows = Int32Array.from({ length: n / 2 }, (_, i) => i); // values 0..4999 only
    const [e] = computeBinEdges(X, 1, rows, 64);
    expect(e.length).toBe(64);
    expect(e[62]).toBeLessThan(5000);
    const counts = new Array(64).fill(0);
    for (let i = 0; i < n / 2; i++) counts[binOf(e, X[i])]++;
    expect(Math.max(...counts)).toBeLessThan(2 * Math.min(...counts));
    // "bin <= b" is "x <= e[b]" for every value and every edge.
    for (let i = 0; i < n; i += 37) {
      const b = binOf(e, X[i]);
      for (let k = 0; k < 63; k++) expect(b <= k).toBe(X[i] <= e[k]);
    }
  });
});

describe('Gbdt', () => {
  it('learns an XOR interaction that logistic regression cannot', async () => {
    const auc = await heldOutAuc(xor);
    expect(auc.lr).toBeLessThan(0.6);
    expect(auc.gbdt).toBeGreaterThan(0.95);
  });

  it('learns a non-monotone threshold step', async () => {
    const auc = await heldOutAuc(step);
    expect(auc.lr).toBeLessThan(0.75);
    expect(auc.gbdt).toBeGreaterThan(0.95);
  });

  it('stops early on pure noise and keeps few trees', async () => {
    const rand = seededRandom(9);
    const d = synth(2000, 10, 3, () => (rand() < 0.3 ? 1 : 0));
    const m = new Gbdt({ maxRounds: 500, earlyStoppingRounds: 20 });
    let epochs = 0;
    let lastVal: number | undefined;
    await m.fit(d, {
      onEpoch: (_, logs) => {
        epochs++;
        lastVal = logs.valLoss;
      }
    });
    expect(lastVal).toBeDefined();
    expect(epochs).toBeLessThan(500);
    expect(epochs).toBe(m.roundsRun + 20);
    expect(m.roundsRun).toBeLessThan(30);
    expect(m.forest!.root.length).toBe(m.roundsRun);
  });

  it('runs exactly `rounds` rounds in fixed mode', async () => {
    const d = synth(1000, 4, 4, xor);
    const m = new Gbdt({ rounds: 37 });
    let epochs = 0;
    let sawValLoss = false;
    await m.fit(d, {
      onEpoch: (_, logs) => {
        epochs++;
        sawValLoss ||= logs.valLoss !== undefined;
      }
    });
    expect(epochs).toBe(37);
    expect(m.roundsRun).toBe(37);
    expect(m.forest!.root.length).toBe(37);
    expect(sawValLoss).toBe(false);
  });

  it('uses an explicit validation set for early stopping', async () => {
    const train = synth(2000, 5, 5, xor);
    const val = synth(500, 5, 6, xor);
    const m = new Gbdt({ maxRounds: 60 });
    const losses: number[] = [];
    await m.fit(train, { validation: val, onEpoch: (_, l) => losses.push(l.valLoss!) });
    expect(losses.length).toBe(60);
    expect(losses[59]).toBeLessThan(losses[0]);
    expect(m.bestValLoss).toBe(Math.min(...losses));
  });

  it('is deterministic for a seed (with bagging and column sampling), and the seed matters', async () => {
    const d = synth(1500, 6, 7, xor);
    const params = { rounds: 30, baggingFraction: 0.7, featureFraction: 0.6 };
    const a = new Gbdt(params);
    const b = new Gbdt(params);
    const c = new Gbdt({ ...params, seed: 7 });
    await a.fit(d);
    await b.fit(d);
    await c.fit(d);
    const test = synth(300, 6, 8, xor).X;
    expect(Array.from(b.predict(test))).toEqual(Array.from(a.predict(test)));
    expect(Array.from(c.predict(test))).not.toEqual(Array.from(a.predict(test)));
  });

  it('merges forests into one whose margin is the mean of theirs', async () => {
    const d = synth(1200, 5, 21, step);
    const a = new Gbdt({ rounds: 12, numLeaves: 7 });
    const b = new Gbdt({ rounds: 20, numLeaves: 15, seed: 3, baggingFraction: 0.7 });
    await a.fit(d);
    await b.fit({ ...d, y: Uint8Array.from(d.y, (v, i) => (i % 7 ? v : 1 - v)) });
    const test = synth(300, 5, 22, step).X;
    const merged = mergeForests([a.forest!, b.forest!]);
    expect(merged.root.length).toBe(32);
    const ma = forestMargin(a.forest!, test);
    const mb = forestMargin(b.forest!, test);
    const mm = forestMargin(merged, test);
    for (let i = 0; i < mm.length; i++) expect(mm[i]).toBeCloseTo((ma[i] + mb[i]) / 2, 12);
  });

  it('with bags, averages boosters each stopped on its own fold: a different model, just as additive', async () => {
    const d = synth(2000, 6, 23, xor);
    const one = new Gbdt({ numLeaves: 7 });
    const committee = new Gbdt({ numLeaves: 7, bags: 4 });
    await one.fit(d);
    await committee.fit(d);
    const test = synth(400, 6, 24, xor);
    // Four boosters' trees, each early-stopped (so well under 4 x maxRounds).
    expect(committee.roundsRun).toBe(committee.forest!.root.length);
    expect(committee.roundsRun).toBeGreaterThan(one.roundsRun);
    expect(Array.from(committee.predict(test.X))).not.toEqual(Array.from(one.predict(test.X)));
    expect(rocAuc(test.y, committee.predict(test.X))).toBeGreaterThan(0.95);
    // TreeSHAP stays exact on the merged forest: expected + contributions = margin.
    const X = test.X.subarray(0, 50 * 6);
    const { values, expected } = committee.shap(X);
    const margin = committee.margin(X);
    for (let i = 0; i < 50; i++) {
      let sum = expected;
      for (let c = 0; c < 6; c++) sum += values[i * 6 + c];
      expect(sum).toBeCloseTo(margin[i], 9);
    }
    // A fixed round count, or an explicit validation set, means one booster, as before.
    const fixed = new Gbdt({ numLeaves: 7, bags: 4, rounds: 10 });
    await fixed.fit(d);
    expect(fixed.roundsRun).toBe(10);
    const watched = new Gbdt({ numLeaves: 7, bags: 4 });
    const plain = new Gbdt({ numLeaves: 7 });
    const val = synth(500, 6, 25, xor);
    await watched.fit(d, { validation: val });
    await plain.fit(d, { validation: val });
    expect(Array.from(watched.predict(test.X))).toEqual(Array.from(plain.predict(test.X)));
  });

  it('round-trips through toJSON / fromJSON with bitwise identical predictions', async () => {
    const d = synth(1500, 6, 10, step);
    const m = new Gbdt({ numLeaves: 15 });
    await m.fit(d);
    const saved = m.toJSON();
    expect(saved.kind).toBe('gbdt');
    expect(saved.backend).toBe('plain');
    expect(saved.params.learningRate).toBe(0.05);
    // Through a structured clone, as IndexedDB stores it.
    const back = Gbdt.fromJSON(structuredClone(saved));
    const test = synth(500, 6, 11, step).X;
    test[3] = NaN;
    const p0 = m.predict(test);
    const p1 = back.predict(test);
    expect(Array.from(new Uint32Array(p1.buffer))).toEqual(Array.from(new Uint32Array(p0.buffer)));
    expect(back.roundsRun).toBe(m.roundsRun);
    expect(Array.from(back.featureImportance().gain)).toEqual(
      Array.from(m.featureImportance().gain)
    );
    expect(Array.from(back.shap(test.subarray(0, 60)).values)).toEqual(
      Array.from(m.shap(test.subarray(0, 60)).values)
    );
  });

  it('cancels a long fit with an AbortError', async () => {
    const d = synth(20_000, 20, 12, xor);
    const m = new Gbdt({ rounds: 100_000 });
    const ctrl = new AbortController();
    let epochs = 0;
    setTimeout(() => ctrl.abort(), 200);
    const t0 = performance.now();
    const err = await m
      .fit(d, { signal: ctrl.signal, onEpoch: () => epochs++ })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
    expect(epochs).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('does not crash on NaN and sends NaN left', async () => {
    const d = synth(1000, 3, 13, step);
    for (let i = 0; i < 1000; i += 10) d.X[i * 3 + 2] = NaN;
    const m = new Gbdt({ rounds: 20 });
    await m.fit(d);
    const p = m.predict(Float32Array.from([NaN, NaN, NaN, 0, 0, -1]));
    expect(Number.isFinite(p[0]) && Number.isFinite(p[1])).toBe(true);
    // NaN in x2 scores like the lowest x2 (the left-most branch of every split).
    const low = m.predict(Float32Array.from([0, 0, -1e30]));
    const nan = m.predict(Float32Array.from([0, 0, NaN]));
    expect(nan[0]).toBe(low[0]);
  });

  it('scores exactly like the plain tree walk, at thresholds and for NaN, ±0 and ±Inf', async () => {
    const nCols = 4;
    const d = synth(3000, nCols, 15, (x) => (x[0] * x[1] > 0 || x[2] > 0.5 ? 1 : 0));
    for (let i = 0; i < 3000; i += 7) d.X[i * nCols + 3] = Math.round(d.X[i * nCols + 3] * 4) / 4;
    const m = new Gbdt({ rounds: 60, numLeaves: 40, minDataInLeaf: 3 });
    await m.fit(d);
    const f = m.forest!;
    // Rows whose values sit on, just below and just above every threshold (as float32).
    const f32 = new Float32Array(1);
    const u32 = new Int32Array(f32.buffer);
    const near: number[] = [];
    for (let k = 0; k < f.feature.length; k++) {
      if (f.feature[k] < 0) continue;
      f32[0] = f.threshold[k];
      const at = f32[0];
      u32[0] += 1;
      const up = f32[0];
      u32[0] -= 2;
      near.push(at, up, f32[0]);
    }
    const specials = [NaN, 0, -0, Infinity, -Infinity, 1e-45, -1e-45];
    const rand = seededRandom(16);
    const n = 5003; // not a multiple of the 8-row groups
    const X = new Float32Array(n * nCols);
    for (let j = 0; j < X.length; j++) {
      const pool = rand() < 0.15 ? specials : near;
      X[j] = pool[Math.floor(rand() * pool.length)];
    }
    const plain = forestMargin(f, X);
    const fast = compiledMargin(compileForest(f), X);
    expect(Array.from(fast)).toEqual(Array.from(plain));
    expect(Array.from(m.margin(X))).toEqual(Array.from(plain));

    // A hand-made stump at -0 (never produced by binning, where +0 and -0 are one value).
    const stump = {
      nCols: 1,
      initScore: 0,
      feature: Int32Array.of(0, -1, -1),
      threshold: Float64Array.of(-0, 0, 0),
      left: Int32Array.of(1, -1, -1),
      right: Int32Array.of(2, -1, -1),
      value: Float64Array.of(0, -1, 1),
      cover: Float64Array.of(2, 1, 1),
      gain: new Float64Array(3),
      root: Int32Array.of(0)
    };
    const edge = Float32Array.of(0, -0, 1e-45, -1e-45, NaN, Infinity, -Infinity);
    expect(Array.from(compiledMargin(compileForest(stump), edge))).toEqual([
      -1, -1, 1, -1, -1, 1, -1
    ]);
  });

  it('ranks the informative columns first in gain importance', async () => {
    const d = synth(2000, 5, 14, step);
    const m = new Gbdt({ rounds: 50 });
    await m.fit(d);
    const { gain, split } = m.featureImportance();
    expect(gain.indexOf(Math.max(...gain))).toBe(2);
    expect(split[2]).toBeGreaterThan(0);
  });
});

const TELCO = '/work/shared/datasets/telco-churn/telco-customer-churn.csv';

/** Telco encoded simply: 3 numeric columns (blank TotalCharges → median) + one-hot categoricals. */
function telcoMatrix(): LabelledMatrix {
  const rows = Papa.parse<Record<string, string>>(readFileSync(TELCO, 'utf8'), {
    header: true,
    skipEmptyLines: true
  }).data;
  const numeric = ['tenure', 'MonthlyCharges', 'TotalCharges'];
  const skip = new Set(['customerID', 'Churn', ...numeric]);
  const categorical = Object.keys(rows[0]).filter((k) => !skip.has(k));
  const levels = categorical.map((k) => [...new Set(rows.map((r) => r[k]))].sort());
  const totals = rows
    .map((r) => r.TotalCharges.trim())
    .filter((v) => v !== '')
    .map(Number)
    .sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)];
  const nCols = numeric.length + levels.reduce((s, l) => s + l.length, 0);
  const X = new Float32Array(rows.length * nCols);
  rows.forEach((r, i) => {
    let c = i * nCols;
    for (const k of numeric) X[c++] = r[k].trim() === '' ? median : Number(r[k]);
    categorical.forEach((k, j) => {
      for (const level of levels[j]) X[c++] = r[k] === level ? 1 : 0;
    });
  });
  return { X, nCols, y: Uint8Array.from(rows, (r) => (r.Churn === 'Yes' ? 1 : 0)) };
}

describe('Gbdt on Telco churn', () => {
  it.skipIf(!existsSync(TELCO))(
    '5-fold stratified CV AUC with defaults is about 0.84',
    async () => {
      const d = telcoMatrix();
      expect(d.y.length).toBe(7043);
      const take = (rows: number[]) => {
        const X = new Float32Array(rows.length * d.nCols);
        rows.forEach((r, k) => X.set(d.X.subarray(r * d.nCols, (r + 1) * d.nCols), k * d.nCols));
        return { X, nCols: d.nCols, y: Uint8Array.from(rows, (r) => d.y[r]) };
      };
      const aucs: number[] = [];
      for (const fold of stratifiedKFold(d.y, 5, 42)) {
        const m = new Gbdt();
        await m.fit(take(fold.train));
        const test = take(fold.test);
        aucs.push(rocAuc(test.y, m.predict(test.X)));
      }
      const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
      console.log(`Telco GBDT 5-fold AUC ${mean.toFixed(4)} (${aucs.map((a) => a.toFixed(3))})`);
      expect(mean).toBeGreaterThan(0.83);
    },
    120_000
  );
  if (!existsSync(TELCO)) console.warn(`Telco CV test skipped: ${TELCO} not found`);
});

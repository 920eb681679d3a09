// The boosting loop (Friedman 2001) with LightGBM-style trees (Ke et al. 2017): binary log-loss,
// gradient p − y, hessian p(1 − p), starting from the log-odds of the training base rate; one
// leaf-wise tree per round on seeded row/column subsamples; early stopping on validation log-loss
// (an explicit set, or a stratified carve-out of the training rows), keeping the best round.
// With `bags` > 1, one such booster per stratified fold of the rows, each stopped on its own
// fold and trained on the rest, averaged (a cross-validation committee: every row trains all but
// one member, and the average is less noisy than any one carve-out's stopping point).
import { seededRandom, shuffleInPlace, stratifiedKFold } from '../../../evaluate/splits';
import type { FitOptions } from '../../model';
import { binMatrix, computeBinEdges } from './bins';
import { addTrees, ForestBuilder, leafOf, mergeForests, type Forest } from './forest';
import { TreeGrower } from './grow';
import type { GbdtParams, LabelledMatrix } from './params';

export interface BoostResult {
  forest: Forest;
  /** Trees kept (the best round when early stopping). */
  roundsRun: number;
  /** Validation log-loss of the kept trees; NaN without early stopping. */
  bestValLoss: number;
}

/** Yield to the event loop at least this often (ms) so aborts and UI updates get through. */
const YIELD_MS = 50;

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Mean log-loss of margins `s` against labels (stable softplus form). */
function meanLogLoss(s: Float64Array, y: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const z = s[i];
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    sum += softplus - (y[i] ? z : 0);
  }
  return s.length ? sum / s.length : NaN;
}

/** Stratified split of row indices into (train, validation) with `share` of each class held out. */
function stratifiedHoldout(y: ArrayLike<number>, share: number, rand: () => number) {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] ? pos : neg).push(i);
  shuffleInPlace(pos, rand);
  shuffleInPlace(neg, rand);
  const nvp = Math.round(pos.length * share);
  const nvn = Math.round(neg.length * share);
  const val = [...pos.slice(0, nvp), ...neg.slice(0, nvn)].sort((a, b) => a - b);
  const train = [...pos.slice(nvp), ...neg.slice(nvn)].sort((a, b) => a - b);
  return { train: Int32Array.from(train), val: Int32Array.from(val) };
}

function gatherRows(X: Float32Array, nCols: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * nCols);
  for (let k = 0; k < rows.length; k++)
    out.set(X.subarray(rows[k] * nCols, (rows[k] + 1) * nCols), k * nCols);
  return out;
}

/** The first `k` of `count` indices in a seeded random order, sorted (a subsample). */
function sampleSorted(count: number, k: number, rand: () => number, out: Int32Array): Int32Array {
  for (let i = 0; i < count; i++) out[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (count - i));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out.subarray(0, k).sort();
}

/** Fit a forest to `data` (see GbdtParams); async so it can yield and honour `opts.signal`. */
export async function boost(
  data: LabelledMatrix,
  p: Required<GbdtParams>,
  opts: FitOptions & { validation?: LabelledMatrix } = {}
): Promise<BoostResult> {
  const committee = p.bags > 1 && !opts.validation && p.rounds <= 0 && p.earlyStoppingRounds > 0;
  if (!committee) return boostOne(data, p, opts);
  const members: BoostResult[] = [];
  const folds = stratifiedKFold(data.y, p.bags, p.seed);
  for (let j = 0; j < folds.length; j++)
    members.push(
      await boostOne(data, { ...p, seed: p.seed + j }, opts, {
        train: Int32Array.from(folds[j].train),
        val: Int32Array.from(folds[j].test)
      })
    );
  return {
    forest: mergeForests(members.map((m) => m.forest)),
    roundsRun: members.reduce((t, m) => t + m.roundsRun, 0),
    bestValLoss: members.reduce((t, m) => t + m.bestValLoss, 0) / members.length
  };
}

/** One booster; `split` (sorted row indices) replaces the random carve-out when given. */
async function boostOne(
  data: LabelledMatrix,
  p: Required<GbdtParams>,
  opts: FitOptions & { validation?: LabelledMatrix },
  split?: { train: Int32Array; val: Int32Array }
): Promise<BoostResult> {
  const { X, nCols } = data;
  const nAll = data.y.length;
  if (X.length !== nAll * nCols)
    throw new Error(`X has ${X.length} values, expected ${nAll} x ${nCols}`);
  if (opts.validation && opts.validation.nCols !== nCols)
    throw new Error(`validation has ${opts.validation.nCols} columns, training ${nCols}`);
  const rand = seededRandom(p.seed);
  const fixed = p.rounds > 0;

  // Training rows, and the validation rows early stopping watches.
  let trainRows: Int32Array;
  let valX: Float32Array | null = null;
  let valY: Uint8Array | null = null;
  if (opts.validation) {
    trainRows = Int32Array.from({ length: nAll }, (_, i) => i);
    valX = opts.validation.X;
    valY = Uint8Array.from(opts.validation.y, (v) => (v ? 1 : 0));
  } else if (!fixed && p.earlyStoppingRounds > 0 && (split || p.validationShare > 0)) {
    const s = split ?? stratifiedHoldout(data.y, p.validationShare, rand);
    trainRows = s.train;
    valX = gatherRows(X, nCols, s.val);
    valY = Uint8Array.from(s.val, (i) => (data.y[i] ? 1 : 0));
  } else {
    trainRows = Int32Array.from({ length: nAll }, (_, i) => i);
  }
  if (valY && valY.length === 0) valX = valY = null;
  const n = trainRows.length;
  if (n === 0) throw new Error('no training rows');
  const y = Uint8Array.from(trainRows, (i) => (data.y[i] ? 1 : 0));

  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += y[i];
  const base = Math.min(Math.max(nPos / n, 1e-6), 1 - 1e-6);
  const initScore = Math.log(base / (1 - base));

  const edges = computeBinEdges(X, nCols, trainRows, p.maxBins);
  const bins = binMatrix(X, nCols, edges, trainRows);
  const grower = new TreeGrower(bins, n, edges, p);
  const builder = new ForestBuilder(nCols, initScore);

  const score = new Float64Array(n).fill(initScore);
  const valScore = valY ? new Float64Array(valY.length).fill(initScore) : null;
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const rows = new Int32Array(n);
  const inBag = new Uint8Array(n);
  const allCols = Int32Array.from({ length: nCols }, (_, c) => c);
  const colScratch = new Int32Array(nCols);
  const nFeat = Math.max(1, Math.round(nCols * Math.min(1, p.featureFraction)));
  const nBag = Math.max(1, Math.round(n * Math.min(1, p.baggingFraction)));
  const maxRounds = fixed ? p.rounds : p.maxRounds;
  const stopping = !fixed && valY !== null && p.earlyStoppingRounds > 0;

  let best = Infinity;
  let bestRound = -1;
  let lastYield = performance.now();
  for (let round = 0; round < maxRounds; round++) {
    if (opts.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
    for (let i = 0; i < n; i++) {
      const pr = sigmoid(score[i]);
      g[i] = pr - y[i];
      h[i] = pr * (1 - pr);
    }
    let m = n;
    if (nBag < n) {
      m = nBag;
      sampleSorted(n, nBag, rand, rows);
    } else for (let i = 0; i < n; i++) rows[i] = i;
    const features = nFeat < nCols ? sampleSorted(nCols, nFeat, rand, colScratch) : allCols;

    const leaves = grower.grow(builder, g, h, rows, m, features);
    const value = builder.forest.value;
    for (const l of leaves) {
      const v = value[l.node];
      for (let k = l.start; k < l.end; k++) score[rows[k]] += v;
    }
    if (m < n) {
      // Rows left out of the bag still need this tree's output.
      inBag.fill(0);
      for (let k = 0; k < m; k++) inBag[rows[k]] = 1;
      const root = builder.forest.root[builder.nTrees - 1];
      for (let i = 0; i < n; i++)
        if (!inBag[i]) score[i] += value[leafOf(builder.forest, root, X, trainRows[i] * nCols)];
    }

    const loss = meanLogLoss(score, y);
    let valLoss: number | undefined;
    if (valX && valY && valScore) {
      addTrees(builder.forest, builder.nTrees - 1, builder.nTrees, valX, valScore);
      valLoss = meanLogLoss(valScore, valY);
    }
    opts.onEpoch?.(round, valLoss === undefined ? { loss } : { loss, valLoss });

    if (stopping && valLoss !== undefined) {
      if (valLoss < best) {
        best = valLoss;
        bestRound = round;
      } else if (round - bestRound >= p.earlyStoppingRounds) break;
    }
    if (performance.now() - lastYield > YIELD_MS) {
      await new Promise((r) => setTimeout(r, 0));
      lastYield = performance.now();
    }
  }
  if (opts.signal?.aborted) throw new DOMException('training cancelled', 'AbortError');

  const kept = stopping && bestRound >= 0 ? bestRound + 1 : builder.nTrees;
  return { forest: builder.finish(kept), roundsRun: kept, bestValLoss: stopping ? best : NaN };
}

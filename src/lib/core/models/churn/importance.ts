// Permutation importance (Breiman 2001; Fisher, Rudin & Dominici 2019): how much the ROC AUC
// drops when one input column is shuffled across rows, breaking its link with the label.
// One-hot columns of one input are shuffled together (same permutation) so a categorical
// counts once.
import { rocAuc } from '../../evaluate/metrics';
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';

export interface Importance {
  feature: string;
  /** Mean AUC drop (can be slightly negative for useless columns). */
  aucDrop: number;
  sd: number;
}

export interface ImportanceInput {
  X: Float32Array;
  nCols: number;
  y: ArrayLike<number>;
  groups: { source: string; cols: number[] }[];
  predict: (X: Float32Array) => Float32Array;
}

/** Raw per-repeat AUC drops for each group: callers can pool them over folds. */
export function permutationDrops(
  inp: ImportanceInput,
  repeats = 3,
  seed = 7
): Map<string, number[]> {
  const { X, nCols, y, groups, predict } = inp;
  const n = y.length;
  const base = rocAuc(y, predict(X));
  const rand = seededRandom(seed);
  const out = new Map<string, number[]>();
  const Xp = new Float32Array(X);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (const g of groups) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      shuffleInPlace(perm, rand);
      for (let i = 0; i < n; i++)
        for (const j of g.cols) Xp[i * nCols + j] = X[perm[i] * nCols + j];
      drops.push(base - rocAuc(y, predict(Xp)));
    }
    for (let i = 0; i < n; i++) for (const j of g.cols) Xp[i * nCols + j] = X[i * nCols + j];
    out.set(g.source, drops);
  }
  return out;
}

export function summariseDrops(drops: Map<string, number[]>): Importance[] {
  return [...drops.entries()]
    .map(([feature, d]) => {
      const m = d.reduce((s, x) => s + x, 0) / d.length;
      const v = d.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, d.length - 1);
      return { feature, aucDrop: m, sd: Math.sqrt(v) };
    })
    .sort((a, b) => b.aucDrop - a.aucDrop);
}

export function permutationImportance(inp: ImportanceInput, repeats = 3, seed = 7): Importance[] {
  return summariseDrops(permutationDrops(inp, repeats, seed));
}

// Train/test splits. Deterministic for a given seed.

export interface Fold {
  train: number[];
  test: number[];
}

/** Mulberry32: a tiny, fast, seedable PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Stratified k-fold: each fold keeps the class balance of `labels` (0/1). */
export function stratifiedKFold(labels: ArrayLike<number>, k: number, seed = 42): Fold[] {
  if (k < 2) throw new Error(`k-fold needs k >= 2, got ${k}`);
  const rand = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(i);
  }
  const foldOf = new Int32Array(labels.length);
  for (const idx of byClass.values()) {
    shuffleInPlace(idx, rand);
    idx.forEach((row, pos) => (foldOf[row] = pos % k));
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < labels.length; i++) (foldOf[i] === f ? test : train).push(i);
    return { train, test };
  });
}

/**
 * Time-based split: rows strictly before `cutoff` train, rows at or after it test (no shuffling,
 * so the model never sees the future). Rows with a non-finite time go nowhere.
 */
export function timeSplit(ts: ArrayLike<number>, cutoff: number): Fold {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    if (!Number.isFinite(ts[i])) continue;
    (ts[i] < cutoff ? train : test).push(i);
  }
  return { train, test };
}

/**
 * Stratified shuffle split of `rows` (indices into `labels`): about `testShare` of each class
 * goes to `test` (at least one of each class present when it has two or more rows).
 */
export function stratifiedSplit(
  rows: readonly number[],
  labels: ArrayLike<number>,
  testShare: number,
  seed = 42
): Fold {
  const rand = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  for (const r of rows) {
    const c = labels[r];
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(r);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const idx of [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)) {
    shuffleInPlace(idx, rand);
    const k =
      idx.length < 2
        ? 0
        : Math.min(idx.length - 1, Math.max(1, Math.round(idx.length * testShare)));
    test.push(...idx.slice(0, k));
    train.push(...idx.slice(k));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

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

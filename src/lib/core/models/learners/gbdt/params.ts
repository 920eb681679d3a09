// Inputs and parameters of the GBDT learner, with their defaults.

export interface LabelledMatrix {
  /** Row-major n x nCols. */
  X: Float32Array;
  nCols: number;
  /** 0/1 labels. */
  y: ArrayLike<number>;
}

export interface GbdtParams {
  /** Shrinkage applied to every leaf value. Default 0.05. */
  learningRate?: number;
  /** Leaves per tree, grown best-first. Default 31. */
  numLeaves?: number;
  /** Maximum depth; <= 0 means no limit. Default -1. */
  maxDepth?: number;
  minDataInLeaf?: number;
  minSumHessianInLeaf?: number;
  lambdaL2?: number;
  /** Bins per feature, at most 256. Default 255. */
  maxBins?: number;
  maxRounds?: number;
  /** Stop when validation log-loss has not improved for this many rounds. Default 50. */
  earlyStoppingRounds?: number;
  /**
   * Stratified share of the training rows held out for early stopping when fit() gets no
   * validation set. Default 0.15.
   */
  validationShare?: number;
  /** Share of columns each tree may split on (seeded). Default 1. */
  featureFraction?: number;
  /** Share of rows each tree is grown on (seeded). Default 1. */
  baggingFraction?: number;
  seed?: number;
  /**
   * Boosters averaged, each early-stopped on its own stratified 1/bags of the rows and trained
   * on the rest (used when fit() gets no validation set and rounds is 0). Default 1: one booster
   * with a validationShare carve-out.
   */
  bags?: number;
  /**
   * Fixed number of rounds on all rows, no early stopping (to refit on all rows with a round
   * count found earlier). 0 (default): early stopping.
   */
  rounds?: number;
}

export const DEFAULTS: Required<GbdtParams> = {
  learningRate: 0.05,
  numLeaves: 31,
  maxDepth: -1,
  minDataInLeaf: 20,
  minSumHessianInLeaf: 1e-3,
  lambdaL2: 1,
  maxBins: 255,
  maxRounds: 1000,
  earlyStoppingRounds: 50,
  validationShare: 0.15,
  featureFraction: 1,
  baggingFraction: 1,
  seed: 42,
  bags: 1,
  rounds: 0
};

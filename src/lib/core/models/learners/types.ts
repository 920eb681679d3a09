// What every tabular binary classifier offers the families that use it (churn today; synthetic
// data's efficacy check and others later): fit on a row-major matrix, predict probabilities,
// save with typed weights, free its memory.
import type { FitOptions, SavedModel } from '../model';

export interface LabelledMatrix {
  /** Row-major, y.length x nCols. */
  X: Float32Array;
  nCols: number;
  /** 0/1 labels. */
  y: ArrayLike<number>;
}

export interface BinaryClassifier {
  readonly kind: string;
  fit(data: LabelledMatrix, opts?: FitOptions): Promise<void>;
  /** P(y = 1) of each row of a row-major matrix with the training column count. */
  predict(X: Float32Array): Float32Array;
  toJSON(): SavedModel;
  dispose(): void;
}

/** Throws when a feature matrix holds NaN or ±Infinity, naming the first bad column. */
export function assertFinite(X: Float32Array, nCols: number, names?: readonly string[]): void {
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      const j = i % nCols;
      throw new Error(
        `feature "${names?.[j] ?? `column ${j + 1}`}" is not a finite number in row ${Math.floor(i / nCols) + 1}`
      );
    }
  }
}

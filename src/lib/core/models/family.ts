// The contract every model family implements once (see README.md in this folder): what data it
// needs, how it builds its dataset, its split-and-select protocol and training (with progress and
// cancel), scores keyed by entity kind, explanations, and saving. The registry (registry.ts), the
// runtime over the database (runtime.ts), the worker's handler factory and the CLI all work on
// this type alone, so a new family needs no plumbing of its own.
import type { Feedback } from '../feedback/store';
import type { DataInputs, DataNeed } from './inputs';
import type { Metrics, SavedModel } from './model';

export { ModelInputError } from '../errors';

/** What one score row is about. Pair kinds carry the second entity in `item`. */
export type ScoreEntity =
  'customer' | 'product' | 'customer-product' | 'customer-customer' | 'message' | 'record-pair';

export interface ScoreRow {
  entityKind: ScoreEntity;
  entityId: string;
  /** The second entity of a pair kind (a product, another customer, a record); '' otherwise. */
  item: string;
  /** The figure lists rank by: churn risk, lifetime value, match probability... */
  value: number;
  /** Family-specific detail (reasons, intervals, segment...), structured-cloneable. */
  detail?: Record<string, unknown>;
}

export interface TrainProgress {
  done: number;
  total: number;
  /** A phase name the page translates (with `params`), e.g. 'fold' {fold: 2, folds: 5}. */
  phase?: string;
  params?: Record<string, string | number>;
  /** Structured payload for live views (a training epoch's losses). */
  data?: unknown;
}

export interface TrainContext {
  signal?: AbortSignal;
  progress?(p: TrainProgress): void;
  /** tfjs backend in use, when the family uses tfjs ('plain' otherwise). */
  backend?: string;
}

export interface TrainOutput<M, R> {
  model: M;
  /** What the results view shows; every figure in it comes from data its choices never saw. */
  report: R;
  /** Headline figures for version lists (held-out). */
  metrics: Metrics;
  /** The date the model describes the customers as of (epoch ms). */
  snapshotDate: number;
  /** Name of the learner or model kind that was fitted (e.g. 'gbdt', 'bgnbd'). */
  kind: string;
  /**
   * What the family's held-out protocol saw of a model fitted without those rows (per row, the
   * family's own shape); not saved. A challenger is compared with its champion on it.
   */
  heldOut?: unknown;
}

/**
 * Both models' figures on the same held-out rows (core/models/challenge.ts compares them):
 * labels and scores for an AUC, or a per-row figure (higher is better) whose mean is compared.
 */
export type HeldOut =
  | { kind: 'auc'; labels: number[]; champion: number[]; challenger: number[] }
  | { kind: 'mean'; metric: string; champion: number[]; challenger: number[] };

/** How a family retrains on its user feedback as a challenger (see core/models/challenge.ts). */
export interface Challenger<O, D, M, R> {
  /** The challenger's options: `base` with the family's feedback (oldest first) in place of any. */
  withFeedback(base: O, feedback: readonly Feedback[]): O;
  /**
   * Both models on the same held-out rows that the feedback never chose: rows the challenger
   * was not fitted on (its `heldOut` or out-of-fold output), less every row a feedback signal
   * concerns, labelled from the data. The champion may have been fitted on some of them, which
   * can only favour it. Throws when the champion cannot score them.
   */
  heldOut(x: {
    champion: M;
    /** The champion's dataset on the current data (its own options). */
    championData(): Promise<D>;
    challenger: TrainOutput<M, R>;
    data: D;
  }): HeldOut | Promise<HeldOut>;
}

/**
 * A model family. `O` options (plain data: stored with each version so its dataset can be
 * rebuilt), `D` dataset, `M` trained model, `R` stored report, `V` the report as the page sees
 * it, `E` one entity's explanation, `A` extra operations the family offers (run with a FamilyEnv).
 */
export interface ModelFamily<O, D, M, R, V = R, E = never, A extends Actions = Actions> {
  readonly id: string;
  /** Data kinds it reads (imports or undos of these make its models stale). */
  readonly needs: readonly DataNeed[];
  /**
   * Merges and quality fixes do not make its versions stale (default: they do). The duplicates
   * matcher sets it: a merge is the user's own answer to its suggestions, not new data.
   */
  readonly ignoresEdits?: boolean;
  /** What its scores are keyed by. */
  readonly entity: ScoreEntity;
  /** Whether training or loading needs tfjs. */
  readonly usesTf: boolean;
  /** Build the dataset; throws ModelInputError with a message for the user when it cannot. */
  dataset(inputs: DataInputs, options: O): D;
  /** The split-and-select protocol and the final fit. Throws an AbortError when cancelled. */
  train(data: D, ctx: TrainContext): Promise<TrainOutput<M, R>>;
  /** Scores of every entity the dataset covers, as of its scoring date. */
  score(model: M, data: D, ctx: TrainContext): Promise<ScoreRow[]>;
  /** The stored report as the results view needs it (thinned curves...); identity by default. */
  present?(report: R): V;
  /** Why one entity got its score; null when the entity is not in the dataset. */
  explain?(model: M, data: D, entityId: string): E | null;
  save(model: M): SavedModel;
  load(saved: SavedModel): M | Promise<M>;
  dispose?(model: M): void;
  /** Retraining on user feedback as a challenger (the worker adds `<family>.challenge`). */
  challenger?: Challenger<O, D, M, R>;
  actions?: A;
}

/** An extra operation: `(env, args) => result`, exposed by the worker as `<family>.<name>`. */
export type Action = (env: any, args: any) => Promise<unknown>;
export type Actions = Record<string, Action>;

/** A family of any type parameters (what generic code takes). */
export type AnyFamily = ModelFamily<any, any, any, any, any, any, any>;

// The types a family's members produce, read from its shape (a member it lacks gives never, or
// for the view: the report itself).
export type OptionsOf<F> = F extends { dataset(i: any, o: infer O): any } ? O : never; // prettier-ignore
export type ReportOf<F> = F extends { train(...a: any[]): Promise<TrainOutput<any, infer R>> } ? R : never; // prettier-ignore
export type ViewOf<F> = F extends { present(r: any): infer V } ? V : ReportOf<F>; // prettier-ignore
export type ExplanationOf<F> = F extends { explain(m: any, d: any, id: string): infer E } ? Exclude<E, null> : never; // prettier-ignore
export type ActionsOf<F> = F extends { actions: infer A } ? A : {}; // prettier-ignore

/** Throw an AbortError when the signal has fired (what every long loop calls). */
export function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('training cancelled', 'AbortError');
}

/** Give the event loop a turn (progress messages, a cancel) inside long synchronous work. */
export const yieldToLoop = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

// Tabular learners as candidates for nested selection (evaluate/nested.ts): each candidate is a
// learner with one configuration (its hyper-parameters and the encoding it wants), fitted on
// rows of a raw feature table with the encoder fitted on those rows only.
import type { Candidate, FitContext, Fitted } from '../../evaluate/nested';
import type { RawTable } from '../../features/columns';
import {
  encodeRecord,
  encodeRows,
  fitEncoder,
  type Encoder,
  type EncoderOptions
} from '../../features/encode';
import type { RawValue } from '../../features/columns';
import type { SavedModel } from '../model';
import { Gbdt, type GbdtParams } from './gbdt/gbdt';
import { LogisticRegression, type LogisticParams } from './logistic';
import { Mlp, type MlpParams } from './mlp';
import { assertFinite, type BinaryClassifier } from './types';

/** Learner kinds, simplest first (the order the one-standard-error rule prefers). */
export type LearnerKind = 'logistic' | 'gbdt' | 'mlp' | 'mlp-ple';
export const LEARNER_KINDS: readonly LearnerKind[] = ['logistic', 'gbdt', 'mlp', 'mlp-ple'];
/** Trained unless the caller names others: the plain MLP is left out, as its piecewise-linear
 * twin does as well or better at the same cost. */
export const DEFAULT_LEARNERS: readonly LearnerKind[] = ['logistic', 'gbdt', 'mlp-ple'];
export const TF_LEARNERS: readonly LearnerKind[] = ['mlp', 'mlp-ple'];

export interface LearnerConfig {
  kind: LearnerKind;
  /** Short description of the configuration, shown in reports ('l2=1, log columns'). */
  label: string;
  encoder: EncoderOptions;
  params: LogisticParams | GbdtParams | MlpParams;
}

/**
 * What both boosted-tree configurations share: a committee of 5 boosters, each early-stopped on
 * its own fifth of the rows (GbdtParams bags), with row and column subsampling. On the public
 * bank-churn file (10,000 customers) the committee added 0.001–0.002 of outer-fold AUC over one
 * booster with a 15 % carve-out, and the subsampling another 0.001.
 */
const GBDT_COMMITTEE: GbdtParams = {
  learningRate: 0.05,
  featureFraction: 0.7,
  baggingFraction: 0.8,
  lambdaL2: 3,
  bags: 5
};

/**
 * The configurations searched inside the training folds. Small on purpose: each is fitted once
 * per outer fold plus once for the final choice.
 */
export const LEARNER_CONFIGS: Record<LearnerKind, LearnerConfig[]> = {
  logistic: [
    { kind: 'logistic', label: 'l2=1, log columns', encoder: {}, params: { l2: 1 } },
    { kind: 'logistic', label: 'l2=10, log columns', encoder: {}, params: { l2: 10 } },
    { kind: 'logistic', label: 'l2=0.1, log columns', encoder: {}, params: { l2: 0.1 } },
    {
      kind: 'logistic',
      label: 'l2=1',
      encoder: { logCompanions: false },
      params: { l2: 1 }
    }
  ],
  gbdt: [
    {
      kind: 'gbdt',
      label: '7 leaves, subsampled',
      encoder: { logCompanions: false },
      params: { numLeaves: 7, minDataInLeaf: 30, ...GBDT_COMMITTEE }
    },
    {
      kind: 'gbdt',
      label: '15 leaves, subsampled',
      encoder: { logCompanions: false },
      params: { numLeaves: 15, minDataInLeaf: 40, ...GBDT_COMMITTEE }
    }
  ],
  mlp: [{ kind: 'mlp', label: '32-16', encoder: {}, params: {} }],
  'mlp-ple': [
    {
      kind: 'mlp-ple',
      label: '32-16, 8 bins',
      encoder: { logCompanions: false, pleBins: 8 },
      params: {}
    }
  ]
};

export function makeClassifier(cfg: LearnerConfig, seed: number): BinaryClassifier {
  switch (cfg.kind) {
    case 'logistic':
      return new LogisticRegression(cfg.params as LogisticParams);
    case 'gbdt':
      return new Gbdt({ ...(cfg.params as GbdtParams), seed });
    case 'mlp':
    case 'mlp-ple':
      return new Mlp({ ...(cfg.params as MlpParams), seed });
  }
}

export function loadClassifier(kind: LearnerKind, saved: SavedModel): BinaryClassifier {
  if (kind === 'logistic') return LogisticRegression.fromJSON(saved);
  if (kind === 'gbdt') return Gbdt.fromJSON(saved);
  return Mlp.fromJSON(saved);
}

/** A raw table with labels, plus encodings cached per training-row set during one training. */
export interface TabularData {
  raw: RawTable;
  y: Uint8Array;
  cache: Map<string, { encoder: Encoder; X: Float32Array }>;
}

/** An encoder and the classifier fitted on its output. */
export class TabularModel implements Fitted<TabularData> {
  constructor(
    readonly config: LearnerConfig,
    readonly encoder: Encoder,
    readonly classifier: BinaryClassifier
  ) {}

  predict(data: TabularData, rows: readonly number[]): Float32Array {
    return this.classifier.predict(encodeRows(this.encoder, data.raw, [...rows]));
  }

  /** Risk of every row of a raw table (all rows by default). */
  predictTable(raw: RawTable, rows?: number[]): Float32Array {
    return this.classifier.predict(encodeRows(this.encoder, raw, rows));
  }

  /** Records ({ column: raw value }) encoded as one row-major matrix. */
  encodeRecords(records: Record<string, RawValue>[]): Float32Array {
    const p = this.encoder.columns.length;
    const X = new Float32Array(records.length * p);
    records.forEach((r, i) => X.set(encodeRecord(this.encoder, r), i * p));
    return X;
  }

  /** Risk of each record, in one batch. */
  predictRecords(records: Record<string, RawValue>[]): Float32Array {
    return this.classifier.predict(this.encodeRecords(records));
  }

  dispose(): void {
    this.classifier.dispose();
  }

  toJSON(): { config: LearnerConfig; encoder: Encoder; classifier: SavedModel } {
    return { config: this.config, encoder: this.encoder, classifier: this.classifier.toJSON() };
  }

  static fromJSON(j: ReturnType<TabularModel['toJSON']>): TabularModel {
    return new TabularModel(j.config, j.encoder, loadClassifier(j.config.kind, j.classifier));
  }
}

export interface EpochInfo {
  learner: LearnerKind;
  /** Which fit: 'o2' (outer fold 3), 'o2/inner', 'final'. */
  fit: string;
  epoch: number;
  loss: number;
  valLoss: number;
}

/** Fit one configuration on `rows` of the data (encoder fitted on those rows only). */
export async function fitTabular(
  cfg: LearnerConfig,
  data: TabularData,
  rows: readonly number[],
  ctx: FitContext,
  onEpoch?: (e: EpochInfo) => void
): Promise<TabularModel> {
  const key = `${ctx.key}|${JSON.stringify(cfg.encoder)}`;
  let enc = data.cache.get(key);
  if (!enc) {
    const encoder = fitEncoder(data.raw, [...rows], cfg.encoder);
    enc = { encoder, X: encodeRows(encoder, data.raw, [...rows]) };
    data.cache.set(key, enc);
  }
  const nCols = enc.encoder.columns.length;
  assertFinite(
    enc.X,
    nCols,
    enc.encoder.columns.map((c) => c.name)
  );
  const clf = makeClassifier(cfg, ctx.seed);
  await clf.fit(
    { X: enc.X, nCols, y: Uint8Array.from(rows, (r) => data.y[r]) },
    {
      signal: ctx.signal,
      // Epochs of the neural networks only: the live chart shows their loss curves.
      onEpoch:
        onEpoch && TF_LEARNERS.includes(cfg.kind)
          ? (epoch, logs) =>
              onEpoch({
                learner: cfg.kind,
                fit: ctx.key,
                epoch,
                loss: logs.loss,
                valLoss: logs.valLoss ?? logs.loss
              })
          : undefined
    }
  );
  return new TabularModel(cfg, enc.encoder, clf);
}

/** Parameters that replace a learner's defaults in every one of its configurations. */
export type LearnerOverrides = Partial<Record<LearnerKind, Record<string, unknown>>>;

/** One candidate per configuration of each learner kind. */
export function tabularCandidates(
  kinds: readonly LearnerKind[],
  onEpoch?: (e: EpochInfo) => void,
  overrides: LearnerOverrides = {}
): Candidate<TabularData>[] {
  return kinds.flatMap((kind) =>
    LEARNER_CONFIGS[kind].map((base) => {
      const cfg = { ...base, params: { ...base.params, ...overrides[kind] } };
      return {
        learner: kind,
        config: cfg.label,
        fit: (data: TabularData, rows: readonly number[], ctx: FitContext) =>
          fitTabular(cfg, data, rows, ctx, onEpoch)
      };
    })
  );
}

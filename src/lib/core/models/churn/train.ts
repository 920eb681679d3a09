// Train churn models honestly: nested cross-validation of every learner (evaluate/nested.ts),
// with each learner's configuration, the learner itself, the F1 threshold and the baseline's
// column chosen on training rows only; permutation importance of the fold models on their own
// test rows; then the same selection on all rows and the final fit. Nothing is saved here.
import { nestedCrossValidate, selectAndFit, type LearnerResult } from '../../evaluate/nested';
import { columnGroups, encodeRows } from '../../features/encode';
import type { ColumnInfo } from '../../features/columns';
import { checkAborted, type TrainContext, type TrainOutput } from '../family';
import {
  DEFAULT_LEARNERS,
  LEARNER_KINDS,
  TabularModel,
  tabularCandidates,
  type EpochInfo,
  type LearnerKind
} from '../learners/tabular';
import { bestColumnBaseline } from './baseline';
import type { ChurnDataset } from './dataset';
import { permutationDrops, summariseDrops, type Importance } from './importance';
import { ChurnModel } from './model';

export interface LearnerSummary {
  learner: string;
  mean: Record<string, number>;
  sd: Record<string, number>;
  folds: Record<string, number>[];
  /** Configuration (or learner, or baseline column) chosen in each fold. */
  chosen: string[];
  /** Time spent fitting this learner's candidates (all folds). */
  ms?: number;
}

export interface ChurnReport {
  label: {
    mode: 'column' | 'history';
    column: string | null;
    windowDays: number;
    trainCutoff: number;
    scoreCutoff: number;
    explanation: string;
  };
  rows: number;
  labelRate: number;
  folds: number;
  seed: number;
  learners: LearnerSummary[];
  /** The whole procedure: each outer fold scored by the learner chosen inside it. */
  selected: LearnerSummary;
  baseline: LearnerSummary;
  /** The deployed choice, made the same way on all rows. */
  final: { learner: string; config: string; threshold: number; innerAuc: Record<string, number> };
  y: Uint8Array;
  foldOf: Int32Array;
  /** Out-of-fold scores: per learner, 'selected' and 'baseline'. */
  oof: Record<string, Float32Array>;
  /** Per-fold thresholds chosen on training rows, same keys as `oof`. */
  thresholds: Record<string, number[]>;
  importance: Importance[];
  columns: { kept: ColumnInfo[]; dropped: ColumnInfo[]; leaky: string[] };
  trainingMs: number;
}

/** What `progress.data` carries after each neural-network epoch (live loss chart). */
export type EpochProgress = EpochInfo & { type: 'epoch' };

const summary = (r: LearnerResult, ms?: number): LearnerSummary => ({
  learner: r.learner,
  mean: r.mean,
  sd: r.sd,
  folds: r.folds as unknown as Record<string, number>[],
  chosen: r.chosen,
  ...(ms !== undefined ? { ms } : {})
});

export async function trainChurnModel(
  ds: ChurnDataset,
  ctx: TrainContext = {}
): Promise<TrainOutput<ChurnModel, ChurnReport>> {
  const t0 = performance.now();
  const o = ds.options;
  const k = o.folds ?? 5;
  const seed = o.seed ?? 42;
  // Simplest first: the order the one-standard-error rule prefers.
  const kinds: LearnerKind[] = o.learners?.length
    ? LEARNER_KINDS.filter((l) => o.learners!.includes(l))
    : [...DEFAULT_LEARNERS];
  const { raw, y } = ds.train;
  const nPos = y.reduce((s, v) => s + v, 0);
  if (nPos < k || y.length - nPos < k)
    throw new Error(
      `too few churned (${nPos}) or kept (${y.length - nPos}) customers for ${k} folds`
    );
  if (!raw.columns.length) throw new Error('no usable input columns: every column was left out');

  const ms = new Map<string, number>();
  const onEpoch = (e: EpochInfo) =>
    ctx.progress?.({ done: done, total, data: { type: 'epoch', ...e } satisfies EpochProgress });
  const candidates = tabularCandidates(kinds, onEpoch, o.learnerParams).map((c) => ({
    ...c,
    fit: async (...args: Parameters<typeof c.fit>) => {
      const t = performance.now();
      const f = await c.fit(...args);
      ms.set(c.learner, (ms.get(c.learner) ?? 0) + performance.now() - t);
      return f;
    }
  }));
  const nestedTotal = k * (candidates.length + kinds.length + 1);
  const total = nestedTotal + candidates.length + 1;
  let done = 0;
  const onStep = (s: {
    done: number;
    phase: string;
    fold: number;
    folds: number;
    learner: string;
  }) => {
    done = s.phase === 'final' ? nestedTotal + s.done : s.done;
    ctx.progress?.({
      done,
      total,
      phase: s.phase,
      params: { fold: s.fold, folds: s.folds, learner: s.learner }
    });
  };

  const drops = new Map<string, number[]>();
  const nested = await nestedCrossValidate(ds.train, y, candidates, {
    folds: k,
    seed,
    signal: ctx.signal,
    onStep,
    baseline: bestColumnBaseline,
    onChosenFold: (fitted, test, f) => {
      const m = fitted as TabularModel;
      const d = permutationDrops(
        {
          X: encodeRows(m.encoder, raw, [...test]),
          nCols: m.encoder.columns.length,
          y: Uint8Array.from(test, (r) => y[r]),
          groups: columnGroups(m.encoder),
          predict: (X) => m.classifier.predict(X)
        },
        3,
        seed + f
      );
      for (const [g, v] of d) drops.set(g, [...(drops.get(g) ?? []), ...v]);
    }
  });
  checkAborted(ctx.signal);
  const final = await selectAndFit(ds.train, y, candidates, { seed, signal: ctx.signal, onStep });
  ds.train.cache.clear();
  const tab = final.fitted as TabularModel;
  const model = new ChurnModel(
    tab,
    ChurnModel.metaOf(raw),
    ChurnModel.typicalOf(tab),
    final.threshold
  );

  const oof: Record<string, Float32Array> = {};
  const thresholds: Record<string, number[]> = {};
  for (const r of [...nested.learners, nested.selected, nested.baseline!]) {
    oof[r.learner] = r.oof;
    thresholds[r.learner] = r.thresholds;
  }
  const report: ChurnReport = {
    label: {
      mode: ds.plan.mode as 'column' | 'history',
      column: ds.plan.column,
      windowDays: ds.plan.windowDays,
      trainCutoff: ds.plan.trainCutoff,
      scoreCutoff: ds.plan.scoreCutoff,
      explanation: ds.explanation
    },
    rows: y.length,
    labelRate: nPos / y.length,
    folds: k,
    seed,
    learners: nested.learners.map((r) => summary(r, ms.get(r.learner))),
    selected: summary(nested.selected),
    baseline: summary(nested.baseline!),
    final: {
      learner: final.candidate.learner,
      config: final.candidate.config,
      threshold: final.threshold,
      innerAuc: final.innerAuc
    },
    y,
    foldOf: nested.foldOf,
    oof,
    thresholds,
    importance: summariseDrops(drops),
    columns: { kept: tab.encoder.columns, dropped: raw.dropped, leaky: raw.leaky ?? [] },
    trainingMs: performance.now() - t0
  };
  return {
    model,
    report,
    metrics: {
      auc: nested.selected.mean.auc,
      auc_sd: nested.selected.sd.auc,
      prAuc: nested.selected.mean.prAuc,
      f1: nested.selected.mean.f1
    },
    snapshotDate: ds.plan.scoreCutoff,
    kind: `churn-${final.candidate.learner}`
  };
}

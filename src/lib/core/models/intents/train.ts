// Train the intent classifier honestly: a stratified share of the labelled messages is held out
// as the test set; the classifier (with its own validation carve for calibration and the
// "unsure" threshold, learners/text/fit.ts) is trained on the rest and measured on the test set;
// then the same procedure runs on every labelled message for the model that is deployed.
import { stratifiedSplit } from '../../evaluate/splits';
import { checkAborted, type TrainContext, type TrainOutput } from '../family';
import type { TextClassifier } from '../learners/text/classifier';
import { evaluateTexts, type TextEvaluation } from '../learners/text/evaluate';
import { fitTextClassifier, type TextFitReport } from '../learners/text/fit';
import type { IntentDataset } from './dataset';

export interface TextReport {
  classes: string[];
  rows: { train: number; test: number; corrected: number };
  rare: string[];
  /** Figures on the held-out test messages (the model trained without them). */
  test: TextEvaluation;
  /** Choices made on validation messages carved from the training messages. */
  fit: TextFitReport;
  /** The deployed model (trained on every labelled message). */
  final: { kind: string; terms: number; threshold: number };
  trainingMs: number;
}

/** The test rows (dataset indices) and the class the model fitted without them gave each. */
export interface TextHeldOut {
  rows: number[];
  predicted: number[];
}

/** Train on a held-out protocol, then on everything; `family` names the kind ('intents'). */
export async function trainTextFamily(
  ds: Pick<IntentDataset, 'texts' | 'y' | 'classes' | 'options' | 'rare' | 'corrected'>,
  family: string,
  ctx: TrainContext
): Promise<TrainOutput<TextClassifier, TextReport>> {
  const t0 = performance.now();
  const o = ds.options;
  const all = Array.from({ length: ds.texts.length }, (_, i) => i);
  const { train, test } = stratifiedSplit(all, ds.y, o.testShare ?? 0.2, (o.seed ?? 42) + 1);
  const half = (offset: number) => ({
    signal: ctx.signal,
    progress: (p: { done: number; total: number; phase?: string; data?: unknown }) =>
      ctx.progress?.({ ...p, done: p.done + offset * p.total, total: 2 * p.total })
  });
  const held = await fitTextClassifier(
    train.map((r) => ds.texts[r]),
    Int32Array.from(train, (r) => ds.y[r]),
    ds.classes,
    o,
    half(0)
  );
  const evaluation = evaluateTexts(
    held.model,
    test.map((r) => ds.texts[r]),
    Int32Array.from(test, (r) => ds.y[r])
  );
  // The held-out rows as the model fitted without them classed them (a challenger's comparison).
  const heldOut: TextHeldOut = { rows: test, predicted: test.map((r) => held.model.predict(ds.texts[r]).top) }; // prettier-ignore
  checkAborted(ctx.signal);
  const final = await fitTextClassifier(ds.texts, ds.y, ds.classes, o, half(1));
  const m = final.model;
  return {
    model: m,
    report: {
      classes: ds.classes,
      rows: { train: train.length, test: test.length, corrected: ds.corrected },
      rare: ds.rare,
      test: evaluation,
      fit: held.report,
      final: { kind: m.combination.kind, terms: final.report.terms, threshold: m.threshold },
      trainingMs: performance.now() - t0
    },
    metrics: {
      accuracy: evaluation.accuracy,
      macroF1: evaluation.macroF1,
      coverage: evaluation.unsure.coverage
    },
    snapshotDate: Date.now(),
    kind: `${family}-${m.combination.kind}`,
    heldOut
  };
}

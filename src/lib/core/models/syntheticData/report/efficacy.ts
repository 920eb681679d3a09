// Machine-learning efficacy (train on synthetic, test on real): the churn learners of
// models/learners, each fitted once on the synthetic table and once on the real training rows
// (encoder fitted on the rows it learns from), both scored by ROC AUC on the real hold-out
// that the synthesiser never saw. Close figures mean the synthetic table carries the signal a
// consultant would model. Optionally, minority augmentation: the real training rows plus
// synthetic churners up to a balanced label, scored the same way.
import { binaryValue } from '../../../features/labels';
import type { RawTable } from '../../../features/columns';
import { rocAuc } from '../../../evaluate/metrics';
import { LEARNER_CONFIGS, fitTabular, type LearnerKind } from '../../learners/tabular';

export const EFFICACY_LEARNERS: readonly LearnerKind[] = ['logistic', 'gbdt'];

export interface EfficacyFigures {
  learner: LearnerKind;
  trainRealAuc: number;
  trainSynthAuc: number;
}

export interface EfficacyReport {
  label: string;
  holdoutRows: number;
  /** The churn family's usual choice on such tables, logistic regression, first. */
  learners: EfficacyFigures[];
}

/** `a`'s rows then `b`'s, same columns. */
export function concatTables(a: RawTable, b: RawTable): RawTable {
  return {
    ids: [...a.ids, ...b.ids],
    columns: a.columns.map((c) => ({
      ...c,
      values: [...c.values, ...b.columns.find((x) => x.name === c.name)!.values]
    })),
    dropped: []
  };
}

/** 0/1 labels of a table's label column (blanks and unreadable values as 0). */
export function labelsOf(t: RawTable, label: string): Uint8Array {
  const col = t.columns.find((c) => c.name === label);
  if (!col) throw new Error(`no label column "${label}"`);
  return Uint8Array.from(col.values, (v) => binaryValue(v) ?? 0);
}

/** ROC AUC on `test` of a learner fitted on `train` (label column left out of the inputs). */
export async function trainTestAuc(
  learner: LearnerKind,
  train: RawTable,
  test: RawTable,
  label: string,
  seed: number,
  signal?: AbortSignal
): Promise<number> {
  const all = concatTables(train, test);
  const y = labelsOf(all, label);
  const raw = { ...all, columns: all.columns.filter((c) => c.name !== label) };
  const trainRows = train.ids.map((_, i) => i);
  const testRows = test.ids.map((_, i) => train.ids.length + i);
  const model = await fitTabular(LEARNER_CONFIGS[learner][0], { raw, y, cache: new Map() }, trainRows, { seed, signal, key: 'efficacy' }); // prettier-ignore
  try {
    return rocAuc(Uint8Array.from(testRows, (r) => y[r]), model.predict({ raw, y, cache: new Map() }, testRows)); // prettier-ignore
  } finally {
    model.dispose();
  }
}

export async function efficacyReport(
  synthetic: RawTable,
  train: RawTable,
  holdout: RawTable,
  label: string,
  seed: number,
  opts: { signal?: AbortSignal; realAuc?: Map<LearnerKind, number> } = {}
): Promise<EfficacyReport> {
  const learners: EfficacyFigures[] = [];
  const real = opts.realAuc ?? new Map<LearnerKind, number>();
  for (const learner of EFFICACY_LEARNERS) {
    if (!real.has(learner))
      real.set(learner, await trainTestAuc(learner, train, holdout, label, seed, opts.signal));
    learners.push({
      learner,
      trainRealAuc: real.get(learner)!,
      trainSynthAuc: await trainTestAuc(learner, synthetic, holdout, label, seed, opts.signal)
    });
  }
  return { label, holdoutRows: holdout.ids.length, learners };
}

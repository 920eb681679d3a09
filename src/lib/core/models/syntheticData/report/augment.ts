// Minority augmentation, measured: real training rows plus synthetic churners (the GAN asked
// for them through its conditional vector; the copula's rows filtered) until both labels are
// equally common, a logistic regression fitted on that, scored by ROC AUC on the real hold-out
// beside the same learner on the real rows alone. Rebalancing rarely helps a ranking metric;
// the report says whether it did here.
import { binaryValue } from '../../../features/labels';
import type { RawTable, RawValue } from '../../../features/columns';
import type { SynthKind } from '../dataset';
import type { SynthModel } from '../model';
import { concatTables, labelsOf, trainTestAuc } from './efficacy';
import { tableRows } from '../../customerMap/table';

export interface AugmentationReport {
  added: number;
  realAuc: number;
  augmentedAuc: number;
}

export async function augmentationReport(
  model: SynthModel,
  kind: SynthKind,
  train: RawTable,
  holdout: RawTable,
  label: string,
  seed: number,
  realAuc?: number
): Promise<AugmentationReport | null> {
  const y = labelsOf(train, label);
  const pos = y.reduce((s, v) => s + v, 0);
  const need = y.length - 2 * pos;
  if (need <= 0) return null;
  const col = train.columns.find((c) => c.name === label)!;
  const yes: RawValue | undefined = col.values.find((v) => binaryValue(v) === 1);
  if (yes === undefined) return null;
  // The copula cannot be asked for churners: draw more and keep them.
  const draw = kind === 'ctgan' ? need : Math.ceil((need * y.length) / Math.max(1, pos)) + 50;
  const g = model.generate(kind, draw, seed + 303, train, { column: label, value: yes });
  const rows: number[] = [];
  labelsOf(g.table, label).forEach((v, i) => v && rows.length < need && rows.push(i));
  if (!rows.length) return null;
  const augmented = concatTables(train, tableRows(g.table, rows));
  return {
    added: rows.length,
    realAuc: realAuc ?? (await trainTestAuc('logistic', train, holdout, label, seed)),
    augmentedAuc: await trainTestAuc('logistic', augmented, holdout, label, seed)
  };
}

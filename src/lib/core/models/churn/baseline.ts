// The simple baseline every churn model is shown beside: the single numeric column (either sign)
// that best ranks the training rows by ROC AUC, chosen on the training rows of each fold and
// scored on its test rows like every other candidate.
import type { Candidate, Fitted } from '../../evaluate/nested';
import { rocAuc } from '../../evaluate/metrics';
import { median } from '../../features/stats';
import type { TabularData } from '../learners/tabular';

export interface BaselineFit extends Fitted<TabularData> {
  /** The column chosen (empty when no numeric column ranks better than chance). */
  label: string;
}

function columnScores(
  data: TabularData,
  name: string,
  rows: readonly number[],
  fill: number,
  sign: number
): Float32Array {
  const col = data.raw.columns.find((c) => c.name === name)!;
  return Float32Array.from(rows, (r) => {
    const v = col.values[r];
    return sign * (typeof v === 'number' && Number.isFinite(v) ? v : fill);
  });
}

export const bestColumnBaseline: Candidate<TabularData> = {
  learner: 'baseline',
  config: 'best single column',
  async fit(data, rows) {
    const y = Uint8Array.from(rows, (r) => data.y[r]);
    let best = { name: '', fill: 0, sign: 1, auc: 0.5 };
    for (const c of data.raw.columns) {
      if (c.kind !== 'numeric') continue;
      const present: number[] = [];
      for (const r of rows) {
        const v = c.values[r];
        if (typeof v === 'number' && Number.isFinite(v)) present.push(v);
      }
      if (!present.length) continue;
      const fill = median(present);
      const auc = rocAuc(y, columnScores(data, c.name, rows, fill, 1));
      if (!Number.isFinite(auc)) continue;
      const sign = auc >= 0.5 ? 1 : -1;
      const a = Math.max(auc, 1 - auc);
      if (a > best.auc) best = { name: c.name, fill, sign, auc: a };
    }
    const chosen = best;
    const fit: BaselineFit = {
      label: chosen.name,
      predict: (d, r) =>
        chosen.name
          ? columnScores(d, chosen.name, r, chosen.fill, chosen.sign)
          : new Float32Array(r.length).fill(0.5)
    };
    return fit;
  }
};

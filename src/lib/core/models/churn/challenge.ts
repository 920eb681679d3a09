// Churn's challenger (core/models/challenge.ts runs it): the user's "saved" / "left anyway" marks
// are the new version's labels where they fall in its label window; the held-out rows are its
// out-of-fold scores from the nested cross-validation, and the champion's scores of the same
// customers from its own features (its options may keep other columns), less every customer
// with a mark (the marks chose those labels) and rows the champion has no features for.
import type { Challenger, HeldOut } from '../family';
import type { ChurnDataset, ChurnOptions } from './dataset';
import type { ChurnModel } from './model';
import type { ChurnReport } from './train';

export const churnChallenger: Challenger<ChurnOptions, ChurnDataset, ChurnModel, ChurnReport> = {
  withFeedback(base, feedback) {
    const marks = feedback.filter((f) => f.signal === 'left' || f.signal === 'saved');
    const { feedbackLabels: _old, ...rest } = base;
    return marks.length
      ? { ...rest, feedbackLabels: marks.map((f) => ({ customerId: f.customerId, ts: f.ts, churned: f.signal === 'left' })) } // prettier-ignore
      : rest;
  },
  async heldOut({ champion, championData, challenger, data }): Promise<HeldOut> {
    const own = await championData();
    const s = champion.scoreTable(own.train.raw);
    const champ = new Map(own.train.raw.ids.map((id, i) => [id, s[i]]));
    const marked = new Set((data.options.feedbackLabels ?? []).map((l) => l.customerId));
    const report = challenger.report;
    const out: HeldOut = { kind: 'auc', labels: [], champion: [], challenger: [] };
    data.train.raw.ids.forEach((id, i) => {
      const v = champ.get(id);
      if (v === undefined || marked.has(id)) return;
      out.labels.push(report.y[i]);
      out.champion.push(v);
      out.challenger.push(report.oof.selected[i]);
    });
    return out;
  }
};

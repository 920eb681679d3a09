// Retrain as a challenger: the new churn model is saved, but replaces the one in use (the
// champion) only when it ranks churners better on the same held-out rows — the challenger's
// out-of-fold scores from its nested cross-validation, and the champion's scores of the same
// customers — by more than chance (core/feedback/champion.ts). The champion may have been
// trained on some of these rows, which can only favour it: the test is conservative.
import { compareOnHoldout, type Comparison } from '../../feedback/champion';
import { feedbackOf } from '../../feedback/store';
import type { TrainSummary, FamilyEnv } from '../runtime';
import type { ChurnDataset, ChurnOptions } from './dataset';
import type { ChurnModel } from './model';
import type { ChurnReport } from './train';

export interface ChallengeResult extends TrainSummary {
  /** The version in use before; null when there was none (the new one is promoted). */
  championId: string | null;
  promoted: boolean;
  comparison: Comparison | null;
  /** Set when the champion could not score the new rows (e.g. a column it needs is gone). */
  incomparable?: string;
}

export async function challenge(
  env: FamilyEnv,
  options: ChurnOptions | undefined
): Promise<ChallengeResult> {
  const champ = await env.runtime.active<ChurnModel>(env.family);
  let comparison: Comparison | null = null;
  let incomparable: string | undefined;
  // No options: retrain with the champion's (the app's idle retraining does this). The user's
  // "saved" / "left anyway" marks are the challenger's labels where they fall in its window.
  const base = options ?? ((champ?.version.options ?? {}) as ChurnOptions);
  const marks = (await feedbackOf(env.runtime.db, 'churn')).filter((f) => f.signal === 'left' || f.signal === 'saved'); // prettier-ignore
  const { feedbackLabels: _old, ...rest } = base;
  const trainOptions: ChurnOptions = marks.length
    ? { ...rest, feedbackLabels: marks.map((f) => ({ customerId: f.customerId, ts: f.ts, churned: f.signal === 'left' })) } // prettier-ignore
    : rest;
  const summary = await env.runtime.train(
    env.family,
    trainOptions,
    { signal: env.signal, progress: env.progress },
    async (out, data) => {
      if (!champ) return true;
      const ds = data as ChurnDataset;
      const report = out.report as ChurnReport;
      // The champion scores the same customers from its own features (its options may keep
      // other columns); rows it has no features for are left out of the comparison.
      let own: Map<string, number>;
      try {
        const champDs = (await env.runtime.dataset(
          env.family,
          (champ.version.options ?? {}) as ChurnOptions
        )) as ChurnDataset;
        const s = champ.model.scoreTable(champDs.train.raw);
        own = new Map(champDs.train.raw.ids.map((id, i) => [id, s[i]]));
      } catch (e) {
        incomparable = e instanceof Error ? e.message : String(e);
        return false;
      }
      const labels: number[] = [];
      const a: number[] = [];
      const b: number[] = [];
      ds.train.raw.ids.forEach((id, i) => {
        const v = own.get(id);
        if (v === undefined) return;
        labels.push(report.y[i]);
        a.push(v);
        b.push(report.oof.selected[i]);
      });
      comparison = compareOnHoldout(labels, a, b);
      return comparison.promote;
    }
  );
  const result: ChallengeResult = {
    ...summary,
    championId: champ?.version.id ?? null,
    promoted: !champ || (comparison as Comparison | null)?.promote === true,
    comparison
  };
  if (incomparable) result.incomparable = incomparable;
  return result;
}

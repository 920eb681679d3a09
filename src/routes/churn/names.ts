// Learner and training-phase names in the user's language (churn page components share them).
import type { MessageKey, Params } from '$lib/i18n/translate';

type T = (key: MessageKey, params?: Params) => string;

const LEARNERS = ['logistic', 'gbdt', 'mlp', 'mlp-ple', 'selected', 'baseline'];

export function learnerName(kind: string, t: T): string {
  const k = kind.replace(/^churn-/, '');
  return LEARNERS.includes(k) ? t(`models.churn.model.${k}` as MessageKey) : k;
}

/** "Fold 2/5: testing gradient-boosted trees" from a training progress payload. */
export function phaseText(
  data: { phase?: string; params?: Record<string, string | number> } | undefined,
  t: T
): string {
  if (!data?.phase || !['inner', 'outer', 'baseline', 'final'].includes(data.phase)) return '';
  const p = data.params ?? {};
  return t(`models.churn.phase.${data.phase}` as MessageKey, {
    fold: p.fold ?? '',
    folds: p.folds ?? '',
    learner: learnerName(String(p.learner ?? ''), t)
  });
}

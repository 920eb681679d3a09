// Learner and training-phase names in the user's language (churn page components share them).
import type { MessageKey, Params } from '$lib/i18n/translate';

type T = (key: MessageKey, params?: Params) => string;

const LEARNERS = ['logistic', 'gbdt', 'mlp', 'mlp-ple', 'selected', 'baseline'];

export function learnerName(kind: string, t: T): string {
  const k = kind.replace(/^churn-/, '');
  return LEARNERS.includes(k) ? t(`models.churn.model.${k}` as MessageKey) : k;
}

/** The parts of a learner configuration's label (core/models/learners/tabular.ts), in words. */
const CONFIG_PARTS: [RegExp, MessageKey, string][] = [
  [/^l2=([\d.]+)$/, 'models.churn.config.l2', 'v'],
  [/^log columns$/, 'models.churn.config.log', ''],
  [/^(\d+) leaves$/, 'models.churn.config.leaves', 'n'],
  [/^subsampled$/, 'models.churn.config.subsampled', ''],
  [/^(\d+) bins$/, 'models.churn.config.bins', 'n'],
  [/^(\d+(?:-\d+)+)$/, 'models.churn.config.layers', 'v']
];

/** "L2 penalty 10, log-scaled columns" / "L2 正则 10，含对数列" from 'l2=10, log columns'. */
export function configText(label: string, t: T): string {
  const parts = label.split(', ').map((part) => {
    for (const [re, key, param] of CONFIG_PARTS) {
      const m = re.exec(part);
      if (m) return t(key, param ? { [param]: m[1] } : {});
    }
    return part;
  });
  return parts.join(t('models.churn.config.separator'));
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

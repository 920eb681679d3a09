// What retraining on feedback decided, as the page says it: the challenger's and the champion's
// figure on the same held-out rows (ROC AUC for churn, accuracy for intents, NDCG@10 for
// recommendations) and whether it was promoted (core/models/challenge.ts).
import type { ChallengeResult } from '$lib/core/models/challenge';
import type { MessageKey, Params } from '$lib/i18n/translate';

const COMPARE: Record<string, MessageKey> = {
  auc: 'feedback.challenge.compare',
  accuracy: 'feedback.challenge.compareAccuracy',
  'ndcg@10': 'feedback.challenge.compareNdcg'
};

export function challengeText(
  r: ChallengeResult,
  t: (key: MessageKey, params?: Params) => string,
  num: (v: number, digits: number) => string
): string {
  if (!r.championId) return t('feedback.challenge.first', { version: r.version });
  const c = r.comparison;
  if (!c || !Number.isFinite(c.champion) || !COMPARE[c.metric])
    return t('feedback.challenge.incomparable');
  const compared = t(COMPARE[c.metric], {
    version: r.version,
    champion: r.championId,
    rows: num(c.rows, 0),
    challengerAuc: num(c.challenger, 3),
    championAuc: num(c.champion, 3),
    low: num(c.lowerBound, 3)
  });
  return `${compared} ${t(r.promoted ? 'feedback.challenge.promoted' : 'feedback.challenge.kept')}`;
}

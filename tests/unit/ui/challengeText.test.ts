// What the Churn, Inbox and Recommendations pages say after "Retrain as challenger", in both
// languages: each family's own figure, the decision, and no English left in Chinese.
import { describe, expect, it } from 'vitest';
import type { ChallengeResult } from '../../../src/lib/core/models/challenge';
import type { Comparison } from '../../../src/lib/core/feedback/champion';
import { translate, type MessageKey, type Params } from '../../../src/lib/i18n/translate';
import { challengeText } from '../../../src/lib/ui/feedback/challengeText';

const en = (k: MessageKey, p?: Params) => translate('en', k, p);
const zh = (k: MessageKey, p?: Params) => translate('zh', k, p);
const num = (v: number, d: number) => v.toFixed(d);

function result(metric: string, promoted: boolean, champion = 0.81): ChallengeResult {
  const comparison: Comparison = {
    metric,
    rows: 202,
    champion,
    challenger: 0.87,
    difference: 0.87 - champion,
    lowerBound: 0.02,
    promote: promoted,
    reason: promoted ? 'better' : 'not-better'
  };
  return {
    modelId: 'm',
    version: 3,
    kind: 'k',
    metrics: {},
    scored: 0,
    trainingMs: 1,
    championId: 'v2',
    promoted,
    comparison,
    feedback: 4
  };
}

describe('challengeText', () => {
  it("names each family's figure and the decision", () => {
    expect(challengeText(result('auc', true), en, num)).toBe(
      'Version 3 against v2 on 202 held-out customers: ROC AUC 0.870 vs 0.810 (lower 95% bound of the gain: 0.020). The challenger is better: it is now in use.'
    );
    expect(challengeText(result('accuracy', false), en, num)).toMatch(
      /^Version 3 against v2 on 202 held-out messages nobody corrected: accuracy 0\.870 vs 0\.810 .*Not better: the model in use stays/
    );
    expect(challengeText(result('ndcg@10', false), en, num)).toContain('NDCG@10 0.870 vs 0.810');
  });

  it('says when there was nothing to compare with, or the champion could not score', () => {
    expect(challengeText({ ...result('auc', true), championId: null }, en, num)).toMatch(
      /^Version 3 trained and put in use/
    );
    expect(challengeText(result('accuracy', false, NaN), en, num)).toMatch(/could not score/);
    expect(challengeText(result('unknown', false), en, num)).toMatch(/could not score/);
  });

  it('leaves no English word in Chinese but the figure names', () => {
    for (const m of ['auc', 'accuracy', 'ndcg@10'])
      for (const promoted of [true, false]) {
        const s = challengeText(result(m, promoted), zh, num)
          .replace(/ROC AUC|NDCG@10|v2/g, '')
          .replace(/[\d.]+/g, '');
        expect(s).not.toMatch(/[a-z]{2,}/i);
        expect(s).toMatch(/[\u4e00-\u9fff]/);
      }
  });
});

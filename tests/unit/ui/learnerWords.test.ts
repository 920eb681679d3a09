// What the model pages say about a trained model's settings and the engine it ran on, in both
// languages: every learner configuration the churn search can choose reads as words in Chinese.
import { describe, expect, it } from 'vitest';
import { LEARNER_CONFIGS } from '../../../src/lib/core/models/learners/tabular';
import { translate, type MessageKey, type Params } from '../../../src/lib/i18n/translate';
import { backendName } from '../../../src/lib/ui/backendName';
import { configText } from '../../../src/routes/churn/names';

const en = (k: MessageKey, p?: Params) => translate('en', k, p);
const zh = (k: MessageKey, p?: Params) => translate('zh', k, p);

describe('configText', () => {
  it('says a configuration in words', () => {
    expect(configText('l2=10, log columns', en)).toBe('L2 penalty 10, log-scaled columns');
    expect(configText('l2=10, log columns', zh)).toBe('L2 正则 10，含对数列');
    expect(configText('15 leaves, subsampled', zh)).toBe('15 个叶子，子采样');
    expect(configText('32-16, 8 bins', en)).toBe('layers 32-16, 8 bins');
  });

  it('leaves no English word in Chinese for any configuration the search can choose', () => {
    for (const configs of Object.values(LEARNER_CONFIGS))
      for (const c of configs) expect(configText(c.label, zh)).not.toMatch(/[a-z]{2,}/i);
  });

  it('keeps an unknown part as it is', () => {
    expect(configText('depth=3', en)).toBe('depth=3');
  });
});

describe('backendName', () => {
  it('uses the engines’ own names and words for plain JavaScript', () => {
    expect(backendName('webgl', zh)).toBe('WebGL');
    expect(backendName('wasm', en)).toBe('WASM');
    expect(backendName('plain', zh)).toBe('纯 JavaScript');
  });
});

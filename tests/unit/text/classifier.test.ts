// The text classifier: learns a small synthetic intent set perfectly, calls nonsense "unsure",
// saves and loads to the same predictions, and chooses its threshold without the test split.
import { describe, expect, it } from 'vitest';
import {
  chooseThreshold,
  fitTemperature
} from '../../../src/lib/core/models/learners/text/calibrate';
import { TextClassifier } from '../../../src/lib/core/models/learners/text/classifier';
import { evaluateTexts } from '../../../src/lib/core/models/learners/text/evaluate';
import { fitTextClassifier } from '../../../src/lib/core/models/learners/text/fit';
import { trainTextFamily } from '../../../src/lib/core/models/intents/train';
import { stratifiedSplit } from '../../../src/lib/core/evaluate/splits';
import { SYNTHETIC_INTENTS, syntheticMessages } from './synthetic';

const encode = (labels: string[]) => Int32Array.from(labels, (l) => SYNTHETIC_INTENTS.indexOf(l));

describe('text classifier', () => {
  it('learns a small synthetic intent set perfectly and sends nonsense to "unsure"', async () => {
    const train = syntheticMessages(240, 1);
    const test = syntheticMessages(80, 2);
    const { model, report } = await fitTextClassifier(train.texts, encode(train.labels), SYNTHETIC_INTENTS, { bag: { epochs: 10 } }); // prettier-ignore
    const ev = evaluateTexts(model, test.texts, encode(test.labels));
    expect(ev.accuracy).toBe(1);
    expect(ev.models.linear.accuracy).toBe(1);
    expect(ev.models.neural.accuracy).toBe(1);
    expect(report.validation.rows).toBeGreaterThanOrEqual(20);
    for (const nonsense of ['qzxv blorp wibble', '啊呀呀呀', '', '12345'])
      expect(model.predict(nonsense).unsure, nonsense).toBe(true);
    expect(model.predict('I want a refund please').unsure).toBe(false);
    const again = TextClassifier.load(structuredClone(model.save('intents')));
    expect(Array.from(again.predict('快递还没到').probs)).toEqual(Array.from(model.predict('快递还没到').probs)); // prettier-ignore
  });

  it('fits a temperature that lowers the log-loss of over-confident logits', () => {
    const logits = [
      [10, 0],
      [10, 0],
      [10, 0],
      [0, 10]
    ]; // one in four wrong, very sure
    const t = fitTemperature(logits, [0, 0, 1, 1]);
    expect(t).toBeGreaterThan(1);
  });

  it('chooses the lowest threshold whose answered messages reach the target', () => {
    const conf = [0.9, 0.8, 0.7, 0.6, 0.5];
    const ok = [true, true, false, true, false];
    expect(chooseThreshold(conf, ok, 0.75)).toEqual({ threshold: 0.6, coverage: 0.8, accuracyAnswered: 0.75 }); // prettier-ignore
    expect(chooseThreshold(conf, ok, 1).threshold).toBe(0.8);
  });

  it('never lets the test split choose the threshold or the temperature', async () => {
    const { texts, labels } = syntheticMessages(200, 3);
    const y = encode(labels);
    const ds = { texts, y, classes: SYNTHETIC_INTENTS, options: { models: ['linear' as const] }, rare: [], corrected: 0 }; // prettier-ignore
    const a = await trainTextFamily(ds, 'intents', {});
    // The held-out rows trainTextFamily uses (its split depends on the labels and seed only).
    const test = new Set(
      stratifiedSplit(
        texts.map((_, i) => i),
        y,
        0.2,
        43
      ).test
    );
    const scrambled = texts.map((t, i) => (test.has(i) ? `zzz ${SYNTHETIC_INTENTS[(y[i] + 1) % 4]} ${i}` : t)); // prettier-ignore
    const b = await trainTextFamily({ ...ds, texts: scrambled }, 'intents', {});
    // Choices made on validation rows are untouched by what the test rows say...
    expect(b.report.fit.validation).toEqual(a.report.fit.validation);
    expect(b.report.test.rows).toBe(test.size);
    // ...while the figures measured on them do change.
    expect(b.report.test.accuracy).toBeLessThan(a.report.test.accuracy);
  });
});

// The linear model's vocabulary follows its weight budget (two classes keep far more terms than
// 77), the embedding bag embeds only the most frequent terms, and a two-class linear SVM trains
// one side and negates it.
import { describe, expect, it } from 'vitest';
import { TextClassifier } from '../../../src/lib/core/models/learners/text/classifier';
import { LinearSvm } from '../../../src/lib/core/models/learners/text/linearSvm';
import { fitTextClassifier, NEURAL_TERMS } from '../../../src/lib/core/models/learners/text/fit';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { Vectoriser } from '../../../src/lib/core/text/vectorise';

/** Texts of rare made-up words (each in one text) around one polarity word. */
function texts(n: number, seed: number) {
  const rand = seededRandom(seed);
  const word = () => Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)]).join(''); // prettier-ignore
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const out = labels.map((l) => [...Array.from({ length: 12 }, word), l ? 'great' : 'awful'].join(' ')); // prettier-ignore
  return { texts: out, y: Int32Array.from(labels) };
}

describe('text vocabulary and linear model', () => {
  it('keeps the linear model more terms than the embedding bag for two classes', async () => {
    const { texts: t, y } = texts(400, 1);
    const { model } = await fitTextClassifier(t, y, ['neg', 'pos'], { bag: { epochs: 2 }, refit: false, vectoriser: { charMax: 4 } }); // prettier-ignore
    // 400 × 12 words of 8 letters with their n-grams: far beyond the 50,000 terms of the bag.
    expect(model.vectoriser.size).toBeGreaterThan(NEURAL_TERMS);
    expect(model.linear!.dims).toBe(model.vectoriser.size);
    expect(model.neural!.rows).toBe(NEURAL_TERMS);
    expect(model.predict('zzzz great').top).toBe(1);
    expect(model.predict('zzzz awful').top).toBe(0);
    const again = TextClassifier.load(structuredClone(model.save('sentiment')));
    expect(Array.from(again.predict('qq great awful great').probs)).toEqual(Array.from(model.predict('qq great awful great').probs)); // prettier-ignore
  }, 60_000);

  it('caps the vocabulary at the bag size for many classes, and indices respect a limit', () => {
    const v = Vectoriser.fit([['w:a', 'w:b'], ['w:a', 'w:c'], ['w:a']]);
    expect(v.state.terms).toEqual(['w:a', 'w:b', 'w:c']);
    expect(Array.from(v.indices(['w:c', 'w:a', 'w:b', 'w:x']))).toEqual([2, 0, 1]);
    expect(Array.from(v.indices(['w:c', 'w:a', 'w:b'], 2))).toEqual([0, 1]);
  });

  it('trains a two-class SVM once: class 0 is class 1 negated', async () => {
    const { texts: t, y } = texts(60, 2);
    const docs = t.map((x) => Vectoriser.terms(x));
    const v = Vectoriser.fit(docs);
    const svm = await LinearSvm.fit(
      docs.map((d) => v.vector(d)),
      y,
      2,
      v.size
    );
    const stride = v.size + 1;
    const w0 = Array.from(svm.w.subarray(0, stride));
    const w1 = Array.from(svm.w.subarray(stride));
    expect(w1.some((x) => x !== 0)).toBe(true);
    expect(w0).toEqual(w1.map((x) => -x));
  });
});

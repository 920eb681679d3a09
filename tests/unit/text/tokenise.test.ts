// The tokeniser on mixed English and Chinese text: width and case folded, punctuation dropped,
// Han runs segmented and cut into character n-grams, English words into boundary n-grams.
import { describe, expect, it } from 'vitest';
import { termsOf } from '../../../src/lib/core/text/features';
import { normaliseText } from '../../../src/lib/core/text/normalise';
import { tokenise } from '../../../src/lib/core/text/tokenise';

describe('text tokeniser', () => {
  it('folds full-width letters and digits, case and punctuation', () => {
    expect(normaliseText('Ｍｙ ＣＡＲＤ，１２３！ Doesn’t work...')).toBe(
      'my card 123 doesn t work'
    );
    expect(normaliseText('我的卡，不能用了！')).toBe('我的卡 不能用了');
  });

  it('splits mixed English and Chinese into words by script', () => {
    const t = tokenise('我的Visa卡不能用了 please help');
    expect(t.words.filter((w) => !w.han).map((w) => w.text)).toEqual(['visa', 'please', 'help']);
    expect(t.hanRuns).toEqual(['我的', '卡不能用了']);
    // Whatever the segmenter does, Han words put back together give the Han text.
    expect(
      t.words
        .filter((w) => w.han)
        .map((w) => w.text)
        .join('')
    ).toBe('我的卡不能用了');
  });

  it('gives words, bigrams, boundary character n-grams and Han n-grams', () => {
    const terms = termsOf('Card 退款');
    expect(terms).toContain('w:card');
    expect(terms).toContain('c:<ca');
    expect(terms).toContain('c:ard>');
    expect(terms).not.toContain('c:<card>'); // 6 characters: longer than 5
    expect(terms).toContain('h:退');
    expect(terms).toContain('h:退款');
    expect(terms.some((t) => t.startsWith('b:card '))).toBe(true);
    expect(termsOf('  ,,, ！！')).toEqual([]);
  });

  it('marks punctuation runs, negated words and the last clause only when asked', () => {
    const text = '房间不是很干净，服务还行!!!! 总之不会再来了 -_-||';
    const marked = (o: object) => termsOf(text, o).filter((t) => /^[pne]:/.test(t));
    expect(marked({})).toEqual([]);
    // Full-width punctuation is folded first; runs fold to two of a character, four at most.
    expect(marked({ punctuation: true })).toEqual(['p:,', 'p:!!', 'p:-_-|']);
    const neg = marked({ negationScope: 2 });
    expect(neg).toContain('n:干净'); // 不是 很 干净: two words in scope
    expect(neg).not.toContain('n:服务'); // a new clause ends the scope
    expect(neg).toContain('n:再来'); // 不会 再来
    expect(marked({ lastClause: true })).toEqual(expect.arrayContaining(['e:总之', 'e:再来']));
    expect(marked({ lastClause: true })).not.toContain('e:房间');
    expect(termsOf("I don't like it. Fine", { negationScope: 3 })).toContain('n:like');
    expect(termsOf('Fine', { lastClause: true })).toEqual(termsOf('Fine')); // one clause: nothing
  });
});

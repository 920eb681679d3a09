// The terms a text is represented by (fastText's "bag of tricks", Joulin et al. 2017: words,
// word bigrams and character n-grams): word unigrams and bigrams, character n-grams of each
// non-Han word inside boundary marks ("<card>" → "<ca", "car", ...; sklearn's char_wb), and
// character 1..3-grams of Han runs (the usual strong baseline for Chinese text classification).
// Each term carries a group prefix so words and n-grams never collide: w: b: c: h:.
import { tokenise } from './tokenise';

export interface TermOptions {
  /** Character n-gram lengths of non-Han words (default 2..5). */
  charMin?: number;
  charMax?: number;
  /** Character n-gram lengths of Han runs (default 1..3). */
  hanMax?: number;
  /** Word bigrams (default true). */
  bigrams?: boolean;
}

export const TERM_DEFAULTS: Required<TermOptions> = {
  charMin: 2,
  charMax: 5,
  hanMax: 3,
  bigrams: true
};

/** Feature groups: each is normalised on its own in TF-IDF, then the groups are joined. */
export const GROUPS = ['w', 'c'] as const;
export type Group = (typeof GROUPS)[number];

/** The group of a term: words and bigrams ('w'), character n-grams of any script ('c'). */
export const groupOf = (term: string): Group => (term[0] === 'w' || term[0] === 'b' ? 'w' : 'c');

const piece = (chars: string | string[], s: number, n: number): string =>
  typeof chars === 'string' ? chars.slice(s, s + n) : chars.slice(s, s + n).join('');

/** Terms of one text, repeated as often as they occur. */
export function termsOf(text: string, o: TermOptions = {}): string[] {
  const { charMin, charMax, hanMax, bigrams } = { ...TERM_DEFAULTS, ...o };
  const { words, hanRuns } = tokenise(text);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    out.push('w:' + words[i].text);
    if (bigrams && i + 1 < words.length) out.push('b:' + words[i].text + ' ' + words[i + 1].text);
    if (words[i].han) continue;
    const w = '<' + words[i].text + '>';
    // Letters outside the BMP (surrogate pairs) are rare here: slice by code points only then.
    const chars = /[\ud800-\udfff]/.test(w) ? [...w] : w;
    for (let n = charMin; n <= charMax; n++)
      for (let s = 0; s + n <= chars.length; s++) out.push('c:' + piece(chars, s, n));
  }
  for (const run of hanRuns) {
    const chars = [...run];
    for (let n = 1; n <= hanMax; n++)
      for (let s = 0; s + n <= chars.length; s++) out.push('h:' + piece(chars, s, n));
  }
  return out;
}

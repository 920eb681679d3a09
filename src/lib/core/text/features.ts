// The terms a text is represented by (fastText's "bag of tricks", Joulin et al. 2017: words,
// word bigrams and character n-grams): word unigrams and bigrams, character n-grams of each
// non-Han word inside boundary marks ("<card>" → "<ca", "car", ...; sklearn's char_wb), and
// character 1..3-grams of Han runs (the usual strong baseline for Chinese text classification).
// Each term carries a group prefix so words and n-grams never collide: w: b: c: h:. Optional
// marked terms for opinion text (sentiment): punctuation runs (p:), words in a negator's scope
// (n:, Das & Chen 2001 / Pang et al. 2002 negation tagging) and the last clause's words (e:).
import { tokenise } from './tokenise';

export interface TermOptions {
  /** Character n-gram lengths of non-Han words (default 2..5). */
  charMin?: number;
  charMax?: number;
  /** Character n-gram lengths of Han runs (default 1..3). */
  hanMax?: number;
  /** Word bigrams (default true). */
  bigrams?: boolean;
  /** Runs of punctuation and symbols ("!!", "~", "^_^", "？"), which normalisation drops (default false). */
  punctuation?: boolean;
  /** Words within `negationScope` words after a negator in the same clause ("不/没/别…", "not/never…"), marked as negated (default 0: off). */
  negationScope?: number;
  /** Words of the last clause again, marked (reviews often end with their verdict; default false). */
  lastClause?: boolean;
}

export const TERM_DEFAULTS: Required<TermOptions> = {
  charMin: 2,
  charMax: 5,
  hanMax: 3,
  bigrams: true,
  punctuation: false,
  negationScope: 0,
  lastClause: false
};

/** Feature groups: each is normalised on its own in TF-IDF, then the groups are joined. */
export const GROUPS = ['w', 'c'] as const;
export type Group = (typeof GROUPS)[number];

/** The group of a term: character n-grams of any script ('c'); words, bigrams and the marked
 *  words and punctuation of the options above ('w'). */
export const groupOf = (term: string): Group => (term[0] === 'c' || term[0] === 'h' ? 'c' : 'w');

/** Negators: Chinese words as Intl.Segmenter cuts them, and English words after normalisation
 *  (apostrophes split "don't" into "don t"). */
export const NEGATORS = new Set(
  '不 没 没有 别 无 未 非 不是 不要 不会 不能 不太 不够 不算 并不 毫无 从不 从未 绝不 not no never nothing none nor cannot cant don dont didn doesn isn wasn aren weren won wouldn couldn shouldn without hardly'.split(
    ' '
  )
);

/** Clause breaks: sentence and clause punctuation of Latin and Chinese text, and line breaks. */
const CLAUSE = /[.,!?;:\n\r…~，。！？；：、～]+/u;
/** Punctuation and symbol runs kept as terms (after NFKC, so full-width forms are folded). */
const PUNCT = /[^\p{L}\p{M}\p{N}\s]+/gu;

/** Marked terms of the options above: negated words, last-clause words, punctuation runs. */
function markedTerms(text: string, o: Required<TermOptions>, out: string[]): void {
  const nfkc = text.normalize('NFKC');
  if (o.punctuation)
    for (const m of nfkc.matchAll(PUNCT)) {
      // Long runs fold: each character at most twice in a row, at most 4 characters.
      const run = [...m[0].replace(/(.)\1{2,}/gu, '$1$1')].slice(0, 4).join('');
      out.push('p:' + run);
    }
  if (!o.negationScope && !o.lastClause) return;
  const clauses = nfkc
    .split(CLAUSE)
    .map((c) => tokenise(c).words)
    .filter((w) => w.length);
  if (o.negationScope)
    for (const words of clauses) {
      let left = 0;
      for (const w of words) {
        if (NEGATORS.has(w.text)) left = o.negationScope;
        else if (left > 0) {
          out.push('n:' + w.text);
          left--;
        }
      }
    }
  if (o.lastClause && clauses.length > 1)
    for (const w of clauses[clauses.length - 1]) out.push('e:' + w.text);
}

const piece = (chars: string | string[], s: number, n: number): string =>
  typeof chars === 'string' ? chars.slice(s, s + n) : chars.slice(s, s + n).join('');

/** Terms of one text, repeated as often as they occur. */
export function termsOf(text: string, o: TermOptions = {}): string[] {
  const all = { ...TERM_DEFAULTS, ...o };
  const { charMin, charMax, hanMax, bigrams } = all;
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
  markedTerms(text, all, out);
  return out;
}

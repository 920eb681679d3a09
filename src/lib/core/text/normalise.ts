// Text normalisation shared by every text model: NFKC folds full-width Latin letters, digits and
// punctuation to their half-width forms (ＡＢＣ１２３ → ABC123, ，→ ,), then case is folded and
// punctuation and symbols become spaces. Chinese characters, letters (any script) and digits
// are kept; runs of space collapse. Same code in Node and the browser.

/** Letters, marks and numbers of any script are kept; everything else separates words. */
const SEPARATOR = /[^\p{L}\p{M}\p{N}]+/gu;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATOR, ' ').trim();
}

/** Han ideographs (CJK Unified Ideographs and extension A, compatibility ideographs). */
export const HAN = /\p{Script=Han}/u;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

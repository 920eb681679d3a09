// Words of a normalised text, in English, Chinese or both mixed. Latin (and other space-separated
// scripts) split on spaces; Han runs are segmented into words with Intl.Segmenter where the
// platform has it (Node's full ICU, Chromium, Firefox, Safari), else one character per word.
// Features never rely on the segmenter alone: Chinese also gets character n-grams (features.ts),
// so a platform without it loses a little accuracy, not the model.
import { HAN, normaliseText } from './normalise';

export interface Token {
  text: string;
  /** A run of Han characters (Chinese) rather than a space-separated word. */
  han: boolean;
}

type WordSegmenter = { segment(s: string): Iterable<{ segment: string; isWordLike?: boolean }> };

let segmenter: WordSegmenter | null | undefined;

function zhSegmenter(): WordSegmenter | null {
  if (segmenter === undefined) {
    const Seg = (Intl as { Segmenter?: new (l: string, o: object) => WordSegmenter }).Segmenter;
    segmenter = Seg ? new Seg('zh', { granularity: 'word' }) : null;
  }
  return segmenter;
}

/** Split a piece of text into runs of Han and non-Han characters. */
function scriptRuns(word: string): { text: string; han: boolean }[] {
  const out: { text: string; han: boolean }[] = [];
  let cur = '';
  let curHan = false;
  for (const ch of word) {
    const h = HAN.test(ch);
    if (cur && h !== curHan) {
      out.push({ text: cur, han: curHan });
      cur = '';
    }
    cur += ch;
    curHan = h;
  }
  if (cur) out.push({ text: cur, han: curHan });
  return out;
}

/** Han runs as they come (for character n-grams) and segmented into words. */
export interface Tokens {
  words: Token[];
  hanRuns: string[];
}

/** Tokens of raw text: normalised, split by script; Han runs segmented into words. */
export function tokenise(text: string): Tokens {
  const words: Token[] = [];
  const hanRuns: string[] = [];
  const norm = normaliseText(text);
  if (!norm) return { words, hanRuns };
  for (const w of norm.split(' '))
    for (const run of scriptRuns(w)) {
      if (!run.han) {
        words.push({ text: run.text, han: false });
        continue;
      }
      hanRuns.push(run.text);
      const seg = zhSegmenter();
      if (!seg) {
        for (const ch of run.text) words.push({ text: ch, han: true });
        continue;
      }
      for (const s of seg.segment(run.text))
        if (s.isWordLike !== false && s.segment.trim()) words.push({ text: s.segment, han: true });
    }
  return { words, hanRuns };
}

// Suggested replies: the answers of the FAQ the user keeps and the replies already sent to past
// messages, ranked for a new message by BM25 over their questions (Robertson & Zaragoza 2009)
// and by cosine similarity in the intent model's learned embedding space (when it has one).
// score = (BM25 / best BM25 of this query + max(0, cosine)) / 2, in 0..1: a similarity, shown
// as the suggestion's confidence. The same answer reached twice keeps its best score.
import { Bm25 } from '../../text/bm25';
import { termsOf } from '../../text/features';

export interface ReplyCandidate {
  source: 'faq' | 'past';
  /** FAQ entry id, or the past message's id. */
  id: string;
  question: string;
  answer: string;
}

export interface Suggestion extends ReplyCandidate {
  score: number;
  bm25: number;
  similarity: number | null;
}

export type Embed = (text: string) => Float64Array | null;

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    dot += a[j] * b[j];
    na += a[j] * a[j];
    nb += b[j] * b[j];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export class ReplyIndex {
  private readonly bm25: Bm25;
  private readonly vectors: (Float64Array | null)[];

  constructor(
    readonly candidates: readonly ReplyCandidate[],
    private readonly embed: Embed | null = null
  ) {
    this.bm25 = new Bm25(candidates.map((c) => termsOf(c.question)));
    this.vectors = candidates.map((c) => (embed ? embed(c.question) : null));
  }

  /** The `k` best distinct answers for a message (leaving out the message itself). */
  suggest(text: string, k = 3, excludeId?: string): Suggestion[] {
    const raw = this.bm25.scores(termsOf(text));
    let best = 0;
    for (const s of raw) if (s > best) best = s;
    const q = this.embed ? this.embed(text) : null;
    const byAnswer = new Map<string, Suggestion>();
    this.candidates.forEach((c, i) => {
      if (c.source === 'past' && c.id === excludeId) return;
      const v = this.vectors[i];
      const similarity = q && v ? cosine(q, v) : null;
      const lexical = best > 0 ? raw[i] / best : 0;
      const score = similarity === null ? lexical : (lexical + Math.max(0, similarity)) / 2;
      if (score <= 0) return;
      const key = c.answer.trim();
      const seen = byAnswer.get(key);
      // FAQ answers win ties: the user wrote them to be reused.
      if (!seen || score > seen.score || (score === seen.score && c.source === 'faq'))
        byAnswer.set(key, { ...c, score, bm25: raw[i], similarity });
    });
    return [...byAnswer.values()].sort((a, b) => b.score - a.score).slice(0, k);
  }
}

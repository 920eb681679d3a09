// Okapi BM25 (Robertson & Zaragoza 2009, "The probabilistic relevance framework: BM25 and
// beyond"): score(q, d) = Σ over query terms t in d of
//   idf(t) · tf(t,d) · (k1 + 1) / (tf(t,d) + k1 · (1 − b + b · |d| / avgdl)),
//   idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))   (the non-negative Lucene form).
// Documents are term lists from `termsOf` (words, bigrams and character n-grams, so Chinese and
// misspelt English still match). k1 = 1.2, b = 0.75 by default.

export interface Bm25Options {
  k1?: number;
  b?: number;
}

export class Bm25 {
  /** Inverted index: for each term, the documents holding it and how often. */
  private readonly postings = new Map<string, { doc: number[]; tf: number[] }>();
  private readonly len: Float64Array;
  private readonly avgdl: number;
  private readonly k1: number;
  private readonly b: number;

  constructor(docs: readonly string[][], o: Bm25Options = {}) {
    this.k1 = o.k1 ?? 1.2;
    this.b = o.b ?? 0.75;
    docs.forEach((d, i) => {
      const m = new Map<string, number>();
      for (const t of d) m.set(t, (m.get(t) ?? 0) + 1);
      for (const [t, f] of m) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { doc: [], tf: [] }));
        p.doc.push(i);
        p.tf.push(f);
      }
    });
    this.len = Float64Array.from(docs, (d) => d.length);
    this.avgdl = docs.length ? this.len.reduce((a, b) => a + b, 0) / docs.length : 0;
  }

  get size(): number {
    return this.len.length;
  }

  idf(term: string): number {
    const n = this.postings.get(term)?.doc.length ?? 0;
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /** BM25 score of every document for a query (its distinct terms). */
  scores(query: readonly string[]): Float64Array {
    const out = new Float64Array(this.size);
    const { k1, b, avgdl } = this;
    for (const t of new Set(query)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t);
      p.doc.forEach((i, j) => {
        const f = p.tf[j];
        out[i] += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * this.len[i]) / avgdl));
      });
    }
    return out;
  }

  /** The `k` best documents for a query, best first (ties by index); zero scores left out. */
  top(query: readonly string[], k: number): { doc: number; score: number }[] {
    const s = this.scores(query);
    return Array.from(s, (score, doc) => ({ doc, score }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, k);
  }
}

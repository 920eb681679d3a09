// TF-IDF over a vocabulary learned from the training texts only: terms seen in at least
// `minDf` texts, the `maxTerms` most frequent kept (a size cap: the model stays small enough to
// store in the browser). Sublinear term frequency (1 + ln tf), smoothed idf
// ln((1 + n) / (1 + df)) + 1, and each feature group (words, character n-grams) scaled to unit
// length on its own before they are joined, as sklearn's TfidfVectorizer in a FeatureUnion does.
import { GROUPS, groupOf, termsOf, type TermOptions } from './features';
import { termCounts, type SparseVec } from './sparse';

export interface VectoriserOptions extends TermOptions {
  minDf?: number;
  maxTerms?: number;
}

export interface VectoriserState {
  terms: string[];
  idf: Float32Array;
  /** Group index (position in GROUPS) of each term. */
  group: Uint8Array;
  options: VectoriserOptions;
}

export class Vectoriser {
  private readonly index: Map<string, number>;

  constructor(readonly state: VectoriserState) {
    this.index = new Map(state.terms.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.state.terms.length;
  }

  /** Learn the vocabulary and idf from training texts (already split into terms). */
  static fit(docs: readonly string[][], options: VectoriserOptions = {}): Vectoriser {
    const minDf = options.minDf ?? 1;
    const maxTerms = options.maxTerms ?? 200_000;
    const df = new Map<string, number>();
    for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
    const kept = [...df].filter(([, n]) => n >= minDf);
    // Most frequent first; ties by term so the vocabulary does not depend on input order.
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const terms = kept.slice(0, maxTerms).map(([t]) => t);
    const n = docs.length;
    const idf = Float32Array.from(terms, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
    const group = Uint8Array.from(terms, (t) => GROUPS.indexOf(groupOf(t)));
    return new Vectoriser({ terms, idf, group, options });
  }

  terms(text: string): string[] {
    return termsOf(text, this.state.options);
  }

  /** The terms of a text under these options (before any vocabulary is learned). */
  static terms(text: string, options: VectoriserOptions = {}): string[] {
    return termsOf(text, options);
  }

  /** The TF-IDF vector of a text's terms (unknown terms are ignored). */
  vector(terms: readonly string[]): SparseVec {
    const v = termCounts(this.indices(terms));
    const { idf, group } = this.state;
    const norm = new Float64Array(GROUPS.length);
    for (let k = 0; k < v.idx.length; k++) {
      const x = (1 + Math.log(v.val[k])) * idf[v.idx[k]];
      v.val[k] = x;
      norm[group[v.idx[k]]] += x * x;
    }
    for (let k = 0; k < v.idx.length; k++) {
      const g = norm[group[v.idx[k]]];
      if (g > 0) v.val[k] /= Math.sqrt(g);
    }
    return v;
  }

  /** Term indices of a text (repeats kept), for models that bag their own embeddings; only the
   *  `limit` most frequent terms of the vocabulary when given (it is sorted by frequency). */
  indices(terms: readonly string[], limit = Infinity): Int32Array {
    const out: number[] = [];
    for (const t of terms) {
      const i = this.index.get(t);
      if (i !== undefined && i < limit) out.push(i);
    }
    return Int32Array.from(out);
  }
}

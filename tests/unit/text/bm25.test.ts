// BM25 against a ranking computed by hand from Robertson & Zaragoza's formula.
import { describe, expect, it } from 'vitest';
import { Bm25 } from '../../../src/lib/core/text/bm25';

describe('BM25', () => {
  const docs = [
    ['card', 'lost'],
    ['card', 'card', 'arrived', 'late'],
    ['refund', 'please']
  ];
  const bm = new Bm25(docs, { k1: 1.2, b: 0.75 });

  it('matches the hand-computed scores', () => {
    // N = 3, avgdl = 8/3. idf(card) = ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln 1.6;
    // idf(lost) = ln(1 + 2.5/1.5) = ln(8/3).
    const idfCard = Math.log(1.6);
    const idfLost = Math.log(8 / 3);
    const part = (f: number, len: number) =>
      (f * 2.2) / (f + 1.2 * (0.25 + (0.75 * len) / (8 / 3)));
    const s = bm.scores(['card', 'lost']);
    expect(s[0]).toBeCloseTo(idfCard * part(1, 2) + idfLost * part(1, 2), 10);
    expect(s[1]).toBeCloseTo(idfCard * part(2, 4), 10);
    expect(s[2]).toBe(0);
    // By hand: doc 0 ≈ 0.528 + 1.097 = 1.625 > doc 1 ≈ 0.603 > doc 2 = 0.
    expect(bm.top(['card', 'lost'], 3).map((r) => r.doc)).toEqual([0, 1]);
  });

  it('ranks a document by a rarer term above a frequent one', () => {
    expect(bm.top(['refund', 'card'], 1)[0].doc).toBe(2);
  });
});

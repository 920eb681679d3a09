import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { kMeans, proposeK, silhouette } from '../../../src/lib/core/models/segments/kmeans';
import { rfmScores, rfmSegment, rfmSummary } from '../../../src/lib/core/models/segments/rfm';

describe('RFM', () => {
  // Ten customers; recency in days (lower is better), frequency, money.
  const rows = [
    { id: 'champ', recencyDays: 2, frequency: 30, monetary: 3000 },
    { id: 'champ2', recencyDays: 3, frequency: 25, monetary: 2500 },
    { id: 'loyal', recencyDays: 20, frequency: 20, monetary: 1800 },
    { id: 'loyal2', recencyDays: 25, frequency: 18, monetary: 1500 },
    { id: 'mid', recencyDays: 60, frequency: 8, monetary: 600 },
    { id: 'mid2', recencyDays: 70, frequency: 7, monetary: 500 },
    { id: 'cantlose', recencyDays: 300, frequency: 28, monetary: 2800 },
    { id: 'cantlose2', recencyDays: 280, frequency: 22, monetary: 2200 },
    { id: 'lost', recencyDays: 400, frequency: 1, monetary: 20 },
    { id: 'lost2', recencyDays: 380, frequency: 2, monetary: 40 }
  ];
  const scored = rfmScores(rows);
  const by = Object.fromEntries(scored.map((r) => [r.id, r]));

  it('scores quintiles 1-5 with recency reversed', () => {
    expect([by.champ.r, by.champ.f, by.champ.m]).toEqual([5, 5, 5]);
    expect([by.lost.r, by.lost.f, by.lost.m]).toEqual([1, 1, 1]);
    // recency quintile cuts (R type 7): 16.6, 46, 154, 316 days -> 300 days scores 2
    expect(by.cantlose.r).toBe(2);
    expect(by.loyal.r).toBe(4);
    expect(by.cantlose.f).toBe(5);
  });

  it('names segments by the documented map', () => {
    expect(by.champ.segment).toBe('Champions');
    expect(by.loyal.segment).toBe('Potential'); // R 4, F 3, M 3
    expect(rfmSegment(4, 4)).toBe('Loyal');
    expect(by.cantlose2.segment).toBe('At risk'); // R 2, F 4, M 4
    expect(by.cantlose.segment).toBe("Can't lose");
    expect(by.lost.segment).toBe('Lost');
    expect(by.mid.segment).toBe('Hibernating'); // R 3, F 2, M 2
    expect(rfmSegment(5, 1)).toBe('New');
    expect(rfmSegment(2, 3)).toBe('At risk');
    expect(rfmSegment(3, 1)).toBe('Hibernating');
  });

  it('summarises counts and value per segment', () => {
    const s = Object.fromEntries(rfmSummary(scored).map((x) => [x.segment, x]));
    expect(s.Champions.customers).toBe(2);
    expect(s.Champions.totalValue).toBe(5500);
    expect(s["Can't lose"].averageValue).toBe(2800);
    expect(s.Lost.customers).toBe(2);
    expect(Object.values(s).reduce((a, x) => a + x.customers, 0)).toBe(10);
  });
});

describe('k-means', () => {
  const rand = seededRandom(9);
  const centres = [
    [0, 0],
    [6, 6],
    [-6, 6]
  ];
  const n = 300;
  const X = new Float32Array(n * 2);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    truth[i] = c;
    X[i * 2] = centres[c][0] + (rand() - 0.5);
    X[i * 2 + 1] = centres[c][1] + (rand() - 0.5);
  }

  it('recovers three separable blobs exactly (seeded, k-means++)', () => {
    const r = kMeans(X, 2, 3, 1);
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (!map.has(truth[i])) map.set(truth[i], r.assignments[i]);
      expect(r.assignments[i]).toBe(map.get(truth[i]));
    }
    expect(new Set(map.values()).size).toBe(3);
    expect(kMeans(X, 2, 3, 1).assignments).toEqual(r.assignments);
  });

  it('proposes k = 3 by silhouette', () => {
    const p = proposeK(X, 2, 2, 6);
    expect(p.k).toBe(3);
    const r = kMeans(X, 2, 3, 1);
    expect(silhouette(X, 2, r.assignments, 3)).toBeGreaterThan(0.8);
  });
});

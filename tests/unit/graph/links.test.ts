// Link prediction: the heuristics equal NetworkX's on the karate club; the split hides its
// positives from the training graph; no model trains on a test pair (positive or negative); a
// pair's features do not see the pair's own edge; the learned model and the autoencoder rank
// hidden edges above unlinked pairs on the e-mail slice.
import { describe, expect, it } from 'vitest';
import { hasEdge, toCsr } from '../../../src/lib/core/models/socialGraph/csr';
import { evaluateLinks } from '../../../src/lib/core/models/socialGraph/evaluateLinks';
import { pairHeuristics } from '../../../src/lib/core/models/socialGraph/heuristics';
import { fitLinkModel, trainingPairs } from '../../../src/lib/core/models/socialGraph/learnedLinks';
import { pairFeatures } from '../../../src/lib/core/models/socialGraph/pairFeatures';
import { epochPairs } from '../../../src/lib/core/models/socialGraph/gae';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { pairKey, splitLinks, testKeys } from '../../../src/lib/core/models/socialGraph/split';
import { edgeListInputs, parseEdgeList } from '../../../src/lib/core/models/socialGraph/edgeList';
import { buildGraph } from '../../../src/lib/core/models/socialGraph/graph';
import { initTf } from '../../../src/lib/core/tf/backend';
import { karate, karateReference, read } from './helpers';

const emailSlice = () => buildGraph(edgeListInputs(parseEdgeList(read('email-eu-core-slice.csv'))));

describe('link heuristics', () => {
  it("equal NetworkX's Adamic-Adar, Jaccard and resource allocation", () => {
    const g = karate();
    const csr = toCsr(g.ids.length, g.src, g.dst);
    const ref = karateReference().heuristics as unknown as Record<string, Record<string, number>>;
    for (const name of ['adamicAdar', 'jaccard', 'resourceAllocation'] as const)
      for (const [pair, want] of Object.entries(ref[name])) {
        const [u, v] = pair.split('-').map((id) => g.ids.indexOf(id));
        expect(pairHeuristics(csr, u, v)[name], `${name} ${pair}`).toBeCloseTo(want, 12);
      }
  });

  it("score an edge as if it were missing (a pair's features never see its own link)", () => {
    const g = karate();
    const full = toCsr(g.ids.length, g.src, g.dst);
    for (const e of [0, 10, 40, 77]) {
      const without = toCsr(g.ids.length, g.src, g.dst, (k) => k !== e);
      const pair = { u: Int32Array.of(g.src[e]), v: Int32Array.of(g.dst[e]) };
      expect([...pairFeatures(full, pair)]).toEqual([...pairFeatures(without, pair)]);
    }
  });
});

describe('the link-prediction split', () => {
  const g = karate();
  const n = g.ids.length;

  it('hides 10% of the edges and draws as many unlinked pairs, seeded', () => {
    const s = splitLinks(n, g.src, g.dst, { seed: 0 });
    const hidden = s.labels.filter((l) => l === 1).length;
    expect(hidden).toBe(8);
    expect(s.labels.length).toBe(16);
    const full = toCsr(n, g.src, g.dst);
    for (let i = 0; i < s.labels.length; i++) {
      expect(hasEdge(full, s.test.u[i], s.test.v[i])).toBe(s.labels[i] === 1);
      expect(hasEdge(s.train, s.test.u[i], s.test.v[i])).toBe(false);
    }
    expect(s.trainEdges.length).toBe(70);
    const again = splitLinks(n, g.src, g.dst, { seed: 0 });
    expect([...again.test.u]).toEqual([...s.test.u]);
    expect([...splitLinks(n, g.src, g.dst, { seed: 1 }).test.u]).not.toEqual([...s.test.u]);
  });

  it('never gives the learned model a test pair, as positive or as negative', async () => {
    for (const seed of [0, 1, 2, 3]) {
      const s = splitLinks(n, g.src, g.dst, { seed });
      const avoid = testKeys(s);
      const fit = await fitLinkModel(s.train, avoid, { seed });
      const seen = new Set<number>();
      for (let i = 0; i < fit.labels.length; i++) {
        const key = pairKey(fit.pairs.u[i], fit.pairs.v[i], n);
        expect(avoid.has(key), `seed ${seed}: training pair ${i} is a test pair`).toBe(false);
        seen.add(key);
        // Positives are edges of the training graph, negatives are not.
        expect(hasEdge(s.train, fit.pairs.u[i], fit.pairs.v[i])).toBe(fit.labels[i] === 1);
      }
      expect(seen.size).toBe(fit.labels.length);
      fit.model.clf.dispose();
    }
  });

  it('draws training negatives outside the test pairs even when they are most of the candidates', () => {
    // A 5-node path: the unlinked pairs of the training graph are few, and the avoided ones must
    // still be skipped (a sampler that ignored `avoid` would pick them).
    const src = Int32Array.of(0, 1, 2, 3);
    const dst = Int32Array.of(1, 2, 3, 4);
    const csr = toCsr(5, src, dst);
    const avoid = new Set([pairKey(0, 2, 5), pairKey(1, 3, 5), pairKey(2, 4, 5), pairKey(0, 3, 5)]);
    for (let seed = 0; seed < 20; seed++) {
      const { pairs, labels } = trainingPairs(csr, avoid, seed, 2);
      expect(labels.length).toBe(4);
      for (let i = 0; i < labels.length; i++)
        expect(avoid.has(pairKey(pairs.u[i], pairs.v[i], 5))).toBe(false);
    }
  });

  it('gives the autoencoder only training edges as positives and no test pair as a negative', () => {
    const s = splitLinks(n, g.src, g.dst, { seed: 5 });
    const avoid = testKeys(s);
    const pos = trainingPairs(s.train, new Set(), 0, 1e9).pairs;
    const m = pos.u.length / 2;
    const positives = { u: pos.u.slice(0, m), v: pos.v.slice(0, m) };
    const rand = seededRandom(3);
    for (let epoch = 0; epoch < 50; epoch++) {
      const p = epochPairs(s.train, positives, rand, avoid);
      for (let i = 0; i < p.u.length; i++) {
        expect(avoid.has(pairKey(p.u[i], p.v[i], n))).toBe(false);
        expect(hasEdge(s.train, p.u[i], p.v[i])).toBe(i < m);
      }
    }
  });
});

describe('link predictors on an e-mail slice', () => {
  it('rank hidden edges above unlinked pairs; the learned model at least as well as Adamic-Adar minus noise', async () => {
    await initTf();
    const g = emailSlice();
    const r = await evaluateLinks(g.ids.length, g.src, g.dst, {
      seed: 0,
      gae: true,
      gaeEpochs: 60
    });
    expect(r.heuristics.adamicAdar.auc).toBeGreaterThan(0.8);
    expect(r.learned.auc).toBeGreaterThan(0.8);
    expect(r.learned.auc).toBeGreaterThan(r.heuristics.adamicAdar.auc - 0.03);
    expect('auc' in r.gae && r.gae.auc).toBeGreaterThan(0.6);
  }, 120_000);
});

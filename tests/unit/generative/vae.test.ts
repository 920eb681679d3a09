// The customer map's VAE: its two likelihood implementations agree, it recovers a known
// two-cluster structure in its 2-D latent means, and on the real Telco slice it ranks planted
// anomalies (among customers it never saw) above the robust z-score baseline.
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../src/lib/core/tf/backend';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { encodeRows, fitEncoder } from '../../../src/lib/core/features/encode';
import { normals } from '../../../src/lib/core/models/networks/random';
import { groupNll, likelihoodOf, nllTensor } from '../../../src/lib/core/models/customerMap/likelihood'; // prettier-ignore
import { TabularVae } from '../../../src/lib/core/models/customerMap/vae';
import { trainMap } from '../../../src/lib/core/models/customerMap/train';
import { mapDataset } from '../../../src/lib/core/models/customerMap/dataset';
import { kMeans } from '../../../src/lib/core/models/segments/kmeans';
import { table, telcoInputs } from './helpers';

beforeAll(async () => {
  await initTf();
});

/** Two kinds of customer: (spend ~ 0, visits ~ 0, plan basic) and (spend ~ 6, visits ~ −6, plan pro). */
function twoClusters(n: number) {
  const rand = seededRandom(5);
  const z = normals(3 * n, rand);
  const truth = Array.from({ length: n }, (_, i) => i % 2);
  const t = table({
    spend: truth.map((c, i) => (c ? 6 : 0) + z[i]),
    visits: truth.map((c, i) => (c ? -6 : 0) + z[n + i]),
    noise: truth.map((_, i) => z[2 * n + i]),
    plan: truth.map((c) => ((c ? rand() < 0.95 : rand() < 0.05) ? 'pro' : 'basic')),
    region: truth.map(() => ['n', 's', 'e', 'w'][Math.floor(rand() * 4)])
  });
  return { t, truth };
}

describe('tabular VAE', () => {
  it('the tfjs and JavaScript likelihoods give the same negative log-likelihood', () => {
    const { t } = twoClusters(40);
    const enc = fitEncoder(t, undefined, { logCompanions: false });
    const lik = likelihoodOf(enc);
    expect(lik.groups.map((g) => g.parts.map((p) => p.type).join('+'))).toEqual(['gaussian', 'gaussian', 'gaussian', 'bernoulli', 'softmax']); // prettier-ignore
    const X = encodeRows(enc, t);
    const out = normals(40 * lik.width, seededRandom(2));
    const logSd = Float32Array.from([0.2, -0.3, 0.1]);
    const tfNll = tf.tidy(() => nllTensor(lik, tf.tensor2d(X, [40, lik.width]), tf.tensor2d(out, [40, lik.width]), tf.tensor1d(logSd)).dataSync()); // prettier-ignore
    const g = new Float64Array(lik.groups.length);
    for (let i = 0; i < 40; i++) {
      groupNll(lik, X.subarray(i * lik.width), out.subarray(i * lik.width), logSd, g);
      expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(tfNll[i], 3);
    }
  });

  it('recovers a known two-cluster structure in its 2-D latent means', async () => {
    const { t, truth } = twoClusters(400);
    const enc = fitEncoder(t, undefined, { logCompanions: false });
    const vae = TabularVae.create(likelihoodOf(enc), { maxEpochs: 40, seed: 3 });
    const X = encodeRows(enc, t);
    await vae.fit(X, 400);
    const { mu } = vae.score(X, 400);
    const { assignments } = kMeans(mu, 2, 2, 1);
    const agree = truth.filter((c, i) => c === assignments[i]).length / 400;
    // Cluster labels are arbitrary: either matching counts.
    expect(Math.max(agree, 1 - agree)).toBeGreaterThan(0.97);
    // The map is not a blob: the two clusters' centres are far apart relative to their spread.
    const centre = (c: number, k: number) => truth.reduce((s, v, i) => (v === c ? s + mu[2 * i + k] : s), 0) / 200; // prettier-ignore
    const gap = Math.hypot(centre(0, 0) - centre(1, 0), centre(0, 1) - centre(1, 1));
    expect(gap).toBeGreaterThan(1.5);
    vae.dispose();
  }, 180_000);

  it('ranks planted anomalies in unseen Telco customers above the robust z-score', async () => {
    const ds = mapDataset(await telcoInputs(), {});
    expect(ds.label).toBe('Churn');
    expect(ds.table.columns.map((c) => c.name)).not.toContain('Churn');
    const out = await trainMap({ ...ds, options: { vae: { maxEpochs: 40 } } });
    const ev = out.report.evaluation!;
    expect(ev.injected).toBeGreaterThan(20);
    expect(out.report.trainRows + out.report.testRows).toBe(1200);
    expect(ev.columns.swappedSpend).toBe('TotalCharges');
    expect(ev.columns.impossibleFrequency).toBe('tenure');
    expect(ev.vae.auc).toBeGreaterThan(ev.robustZ.auc + 0.1);
    // Swapped spend is plausible alone: only the joint model sees it.
    expect(ev.vae.byKind.swappedSpend!).toBeGreaterThan(0.75);
    expect(ev.robustZ.byKind.swappedSpend!).toBeLessThan(0.75);
    // An impossible order count is caught by both.
    expect(ev.vae.byKind.impossibleFrequency!).toBeGreaterThan(0.95);
    // Every customer is on the map, unusual ones name their columns.
    const pts = out.model.points(ds.table);
    expect(pts).toHaveLength(1200);
    expect(pts.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    const top = [...pts].sort((a, b) => b.score - a.score)[0];
    expect(top.unusual.length).toBeGreaterThan(0);
    out.model.dispose();
  }, 300_000);
});

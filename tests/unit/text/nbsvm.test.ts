// NBSVM (Wang & Manning 2012): the SVM with `nb` trains each class on features scaled by their
// naive-Bayes log-count ratio and folds the scaling into its weights. Checked against an SVM
// trained by hand on explicitly scaled vectors, on real reviews (the ChnSentiCorp slice).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LinearSvm } from '../../../src/lib/core/models/learners/text/linearSvm';
import { labelledRows, readTextTable } from '../../../src/lib/core/text/table';
import { Vectoriser } from '../../../src/lib/core/text/vectorise';

async function* chunked(bytes: Uint8Array) {
  yield bytes;
}

describe('NBSVM', () => {
  it('scores raw vectors as an SVM trained on naive-Bayes-scaled vectors does', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/text/chnsenticorp-300.csv', import.meta.url))); // prettier-ignore
    const l = labelledRows(await readTextTable(chunked(bytes), { header: false }), 1, 0);
    const y = Int32Array.from(l.labels, (v) => Number(v));
    const terms = l.texts.map((t) => Vectoriser.terms(t));
    const vz = Vectoriser.fit(terms);
    const X = terms.map((t) => vz.vector(t));
    // Class 1's ratio by hand: smoothed document counts of each term in class 1 and in class 0.
    const p = new Float64Array(vz.size).fill(1);
    const q = new Float64Array(vz.size).fill(1);
    X.forEach((x, i) => x.idx.forEach((j) => ((y[i] === 1 ? p : q)[j] += 1)));
    const sp = p.reduce((a, b) => a + b);
    const sq = q.reduce((a, b) => a + b);
    const r = Float64Array.from(p, (v, j) => Math.log(v / sp) - Math.log(q[j] / sq));
    const scaled = X.map((x) => ({ idx: x.idx, val: Float32Array.from(x.idx, (j, k) => x.val[k] * r[j]) })); // prettier-ignore

    const byHand = await LinearSvm.fit(scaled, y, 2, vz.size, { seed: 3 });
    const nb = await LinearSvm.fit(X, y, 2, vz.size, { seed: 3, nb: true });
    const plain = await LinearSvm.fit(X, y, 2, vz.size, { seed: 3 });
    let differs = 0;
    for (let i = 0; i < X.length; i++) {
      // Class 1's decision (class 0's uses its own ratio, −r up to smoothing).
      expect(nb.decision(X[i])[1]).toBeCloseTo(byHand.decision(scaled[i])[1], 3);
      if (Math.abs(plain.decision(X[i])[1] - nb.decision(X[i])[1]) > 1e-3) differs++;
    }
    // And it is a different model from the plain SVM.
    expect(differs).toBeGreaterThan(X.length / 2);
  });
});

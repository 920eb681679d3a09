// The generic network pieces: the plain-JavaScript forward pass gives tfjs's answer, the fast
// matMul gradient (first and second order) equals tfjs's own, histograms count what they
// should, and the churn MLP records its training history and keeps it when saved.
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../src/lib/core/tf/backend';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { DenseNet, matMul } from '../../../src/lib/core/models/networks/dense';
import {
  histogram,
  HistoryRecorder,
  onCommonGrid
} from '../../../src/lib/core/models/networks/histogram';
import { forwardRow, type NetworkSpec } from '../../../src/lib/core/models/networks/spec';
import { describeNetwork, layerHistograms, savedNetworks } from '../../../src/lib/core/models/networks/saved'; // prettier-ignore
import { unpackWeights } from '../../../src/lib/core/models/model';
import { Mlp } from '../../../src/lib/core/models/learners/mlp';

beforeAll(async () => {
  await initTf();
});

const residual: NetworkSpec = {
  name: 'generator',
  input: { size: 5 },
  layers: [
    { name: 'r1', units: 4, activation: 'relu', kernel: 'g/r1/k', bias: 'g/r1/b', inputs: ['input'] }, // prettier-ignore
    { name: 'r2', units: 3, activation: 'leakyRelu', kernel: 'g/r2/k', bias: 'g/r2/b', inputs: ['input', 'r1'] }, // prettier-ignore
    { name: 'out', units: 2, activation: 'tanh', kernel: 'g/out/k', bias: 'g/out/b', inputs: ['input', 'r1', 'r2'] } // prettier-ignore
  ]
};

describe('dense networks', () => {
  it('the JavaScript forward pass gives the tfjs output, layer by layer', () => {
    const net = DenseNet.create(residual, seededRandom(3));
    const x = Float32Array.from([0.3, -1.2, 2, 0.5, -0.7]);
    const tfOut = tf.tidy(() => net.apply(tf.tensor2d(x, [1, 5])).dataSync());
    const weights = new Map(net.named().map((w) => [w.name, { shape: w.shape, values: w.values }]));
    const js = forwardRow(residual, weights, x);
    expect(js.map((l) => l.values.length)).toEqual([4, 3, 2]);
    for (let j = 0; j < 2; j++) expect(js[2].values[j]).toBeCloseTo(tfOut[j], 5);
    expect(describeNetwork(residual).layers.map((l) => [l.inputSize, l.params])).toEqual([
      [5, 24],
      [9, 30],
      [12, 26]
    ]);
    net.dispose();
  });

  it('layer normalisation: the JavaScript pass matches tfjs, and each row is normalised', () => {
    const spec: NetworkSpec = { ...residual, layers: residual.layers.map((l, k) => (k < 2 ? { ...l, activation: 'linear', norm: 'layer' } : l)) }; // prettier-ignore
    const net = DenseNet.create(spec, seededRandom(4));
    const x = Float32Array.from([0.3, -1.2, 2, 0.5, -0.7]);
    const tfOut = tf.tidy(() => net.apply(tf.tensor2d(x, [1, 5])).dataSync());
    const weights = new Map(net.named().map((w) => [w.name, { shape: w.shape, values: w.values }]));
    const js = forwardRow(spec, weights, x);
    for (let j = 0; j < 2; j++) expect(js[2].values[j]).toBeCloseTo(tfOut[j], 4);
    const r1 = [...js[0].values];
    const m = r1.reduce((a, b) => a + b, 0) / r1.length;
    expect(m).toBeCloseTo(0, 5);
    expect(r1.reduce((a, b) => a + (b - m) ** 2, 0) / r1.length).toBeCloseTo(1, 3);
    const plain = forwardRow(residual, weights, x);
    expect(plain[2].values[0]).not.toBeCloseTo(js[2].values[0], 4);
    net.dispose();
  });

  it('the transposing matMul has tfjs’s gradients, also of a gradient (WGAN-GP)', () => {
    const x = tf.tensor2d(
      Float32Array.from({ length: 12 }, (_, i) => Math.sin(i)),
      [4, 3]
    );
    const w = tf.variable(tf.tensor2d(Float32Array.from({ length: 6 }, (_, i) => Math.cos(i)), [3, 2])); // prettier-ignore
    const second = (mm: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D) =>
      tf.variableGrads(() => {
        const g = tf.grad((xi: tf.Tensor) => tf.sum(tf.square(mm(xi as tf.Tensor2D, w))))(x);
        return tf.sum(tf.square(g)) as tf.Scalar;
      }, [w]);
    const ours = second(matMul);
    const theirs = second((a, b) => tf.matMul(a, b));
    expect(ours.value.dataSync()[0]).toBeCloseTo(theirs.value.dataSync()[0], 3);
    const a = ours.grads[w.name].dataSync();
    const b = theirs.grads[w.name].dataSync();
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 2));
  });
});

describe('histograms over training', () => {
  it('equal-width bins', () => {
    expect(histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 10], 5)).toEqual({ min: 0, max: 10, counts: [2, 2, 2, 2, 2] }); // prettier-ignore
    expect(histogram([2, 2, 2], 5)).toEqual({ min: 2, max: 2, counts: [3] });
    expect(histogram([NaN], 5).counts).toEqual([]);
  });

  it('a recorder snapshots every few epochs and replaces a snapshot of the same epoch', () => {
    const r = new HistoryRecorder(5, 4);
    expect([0, 1, 5, 10].map((e) => r.wants(e))).toEqual([true, false, true, true]);
    r.snapshot(5, [{ name: 'k', values: [1, 2] }]);
    r.snapshot(5, [{ name: 'k', values: [3, 4, 5] }]);
    expect(r.history.snapshots).toHaveLength(1);
    expect(r.history.snapshots[0].weights.k.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('the churn MLP records losses and kernel histograms and keeps them when saved', async () => {
    const rand = seededRandom(9);
    const n = 300;
    const X = Float32Array.from({ length: n * 4 }, () => rand() * 2 - 1);
    const y = Uint8Array.from({ length: n }, (_, i) => (X[i * 4] + X[i * 4 + 1] > 0 ? 1 : 0));
    const mlp = new Mlp({ hidden: [8, 4], maxEpochs: 12, patience: 100, historyEvery: 5 });
    await mlp.fit({ X, nCols: 4, y });
    expect(mlp.history.curves.loss).toHaveLength(12);
    expect(mlp.history.curves.valLoss).toHaveLength(12);
    // Epochs 0, 5, 10, then the kept weights at 12; one histogram per kernel (3 dense layers).
    expect(mlp.history.snapshots.map((s) => s.epoch)).toEqual([0, 5, 10, 12]);
    expect(Object.keys(mlp.history.snapshots[0].weights)).toEqual(['w0', 'w2', 'w4']);
    // The weights move: the first layer's spread at the end differs from the start.
    const first = mlp.history.snapshots[0].weights.w0;
    const last = mlp.history.snapshots[3].weights.w0;
    expect([last.min, last.max]).not.toEqual([first.min, first.max]);
    const saved = mlp.toJSON();
    const back = Mlp.fromJSON(saved);
    expect(back.history).toEqual(mlp.history);
    expect(back.toJSON().params.history).toEqual(mlp.history);
    // Seen as the churn model stores it: the network is rebuilt from the classifier's params.
    const churnLike = { ...saved, params: { classifier: { ...saved, weights: undefined } } };
    const [net] = savedNetworks(churnLike);
    expect(net.spec.layers.map((l) => [l.units, l.activation])).toEqual([[8, 'relu'], [4, 'relu'], [1, 'sigmoid']]); // prettier-ignore
    expect(layerHistograms(net.spec, net.history)[1].layers.map((l) => l.layer)).toEqual(['hidden 1', 'hidden 2', 'churn risk']); // prettier-ignore
    const x = X.subarray(0, 4);
    const js = forwardRow(net.spec, unpackWeights(saved.weights!), x);
    expect(js[2].values[0]).toBeCloseTo(mlp.predict(x)[0], 5);
    mlp.dispose();
    back.dispose();
  });
});

describe('histograms on a common grid', () => {
  it('spreads each bin over the grid bins it overlaps; shares sum to one', () => {
    const a = { min: 0, max: 2, counts: [1, 3] }; // [0,1): 1, [1,2): 3
    const b = { min: 1, max: 3, counts: [2, 2] };
    const { centres, shares } = onCommonGrid([a, b], 3); // grid [1,0..1], [1..2], [2..3]
    expect(centres).toEqual([0.5, 1.5, 2.5]);
    expect(shares[0]).toEqual([0.25, 0.75, 0]);
    expect(shares[1]).toEqual([0, 0.5, 0.5]);
    const half = onCommonGrid([{ min: 0, max: 1, counts: [4] }, { min: 0, max: 2, counts: [1, 1] }], 4); // prettier-ignore
    expect(half.shares[1].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(half.shares[1]).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

// The GAN's exponential moving average of the generator's weights (Yazıcı et al., ICLR 2019):
// at the end of training the generator holds the average, not the last step's weights, and
// the average is bias-corrected (it starts at zero and is divided by 1 − decayᵗ), so even a
// short training does not leave the generator near its initial weights. With a decay close to
// 1 the result is the plain mean of the weights along the way: it has moved, but less than the
// last step's weights have.
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../../src/lib/core/tf/backend';
import { seededRandom } from '../../../src/lib/core/evaluate/splits';
import { planColumns } from '../../../src/lib/core/models/syntheticData/columns';
import { Ctgan } from '../../../src/lib/core/models/syntheticData/ctgan';
import {
  fitTransformer,
  transformRows
} from '../../../src/lib/core/models/syntheticData/transform';
import { table } from './helpers';

beforeAll(async () => {
  await initTf();
});

const rand = seededRandom(2);
const raw = table({
  x: Array.from({ length: 200 }, () => Math.round(1000 * rand()) / 10),
  c: Array.from({ length: 200 }, () => (rand() < 0.3 ? 'a' : 'b'))
});

/** Mean absolute change of the generator's weights after `steps` training steps. */
async function moved(ema: number): Promise<number> {
  const t = fitTransformer(raw, planColumns(raw), 1, { numeric: 'quantile-bins' });
  const data = transformRows(t, raw);
  const gan = Ctgan.create(t, { seed: 3, ema, epochs: 4, batchSize: 50, generator: [16], critic: [16], classifierWeight: 0 }); // prettier-ignore
  const before = gan.generator.named().map((w) => Float32Array.from(w.values));
  await gan.fit(data, 200, gan.sampler(data, 200));
  const after = gan.generator.named().map((w) => w.values);
  let sum = 0;
  let count = 0;
  before.forEach((b, k) => b.forEach((v, i) => ((sum += Math.abs(after[k][i] - v)), count++)));
  gan.dispose();
  return sum / count;
}

describe('generator weight averaging', () => {
  it('leaves the bias-corrected average in the generator at the end of training', async () => {
    const plain = await moved(0);
    const slow = await moved(0.999999);
    const mid = await moved(0.9);
    expect(plain).toBeGreaterThan(1e-4);
    // Not the initial weights (no bias correction would leave about 0.00002 of the way)…
    expect(slow).toBeGreaterThan(0.2 * plain);
    // …and not the last step's (the average was written back).
    expect(slow).toBeLessThan(0.9 * plain);
    expect(mid).toBeLessThan(plain);
    expect(mid).not.toBe(slow);
  }, 120_000);
});

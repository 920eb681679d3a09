// Speed of the GBDT learner (src/lib/core/models/learners/gbdt): fit on 10,000 x 20 synthetic
// rows (default params, early stopping on the 15 % carve-out), predict 100,000 rows, TreeSHAP
// of 100 rows. Median of 3 after one first (cold) run. Run: node --import tsx bench/gbdt-speed.ts
import { seededRandom } from '../src/lib/core/evaluate/splits';
import { Gbdt } from '../src/lib/core/models/learners/gbdt/gbdt';

const nCols = 20;

/** Rows with a nonlinear, noisy label: interactions, a step and smooth terms. */
function synth(n: number, seed: number): { X: Float32Array; y: Uint8Array } {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const X = new Float32Array(n * nCols);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = X.subarray(i * nCols, (i + 1) * nCols);
    for (let c = 0; c < nCols; c++) x[c] = c % 5 === 4 ? Math.floor(rand() * 6) : normal();
    const z =
      1.2 * x[0] * x[1] +
      1.5 * Math.sin(2 * x[2]) +
      (x[3] > 0.5 ? 1.2 : -0.4) +
      0.6 * x[5] -
      0.5 * x[6] * x[6] +
      0.3 * (x[4] - 2.5) +
      0.4 * x[7] * (x[9] > 2 ? 1 : -1);
    y[i] = rand() < 1 / (1 + Math.exp(-0.5 * z)) ? 1 : 0;
  }
  return { X, y };
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

async function main() {
  const train = synth(10_000, 1);
  const big = synth(100_000, 2);
  const shapRows = big.X.subarray(0, 100 * nCols);
  const fitMs: number[] = [];
  const predictMs: number[] = [];
  const shapMs: number[] = [];
  // Run 0 is the first call in a fresh process (code not yet optimised by the JIT); the
  // reported figures are the median of runs 1-3.
  for (let r = 0; r < 4; r++) {
    const model = new Gbdt();
    let epochs = 0;
    let t = performance.now();
    await model.fit({ X: train.X, nCols, y: train.y }, { onEpoch: () => epochs++ });
    fitMs.push(performance.now() - t);
    t = performance.now();
    model.predict(big.X);
    predictMs.push(performance.now() - t);
    t = performance.now();
    model.shap(shapRows);
    shapMs.push(performance.now() - t);
    if (r === 0) console.log(`rounds run ${epochs}, trees kept ${model.roundsRun}`);
  }
  const warm = (xs: number[]) => median(xs.slice(1)).toFixed(0);
  const cold = (xs: number[]) => xs[0].toFixed(0);
  console.log(`fit 10,000 x ${nCols}: ${warm(fitMs)} ms (first call ${cold(fitMs)} ms)`);
  console.log(`predict 100,000 rows: ${warm(predictMs)} ms (first call ${cold(predictMs)} ms)`);
  console.log(`shap 100 rows: ${warm(shapMs)} ms (first call ${cold(shapMs)} ms)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Generative models on Telco (7,043 customers) in Node (tfjs WASM backend), read through the
// app's import code, over 3 seeds (mean ± sd across seeds, and every run):
//  - synthetic data, a fifth of the customers held out from the synthesisers (stratified by
//    Churn): SDMetrics-style quality, exact copies, median distance to the closest training
//    customer (synthetic against held-out real), churn AUC on the hold-out trained on synthetic
//    against on real rows, minority augmentation, training time — the GAN and the copula;
//  - the customer map's VAE: ROC AUC on anomalies planted among a fifth of customers it never
//    saw, against the robust z-score; training time.
// Targets (issue #14): quality ≥ 0.85 and above the copula's; 0 copies; synthetic DCR ≥ hold-out
// DCR; train-on-synthetic AUC within 0.03 of train-on-real; VAE AUC above robust z. Timings
// here are Node's and, on a shared machine, noisy (CPU seconds reported too): browser-generative
// times the app itself. RAPPORT_BENCH_SEED_PROCS=k runs k seeds at once, each in its own process
// (bench/generative-seed.ts): the same figures, sooner on a machine with idle cores.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIGURES, runSeed, type SeedFigures } from '../generative-seed';
import type { BenchSection, Metrics } from '../types';

const SEEDS = (process.env.RAPPORT_BENCH_SEEDS ?? '1,2,3').split(',').map(Number);
const PROCS = Math.max(1, Number(process.env.RAPPORT_BENCH_SEED_PROCS ?? 1));
const run = promisify(execFile);
const r4 = (v: number) => +v.toFixed(4);

function spread(prefix: string, values: number[]): Metrics {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1)) : 0; // prettier-ignore
  return {
    [`${prefix}_mean`]: r4(m),
    [`${prefix}_sd`]: r4(sd),
    [`${prefix}_runs`]: values.map(r4).join(' / ')
  };
}

async function inChild(root: string, seed: number, log: (m: string) => void): Promise<SeedFigures> {
  log(`seed ${seed}: in its own process`);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(root, 'bench', 'generative-seed.ts'), root, String(seed)], { cwd: root, maxBuffer: 16 << 20 }); // prettier-ignore
  return JSON.parse(stdout) as SeedFigures;
}

const section: BenchSection = {
  name: 'generative',
  order: 55,
  async run(ctx) {
    const figs: SeedFigures[] = [];
    if (PROCS === 1) for (const seed of SEEDS) figs.push(await runSeed(ctx.root, seed, ctx.log));
    else {
      const queue = [...SEEDS];
      const worker = async () => {
        for (let seed = queue.shift(); seed !== undefined; seed = queue.shift())
          figs.push(await inChild(ctx.root, seed, ctx.log));
      };
      await Promise.all(Array.from({ length: Math.min(PROCS, SEEDS.length) }, worker));
      figs.sort((a, b) => SEEDS.indexOf(a.seed) - SEEDS.indexOf(b.seed));
    }
    const out: Metrics = {
      rows: figs[0]?.rows ?? 0,
      seeds: SEEDS.join(','),
      backend: figs[0]?.backend ?? '',
      ...spread(
        'holdout_vs_train_quality',
        figs.map((f) => f.holdoutQuality)
      )
    };
    for (const kind of ['ctgan', 'copula'])
      for (const name of Object.keys(FIGURES)) Object.assign(out, spread(`${kind}_${name}`, figs.map((f) => f.synth[kind]?.[name] ?? NaN))); // prettier-ignore
    for (const name of Object.keys(figs[0]?.map ?? {})) Object.assign(out, spread(name, figs.map((f) => f.map[name]))); // prettier-ignore
    Object.assign(
      out,
      spread(
        'synth_fit_cpu_s',
        figs.map((f) => f.synthFitCpu)
      )
    );
    return out;
  }
};
export default section;

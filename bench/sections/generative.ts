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
// here are Node's and, on a shared machine, noisy: browser-generative times the app itself.
import { join } from 'node:path';
import { readInputs } from '../../src/cli/files';
import { initTf } from '../../src/lib/core/tf/backend';
import { syntheticData } from '../../src/lib/core/models/syntheticData';
import type { SynthModelReport } from '../../src/lib/core/models/syntheticData';
import { mapDataset } from '../../src/lib/core/models/customerMap/dataset';
import { trainMap } from '../../src/lib/core/models/customerMap/train';
import type { BenchSection, Metrics } from '../types';

const SEEDS = (process.env.RAPPORT_BENCH_SEEDS ?? '1,2,3').split(',').map(Number);
const r4 = (v: number) => +v.toFixed(4);
const cpuS = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

function spread(prefix: string, values: number[]): Metrics {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1)) : 0; // prettier-ignore
  return {
    [`${prefix}_mean`]: r4(m),
    [`${prefix}_sd`]: r4(sd),
    [`${prefix}_runs`]: values.map(r4).join(' / ')
  };
}

const FIGURES: Record<string, (m: SynthModelReport) => number> = {
  quality: (m) => m.quality.overall,
  column_shapes: (m) => m.quality.columnShapes,
  pair_trends: (m) => m.quality.columnPairTrends,
  quality_vs_holdout: (m) => m.qualityVsHoldout,
  exact_copies: (m) => m.privacy.exactCopies,
  removed_copies: (m) => m.privacy.removedCopies,
  dcr_synthetic_median: (m) => m.privacy.dcrSyntheticMedian,
  dcr_holdout_median: (m) => m.privacy.dcrHoldoutMedian,
  train_real_auc: (m) => m.efficacy!.learners[0].trainRealAuc,
  train_synth_auc: (m) => m.efficacy!.learners[0].trainSynthAuc,
  auc_gap: (m) => m.efficacy!.learners[0].trainRealAuc - m.efficacy!.learners[0].trainSynthAuc,
  gbdt_train_real_auc: (m) => m.efficacy!.learners[1].trainRealAuc,
  gbdt_train_synth_auc: (m) => m.efficacy!.learners[1].trainSynthAuc,
  augmented_auc: (m) => m.augmentation?.augmentedAuc ?? NaN,
  train_s: (m) => m.trainMs / 1000
};

const section: BenchSection = {
  name: 'generative',
  order: 55,
  async run(ctx) {
    const file = join(ctx.root, '..', 'shared', 'datasets', 'telco-churn', 'telco-customer-churn.csv'); // prettier-ignore
    const { inputs } = await readInputs({ customers: file });
    const backend = await initTf();
    const synth: Record<string, SynthModelReport[]> = { ctgan: [], copula: [] };
    const holdoutQuality: number[] = [];
    const map: { vae: number; z: number; spend: number; zSpend: number; s: number; cpu: number }[] = []; // prettier-ignore
    const ganCpu: number[] = [];
    for (const seed of SEEDS) {
      ctx.log(`seed ${seed}: synthesisers (GAN and copula), 20% held out`);
      const ds = syntheticData.dataset(inputs, { seed, augment: true });
      // CPU seconds of this process (the machine is shared: wall time follows the load). The
      // copula fits first, then the GAN; the report phase starts when both are trained.
      const c0 = process.cpuUsage();
      let fitCpu = NaN;
      const out = await syntheticData.train(ds, {
        progress: (p) => {
          if (p.phase === 'report' && p.done === 0 && Number.isNaN(fitCpu)) fitCpu = cpuS(c0);
        }
      });
      ganCpu.push(fitCpu);
      for (const m of out.report.models) synth[m.model].push(m);
      holdoutQuality.push(out.report.holdoutQuality);
      syntheticData.dispose(out.model);
      ctx.log(`seed ${seed}: customer map (VAE) with planted anomalies`);
      const t0 = performance.now();
      const m0 = process.cpuUsage();
      const mo = await trainMap({ ...mapDataset(inputs, {}), options: { seed } });
      const ev = mo.report.evaluation!;
      map.push({
        vae: ev.vae.auc,
        z: ev.robustZ.auc,
        spend: ev.vae.byKind.swappedSpend ?? NaN,
        zSpend: ev.robustZ.byKind.swappedSpend ?? NaN,
        s: (performance.now() - t0) / 1000,
        cpu: cpuS(m0)
      });
      mo.model.dispose();
    }
    const out: Metrics = {
      rows: inputs.customers.length,
      seeds: SEEDS.join(','),
      backend,
      ...spread('holdout_vs_train_quality', holdoutQuality)
    };
    for (const [kind, runs] of Object.entries(synth))
      for (const [name, f] of Object.entries(FIGURES)) Object.assign(out, spread(`${kind}_${name}`, runs.map(f))); // prettier-ignore
    const MAP: Record<string, (m: (typeof map)[number]) => number> = {
      vae_anomaly_auc: (m) => m.vae,
      robust_z_anomaly_auc: (m) => m.z,
      vae_swapped_spend_auc: (m) => m.spend,
      robust_z_swapped_spend_auc: (m) => m.zSpend,
      vae_train_s: (m) => m.s,
      vae_train_cpu_s: (m) => m.cpu
    };
    for (const [name, f] of Object.entries(MAP)) Object.assign(out, spread(name, map.map(f)));
    // Copula and GAN fits together (the copula takes well under a second).
    Object.assign(out, spread('synth_fit_cpu_s', ganCpu));
    return out;
  }
};
export default section;

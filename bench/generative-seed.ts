// One seed of the generative section (bench/sections/generative.ts): the synthesisers and the
// customer map on Telco, as plain figures. Imported by the section, or run as a child process
// (`node --import tsx bench/generative-seed.ts <root> <seed>`, JSON on stdout) when the section
// runs seeds side by side (RAPPORT_BENCH_SEED_PROCS).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readInputs } from '../src/cli/files';
import { initTf } from '../src/lib/core/tf/backend';
import { syntheticData } from '../src/lib/core/models/syntheticData';
import type { SynthModelReport } from '../src/lib/core/models/syntheticData';
import { mapDataset } from '../src/lib/core/models/customerMap/dataset';
import { trainMap } from '../src/lib/core/models/customerMap/train';

export const FIGURES: Record<string, (m: SynthModelReport) => number> = {
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

export interface SeedFigures {
  seed: number;
  rows: number;
  backend: string;
  holdoutQuality: number;
  /** Per synthesiser, FIGURES by name. */
  synth: Record<string, Record<string, number>>;
  /** CPU seconds of the copula and GAN fits together (the copula takes under a second). */
  synthFitCpu: number;
  map: Record<string, number>;
}

const cpuS = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

export async function runSeed(
  root: string,
  seed: number,
  log: (m: string) => void
): Promise<SeedFigures> {
  const file = join(root, '..', 'shared', 'datasets', 'telco-churn', 'telco-customer-churn.csv');
  const { inputs } = await readInputs({ customers: file });
  const backend = await initTf();
  log(`seed ${seed}: synthesisers (GAN and copula), 20% held out`);
  const ds = syntheticData.dataset(inputs, { seed, augment: true });
  // CPU seconds of this process (on a shared machine wall time follows the load). The copula
  // fits first, then the GAN; the report phase starts when both are trained.
  const c0 = process.cpuUsage();
  let synthFitCpu = NaN;
  const out = await syntheticData.train(ds, {
    progress: (p) => {
      if (p.phase === 'report' && p.done === 0 && Number.isNaN(synthFitCpu)) synthFitCpu = cpuS(c0);
    }
  });
  const synth: SeedFigures['synth'] = {};
  for (const m of out.report.models)
    synth[m.model] = Object.fromEntries(Object.entries(FIGURES).map(([k, f]) => [k, f(m)]));
  const holdoutQuality = out.report.holdoutQuality;
  syntheticData.dispose(out.model);
  log(`seed ${seed}: customer map (VAE) with planted anomalies`);
  const t0 = performance.now();
  const m0 = process.cpuUsage();
  const mo = await trainMap({ ...mapDataset(inputs, {}), options: { seed } });
  const ev = mo.report.evaluation!;
  const map = {
    vae_anomaly_auc: ev.vae.auc,
    robust_z_anomaly_auc: ev.robustZ.auc,
    vae_swapped_spend_auc: ev.vae.byKind.swappedSpend ?? NaN,
    robust_z_swapped_spend_auc: ev.robustZ.byKind.swappedSpend ?? NaN,
    vae_epochs: mo.report.epochs,
    vae_train_s: (performance.now() - t0) / 1000,
    vae_train_cpu_s: cpuS(m0)
  };
  mo.model.dispose();
  return { seed, rows: inputs.customers.length, backend, holdoutQuality, synth, synthFitCpu, map };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const fig = await runSeed(process.argv[2], Number(process.argv[3]), (m) => process.stderr.write(m + '\n')); // prettier-ignore
  process.stdout.write(JSON.stringify(fig));
}

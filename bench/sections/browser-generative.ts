// Generative models' training time in headless Chromium, in the app's worker, through
// window.__rapportBench.generative(url): Telco (7,043 customers) imported by the app, then the
// customer map (VAE) and the synthesisers (GAN and Gaussian copula, 20% held out) trained as
// their pages train them. Each run in a fresh context; RAPPORT_BENCH_RUNS runs (default 1: a
// run takes minutes); every run listed. Target: each model under 2 minutes on 2 cores.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, callBenchHook, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';

const RUNS = Number(process.env.RAPPORT_BENCH_RUNS ?? 1);

interface Run {
  rows: number;
  mapMs: number;
  mapAuc: number | null;
  robustZAuc: number | null;
  synthMs: number;
  models: { model: string; trainMs: number; quality: number; trainSynthAuc: number | null }[];
}

const section: BenchSection = {
  name: 'browser-generative',
  order: 65,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const csvPath = join(ctx.root, '..', 'shared', 'datasets', 'telco-churn', 'telco-customer-churn.csv'); // prettier-ignore
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const runs: Run[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`run ${i + 1}/${RUNS}: import Telco, train the map and the synthesisers`);
        runs.push(await callBenchHook<Run>(browser, preview.origin, { name: 'telco.csv', file: csvPath }, 'generative', undefined)); // prettier-ignore
      }
    } finally {
      await browser.close();
      preview.stop();
    }
    const s = (ms: number) => +(ms / 1000).toFixed(1);
    const list = (f: (r: Run) => number) => runs.map((r) => s(f(r))).join(' / ');
    const model = (r: Run, k: string) => r.models.find((m) => m.model === k);
    const out: Metrics = {
      rows: runs[0]?.rows ?? 0,
      runs: runs.length,
      map_train_s_runs: list((r) => r.mapMs),
      map_anomaly_auc_runs: runs.map((r) => r.mapAuc?.toFixed(4)).join(' / '),
      gan_train_s_runs: list((r) => model(r, 'ctgan')?.trainMs ?? NaN),
      copula_train_s_runs: list((r) => model(r, 'copula')?.trainMs ?? NaN),
      synthetic_total_s_runs: list((r) => r.synthMs),
      gan_quality_runs: runs.map((r) => model(r, 'ctgan')?.quality.toFixed(4)).join(' / '),
      copula_quality_runs: runs.map((r) => model(r, 'copula')?.quality.toFixed(4)).join(' / ')
    };
    return out;
  }
};
export default section;

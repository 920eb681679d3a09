// The intent classifier's training time in headless Chromium (BANKING77's official split):
// window.__rapportBench.text (src/lib/bench-text.ts) reads both files through the app's text
// table reader and fits the classifier exactly as the Inbox's training does (linear SVM and
// embedding bag, calibration and threshold on a validation carve, refit on every training
// message), then scores the test split. RAPPORT_BENCH_RUNS runs (default 1: a run takes minutes),
// each in a fresh page; every run listed. Target: under 2 minutes on 2 cores.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, callBenchHook, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';

const RUNS = Number(process.env.RAPPORT_BENCH_RUNS ?? 1);
const r4 = (v: number) => +v.toFixed(4);

interface Run {
  rows: number;
  trainMs: number;
  accuracy: number;
  macroF1: number;
  msPerText: number;
  chosen: string;
}

const section: BenchSection = {
  name: 'browser-text',
  order: 71,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const dir = join(ctx.root, '..', 'shared', 'datasets', 'banking77');
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const runs: Run[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`BANKING77 in Chromium, run ${i + 1}/${RUNS}`);
        const arg = { testUrl: `${preview.origin}/__bench/test.csv`, textCol: 'text', labelCol: 'category' }; // prettier-ignore
        runs.push(
          await callBenchHook<Run>(
            browser,
            preview.origin,
            { name: 'train.csv', file: join(dir, 'train.csv') },
            'text',
            arg,
            [{ name: 'test.csv', file: join(dir, 'test.csv') }]
          )
        );
      }
    } finally {
      await browser.close();
      await preview.stop();
    }
    const out: Metrics = {
      banking77_rows: runs[0].rows,
      banking77_train_ms_runs: runs.map((r) => Math.round(r.trainMs)).join(' / '),
      banking77_accuracy_runs: runs.map((r) => r4(r.accuracy)).join(' / '),
      banking77_macroF1_runs: runs.map((r) => r4(r.macroF1)).join(' / '),
      banking77_ms_per_message_runs: runs.map((r) => r4(r.msPerText)).join(' / '),
      banking77_chosen: runs.map((r) => r.chosen).join(' / '),
      target_train_ms: 120_000
    };
    return out;
  }
};
export default section;

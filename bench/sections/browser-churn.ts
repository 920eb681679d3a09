// Churn training and scoring time in headless Chromium, in the app's worker, through
// window.__rapportBench.churn(url, backends): nested cross-validation of every default learner
// (logistic regression, gradient-boosted trees, MLP with piecewise-linear inputs) on 10,000
// synthetic bank customers, then scoring 100,000 customers. WASM (the backend the picker
// chooses here) three times, each in a fresh page, reporting the median and every run; WebGL
// (a software renderer here) once. The CSV is answered by Playwright on the app's own origin.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, callBenchHook, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';
import type { ChurnBackendTiming } from '../../src/lib/workers/handlers/bench';

const RUNS = Number(process.env.RAPPORT_BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const section: BenchSection = {
  name: 'browser-churn',
  order: 60,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const csvPath = join(ctx.root, 'tests', 'fixtures', 'bank', 'bank-churn-synthetic.csv');
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const out: Metrics = {};
    const once = (backends: string[]) =>
      callBenchHook<{ rows: number; timings: ChurnBackendTiming[] }>(
        browser,
        preview.origin,
        { name: 'bank.csv', file: csvPath },
        'churn',
        backends
      );
    try {
      const wasm: ChurnBackendTiming[] = [];
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`wasm run ${i + 1}/${RUNS}: nested CV of every learner on 10,000 customers`);
        const res = await once(['wasm']);
        out.rows = res.rows;
        wasm.push(res.timings[0]);
      }
      const ok = wasm.filter((t) => t.ok);
      if (!ok.length) out.wasm_error = wasm[0]?.error ?? 'failed';
      else {
        const train = ok.map((t) => t.trainMs!);
        const mid = ok.find((t) => t.trainMs === median(train))!;
        out.wasm_train_all_learners_ms = median(train);
        out.wasm_train_all_learners_ms_runs = train.join(' / ');
        out.wasm_score_100k_ms = median(ok.map((t) => t.score100kMs!));
        out.wasm_selected_auc = +mid.selectedAuc!.toFixed(4);
        out.wasm_chosen = mid.chosen!;
        for (const [l, ms] of Object.entries(mid.learnerMs ?? {})) out[`wasm_${l}_ms`] = ms;
        for (const [l, a] of Object.entries(mid.learnerAuc ?? {}))
          out[`wasm_${l}_auc`] = +a.toFixed(4);
      }
      ctx.log('webgl (software renderer here), once');
      const gl = (await once(['webgl'])).timings[0];
      if (!gl.ok) out.webgl_error = gl.error ?? 'failed';
      else {
        out.webgl_train_all_learners_ms = gl.trainMs!;
        out.webgl_score_100k_ms = gl.score100kMs!;
      }
      out.webgpu = 'not offered by headless Chromium here';
    } finally {
      await browser.close();
      preview.stop();
    }
    return out;
  }
};
export default section;

// Churn training and scoring time in headless Chromium on each tfjs backend the browser offers
// (webgpu, webgl, wasm, cpu): Telco, MLP and logistic regression with 5-fold stratified CV, then
// scoring 100,000 customers. Runs in the app's worker through window.__rapportBench.churn(url).
// The Telco CSV is answered by Playwright on the app's own origin: no request leaves it.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';
import type { ChurnBackendTiming } from '../../src/lib/workers/handlers/bench';

const section: BenchSection = {
  name: 'browser-churn',
  order: 60,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const telco = join(
      ctx.root,
      '..',
      'shared',
      'datasets',
      'telco-churn',
      'telco-customer-churn.csv'
    );
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const out: Metrics = {};
    try {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const url = `${preview.origin}/__bench/telco.csv`;
      await context.route('**/*', (route) => {
        const u = route.request().url();
        if (u === url) return route.fulfill({ path: telco, contentType: 'text/csv' });
        if (u.startsWith(preview.origin)) return route.continue();
        return route.abort();
      });
      const page = await context.newPage();
      await page.goto(preview.origin + '/', { waitUntil: 'load' });
      await page.waitForFunction(
        () =>
          typeof (window as unknown as Record<string, Record<string, unknown>>).__rapportBench
            ?.churn === 'function',
        undefined,
        { timeout: 10_000 }
      );
      ctx.log('training on every backend (software WebGL/WebGPU are slow here)');
      const res = (await page.evaluate(async (u) => {
        const hooks = (
          window as unknown as Record<string, Record<string, (u: string) => Promise<unknown>>>
        ).__rapportBench;
        return JSON.parse(JSON.stringify(await hooks.churn(u)));
      }, url)) as { rows: number; timings: ChurnBackendTiming[] };
      out.rows = res.rows;
      for (const t of res.timings) {
        const p = t.backend;
        if (!t.ok) {
          out[`${p}_error`] = t.error ?? 'failed';
          continue;
        }
        out[`${p}_mlp_cv5_ms`] = t.mlpCvMs ?? NaN;
        out[`${p}_mlp_auc`] = +(t.mlpAuc ?? NaN).toFixed(4);
        out[`${p}_logistic_cv5_ms`] = t.logisticCvMs ?? NaN;
        out[`${p}_logistic_auc`] = +(t.logisticAuc ?? NaN).toFixed(4);
        out[`${p}_score_100k_ms`] = t.score100kMs ?? NaN;
      }
    } finally {
      await browser.close();
      preview.stop();
    }
    return out;
  }
};
export default section;

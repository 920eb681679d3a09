// Identity resolution in headless Chromium (the bench build's window.__rapportBench.identity,
// the app's code in the page's engine): FEBRL4 link, FEBRL3 deduplication and 100,000 generated
// customers with 10% duplicates, RUNS runs each in a fresh page; median and every run. The FEBRL
// files are answered by Playwright on the app's own origin.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';

const RUNS = Number(process.env.RAPPORT_BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Result {
  records: number;
  candidatePairs: number;
  pairwise: { precision: number; recall: number; f1: number };
  clusterAccuracy: number;
  ms: number;
}

const section: BenchSection = {
  name: 'browser-identity',
  order: 61,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const febrl = join(ctx.root, '..', 'shared', 'datasets', 'febrl');
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const out: Metrics = {};
    const once = async (job: { files?: string[]; generated?: number }): Promise<Result> => {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      try {
        const prefix = `${preview.origin}/__bench/febrl/`;
        await context.route('**/*', (route) => {
          const u = route.request().url();
          if (u.startsWith(prefix))
            return route.fulfill({ path: join(febrl, u.slice(prefix.length)), contentType: 'text/csv' }); // prettier-ignore
          if (u.startsWith(preview.origin)) return route.continue();
          return route.abort();
        });
        const page = await context.newPage();
        await page.goto(preview.origin + '/', { waitUntil: 'load' });
        await page.waitForFunction(
          () => typeof (window as unknown as Record<string, Record<string, unknown>>).__rapportBench?.identity === 'function', // prettier-ignore
          undefined,
          { timeout: 20_000 }
        );
        const arg = { urls: job.files?.map((f) => prefix + f), generated: job.generated };
        return (await page.evaluate(async (a) => {
          const hooks = (window as unknown as Record<string, Record<string, (x: unknown) => Promise<unknown>>>).__rapportBench; // prettier-ignore
          return JSON.parse(JSON.stringify(await hooks.identity(a)));
        }, arg)) as Result;
      } finally {
        await context.close();
      }
    };
    const record = async (key: string, job: { files?: string[]; generated?: number }) => {
      const runs: Result[] = [];
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`${key} run ${i + 1}/${RUNS}`);
        runs.push(await once(job));
      }
      const r = runs[0];
      out[`${key}_records`] = r.records;
      out[`${key}_candidate_pairs`] = r.candidatePairs;
      out[`${key}_precision`] = +r.pairwise.precision.toFixed(4);
      out[`${key}_recall`] = +r.pairwise.recall.toFixed(4);
      out[`${key}_f1`] = +r.pairwise.f1.toFixed(4);
      out[`${key}_cluster_accuracy`] = +r.clusterAccuracy.toFixed(4);
      out[`${key}_ms`] = median(runs.map((x) => x.ms));
      out[`${key}_ms_runs`] = runs.map((x) => x.ms).join(' / ');
    };
    const app = async () => {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      try {
        const prefix = `${preview.origin}/__bench/febrl/`;
        await context.route('**/*', (route) => {
          const u = route.request().url();
          if (u.startsWith(prefix))
            return route.fulfill({ path: join(febrl, u.slice(prefix.length)), contentType: 'text/csv' }); // prettier-ignore
          if (u.startsWith(preview.origin)) return route.continue();
          return route.abort();
        });
        const page = await context.newPage();
        await page.goto(preview.origin + '/', { waitUntil: 'load' });
        await page.waitForFunction(
          () => typeof (window as unknown as Record<string, Record<string, unknown>>).__rapportBench?.identityApp === 'function', // prettier-ignore
          undefined,
          { timeout: 20_000 }
        );
        const urls = ['dataset4a.csv', 'dataset4b.csv'].map((f) => prefix + f);
        return (await page.evaluate(async (u) => {
          const hooks = (window as unknown as Record<string, Record<string, (x: unknown) => Promise<unknown>>>).__rapportBench; // prettier-ignore
          return JSON.parse(JSON.stringify(await hooks.identityApp(u)));
        }, urls)) as { records: number; candidatePairs: number; groups: number; importMs: number; findMs: number; reviewMs: number }; // prettier-ignore
      } finally {
        await context.close();
      }
    };
    try {
      const appRuns = [];
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`app path (import 2 x 5,000 customers, find in the worker) run ${i + 1}/${RUNS}`);
        appRuns.push(await app());
      }
      out.app_febrl4_records = appRuns[0].records;
      out.app_febrl4_candidate_pairs = appRuns[0].candidatePairs;
      out.app_febrl4_groups = appRuns[0].groups;
      out.app_febrl4_import_ms = median(appRuns.map((r) => r.importMs));
      out.app_febrl4_find_ms = median(appRuns.map((r) => r.findMs));
      out.app_febrl4_find_ms_runs = appRuns.map((r) => r.findMs).join(' / ');
      out.app_febrl4_review_ms = median(appRuns.map((r) => r.reviewMs));
      await record('febrl4_link', { files: ['dataset4a.csv', 'dataset4b.csv'] });
      await record('febrl3_dedupe', { files: ['dataset3.csv'] });
      await record('gen100k', { generated: 100_000 });
    } finally {
      await browser.close();
      preview.stop();
    }
    return out;
  }
};
export default section;

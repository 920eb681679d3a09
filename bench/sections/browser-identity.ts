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
    const prefix = `${preview.origin}/__bench/febrl/`;
    // One fresh page per run: the FEBRL files answered on the app's origin, nothing else reached.
    const inPage = async <T>(hook: string, arg: unknown): Promise<T> => {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      try {
        await context.route('**/*', (route) => {
          const u = route.request().url();
          if (u.startsWith(prefix))
            return route.fulfill({ path: join(febrl, u.slice(prefix.length)), contentType: 'text/csv' }); // prettier-ignore
          if (u.startsWith(preview.origin)) return route.continue();
          return route.abort();
        });
        const page = await context.newPage();
        await page.goto(preview.origin + '/', { waitUntil: 'load' });
        type Hooks = Record<string, (x: unknown) => Promise<unknown>>;
        await page.waitForFunction(
          (h) => typeof (window as unknown as { __rapportBench?: Hooks }).__rapportBench?.[h] === 'function', // prettier-ignore
          hook,
          { timeout: 20_000 }
        );
        return (await page.evaluate(
          async ([h, a]) => {
            const hooks = (window as unknown as { __rapportBench: Hooks }).__rapportBench;
            return JSON.parse(JSON.stringify(await hooks[h as string](a)));
          },
          [hook, arg] as const
        )) as T;
      } finally {
        await context.close();
      }
    };
    const once = (job: { files?: string[]; generated?: number }) =>
      inPage<Result>('identity', { urls: job.files?.map((f) => prefix + f), generated: job.generated }); // prettier-ignore
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
    const app = () =>
      inPage<{ records: number; candidatePairs: number; groups: number; importMs: number; findMs: number; reviewMs: number }> // prettier-ignore
      (
        'identityApp',
        ['dataset4a.csv', 'dataset4b.csv'].map((f) => prefix + f)
      );
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

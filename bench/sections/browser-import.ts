// Import and parse-only timings in real Chromium against the built app. The app exposes
// window.__rapportBench = { importCsv(url), parseOnly(url) } (each resolving to an optional
// { rows?: number, ms?, fetchMs?, workerStartMs?, workerMs? } summary: phases timed apart are
// reported apart); when a hook is missing the metric reads 'not available'.
// The CSV is served from the preview's own origin (build/__bench/), so no request leaves it.
import { copyFileSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import {
  BUILD_DIR,
  CHROMIUM,
  CHROMIUM_ARGS,
  ensureBuild,
  KIT_OUT,
  rendererPeaksMb,
  startPreview
} from '../browser';
import { ensureOrdersCsv } from '../gen-orders';
import type { BenchSection, Metrics } from '../types';

type Hook = 'importCsv' | 'parseOnly' | 'parsePapa';
const MB = 1024 * 1024;

declare global {
  interface Window {
    __rapportBench?: Partial<Record<Hook, (url: string) => Promise<unknown>>>;
  }
}

const FAKE_HOOKS = `window.__rapportBench = window.__rapportBench || {
  parseOnly: async (url) => {
    const reader = (await fetch(url)).body.pipeThrough(new TextDecoderStream()).getReader();
    let rows = -1;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { rows };
      for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === 10) rows++;
    }
  }
};`;

/** Poll the page's JS heap through CDP while `work` runs; returns work's value and the peak. */
async function withHeapPeak<T>(
  page: Page,
  work: () => Promise<T>
): Promise<{ value: T; peak: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      try {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        peak = Math.max(peak, usedSize);
        const { metrics } = await cdp.send('Performance.getMetrics');
        const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        peak = Math.max(peak, used);
      } catch {
        /* page busy or closing */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const value = await work();
    return { value, peak };
  } finally {
    polling = false;
    await poll;
    await cdp.detach().catch(() => {});
  }
}

const section: BenchSection = {
  name: 'browser-import',
  order: 50,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const csv = await ensureOrdersCsv();
    // SvelteKit's `vite preview` serves <kit out>/output/client; a plain static server, the build.
    const dirs = [
      join(ctx.root, KIT_OUT.bench, 'output', 'client', '__bench'),
      join(ctx.root, BUILD_DIR.bench, '__bench')
    ];
    for (const dir of dirs) {
      const served = join(dir, 'online-retail-1m.csv');
      mkdirSync(dir, { recursive: true });
      rmSync(served, { force: true });
      try {
        linkSync(csv.path, served);
      } catch {
        copyFileSync(csv.path, served);
      }
    }
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const out: Metrics = { file_mb: +(csv.bytes / 1e6).toFixed(1) };
    const url = `${preview.origin}/__bench/online-retail-1m.csv`;
    // If the server does not hand out the file itself, Playwright answers for it (same origin).
    const head = await fetch(url, { method: 'HEAD' }).catch(() => null);
    const direct = Number(head?.headers.get('content-length')) === csv.bytes;
    out.served_by = direct ? 'preview server' : 'playwright route';
    let offOrigin = 0;
    // The machine's noise is +-20% run to run: every hook runs RUNS times, interleaved, and the
    // run with the median time is reported (its phases too); peaks are the max over all runs.
    const runs = Math.max(1, Number(process.env.RAPPORT_BENCH_RUNS ?? 3));
    const hooks: Hook[] = ['parsePapa', 'parseOnly', 'importCsv'];
    const perRun: Record<string, Metrics[]> = {};
    try {
      for (let round = 0; round < runs; round++)
        for (const hook of hooks) {
          const run: Metrics = {};
          (perRun[hook] ??= []).push(run);
          // A fresh context (and renderer) per hook, so peaks do not carry over.
          const context = await browser.newContext({ serviceWorkers: 'block' });
          await context.route('**/*', (route) => {
            if (route.request().url().startsWith(preview.origin)) return route.continue();
            offOrigin++;
            return route.abort();
          });
          // RAPPORT_BENCH_FAKE_HOOKS=1 checks the harness itself with a line-counting stand-in.
          if (process.env.RAPPORT_BENCH_FAKE_HOOKS === '1') await context.addInitScript(FAKE_HOOKS);
          if (!direct)
            await context.route(url, (route) =>
              route.fulfill({ path: csv.path, contentType: 'text/csv' })
            );
          const page = await context.newPage();
          await page.goto(preview.origin + '/', { waitUntil: 'load' });
          const has = await page
            .waitForFunction(
              (h) => typeof window.__rapportBench?.[h as Hook] === 'function',
              hook,
              {
                timeout: 5000
              }
            )
            .then(() => true)
            .catch(() => false);
          if (!has) {
            run[`${hook}`] = 'not available';
            ctx.log(`window.__rapportBench.${hook} not available`);
            await context.close();
            continue;
          }
          const { value, peak } = await withHeapPeak(page, () =>
            page.evaluate(
              async (args) => {
                const t0 = performance.now();
                const result = await window.__rapportBench![args.hook as Hook]!(args.url);
                return {
                  ms: performance.now() - t0,
                  result: JSON.parse(JSON.stringify(result ?? null))
                };
              },
              { hook, url }
            )
          );
          const r = (value.result ?? {}) as Partial<Record<string, number>>;
          const rows = Number(r.rows ?? NaN);
          // The hook times its phases apart (fetch, worker start, the work itself); `_ms` is the
          // work alone when it does, else the whole evaluate (fetch and worker start included).
          const phased = Number.isFinite(r.ms) && Number.isFinite(r.fetchMs);
          const ms = phased ? r.ms! : value.ms;
          run[`${hook}_ms`] = Math.round(ms);
          if (Number.isFinite(rows)) {
            run[`${hook}_rows`] = rows;
            run[`${hook}_rows_per_s`] = Math.round(rows / (ms / 1000));
          }
          run[`${hook}_total_ms`] = Math.round(value.ms);
          for (const k of ['fetchMs', 'workerStartMs', 'workerMs'])
            if (Number.isFinite(r[k]))
              run[
                `${hook}_${k.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())}_ms`
              ] = Math.round(r[k]!);
          const phases = (value.result as { phases?: Record<string, number> } | null)?.phases;
          for (const [k, v] of Object.entries(phases ?? {}))
            run[`${hook}_phase_${k}_ms`] = Math.round(v);
          run[`${hook}_page_heap_peak_mb`] = Math.round(peak / MB);
          const peaks = rendererPeaksMb(process.pid); // Playwright spawns Chromium from this process
          if (peaks.length) run[`${hook}_renderer_peak_rss_mb`] = Math.max(...peaks);
          ctx.log(
            `${hook}: ${Math.round(ms)} ms (${Math.round(value.ms)} ms with fetch and start)`
          );
          await context.close();
        }
    } finally {
      await browser.close().catch(() => {});
      preview.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
    for (const hook of hooks) {
      const list = (perRun[hook] ?? []).filter((m) => typeof m[`${hook}_ms`] === 'number');
      if (list.length === 0) {
        Object.assign(out, perRun[hook]?.[0] ?? {});
        continue;
      }
      const times = list.map((m) => m[`${hook}_ms`] as number);
      const median = [...list].sort(
        (a, b) => (a[`${hook}_ms`] as number) - (b[`${hook}_ms`] as number)
      )[Math.floor((list.length - 1) / 2)];
      Object.assign(out, median);
      out[`${hook}_ms_runs`] = times.join(' / ');
      for (const k of Object.keys(median))
        if (k.endsWith('_peak_mb') || k.endsWith('_peak_rss_mb'))
          out[k] = Math.max(...list.map((m) => Number(m[k]) || 0));
    }
    // Issue #2's target: the full import at least half as fast as parsing alone (ratio >= 0.5).
    const imp = Number(out.importCsv_ms);
    for (const base of ['parsePapa', 'parseOnly'])
      if (Number.isFinite(imp) && Number.isFinite(Number(out[`${base}_ms`])))
        out[`import_vs_${base}_speed_ratio`] = +(Number(out[`${base}_ms`]) / imp).toFixed(2);
    out.off_origin_requests_blocked = offOrigin;
    return out;
  }
};
export default section;

// One call of a window.__rapportBench hook in a fresh browser context of the bench build, timed
// and measured: its own timings (fetch, worker start, the work), the import's phases, the page's
// peak JS heap, the renderer processes' peak RSS and the worker thread's CPU time.
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync
} from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { BUILD_DIR, KIT_OUT, rendererPeaksMb, renderers, type Preview } from './browser';
import type { Metrics } from './types';

export type Hook = 'importCsv' | 'parseOnly' | 'parsePapa';
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

/**
 * Serves `path` from the bench build's origin as /__bench/<name> (a hard link, else a copy, in
 * the folders `vite preview` and a static server read); returns a function that removes it.
 */
export function serveFile(root: string, path: string, name: string): () => void {
  const dirs = [
    join(root, KIT_OUT.bench, 'output', 'client', '__bench'),
    join(root, BUILD_DIR.bench, '__bench')
  ];
  for (const dir of dirs) {
    const served = join(dir, name);
    mkdirSync(dir, { recursive: true });
    rmSync(served, { force: true });
    try {
      linkSync(path, served);
    } catch {
      copyFileSync(path, served);
    }
  }
  return () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
}

/** CPU ms used so far by the threads named `DedicatedWorker...` of the renderers under `root`. */
export function workerCpuMs(rootPid: number): number {
  if (!existsSync('/proc')) return NaN;
  const tick = 10; // USER_HZ = 100 on Linux
  let total = 0;
  for (const pid of renderers(rootPid)) {
    try {
      for (const t of readdirSync(`/proc/${pid}/task`)) {
        const dir = `/proc/${pid}/task/${t}`;
        if (!readFileSync(`${dir}/comm`, 'utf8').startsWith('DedicatedWorker')) continue;
        const st = readFileSync(`${dir}/stat`, 'utf8');
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        total += (Number(f[11]) + Number(f[12])) * tick; // utime + stime
      }
    } catch {
      /* process ended */
    }
  }
  return total;
}

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

export interface HookRun {
  browser: Browser;
  preview: Preview;
  hook: Hook;
  url: string;
  /** The file to answer `url` with when the preview server does not serve it itself. */
  fallbackPath?: string;
  log(m: string): void;
  /** Counts requests to other origins (aborted). */
  offOrigin: { n: number };
}

/** Runs one hook once in a fresh context (and renderer, so peaks do not carry over). */
export async function measureHook(o: HookRun): Promise<Metrics> {
  const { hook, url, preview } = o;
  const run: Metrics = {};
  const context = await o.browser.newContext({ serviceWorkers: 'block' });
  try {
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(preview.origin)) return route.continue();
      o.offOrigin.n++;
      return route.abort();
    });
    // RAPPORT_BENCH_FAKE_HOOKS=1 checks the harness itself with a line-counting stand-in.
    if (process.env.RAPPORT_BENCH_FAKE_HOOKS === '1') await context.addInitScript(FAKE_HOOKS);
    if (o.fallbackPath) {
      const path = o.fallbackPath;
      await context.route(url, (route) => route.fulfill({ path, contentType: 'text/csv' }));
    }
    const page = await context.newPage();
    await page.goto(preview.origin + '/', { waitUntil: 'load' });
    const has = await page
      .waitForFunction((h) => typeof window.__rapportBench?.[h as Hook] === 'function', hook, {
        timeout: 10_000
      })
      .then(() => true)
      .catch(() => false);
    if (!has) {
      run[`${hook}`] = 'not available';
      o.log(`window.__rapportBench.${hook} not available`);
      return run;
    }
    const cpu0 = workerCpuMs(process.pid);
    const { value, peak } = await withHeapPeak(page, () =>
      page.evaluate(
        async (args) => {
          const t0 = performance.now();
          const result = await window.__rapportBench![args.hook as Hook]!(args.url);
          return { ms: performance.now() - t0, result: JSON.parse(JSON.stringify(result ?? null)) };
        },
        { hook, url }
      )
    );
    const cpu = workerCpuMs(process.pid) - cpu0;
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
    if (Number.isFinite(cpu)) run[`${hook}_worker_cpu_ms`] = cpu;
    for (const k of ['fetchMs', 'workerStartMs', 'workerMs'])
      if (Number.isFinite(r[k]))
        run[`${hook}_${k.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())}_ms`] =
          Math.round(r[k]!);
    const phases = (value.result as { phases?: Record<string, number> } | null)?.phases;
    for (const [k, v] of Object.entries(phases ?? {})) run[`${hook}_phase_${k}_ms`] = Math.round(v);
    run[`${hook}_page_heap_peak_mb`] = Math.round(peak / MB);
    const peaks = rendererPeaksMb(process.pid); // Playwright spawns Chromium from this process
    if (peaks.length) run[`${hook}_renderer_peak_rss_mb`] = Math.max(...peaks);
    o.log(`${hook}: ${Math.round(ms)} ms (${Math.round(value.ms)} ms with fetch and start)`);
    return run;
  } finally {
    await context.close();
  }
}

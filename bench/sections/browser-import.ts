// Import and parse-only timings in real Chromium against the bench build. The app exposes
// window.__rapportBench = { importCsv(url), parseOnly(url), parsePapa(url) } (bench/dev builds
// only), each resolving to a { rows, ms, fetchMs, workerStartMs, workerMs, phases? } summary:
// phases timed apart are reported apart; when a hook is missing the metric reads 'not available'.
// The CSV is served from the preview's own origin (build-bench/__bench/), so no request leaves it.
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild, startPreview } from '../browser';
import { ensureOrdersCsv } from '../gen-orders';
import { measureHook, serveFile, type Hook } from '../hook-run';
import type { BenchSection, Metrics } from '../types';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const section: BenchSection = {
  name: 'browser-import',
  order: 50,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const csv = await ensureOrdersCsv();
    const unserve = serveFile(ctx.root, csv.path, 'online-retail-1m.csv');
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const out: Metrics = { file_mb: +(csv.bytes / 1e6).toFixed(1) };
    const url = `${preview.origin}/__bench/online-retail-1m.csv`;
    // If the server does not hand out the file itself, Playwright answers for it (same origin).
    const head = await fetch(url, { method: 'HEAD' }).catch(() => null);
    const direct = Number(head?.headers.get('content-length')) === csv.bytes;
    out.served_by = direct ? 'preview server' : 'playwright route';
    const offOrigin = { n: 0 };
    // The machine's noise is +-20% run to run: every hook runs RUNS times, interleaved, and the
    // run with the median time is reported (its phases too); peaks are the max over all runs.
    const runs = Math.max(1, Number(process.env.RAPPORT_BENCH_RUNS ?? 3));
    const hooks: Hook[] = ['parsePapa', 'parseOnly', 'importCsv'];
    const perRun: Record<string, Metrics[]> = {};
    try {
      for (let round = 0; round < runs; round++)
        for (const hook of hooks)
          (perRun[hook] ??= []).push(
            await measureHook({
              browser,
              preview,
              hook,
              url,
              fallbackPath: direct ? undefined : csv.path,
              log: ctx.log,
              offOrigin
            })
          );
    } finally {
      await browser.close().catch(() => {});
      preview.stop();
      unserve();
    }
    for (const hook of hooks) {
      const list = (perRun[hook] ?? []).filter((m) => typeof m[`${hook}_ms`] === 'number');
      if (list.length === 0) {
        Object.assign(out, perRun[hook]?.[0] ?? {});
        continue;
      }
      const times = list.map((m) => m[`${hook}_ms`] as number);
      const mid = [...list].sort(
        (a, b) => (a[`${hook}_ms`] as number) - (b[`${hook}_ms`] as number)
      )[Math.floor((list.length - 1) / 2)];
      Object.assign(out, mid);
      out[`${hook}_ms_runs`] = times.join(' / ');
      for (const k of Object.keys(mid))
        if (k.endsWith('_peak_mb') || k.endsWith('_peak_rss_mb'))
          out[k] = Math.max(...list.map((m) => Number(m[k]) || 0));
    }
    // Issue #8's target: the full import at least 0.6x as fast as Rapport's own parse-only pass
    // (issue #2's: 0.5x PapaParse's), on every run: ratios of the medians, and each round's own
    // ratio (its parse and import ran one after the other) with their spread.
    const imp = Number(out.importCsv_ms);
    for (const base of ['parsePapa', 'parseOnly'] as const) {
      if (!Number.isFinite(imp) || !Number.isFinite(Number(out[`${base}_ms`]))) continue;
      out[`import_vs_${base}_speed_ratio`] = +(Number(out[`${base}_ms`]) / imp).toFixed(2);
      const rounds = (perRun.importCsv ?? []).map((m, i) => {
        const b = Number(perRun[base]?.[i]?.[`${base}_ms`]);
        return +(b / Number(m.importCsv_ms)).toFixed(2);
      });
      if (rounds.every(Number.isFinite)) {
        out[`import_vs_${base}_ratio_runs`] = rounds.join(' / ');
        out[`import_vs_${base}_ratio_median`] = median(rounds);
      }
      // The same from the worker thread's CPU time (less sensitive to a busy machine).
      const cpu = (perRun.importCsv ?? []).map((m, i) => {
        const b = Number(perRun[base]?.[i]?.[`${base}_worker_cpu_ms`]);
        return +(b / Number(m.importCsv_worker_cpu_ms)).toFixed(2);
      });
      if (cpu.every(Number.isFinite)) out[`import_vs_${base}_worker_cpu_ratio_runs`] = cpu.join(' / '); // prettier-ignore
    }
    out.off_origin_requests_blocked = offOrigin.n;
    return out;
  }
};
export default section;

// Issue #8: 10,000,000 lines (0.8 GB) import in headless Chromium without running out of memory,
// streaming. Off by default (it writes a 0.8 GB file and takes minutes): RAPPORT_BENCH_10M=1.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild, startPreview } from '../browser';
import { ensureOrdersCsv } from '../gen-orders';
import { measureHook, serveFile } from '../hook-run';
import type { BenchSection, Metrics } from '../types';

const LINES = 10_000_000;

const section: BenchSection = {
  name: 'browser-import-10m',
  order: 55,
  async run(ctx) {
    if (process.env.RAPPORT_BENCH_10M !== '1')
      return { skipped: 'set RAPPORT_BENCH_10M=1 (writes a 0.8 GB file, takes minutes)' };
    await ensureBuild(ctx.root, ctx.log);
    ctx.log('writing the 10M-line file (once)');
    const csv = await ensureOrdersCsv(LINES, join(ctx.outDir, 'online-retail-10m.csv'));
    const unserve = serveFile(ctx.root, csv.path, 'online-retail-10m.csv');
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const out: Metrics = { file_mb: +(csv.bytes / 1e6).toFixed(1) };
    try {
      Object.assign(
        out,
        await measureHook({
          browser,
          preview,
          hook: 'importCsv',
          url: `${preview.origin}/__bench/online-retail-10m.csv`,
          log: ctx.log,
          offOrigin: { n: 0 }
        })
      );
    } finally {
      await browser.close().catch(() => {});
      preview.stop();
      unserve();
    }
    return out;
  }
};
export default section;

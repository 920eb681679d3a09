// JavaScript the home page loads before any interaction, gzipped, from the production build in
// headless Chromium. Target: under 200 KB (tfjs loads only in the worker, on first use).
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';

const section: BenchSection = {
  name: 'initial-js',
  order: 10,
  async run(ctx) {
    // What users load: the production build (no bench hooks).
    await ensureBuild(ctx.root, ctx.log, 'production');
    const preview = await startPreview(ctx.root, 'production');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const sizes: Promise<{ raw: number; gz: number }>[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() !== 'script') return;
        sizes.push(
          r
            .body()
            .then((b) => ({ raw: b.length, gz: gzipSync(b).length }))
            .catch(() => ({ raw: 0, gz: 0 }))
        );
      });
      await page.goto(preview.origin + '/', { waitUntil: 'networkidle' });
      const files = await Promise.all(sizes);
      const out: Metrics = {
        files: files.length,
        raw_kb: +(files.reduce((a, f) => a + f.raw, 0) / 1024).toFixed(1),
        gzip_kb: +(files.reduce((a, f) => a + f.gz, 0) / 1024).toFixed(1)
      };
      return out;
    } finally {
      await browser.close();
      preview.stop();
    }
  }
};
export default section;

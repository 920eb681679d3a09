// Lighthouse 12.2.3 on the production build (`vite preview` on a free port), driving Debian's
// /usr/bin/chromium headless through chrome-launcher: performance, accessibility and
// best-practices scores and LCP / TBT / CLS / FCP for a few key pages, in two situations:
//   - `first`: an empty first visit (Lighthouse clears the origin's storage and the cache before
//     each page): what a shop owner sees the first time;
//   - `data`: the sample shop loaded beforehand (Playwright in the same Chromium profile, then
//     Lighthouse with storage reset off, so IndexedDB, the service worker and its cache stay):
//     a returning owner with their data;
//   - `trained`: the same, with a churn model trained on it (every default learner), so the
//     churn page draws its results: the state the first measurement was taken in.
// Each on the mobile form factor (Lighthouse's default: Moto G Power emulation, simulated slow 4G
// and 4× CPU slowdown) and on desktop (desktop-config). RAPPORT_BENCH_RUNS runs (default 3),
// median and every run. Every request Lighthouse saw must stay on the preview's origin.
// Simulated throttling simulates the network but multiplies the CPU time it observed on this host
// by 4, a factor meant for a fast desktop host (Lighthouse's benchmarkIndex ~1000 or more; it
// warns below that). A slow or loaded host therefore inflates TBT, LCP and the score: the
// benchmarkIndex of every run and the load average are recorded beside the figures, and mobile is
// also measured with the CPU multiplier calibrated to the host as Lighthouse's throttling docs ask
// (`mobile_calibrated`: benchmarkIndex ÷ 264, the index DevTools' calibration gives the Moto G
// Power that mobile emulates, and at least 1; on a host slower than that phone even 1× overstates
// the phone's CPU time).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { throttling } from 'lighthouse/core/config/constants.js';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';

const RUNS = Math.max(1, Number(process.env.RAPPORT_BENCH_RUNS ?? 3));
/** RAPPORT_LH_FORMS=mobile,desktop measures only those form factors (default: all three). */
const FORMS = (['mobile', 'mobile_calibrated', 'desktop'] as FormFactor[]).filter(
  (f) => !process.env.RAPPORT_LH_FORMS || process.env.RAPPORT_LH_FORMS.split(',').includes(f)
);
/** RAPPORT_LH_PAGES=data:churn,first:home measures only those pages (default: every one). */
const ONLY_PAGES = process.env.RAPPORT_LH_PAGES?.split(',');
/** RAPPORT_LH_DUMP=DIR writes every run's Lighthouse report there (to read its long tasks). */
const DUMP = process.env.RAPPORT_LH_DUMP;
const FLAGS = ['--headless=new', ...CHROMIUM_ARGS];
/**
 * A fresh Chrome for every audit, as the Lighthouse CLI and PageSpeed Insights run it (the data
 * profile is shared, so IndexedDB and the service worker stay). RAPPORT_LH_CHROME=shared audits
 * a run's pages one after another in one Chrome, as this bench did before 2026-12-02: there the
 * page after the first paid a task of about 100 ms of CPU at navigation (V8 walking its heap and
 * deoptimising code, which is what starting JavaScript coverage does; Lighthouse starts it for
 * its unused-JavaScript audit) in the renderer the previous audit had used, 400 ms at 4×.
 */
const FRESH_CHROME = process.env.RAPPORT_LH_CHROME !== 'shared';

type Mode = 'first' | 'data' | 'trained';
type FormFactor = 'mobile' | 'mobile_calibrated' | 'desktop';
const PAGES: Record<Mode, Record<string, string>> = {
  first: { home: '/', import: '/import/', churn: '/churn/' },
  data: { home: '/', customers: '/customers/', churn: '/churn/' },
  trained: { customers: '/customers/', churn: '/churn/' }
};
const MODES = Object.keys(PAGES) as Mode[];
const wanted = (mode: Mode, name: string) => !ONLY_PAGES || ONLY_PAGES.includes(`${mode}:${name}`);
/** DevTools' CPU calibration: the benchmark index of a Moto G Power (2022), Lighthouse's phone. */
const PHONE_INDEX = 264;

interface Figures {
  performance: number;
  accessibility: number;
  best_practices: number;
  lcp_ms: number;
  tbt_ms: number;
  cls: number;
  fcp_ms: number;
  benchmark_index: number;
  cpu_multiplier: number;
  offorigin: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The sample shop into a fresh Chromium profile (IndexedDB, service worker and its cache). */
async function profileWithSample(
  origin: string,
  log: (m: string) => void,
  trained = false
): Promise<string> {
  const dir = mkdtempSync(join(os.tmpdir(), 'rapport-lh-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(origin + '/');
    await page.getByTestId('load-sample').click();
    await page.getByTestId('sample-next').waitFor({ timeout: 180_000 });
    if (trained) {
      await page.goto(origin + '/churn/');
      await page.getByTestId('train').click({ timeout: 60_000 });
      await page.getByTestId('churn-results').waitFor({ timeout: 600_000 });
    }
    // Visit each measured page once so the service worker has cached what they load.
    for (const path of Object.values(PAGES.data)) await page.goto(origin + path);
    // The service worker takes control at the next navigation once it has precached the build.
    const active = await page
      .evaluate(() =>
        Promise.race([
          navigator.serviceWorker.ready.then((r) => !!r.active),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 60_000))
        ])
      )
      .catch(() => false);
    await page.goto(origin + '/');
    const controlled =
      active &&
      (await page.evaluate(() => !!navigator.serviceWorker.controller).catch(() => false));
    log(`sample shop loaded into the profile (service worker in control: ${controlled})`);
  } finally {
    await context.close();
  }
  return dir;
}

async function audit(
  port: number,
  url: string,
  origin: string,
  formFactor: FormFactor,
  keepStorage: boolean,
  cpuMultiplier = 4
): Promise<Figures> {
  const flags = {
    port,
    output: 'json' as const,
    logLevel: 'error' as const,
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
    disableStorageReset: keepStorage,
    ...(formFactor === 'mobile_calibrated'
      ? { throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: cpuMultiplier } }
      : {})
  };
  // A run Lighthouse itself reports as broken (e.g. NO_NAVSTART: no trace of the navigation, seen
  // on this loaded machine) is repeated, up to twice.
  let lhr, result;
  for (let attempt = 1; ; attempt++) {
    result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined); // prettier-ignore
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    lhr = result.lhr;
    if (!lhr.runtimeError) break;
    if (attempt === 3) throw new Error(`Lighthouse: ${lhr.runtimeError.message} (${url})`);
  }
  if (DUMP) {
    const name = `${formFactor}-${new URL(url).pathname.replace(/\W+/g, '_')}-${Date.now()}.json`;
    writeFileSync(join(DUMP, name), JSON.stringify(lhr));
    writeFileSync(join(DUMP, 'trace-' + name), JSON.stringify(result.artifacts.Trace));
  }
  const score = (k: string) => Math.round((lhr.categories[k]?.score ?? NaN) * 100);
  const value = (k: string) => lhr.audits[k]?.numericValue ?? NaN;
  const items = (lhr.audits['network-requests']?.details as { items?: { url: string }[] })?.items;
  const off = (items ?? []).filter(
    (r) => !r.url.startsWith(origin) && !/^(data|blob|chrome-extension):/.test(r.url)
  );
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    best_practices: score('best-practices'),
    lcp_ms: Math.round(value('largest-contentful-paint')),
    tbt_ms: Math.round(value('total-blocking-time')),
    cls: +value('cumulative-layout-shift').toFixed(4),
    fcp_ms: Math.round(value('first-contentful-paint')),
    benchmark_index: Math.round(lhr.environment.benchmarkIndex),
    cpu_multiplier: lhr.configSettings.throttling.cpuSlowdownMultiplier ?? NaN,
    offorigin: off.length
  };
}

const section: BenchSection = {
  name: 'lighthouse',
  order: 12,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log, 'production');
    const preview = await startPreview(ctx.root, 'production');
    const runs = new Map<string, Figures[]>();
    const load: number[] = [os.loadavg()[0]];
    const dirs: Partial<Record<Mode, string>> = {};
    const offOrigin: string[] = [];
    try {
      for (const mode of ['data', 'trained'] as const)
        if (Object.keys(PAGES[mode]).some((name) => wanted(mode, name)))
          dirs[mode] = await profileWithSample(preview.origin, ctx.log, mode === 'trained');
      for (let r = 0; r < RUNS; r++) {
        for (const mode of MODES) {
          const pages = Object.entries(PAGES[mode]).filter(([name]) => wanted(mode, name));
          if (pages.length === 0) continue;
          const audits = pages.flatMap(([name, path]) => FORMS.map((f) => ({ name, path, formFactor: f }))); // prettier-ignore
          // One Chrome for every audit of this mode and run, or a fresh one for each audit.
          const groups = FRESH_CHROME ? audits.map((a) => [a]) : [audits];
          for (const group of groups) {
            const chrome = await chromeLauncher.launch({
              chromePath: CHROMIUM,
              chromeFlags: FLAGS,
              ...(dirs[mode] ? { userDataDir: dirs[mode] } : {})
            });
            try {
              for (const { name, path, formFactor } of group) {
                // Calibrated to the index the default mobile run of this page just measured.
                const index = runs.get(`${mode}_mobile_${name}`)?.at(-1)?.benchmark_index ?? 0;
                const multiplier = Math.max(1, +(index / PHONE_INDEX).toFixed(1));
                const f = await audit(
                  chrome.port,
                  preview.origin + path,
                  preview.origin,
                  formFactor,
                  mode !== 'first',
                  multiplier
                );
                const key = `${mode}_${formFactor}_${name}`;
                ctx.log(`run ${r + 1}/${RUNS} ${key}: perf ${f.performance}, LCP ${f.lcp_ms} ms, TBT ${f.tbt_ms} ms, CLS ${f.cls}`); // prettier-ignore
                if (f.offorigin) offOrigin.push(key);
                runs.set(key, [...(runs.get(key) ?? []), f]);
              }
            } finally {
              await chrome.kill();
            }
          }
        }
        load.push(os.loadavg()[0]);
      }
    } finally {
      preview.stop();
      for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
    }
    if (offOrigin.length) throw new Error(`requests left the origin on ${offOrigin.join(', ')}`);
    const out: Metrics = {
      runs: RUNS,
      load_avg_1m: load.map((l) => l.toFixed(1)).join(', '),
      lighthouse: '12.2.3',
      chrome: FRESH_CHROME ? 'a fresh Chrome per audit' : 'one Chrome per run and mode',
      throttling: 'simulated (Lighthouse defaults: mobile = slow 4G + 4x CPU; desktop config)'
    };
    let worst = 100;
    let worstCalibrated = 100;
    for (const [key, list] of runs) {
      for (const k of Object.keys(list[0]) as (keyof Figures)[]) {
        if (k === 'offorigin') continue;
        const xs = list.map((f) => f[k]);
        out[`${key}_${k}`] = median(xs);
        if (RUNS > 1) out[`${key}_${k}_runs`] = xs.join(', ');
      }
      const perf = median(list.map((f) => f.performance));
      if (key.includes('_mobile_calibrated_')) worstCalibrated = Math.min(worstCalibrated, perf);
      else worst = Math.min(worst, perf);
    }
    out.lowest_median_performance_default = worst;
    out.lowest_median_performance_mobile_calibrated = FORMS.includes('mobile_calibrated')
      ? worstCalibrated
      : NaN;
    return out;
  }
};
export default section;

// Interleaved Lighthouse A/B of built trees on the pages with the sample shop loaded (issue #15).
// Not a bench section: a developer's tool.
//
//   node --import tsx bench/lh-ab.ts ROOT [ROOT ...]
//
// Each ROOT is a built tree (its `build/`), served by `vite preview` on its own port, the sample
// shop loaded into a Chromium profile per origin (as bench/sections/lighthouse.ts does). Then
// RAPPORT_LH_ROUNDS rounds (default 2), alternating the roots page by page: Lighthouse's default
// mobile run (4× CPU, slow 4G) of each page of RAPPORT_LH_PAGES (default /,/customers/,/churn/).
// Printed: performance, TBT, LCP, CLS, benchmark index, load average, and Lighthouse's long
// tasks (start and duration as it counts them, × 4, and the script it blames).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';
import { preview, tasksOf, type TraceEvent } from './trace-tasks';

const ROUNDS = Number(process.env.RAPPORT_LH_ROUNDS ?? 2);
const PAGES = (process.env.RAPPORT_LH_PAGES ?? '/,/customers/,/churn/').split(',');

async function profileWithSample(origin: string): Promise<string> {
  const dir = mkdtempSync(join(os.tmpdir(), 'rapport-lhab-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true
  });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(origin + '/');
    await page.getByTestId('load-sample').click();
    await page.getByTestId('sample-next').waitFor({ timeout: 180_000 });
    for (const path of PAGES) await page.goto(origin + path);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.goto(origin + '/');
    await page.waitForTimeout(2000);
  } finally {
    await ctx.close();
  }
  return dir;
}

async function main() {
  const roots = process.argv.slice(2).map((r) => resolve(r));
  const servers = await Promise.all(roots.map(preview));
  const dirs: string[] = [];
  const tbt: Record<string, number[]> = {};
  const perf: Record<string, number[]> = {};
  try {
    for (const s of servers) dirs.push(await profileWithSample(s.origin));
    for (let r = 0; r < ROUNDS; r++)
      for (const path of PAGES)
        for (let i = 0; i < roots.length; i++) {
          const chrome = await chromeLauncher.launch({
            chromePath: CHROMIUM,
            chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
            userDataDir: dirs[i]
          });
          try {
            const load = os.loadavg()[0].toFixed(1);
            const result = await lighthouse(servers[i].origin + path, {
              port: chrome.port,
              output: 'json',
              logLevel: 'error',
              onlyCategories: ['performance'],
              disableStorageReset: true
            });
            const lhr = result!.lhr;
            const v = (k: string) => Math.round(lhr.audits[k]?.numericValue ?? NaN);
            const key = `${path} ${roots[i]}`;
            const p = Math.round((lhr.categories.performance.score ?? NaN) * 100);
            (tbt[key] ??= []).push(v('total-blocking-time'));
            (perf[key] ??= []).push(p);
            console.log(
              `round ${r + 1} ${key} (load ${load}, index ${Math.round(lhr.environment.benchmarkIndex)}): perf ${p}, TBT ${v('total-blocking-time')}, LCP ${v('largest-contentful-paint')}, CLS ${(lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)}`
            );
            const items =
              (
                lhr.audits['long-tasks']?.details as {
                  items?: { url: string; startTime: number; duration: number }[];
                }
              )?.items ?? [];
            console.log(
              '   long tasks: ' +
                items
                  .map(
                    (t) =>
                      `${Math.round(t.startTime)}+${Math.round(t.duration)} ${t.url.replace(/^.*\//, '')}`
                  )
                  .join(', ')
            );
            // The tasks of Lighthouse's own trace over 12.5 ms (50 ms at 4×), and what ran in them.
            if (process.env.RAPPORT_LH_TASKS) {
              const events = (result!.artifacts.Trace as unknown as { traceEvents: TraceEvent[] })
                .traceEvents;
              try {
                for (const x of tasksOf(events, servers[i].origin + path).tasks)
                  if (x.wall_ms >= 12.5)
                    console.log(
                      `   @${x.start_ms} wall ${x.wall_ms} thread ${x.thread_ms} | ${x.what}`
                    );
              } catch (e) {
                console.log(`   (no tasks: ${String(e)})`);
              }
            }
          } finally {
            await chrome.kill();
          }
        }
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    for (const s of servers) s.child.kill('SIGTERM');
  }
  console.log('\nsummary: performance [runs] / TBT [runs]');
  for (const k of Object.keys(tbt))
    console.log(`  ${k}: perf [${perf[k].join(', ')}], TBT [${tbt[k].join(', ')}]`);
}

void main();

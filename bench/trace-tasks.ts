// What each main-thread task after first paint is, on the pages Lighthouse measures with data
// (issue #15). Not a bench section: a developer's tool.
//
//   node --import tsx bench/trace-tasks.ts [ROOT ...]      (default ROOT: this repo)
//
// Each ROOT is a built tree (its `build/` from `vite build`); each is served by `vite preview` on
// its own port, the sample shop is loaded into a Chromium profile per origin, then, for
// RAPPORT_TRACE_ROUNDS rounds (default 2) interleaved across the roots, each page of
// RAPPORT_TRACE_PAGES (default /,/customers/,/churn/) is opened at 412 × 823 px under a Chromium
// trace and a V8 CPU profile. Printed per page and root: every main-thread task over
// RAPPORT_TRACE_MIN_MS (default 8) wall time after first contentful paint, with its thread
// (CPU) time, what it ran and its heaviest functions (self time), and two blocking-time proxies:
// Σ max(0, 4·wall − 50) (what Lighthouse's 4× simulation counts, inflated on a loaded host) and
// Σ max(0, 4·thread − 50) (less sensitive to load: the README's proxy). RAPPORT_TRACE_JSON=FILE
// also writes every figure as JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';

const ROUNDS = Number(process.env.RAPPORT_TRACE_ROUNDS ?? 2);
const PAGES = (process.env.RAPPORT_TRACE_PAGES ?? '/,/customers/,/churn/').split(',');
const MIN_MS = Number(process.env.RAPPORT_TRACE_MIN_MS ?? 8);
const SETTLE_MS = Number(process.env.RAPPORT_TRACE_SETTLE_MS ?? 6000);
const VERBOSE = !process.env.RAPPORT_TRACE_QUIET;
/** RAPPORT_TRACE_PROFILE=0: no V8 CPU profile (its sampling costs time of its own). */
const PROFILE = process.env.RAPPORT_TRACE_PROFILE !== '0';
/** RAPPORT_TRACE_INCL=N: the N functions with most inclusive time per task, not only components. */
const INCL = Number(process.env.RAPPORT_TRACE_INCL ?? 0);

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string; frame?: string };
}
interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** `vite preview` of ROOT's `build/` on a random free-ish port, once it answers. */
export async function preview(root: string): Promise<{ origin: string; child: ChildProcess }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: 'ignore' }
  );
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(origin + '/')).ok) return { origin, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no preview on ${origin}`);
}

async function withSample(origin: string): Promise<{ ctx: BrowserContext; dir: string }> {
  const dir = mkdtempSync(join(os.tmpdir(), 'rapport-trace-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 412, height: 823 }
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(origin + '/');
  await page.getByTestId('load-sample').click();
  await page.getByTestId('sample-next').waitFor({ timeout: 180_000 });
  for (const path of PAGES) await page.goto(origin + path);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.goto(origin + '/');
  await page.waitForTimeout(2000);
  await page.close();
  return { ctx, dir };
}

const shortUrl = (u: string) => u.replace(/^.*\/(_app\/immutable\/)?/, '');

export interface Task {
  start_ms: number;
  wall_ms: number;
  thread_ms: number;
  what: string;
  top: string;
  comps: string;
}

async function traceOne(ctx: BrowserContext, url: string): Promise<{ tasks: Task[]; fcp: number }> {
  const page = await ctx.newPage();
  await page.goto('about:blank');
  const cdp = await ctx.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: TraceEvent[] }) => events.push(...e.value));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  }
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'v8',
        'blink.user_timing',
        'loading',
        '__metadata'
      ]
    }
  } as never);
  if (PROFILE) await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForTimeout(SETTLE_MS);
  const profile: Profile = PROFILE
    ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile
    : { nodes: [], startTime: 0, samples: [], timeDeltas: [] };
  await cdp.send('Tracing.end');
  await done;
  await page.close();

  return tasksOf(events, url, profile);
}

/** The main-thread tasks after first contentful paint in a trace of loading `url`. */
export function tasksOf(
  events: TraceEvent[],
  url: string,
  profile: Profile = { nodes: [], startTime: 0, samples: [], timeDeltas: [] }
): { tasks: Task[]; fcp: number } {
  // The page's renderer main thread: where its navigation started.
  const nav = events.find(
    (e) =>
      e.name === 'navigationStart' &&
      String(e.args?.data?.documentLoaderURL ?? '').startsWith(url.split('?')[0])
  );
  if (!nav)
    throw new Error(
      `no navigationStart for ${url} among ${events
        .filter((e) => e.name === 'navigationStart')
        .map((e) => String(e.args?.data?.documentLoaderURL))
        .join(', ')}`
    );
  const fcpEv = events.find(
    (e) => e.name === 'firstContentfulPaint' && e.pid === nav.pid && e.ts > nav.ts
  );
  const fcp = fcpEv?.ts ?? nav.ts;
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid);
  // Top-level tasks only (Chromium nests RunTask and ThreadControllerImpl::RunTask).
  const all = main
    .filter(
      (e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const top: TraceEvent[] = [];
  for (const e of all) {
    const last = top.at(-1);
    if (last && e.ts < last.ts + (last.dur ?? 0)) continue;
    top.push(e);
  }
  const tasks = top.filter((e) => e.ts + (e.dur ?? 0) > fcp && (e.dur ?? 0) / 1000 >= MIN_MS);

  // Profile samples with their timestamps (same clock as the trace).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) stamps.push((t += d));

  const out: Task[] = [];
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    // What ran: the direct children of the task, by kind, with their time.
    const kids = new Map<string, number>();
    for (const e of main) {
      if (e.ph !== 'X' || e === task || e.ts < task.ts || e.ts >= end) continue;
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      const d = e.args?.data ?? {};
      let label = e.name;
      if (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile')
        label += ' ' + shortUrl(String(d.url ?? d.scriptName ?? '')) + (d.functionName ? ':' + d.functionName : ''); // prettier-ignore
      else if (e.name === 'EventDispatch' || e.name === 'TimerFire') label += ' ' + (d.type ?? '');
      if (
        !/^(FunctionCall|EvaluateScript|v8\.compile|ParseHTML|Layout|UpdateLayoutTree|Paint|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|HitTest|PrePaint|Layerize|ParseAuthorStyleSheet|v8\.callFunction|V8\.GC.*|MajorGC|MinorGC|v8\.run)/.test(
          e.name
        )
      )
        continue;
      kids.set(label, (kids.get(label) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const what = [...kids]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join('; ');
    const self = new Map<string, number>();
    const comps = new Map<string, number>();
    for (let i = 0; i < stamps.length; i++) {
      if (stamps[i] < task.ts || stamps[i] >= end) continue;
      const n = byId.get(profile.samples[i]);
      if (!n) continue;
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
      const dt = (profile.timeDeltas[i + 1] ?? 100) / 1000;
      self.set(key, (self.get(key) ?? 0) + dt);
      // Inclusive time of components (Svelte compiles each to a function named like the file).
      const seen = new Set<string>();
      for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
        const fn = byId.get(id)?.callFrame.functionName ?? '';
        if (!(INCL ? fn : /^([A-Z]|_page|_layout)/.test(fn)) || seen.has(fn)) continue;
        seen.add(fn);
        comps.set(fn, (comps.get(fn) ?? 0) + dt);
      }
    }
    const heavy = [...self]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join('; ');
    const clip = Math.max(task.ts, fcp);
    out.push({
      start_ms: +((task.ts - nav.ts) / 1000).toFixed(1),
      wall_ms: +((end - clip) / 1000).toFixed(1),
      thread_ms: +(((task.tdur ?? task.dur ?? 0) * (end - clip)) / (task.dur || 1) / 1000).toFixed(
        1
      ),
      what,
      top: heavy,
      comps: [...comps]
        .sort((a, b) => b[1] - a[1])
        .slice(0, INCL || 10)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join('; ')
    });
  }
  return { tasks: out, fcp: +((fcp - nav.ts) / 1000).toFixed(0) };
}

const blocking = (xs: number[]) => Math.round(xs.reduce((s, d) => s + Math.max(0, 4 * d - 50), 0));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const roots = process.argv.slice(2).map((r) => resolve(r));
  if (!roots.length) roots.push(resolve('.'));
  const servers = await Promise.all(roots.map(preview));
  const setups: { ctx: BrowserContext; dir: string }[] = [];
  for (const s of servers) setups.push(await withSample(s.origin));
  const results: Record<
    string,
    { wall: number[]; thread: number[]; max: number[]; maxThread: number[] }
  > = {};
  try {
    for (let r = 0; r < ROUNDS; r++)
      for (const path of PAGES)
        for (let i = 0; i < roots.length; i++) {
          const load = os.loadavg()[0].toFixed(1);
          // Now and then a trace misses the navigation's start: once more.
          const url = servers[i].origin + path;
          const { tasks, fcp } = await traceOne(setups[i].ctx, url)
            .catch(() => traceOne(setups[i].ctx, url))
            .catch(() => traceOne(setups[i].ctx, url));
          const wall = blocking(tasks.map((x) => x.wall_ms));
          const thread = blocking(tasks.map((x) => x.thread_ms));
          const max = Math.max(0, ...tasks.map((x) => x.wall_ms));
          const key = `${path} ${roots[i]}`;
          results[key] ??= { wall: [], thread: [], max: [], maxThread: [] };
          results[key].maxThread.push(Math.max(0, ...tasks.map((x) => x.thread_ms)));
          results[key].wall.push(wall);
          results[key].thread.push(thread);
          results[key].max.push(max);
          console.log(
            `\n== round ${r + 1} ${key} (load ${load}) FCP ${fcp} ms: blocking@4x wall ${wall} ms, thread ${thread} ms; ${tasks.length} tasks ≥ ${MIN_MS} ms`
          );
          if (VERBOSE)
            for (const x of tasks)
              console.log(
                `  @${x.start_ms} wall ${x.wall_ms} thread ${x.thread_ms} | ${x.what}\n      top: ${x.top}${x.comps ? '\n      components: ' + x.comps : ''}`
              );
        }
  } finally {
    for (const s of setups) {
      await s.ctx.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
    for (const s of servers) s.child.kill('SIGTERM');
  }
  console.log('\nsummary (median [runs]) of Σ max(0, 4·d − 50) over tasks after FCP:');
  for (const [k, v] of Object.entries(results))
    console.log(
      `  ${k}: wall ${median(v.wall)} [${v.wall.join(', ')}], thread ${median(v.thread)} [${v.thread.join(', ')}], longest wall ${v.max.join(', ')}, longest thread ${v.maxThread.join(', ')}`
    );
  if (process.env.RAPPORT_TRACE_JSON)
    writeFileSync(process.env.RAPPORT_TRACE_JSON, JSON.stringify(results, null, 1));
}

if (process.argv[1]?.endsWith('trace-tasks.ts')) void main();

// Generative models' training time in headless Chromium, in the app's worker, through
// window.__rapportBench.generative(url): Telco (7,043 customers) imported by the app, then the
// customer map (VAE) and the synthesisers (GAN and Gaussian copula, 20% held out) trained as
// their pages train them. Each run in a fresh context; RAPPORT_BENCH_RUNS runs (default 1: a
// run takes minutes); every run listed. Target: each model under 2 minutes on 2 cores.
// The compute backend probe (once per device) is timed apart from the map. On a shared machine
// wall time follows the load: the CPU seconds of Chromium's processes in each phase are
// reported too (sampled from /proc every half second; Linux only).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, callBenchHook, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';

const RUNS = Number(process.env.RAPPORT_BENCH_RUNS ?? 1);

interface Run {
  rows: number;
  backend: string;
  /** GPU renderers the probe saw (webgl, webgpu). */
  renderers?: Record<string, string>;
  simd: boolean;
  threads: number;
  probeMs: number;
  marks: Record<'probe' | 'map' | 'mapEnd' | 'synth' | 'synthEnd', number>;
  mapMs: number;
  mapFitMs: number | null;
  mapAuc: number | null;
  robustZAuc: number | null;
  synthMs: number;
  models: { model: string; trainMs: number; quality: number; trainSynthAuc: number | null }[];
}

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICK = 100;

/** CPU seconds (user + system) of Chromium processes descending from this one. */
function chromiumCpuS(): number {
  const procs = new Map<number, { ppid: number; comm: string; cpu: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = st.lastIndexOf(')');
      const comm = st.slice(st.indexOf('(') + 1, close);
      const f = st.slice(close + 2).split(' ');
      procs.set(+d, { ppid: +f[1], comm, cpu: (+f[11] + +f[12]) / TICK });
    } catch {
      // exited meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid; p; p = procs.get(p)?.ppid)
      if (p === process.pid) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, p] of procs) if (/chrom/i.test(p.comm) && mine(pid)) sum += p.cpu;
  return sum;
}

/** Samples of (epoch ms, Chromium CPU s) while `f` runs. */
async function sampled<T>(f: () => Promise<T>): Promise<{ value: T; samples: [number, number][] }> {
  const samples: [number, number][] = [[Date.now(), chromiumCpuS()]];
  const id = setInterval(() => samples.push([Date.now(), chromiumCpuS()]), 500);
  try {
    const value = await f();
    samples.push([Date.now(), chromiumCpuS()]);
    return { value, samples };
  } finally {
    clearInterval(id);
  }
}

/** CPU seconds between two epoch-ms marks, read off the nearest samples at or after each. */
function cpuBetween(samples: [number, number][], from: number, to: number): number {
  const at = (t: number) => (samples.find(([ts]) => ts >= t) ?? samples[samples.length - 1])[1];
  return at(to) - at(from);
}

const section: BenchSection = {
  name: 'browser-generative',
  order: 65,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const csvPath = join(ctx.root, '..', 'shared', 'datasets', 'telco-churn', 'telco-customer-churn.csv'); // prettier-ignore
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const runs: (Run & { cpu: { probe: number; map: number; synth: number } })[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`run ${i + 1}/${RUNS}: import Telco, train the map and the synthesisers`);
        const { value: r, samples } = await sampled(() => callBenchHook<Run>(browser, preview.origin, { name: 'telco.csv', file: csvPath }, 'generative', undefined)); // prettier-ignore
        const m = r.marks;
        const cpu = {
          probe: cpuBetween(samples, m.probe, m.map),
          map: cpuBetween(samples, m.map, m.mapEnd),
          synth: cpuBetween(samples, m.synth, m.synthEnd)
        };
        ctx.log(`backend ${r.backend}; map ${(r.mapMs / 1000).toFixed(1)} s (${cpu.map.toFixed(1)} CPU s), synthesisers ${(r.synthMs / 1000).toFixed(1)} s (${cpu.synth.toFixed(1)} CPU s)`); // prettier-ignore
        runs.push({ ...r, cpu });
      }
    } finally {
      await browser.close();
      preview.stop();
    }
    const s = (ms: number) => +(ms / 1000).toFixed(1);
    const list = (f: (r: Run) => number) => runs.map((r) => s(f(r))).join(' / ');
    const model = (r: Run, k: string) => r.models.find((m) => m.model === k);
    const cpu = (f: (r: (typeof runs)[number]) => number) => runs.map((r) => f(r).toFixed(1)).join(' / '); // prettier-ignore
    const out: Metrics = {
      rows: runs[0]?.rows ?? 0,
      runs: runs.length,
      backend: runs.map((r) => `${r.backend}${r.simd ? '+simd' : ''}, ${r.threads} thread(s)`).join(' / '), // prettier-ignore
      renderers: runs.map((r) => JSON.stringify(r.renderers ?? {})).join(' / '),
      probe_s_runs: list((r) => r.probeMs),
      map_train_s_runs: list((r) => r.mapMs),
      map_fit_s_runs: list((r) => r.mapFitMs ?? NaN),
      map_cpu_s_runs: cpu((r) => r.cpu.map),
      synthetic_cpu_s_runs: cpu((r) => r.cpu.synth),
      probe_cpu_s_runs: cpu((r) => r.cpu.probe),
      map_anomaly_auc_runs: runs.map((r) => r.mapAuc?.toFixed(4)).join(' / '),
      gan_train_s_runs: list((r) => model(r, 'ctgan')?.trainMs ?? NaN),
      copula_train_s_runs: list((r) => model(r, 'copula')?.trainMs ?? NaN),
      synthetic_total_s_runs: list((r) => r.synthMs),
      gan_quality_runs: runs.map((r) => model(r, 'ctgan')?.quality.toFixed(4)).join(' / '),
      copula_quality_runs: runs.map((r) => model(r, 'copula')?.quality.toFixed(4)).join(' / ')
    };
    return out;
  }
};
export default section;

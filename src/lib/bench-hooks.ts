// Hooks for bench/sections/browser-import.ts: window.__rapportBench.{parseOnly,importCsv}(url)
// fetch a same-origin CSV as a Blob, start the worker (and open the database) with a cheap call,
// then run in the worker either the decode + record split only, or the full import path
// (auto-mapped as orders). The three phases are timed apart so the import figure is honest:
// `ms` (and rowsPerS) is the worker's work only; fetchMs and workerStartMs are reported beside it.
// Only in bench and dev builds (+layout.svelte loads it when __RAPPORT_BENCH__ is true).
import { call } from './workers/client';

export interface BenchResult {
  rows: number;
  /** The parse or import call alone (worker already started, file already fetched). */
  ms: number;
  rowsPerS: number;
  /** Fetching the CSV into a Blob. */
  fetchMs: number;
  /** First call to the worker: start, module evaluation, database open. */
  workerStartMs: number;
  /** Time the worker itself measured for the handler (no messaging). */
  workerMs: number;
  /** Where the import's time went (ImportReport.timings), when the call reports it. */
  phases?: Record<string, number>;
}

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.blob();
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await work();
  return [value, performance.now() - t0];
}

async function prepare(
  url: string
): Promise<{ file: Blob; fetchMs: number; workerStartMs: number }> {
  const [file, fetchMs] = await timed(() => fetchBlob(url));
  const [, workerStartMs] = await timed(() => call('data.counts'));
  return { file, fetchMs, workerStartMs };
}

function result(
  rows: number,
  ms: number,
  workerMs: number,
  p: { fetchMs: number; workerStartMs: number },
  phases?: Record<string, number>
): BenchResult {
  return {
    rows,
    ms,
    rowsPerS: Math.round(rows / (ms / 1000)),
    fetchMs: p.fetchMs,
    workerStartMs: p.workerStartMs,
    workerMs,
    ...(phases ? { phases } : {})
  };
}

const hooks = {
  async parseOnly(url: string): Promise<BenchResult> {
    const p = await prepare(url);
    const [r, ms] = await timed(() => call('import.parseOnly', { file: p.file }));
    return result(r.rows, ms, r.ms, p);
  },
  /** The yardstick: PapaParse alone (arrays, no mapping) over the same Blob in the worker. */
  async parsePapa(url: string): Promise<BenchResult> {
    const p = await prepare(url);
    const [r, ms] = await timed(() => call('import.parsePapa', { file: p.file }));
    return result(r.rows, ms, r.ms, p);
  },
  async importCsv(url: string): Promise<BenchResult> {
    const p = await prepare(url);
    const fileName = url.split('/').pop() || 'bench.csv';
    const [r, ms] = await timed(() =>
      call('import.run', {
        file: p.file,
        fileName,
        source: `bench ${fileName}`,
        kind: 'orders',
        channel: 'shop'
      })
    );
    if (r.refused) throw new Error(r.refused.message);
    return result(r.rowsRead, ms, r.ms, p, r.timings);
  },
  /** The home page's "load sample data" (2,000 customers), timed apart from the worker start. */
  async loadSample(): Promise<{ rows: number; ms: number; workerStartMs: number }> {
    const [, workerStartMs] = await timed(() => call('data.counts'));
    const [c, ms] = await timed(() => call('data.loadSample', { customers: 2000 }));
    return { rows: c.orderLines, ms, workerStartMs };
  }
};

export function registerBenchHooks(): void {
  if (typeof window === 'undefined') return;
  (window as unknown as { __rapportBench?: typeof hooks }).__rapportBench = hooks;
}

// Importing this module (one line in +layout.svelte) registers the hooks in the browser.
registerBenchHooks();

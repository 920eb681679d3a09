// Hooks for bench/sections/browser-import.ts: window.__rapportBench.{parseOnly,importCsv}(url)
// fetch a same-origin CSV as a Blob, then run in the worker either the decode + record split
// only, or the full import path (auto-mapped as orders). Each resolves { rows, ms, rowsPerS }.
// Registered always: it is a few lines and loads nothing until called.
import { call } from './workers/client';

export interface BenchResult {
  rows: number;
  ms: number;
  rowsPerS: number;
}

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.blob();
}

const hooks = {
  async parseOnly(url: string): Promise<BenchResult> {
    const file = await fetchBlob(url);
    const t0 = performance.now();
    const r = await call('import.parseOnly', { file });
    const ms = performance.now() - t0;
    return { rows: r.rows, ms, rowsPerS: Math.round(r.rows / (ms / 1000)) };
  },
  async importCsv(url: string): Promise<BenchResult> {
    const file = await fetchBlob(url);
    const fileName = url.split('/').pop() || 'bench.csv';
    const t0 = performance.now();
    const r = await call('import.run', {
      file,
      fileName,
      source: `bench ${fileName}`,
      kind: 'orders',
      channel: 'shop'
    });
    const ms = performance.now() - t0;
    return { rows: r.rowsRead, ms, rowsPerS: Math.round(r.rowsRead / (ms / 1000)) };
  }
};

export function registerBenchHooks(): void {
  if (typeof window === 'undefined') return;
  (window as unknown as { __rapportBench?: typeof hooks }).__rapportBench = hooks;
}

// Importing this module (one line in +layout.svelte) registers the hooks in the browser.
registerBenchHooks();

// Hook for bench/sections/browser-recommend.ts: window.__rapportBench.recommend(url, models)
// fetches a same-origin order CSV, imports it through the app's import path into this browser's
// database, trains the recommendations family in the worker exactly as the page's Train button
// does (`recommend.fit`: the protocol, then the chosen model on everything, scores stored), and
// asks for every customer's top 10 (`recommend.list`). Each phase is timed apart. Imported after
// bench-hooks.ts, whose object it extends.
import { call } from './workers/client';
import type { RecommendReport } from './core/models/recommendations/train';

export interface RecommendBenchResult {
  importMs: number;
  /** The whole `recommend.fit` call: tuning, test fits, final fit, scoring, saving. */
  fitMs: number;
  report: RecommendReport;
  /** Every customer's top 10 with reasons and names, from the stored model. */
  listAllMs: number;
  customers: number;
}

async function recommend(url: string, models?: string[]): Promise<RecommendBenchResult> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const file = await res.blob();
  const fileName = url.split('/').pop() || 'orders.csv';
  let t0 = performance.now();
  await call('import.run', { file, fileName, source: `bench ${fileName}`, kind: 'orders', channel: 'shop' }); // prettier-ignore
  const importMs = performance.now() - t0;
  t0 = performance.now();
  await call('recommend.fit', models ? { models: models as never } : {});
  const fitMs = performance.now() - t0;
  const report = (await call('recommend.results'))?.view as RecommendReport;
  t0 = performance.now();
  const all = await call('recommend.list', { limit: 1_000_000 });
  const listAllMs = performance.now() - t0;
  return { importMs, fitMs, report, listAllMs, customers: all.rows.length };
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { __rapportBench?: Record<string, unknown> };
  w.__rapportBench = { ...(w.__rapportBench ?? {}), recommend };
}

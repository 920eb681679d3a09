// Hook for bench/sections/browser-churn.ts: window.__rapportBench.churn(url, backends?) fetches
// a same-origin customer CSV with a label column and has the worker train (nested
// cross-validation of every default learner) and score the churn models on each tfjs backend
// named (default: every one this browser offers). Nothing is stored. Imported after
// bench-hooks.ts, whose object it extends.
import { call } from './workers/client';

async function churn(url: string, backends?: string[]) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const csv = await res.blob();
  return call('bench.churn', {
    csv,
    fileName: url.split('/').pop() || 'customers.csv',
    ...(backends ? { backends } : {})
  });
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { __rapportBench?: Record<string, unknown> };
  w.__rapportBench = { ...(w.__rapportBench ?? {}), churn };
}

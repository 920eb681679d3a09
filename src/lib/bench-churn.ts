// Hook for bench/sections/browser-churn.ts: window.__rapportBench.churn(url) fetches a
// same-origin customer CSV with a label column (Telco) and has the worker train and score the
// churn models on every tfjs backend this browser offers. Nothing is stored. Imported after
// bench-hooks.ts, whose object it extends.
import { call } from './workers/client';

async function churn(url: string) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const csv = await res.blob();
  return call('bench.churn', { csv, fileName: url.split('/').pop() || 'customers.csv' });
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { __rapportBench?: Record<string, unknown> };
  w.__rapportBench = { ...(w.__rapportBench ?? {}), churn };
}

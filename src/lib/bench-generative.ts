// Hook for bench/sections/browser-generative.ts: window.__rapportBench.generative(url) fetches a
// same-origin customer CSV, imports it through the worker's own import path, then trains the
// customer map and the synthesisers exactly as their pages do (models saved in this browser
// profile's database) and returns the times the app measured and the headline figures.
// Imported after bench-hooks.ts, whose object it extends. (Bench-only: see bench-churn.ts.)
import { call } from './workers/client';

async function generative(url: string) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const file = await res.blob();
  const fileName = url.split('/').pop() || 'customers.csv';
  const imported = await call('import.run', { file, fileName, source: `bench ${fileName}`, kind: 'customers', channel: 'shop' }); // prettier-ignore
  // The compute backend is measured once per device (the first model to train would otherwise
  // pay for it): measured here, on its own, so the map's time is the map's.
  const marks: Record<string, number> = { probe: Date.now() };
  const probeStart = performance.now();
  const compute = await call('compute.probe', {});
  const probeMs = performance.now() - probeStart;
  marks.map = Date.now();
  const map = await call('customerMap.train', {});
  marks.mapEnd = Date.now();
  const mapView = (await call('customerMap.results'))?.view;
  marks.synth = Date.now();
  const synth = await call('synthetic.train', {});
  marks.synthEnd = Date.now();
  const synthView = (await call('synthetic.results'))?.view;
  return {
    rows: imported.rowsStored,
    backend: compute.backend,
    renderers: compute.renderers,
    simd: compute.simd,
    threads: compute.threadsCount,
    probeMs,
    marks,
    mapMs: map.trainingMs,
    mapFitMs: mapView?.trainingMs ?? null,
    mapAuc: mapView?.evaluation?.vae.auc ?? null,
    robustZAuc: mapView?.evaluation?.robustZ.auc ?? null,
    synthMs: synth.trainingMs,
    models: (synthView?.models ?? []).map((m) => ({
      model: m.model,
      trainMs: m.trainMs,
      quality: m.quality.overall,
      trainSynthAuc: m.efficacy?.learners[0].trainSynthAuc ?? null
    }))
  };
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { __rapportBench?: Record<string, unknown> };
  w.__rapportBench = { ...(w.__rapportBench ?? {}), generative };
}

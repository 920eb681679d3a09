// Hook for bench/sections/browser-identity.ts (bench build only): window.__rapportBench.identity
// runs identity resolution with the app's code in this page's JavaScript engine, on same-origin
// CSV files (FEBRL, the first group of `rec-(\d+)` as ground truth) or on `generated` customers
// with 10% duplicates, and returns counts, pairwise quality and wall time. Nothing is stored.
import Papa from 'papaparse';
import { evaluateResolution } from './core/clean/identity/evaluate';
import { makeRecord } from './core/clean/identity/fields';
import { generatePeople } from './core/clean/identity/generate';
import { resolveIdentities } from './core/clean/identity/resolve';
import { recordsFromTable } from './core/clean/identity/table';

interface Job {
  urls?: string[];
  generated?: number;
}

async function identity(job: Job) {
  const t0 = performance.now();
  let records;
  let truth: string[];
  if (job.generated) {
    const people = generatePeople(job.generated);
    truth = people.map((p) => p.entity);
    const g0 = performance.now();
    records = people.map((p) => makeRecord(p.id, 0, p.raw));
    return finish(records, truth, false, g0);
  }
  const parts = [];
  for (const [source, url] of (job.urls ?? []).entries()) {
    const text = await (await fetch(url)).text();
    const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    parts.push(
      recordsFromTable(
        { name: url.split('/').pop()!, header, rows },
        { truthColumn: 'rec_id', truthPattern: /rec-(\d+)/, source }
      )
    );
  }
  records = parts.flatMap((p) => p.records);
  truth = parts.flatMap((p) => p.truth!);
  return finish(records, truth, parts.length > 1, t0);
}

async function finish(
  records: ReturnType<typeof makeRecord>[],
  truth: string[],
  link: boolean,
  t0: number
) {
  const res = await resolveIdentities(records, { link });
  const ms = performance.now() - t0;
  const q = evaluateResolution(res, records, truth, link);
  return {
    records: records.length,
    candidatePairs: res.candidatePairs,
    pairs: res.matched.length,
    clusters: res.clusters.length,
    pairwise: { precision: q.pairwise.precision, recall: q.pairwise.recall, f1: q.pairwise.f1 },
    clusterAccuracy: q.clusterAccuracy,
    ms: Math.round(ms)
  };
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { __rapportBench?: Record<string, unknown> };
  w.__rapportBench = { ...(w.__rapportBench ?? {}), identity };
}

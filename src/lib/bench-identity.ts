// Hook for bench/sections/browser-identity.ts (bench build only): window.__rapportBench.identity
// runs identity resolution with the app's code in this page's JavaScript engine, on same-origin
// CSV files (FEBRL, the first group of `rec-(\d+)` as ground truth) or on `generated` customers
// with 10% duplicates, and returns counts, pairwise quality and wall time. Nothing is stored.
// `identityApp` times the app's path instead: import through the worker, then the duplicates
// family in the worker (this one stores, in the bench page's own database).
import Papa from 'papaparse';
import { call } from './workers/client';
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

/**
 * The app's own path: each file imported as a customer export (rec_id as the customer id, one
 * channel per file) through the worker into the database, then `duplicates.find` in the worker
 * (every record against every other, not only across files) and the review list.
 */
async function identityApp(urls: string[]) {
  const t0 = performance.now();
  for (const [i, url] of urls.entries()) {
    const text = (await (await fetch(url)).text()).replace(/^rec_id/, 'customer_id');
    await call('import.run', {
      file: new Blob([text], { type: 'text/csv' }),
      fileName: url.split('/').pop()!,
      source: `bench-${i}`,
      kind: 'customers',
      channel: i ? 'pos' : 'shop'
    });
  }
  const t1 = performance.now();
  await call('duplicates.find');
  const t2 = performance.now();
  const review = await call('duplicates.review');
  const t3 = performance.now();
  return {
    records: review.report?.records ?? 0,
    candidatePairs: review.report?.candidatePairs ?? 0,
    groups: review.groups.filter((g) => !g.possible).length,
    importMs: Math.round(t1 - t0),
    findMs: Math.round(t2 - t1),
    reviewMs: Math.round(t3 - t2)
  };
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { __rapportBench?: Record<string, unknown> };
  w.__rapportBench = { ...(w.__rapportBench ?? {}), identity, identityApp };
}

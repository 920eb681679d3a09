// Benchmark-only handlers (npm run bench drives them through window.__rapportBench): churn
// training and scoring time on every tfjs backend this browser offers, on a customer CSV
// (Telco) parsed by the app's own ingest code. Nothing is stored.
import { errorMessage } from '../../core/errors';
import { autoMap, runImport } from '../../core/ingest';
import type { ImportSink, NewCustomer } from '../../core/ingest/sink';
import { buildFeatureTable } from '../../core/features/table';
import { detectLabelColumn, labelsFromColumn } from '../../core/features/labels';
import { trainChurn } from '../../core/models/churn/train';
import type { Customer } from '../../core/types';
import type { Handler } from '../protocol';
import { availableBackends, tf } from '../tf';
import { ensureBackend } from './compute';

export interface ChurnBackendTiming {
  backend: string;
  ok: boolean;
  error?: string;
  /** MLP, 5-fold stratified CV, no permutation importance. */
  mlpCvMs?: number;
  mlpAuc?: number;
  logisticCvMs?: number;
  logisticAuc?: number;
  /** Scoring 100,000 customers with the chosen model (rows tiled from the table). */
  score100kMs?: number;
}

export interface BenchHandlers {
  'bench.churn': Handler<
    { csv: Blob; fileName: string; backends?: string[] },
    { rows: number; timings: ChurnBackendTiming[] }
  >;
}

async function readCustomers(csv: Blob, fileName: string): Promise<Customer[]> {
  const head = await csv.slice(0, 4096).text();
  const headers = head.split(/\r?\n/, 1)[0].split(',');
  const rows: NewCustomer[] = [];
  const sink: ImportSink = {
    customers: async (r) => void rows.push(...r),
    orders: async () => {},
    products: async () => {},
    interactions: async () => {},
    relationships: async () => {}
  };
  const { mapping } = autoMap(headers, 'customers');
  const stream = csv.stream() as unknown as AsyncIterable<Uint8Array>;
  await runImport(stream, { fileName, kind: 'customers', channel: 'shop', mapping, sink });
  return rows.map((c) => ({ ...c, batchId: 0, updatedAt: 0 }));
}

export const benchHandlers: BenchHandlers = {
  'bench.churn': async ({ csv, fileName, backends }, ctx) => {
    await ensureBackend();
    const customers = await readCustomers(csv, fileName);
    const label = detectLabelColumn(customers);
    if (!label) throw new Error(`${fileName}: no churn label column`);
    const labels = labelsFromColumn(customers, label);
    const keep = new Set(labels.ids);
    const table = buildFeatureTable(
      { customers: customers.filter((c) => keep.has(c.id)) },
      { label }
    );
    const timings: ChurnBackendTiming[] = [];
    const names = backends ?? availableBackends();
    const before = tf.getBackend();
    for (const [i, name] of names.entries()) {
      ctx.progress({ done: i, total: names.length, message: name });
      const row: ChurnBackendTiming = { backend: name, ok: false };
      try {
        if (!(await tf.setBackend(name))) throw new Error('backend did not start');
        await tf.ready();
        const r = await trainChurn(table, labels.y, {
          folds: 5,
          seed: 42,
          importanceRepeats: 0,
          signal: ctx.signal
        });
        row.mlpCvMs = Math.round(r.results.mlp?.trainingMs ?? NaN);
        row.mlpAuc = r.results.mlp?.mean.auc;
        row.logisticCvMs = Math.round(r.results.logistic?.trainingMs ?? NaN);
        row.logisticAuc = r.results.logistic?.mean.auc;
        const n = 100_000;
        const X = new Float32Array(n * table.nCols);
        for (let k = 0; k < n; k++) {
          const src = (k % table.nRows) * table.nCols;
          X.set(table.X.subarray(src, src + table.nCols), k * table.nCols);
        }
        const t = performance.now();
        r.model.predict(X);
        row.score100kMs = Math.round(performance.now() - t);
        row.ok = true;
      } catch (e) {
        row.error = errorMessage(e);
      }
      timings.push(row);
    }
    await tf.setBackend(before);
    return { rows: table.nRows, timings };
  }
};

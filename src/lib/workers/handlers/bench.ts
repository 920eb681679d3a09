// Benchmark-only handlers (npm run bench drives them through window.__rapportBench): churn
// training (nested cross-validation of every learner) and scoring time on every tfjs backend
// this browser offers, on a customer CSV read by the app's own import code. Nothing is stored.
import { errorMessage } from '../../core/errors';
import { readExport } from '../../core/ingest/memory';
import type { RawTable } from '../../core/features/columns';
import { churnRisk } from '../../core/models/churn';
import { inputsFromExports } from '../../core/models/inputs';
import type { LearnerKind } from '../../core/models/learners/tabular';
import type { Handler } from '../protocol';
import { availableBackends, tf } from '../tf';
import { ensureBackend } from './compute';

export interface ChurnBackendTiming {
  backend: string;
  ok: boolean;
  error?: string;
  /** Nested cross-validation of every learner plus the final selection and fit. */
  trainMs?: number;
  /** Time fitting each learner's candidates, summed over folds. */
  learnerMs?: Record<string, number>;
  /** Outer-fold ROC AUC of the selection procedure and of each learner. */
  selectedAuc?: number;
  learnerAuc?: Record<string, number>;
  chosen?: string;
  /** Scoring 100,000 customers (rows tiled from the table), encoding included. */
  score100kMs?: number;
}

export interface BenchHandlers {
  'bench.churn': Handler<
    { csv: Blob; fileName: string; backends?: string[]; learners?: LearnerKind[] },
    { rows: number; timings: ChurnBackendTiming[] }
  >;
}

/** The table's rows repeated up to `n` rows. */
function tile(raw: RawTable, n: number): RawTable {
  const pick = (i: number) => i % raw.ids.length;
  return {
    ids: Array.from({ length: n }, (_, i) => `${raw.ids[pick(i)]}#${i}`),
    columns: raw.columns.map((c) => ({
      ...c,
      values: Array.from({ length: n }, (_, i) => c.values[pick(i)])
    })),
    dropped: raw.dropped
  };
}

export const benchHandlers: BenchHandlers = {
  'bench.churn': async ({ csv, fileName, backends, learners }, ctx) => {
    await ensureBackend();
    const stream = csv.stream() as unknown as AsyncIterable<Uint8Array>;
    const file = await readExport(stream, { fileName, kind: 'customers' });
    const ds = churnRisk.dataset(inputsFromExports([file]), learners ? { learners } : {});
    const timings: ChurnBackendTiming[] = [];
    const names = backends ?? availableBackends();
    const before = tf.getBackend();
    for (const [i, name] of names.entries()) {
      ctx.progress({ done: i, total: names.length, message: name });
      const row: ChurnBackendTiming = { backend: name, ok: false };
      try {
        if (!(await tf.setBackend(name))) throw new Error('backend did not start');
        await tf.ready();
        const t0 = performance.now();
        const out = await churnRisk.train(
          { ...ds, train: { ...ds.train, cache: new Map() } },
          { signal: ctx.signal }
        );
        row.trainMs = Math.round(performance.now() - t0);
        const r = out.report;
        row.selectedAuc = r.selected.mean.auc;
        row.chosen = r.final.learner;
        row.learnerAuc = Object.fromEntries(r.learners.map((l) => [l.learner, l.mean.auc]));
        row.learnerMs = Object.fromEntries(
          r.learners.map((l) => [l.learner, Math.round(l.ms ?? NaN)])
        );
        const big = tile(ds.scoring, 100_000);
        const t = performance.now();
        out.model.scoreTable(big);
        row.score100kMs = Math.round(performance.now() - t);
        churnRisk.dispose(out.model);
        row.ok = true;
      } catch (e) {
        row.error = errorMessage(e);
      }
      timings.push(row);
    }
    await tf.setBackend(before);
    return { rows: ds.train.y.length, timings };
  }
};

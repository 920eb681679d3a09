// Identity resolution (issue 12) in Node: FEBRL4 link (dataset4a with 4b, 5,000 each, one true
// match per record), FEBRL3 deduplication (5,000 records, up to 5 duplicates per person), and
// 100,000 generated customers with 10% duplicates. Quality at the default threshold (0.9,
// untuned), wall time of the whole run (reading, normalising, blocking, EM, clustering) over
// RUNS runs: median and every run.
import { join } from 'node:path';
import { run as dedupe } from '../../src/cli/commands/dedupe';
import { makeRecord } from '../../src/lib/core/clean/identity/fields';
import { evaluateResolution } from '../../src/lib/core/clean/identity/evaluate';
import { generatePeople } from '../../src/lib/core/clean/identity/generate';
import { resolveIdentities } from '../../src/lib/core/clean/identity/resolve';
import type { BenchSection, Metrics } from '../types';

const RUNS = Number(process.env.RAPPORT_BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Out = {
  records: number;
  candidatePairs: number;
  pairs: number;
  clusters: number;
  pairwise: { precision: number; recall: number; f1: number };
  ms: number;
  blockingRecall: number;
  clusterAccuracy: number;
};

const section: BenchSection = {
  name: 'identity',
  order: 58,
  async run(ctx) {
    const febrl = join(ctx.root, '..', 'shared', 'datasets', 'febrl');
    const truth = { truth: 'rec_id', 'truth-pattern': 'rec-(\\d+)' };
    const out: Metrics = {};
    const record = async (key: string, args: Record<string, string>) => {
      const runs: Out[] = [];
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`${key} run ${i + 1}/${RUNS}`);
        runs.push((await dedupe({ ...args, ...truth })) as Out);
      }
      const r = runs[0];
      out[`${key}_records`] = r.records;
      out[`${key}_candidate_pairs`] = r.candidatePairs;
      out[`${key}_blocking_recall`] = r.blockingRecall;
      out[`${key}_precision`] = r.pairwise.precision;
      out[`${key}_recall`] = r.pairwise.recall;
      out[`${key}_f1`] = r.pairwise.f1;
      out[`${key}_cluster_accuracy`] = r.clusterAccuracy;
      out[`${key}_ms`] = median(runs.map((x) => x.ms));
      out[`${key}_ms_runs`] = runs.map((x) => x.ms).join(' / ');
    };
    await record('febrl4_link', {
      records: join(febrl, 'dataset4a.csv'),
      link: join(febrl, 'dataset4b.csv')
    });
    await record('febrl3_dedupe', { records: join(febrl, 'dataset3.csv') });

    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ctx.log(`100,000 generated customers, run ${i + 1}/${RUNS}`);
      const people = generatePeople(100_000);
      const t0 = performance.now();
      const records = people.map((p) => makeRecord(p.id, 0, p.raw));
      const res = await resolveIdentities(records);
      times.push(Math.round(performance.now() - t0));
      if (i === 0) {
        const q = evaluateResolution(
          res,
          records,
          people.map((p) => p.entity)
        );
        out.gen100k_candidate_pairs = res.candidatePairs;
        out.gen100k_precision = +q.pairwise.precision.toFixed(4);
        out.gen100k_recall = +q.pairwise.recall.toFixed(4);
        out.gen100k_f1 = +q.pairwise.f1.toFixed(4);
      }
    }
    out.gen100k_ms = median(times);
    out.gen100k_ms_runs = times.join(' / ');
    return out;
  }
};
export default section;

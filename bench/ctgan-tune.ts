// Choosing the GAN's settings without the hold-out (issue #14): the synthesiser's training
// customers (the bench's 80%) are split again, 80/20 stratified by Churn; the GAN learns the
// inner 80% and is judged on quality against it and on train-on-synthetic churn AUC on the
// inner 20%. The bench's hold-out is never read here.
//   node --import tsx bench/ctgan-tune.ts '<CtganParams JSON>' [seeds=1,2,3]
import { join } from 'node:path';
import { readInputs } from '../src/cli/files';
import { initTf } from '../src/lib/core/tf/backend';
import { stratifiedSplit } from '../src/lib/core/evaluate/splits';
import { tableRows } from '../src/lib/core/models/customerMap/table';
import { metaOf, planColumns } from '../src/lib/core/models/syntheticData/columns';
import { Ctgan } from '../src/lib/core/models/syntheticData/ctgan';
import { synthDataset } from '../src/lib/core/models/syntheticData/dataset';
import { SynthModel } from '../src/lib/core/models/syntheticData/model';
import { fitTransformer, transformRows } from '../src/lib/core/models/syntheticData/transform';
import { fitCopula } from '../src/lib/core/models/syntheticData/copula';
import { qualityReport } from '../src/lib/core/models/syntheticData/report/quality';
import { labelsOf, trainTestAuc } from '../src/lib/core/models/syntheticData/report/efficacy';

const { modes, minWeight, numeric, knots, bins, conditionBins, ...params } = JSON.parse(
  process.argv[2] ?? '{}'
);
const seeds = (process.argv[3] ?? '1,2,3').split(',').map(Number);
const file = join(import.meta.dirname, '..', '..', 'shared', 'datasets', 'telco-churn', 'telco-customer-churn.csv'); // prettier-ignore
const { inputs } = await readInputs({ customers: file });
await initTf();
const rows: Record<string, number>[] = [];
const copulaQ: number[] = [];
for (const seed of seeds) {
  const ds = synthDataset(inputs, { seed });
  const outer = tableRows(ds.table, ds.train);
  const y = labelsOf(outer, ds.label!);
  const split = stratifiedSplit(
    outer.ids.map((_, i) => i),
    y,
    0.2,
    seed + 1000
  );
  const train = tableRows(outer, split.train);
  const val = tableRows(outer, split.test);
  const plans = planColumns(train);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const tr = fitTransformer(train, plans, seed, {
    modes,
    minWeight,
    numeric,
    knots,
    bins,
    conditionBins
  });
  const data = transformRows(tr, train, seed + 1);
  const gan = Ctgan.create(tr, { seed, label: ds.label, ...params });
  await gan.fit(data, train.ids.length, gan.sampler(data, train.ids.length));
  const cpu = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  const model = new SynthModel(metaOf(train), plans, gan, fitCopula(train, plans, seed));
  const g = model.generate('ctgan', train.ids.length, seed + 101, train);
  const q = qualityReport(train, g.table);
  // The copula on the same inner split, and both reports' pair trends by kind of pair.
  const qc = qualityReport(train, model.generate('copula', train.ids.length, seed + 101, train).table); // prettier-ignore
  const cont = new Set(plans.filter((p) => p.kind === 'continuous').map((p) => p.name));
  const byKind = (qq: typeof q) => {
    const groups: Record<string, number[]> = {};
    for (const pr of qq.pairs) {
      const k = pr.columns.filter((c) => cont.has(c)).length;
      (groups[`cont${k}`] ??= []).push(pr.score);
    }
    return Object.entries(groups).map(([k, v]) => `${k}(${v.length}) ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(3)}`).join(' '); // prettier-ignore
  };
  console.log(`  pairs by continuous columns in the pair: gan ${byKind(q)} | copula ${byKind(qc)} | copula quality ${qc.overall.toFixed(4)} shapes ${qc.columnShapes.toFixed(4)} pairs ${qc.columnPairTrends.toFixed(4)}`); // prettier-ignore
  const worstPairs = [...q.pairs].map((pr) => ({ pr, d: (qc.pairs.find((x) => x.columns.join() === pr.columns.join())?.score ?? 1) - pr.score })).sort((a, b) => b.d - a.d).slice(0, 6); // prettier-ignore
  console.log('  number pairs ρ real / gan / copula', q.pairs.filter((pr) => pr.metric === 'CorrelationSimilarity').map((pr) => `${pr.columns.join('×')} ${pr.real?.toFixed(2)} / ${pr.synthetic?.toFixed(2)} / ${qc.pairs.find((x) => x.columns.join() === pr.columns.join())?.synthetic?.toFixed(2)}`).join(', ')); // prettier-ignore
  console.log('  pairs furthest below the copula', worstPairs.map(({ pr, d }) => `${pr.columns.join('×')} ${pr.score.toFixed(3)} (−${d.toFixed(3)})`).join(', ')); // prettier-ignore
  const real = await trainTestAuc('logistic', train, val, ds.label!, seed);
  const synth = await trainTestAuc('logistic', g.table, val, ds.label!, seed);
  copulaQ.push(qc.overall);
  const r = { seed, quality: q.overall, shapes: q.columnShapes, pairs: q.columnPairTrends, real, synth, gap: real - synth, cpu_s: (cpu.user + cpu.system) / 1e6, wall_s: wall }; // prettier-ignore
  rows.push(r);
  const worst = [...q.shapes].sort((a, b) => a.score - b.score).slice(0, 5);
  console.log('  worst shapes', worst.map((x) => `${x.column} ${x.score.toFixed(3)}`).join(', '), '| modes', tr.columns.filter((c) => c.gmm || c.knots).map((c) => `${c.plan.name}:${c.gmm ? c.gmm.means.length : 'q'}`).join(' ')); // prettier-ignore
  console.log(
    JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toFixed(4)])))
  );
  model.dispose();
}
const stat = (k: string) => {
  const v = rows.map((r) => r[k]);
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return `${k} ${m.toFixed(3)} ± ${sd.toFixed(3)}`;
};
console.log(`  copula quality on the same splits: ${copulaQ.map((x) => x.toFixed(4)).join(' / ')}`);
console.log(`SUMMARY ${JSON.stringify({ modes, minWeight, numeric, knots, bins, conditionBins, ...params })}: ${['quality', 'shapes', 'pairs', 'gap', 'synth', 'cpu_s'].map(stat).join(' | ')}`); // prettier-ignore

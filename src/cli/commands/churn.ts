// `npm run rapport -- churn --customers customers.csv [--label Churn]`
// `npm run rapport -- churn --orders orders.csv [--customers customers.csv] [--cutoff YYYY-MM-DD]
//    [--window-days N]`
//   common: [--folds 5] [--seed 42 | --seeds 1,2,3] [--learners logistic,gbdt,mlp,mlp-ple]
//           [--include a,b] [--exclude c] [--encoding windows-1252] [--no-header --columns a,b]
// Reads the files through the app's import code and trains the churn family exactly as the app
// does (same label plan, leakage guard, nested cross-validation); prints JSON.
import {
  churnRisk,
  type ChurnOptions,
  type ChurnReport,
  type LearnerSummary
} from '../../lib/core/models/churn';
import type { LearnerKind } from '../../lib/core/models/learners/tabular';
import { LEARNER_KINDS } from '../../lib/core/models/learners/tabular';
import { fieldSpec } from '../../lib/core/ingest/fields';
import { initTf } from '../../lib/core/tf/backend';
import { dayEnd, int, list, readInputs, readOptions, str, type Args } from '../files';

const r4 = (v: number) => (Number.isFinite(v) ? +v.toFixed(4) : v);

function figures(s: LearnerSummary) {
  const pair = (k: string) => ({ mean: r4(s.mean[k]), sd: r4(s.sd[k]) });
  return {
    auc: pair('auc'),
    prAuc: pair('prAuc'),
    f1: pair('f1'),
    precision: pair('precision'),
    recall: pair('recall'),
    chosen: s.chosen,
    ...(s.ms !== undefined ? { trainingMs: Math.round(s.ms) } : {})
  };
}

export function options(args: Args): ChurnOptions {
  const learners = list(args, 'learners');
  for (const l of learners ?? [])
    if (!(LEARNER_KINDS as readonly string[]).includes(l))
      throw new Error(
        `--learners: unknown learner "${l}" (choose from ${LEARNER_KINDS.join(', ')})`
      );
  const label = str(args, 'label');
  return {
    ...(label !== undefined ? { labelColumn: label } : {}),
    ...(args['window-days'] !== undefined
      ? { windowDays: int(args, 'window-days', 90, 1, 3650) }
      : {}),
    ...(args.cutoff !== undefined ? { cutoff: dayEnd(args, 'cutoff')! + 1 } : {}),
    include: list(args, 'include'),
    exclude: list(args, 'exclude'),
    folds: int(args, 'folds', 5, 2, 20),
    seed: int(args, 'seed', 42),
    ...(learners ? { learners: learners as LearnerKind[] } : {})
  };
}

function summarise(report: ChurnReport) {
  return {
    learners: Object.fromEntries(report.learners.map((l) => [l.learner, figures(l)])),
    selected: figures(report.selected),
    baseline: { ...figures(report.baseline), column: report.baseline.chosen },
    chosen: report.final.learner,
    chosenConfig: report.final.config,
    threshold: r4(report.final.threshold)
  };
}

export async function run(args: Args): Promise<unknown> {
  const customers = str(args, 'customers');
  const orders = str(args, 'orders');
  if (!customers && !orders)
    throw new Error(
      'give --customers file.csv (with a yes/no churn column), --orders file.csv, or both'
    );
  const base = options(args);
  const seeds = list(args, 'seeds')?.map((s) => int({ seed: s }, 'seed', 0));
  // --encoding applies to every file; --no-header / --columns to the order file (or the only one).
  const how = readOptions(args);
  const enc = how.encoding ? { encoding: how.encoding } : {};
  const { inputs, files } = await readInputs(
    { customers, orders },
    orders ? { customers: enc, orders: how } : { customers: how }
  );
  const label = base.labelColumn;
  for (const f of files)
    for (const [field, header] of Object.entries(f.mapping))
      if (label && header.toLowerCase() === label.toLowerCase())
        throw new Error(
          `${f.file}: "${header}" is read as the ${(fieldSpec(f.kind, field)?.label ?? field).toLowerCase()}, not a yes/no churn label (--label names a column like Churn or Exited)`
        );
  const ds = churnRisk.dataset(inputs, base);
  const backend = await initTf();
  const runs: ChurnReport[] = [];
  const t0 = performance.now();
  const seedList = seeds ?? [base.seed ?? 42];
  let scoringMs = NaN;
  for (const [i, seed] of seedList.entries()) {
    const one = { ...ds, options: { ...base, seed }, train: { ...ds.train, cache: new Map() } };
    const out = await churnRisk.train(one, {});
    runs.push(out.report);
    if (i === seedList.length - 1) {
      const ts = performance.now();
      out.model.scoreTable(one.scoring);
      scoringMs = performance.now() - ts;
    }
    churnRisk.dispose(out.model);
  }
  const last = runs[runs.length - 1];
  const across = (f: (r: ChurnReport) => number) => {
    const v = runs.map(f);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd =
      v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
    return { mean: r4(m), sd: r4(sd), values: v.map(r4) };
  };
  return {
    files,
    rows: last.rows,
    labelRate: r4(last.labelRate),
    label: {
      ...last.label,
      trainCutoff: new Date(last.label.trainCutoff).toISOString().slice(0, 10),
      scoreCutoff: new Date(last.label.scoreCutoff).toISOString().slice(0, 10),
      ...(ds.plan.mode === 'history'
        ? { proposedWindowDays: ds.plan.proposedWindowDays, proposal: ds.plan.proposal }
        : {})
    },
    columns: {
      kept: [...new Set(last.columns.kept.map((c) => c.source))],
      excluded: last.columns.dropped.map((d) => ({ name: d.name, kind: d.kind, reason: d.reason })),
      leaky: last.columns.leaky
    },
    folds: last.folds,
    ...summarise(last),
    ...(runs.length > 1
      ? {
          seeds: {
            values: seedList,
            selectedAuc: across((r) => r.selected.mean.auc),
            selectedPrAuc: across((r) => r.selected.mean.prAuc),
            selectedF1: across((r) => r.selected.mean.f1),
            learnersAuc: Object.fromEntries(
              last.learners.map((l) => [
                l.learner,
                across((r) => r.learners.find((x) => x.learner === l.learner)!.mean.auc)
              ])
            ),
            baselineAuc: across((r) => r.baseline.mean.auc),
            chosen: runs.map((r) => r.final.learner)
          }
        }
      : {}),
    importance: last.importance
      .slice(0, 10)
      .map((i) => ({ feature: i.feature, aucDrop: r4(i.aucDrop), sd: r4(i.sd) })),
    backend,
    trainingMs: Math.round((performance.now() - t0) / runs.length),
    scoringMs: Math.round(scoringMs)
  };
}

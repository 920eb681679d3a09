// Churn model quality and speed in Node (tfjs WASM backend), through the CLI's code (the app's
// import code and the churn family): nested cross-validation, every figure from outer test
// folds, repeated over 3 seeds (mean ± sd across seeds, and the mean sd across folds).
//   telco: 7,043 customers with an explicit label;
//   bank:  10,000 synthetic bank customers (tests/fixtures/bank), where trees should win;
//   bank_public: with RAPPORT_BANK_FILE=path, the public 10,000-customer bank churn file
//          (Churn_Modelling.csv: RowNumber, CustomerId, Surname, …, Exited), not kept here;
//   cdnow: churn from history, features up to 1997-09-30, churned = no purchase in 26 weeks,
//          plus BG/NBD's probability of no purchase in the window as a reference.
import { join } from 'node:path';
import { run as churnCli } from '../../src/cli/commands/churn';
import { readInputs } from '../../src/cli/files';
import { rocAuc } from '../../src/lib/core/evaluate/metrics';
import { fitLifetimeValue, summariseTransactions, DAY_MS } from '../../src/lib/core/models/clv';
import type { BenchSection, Metrics } from '../types';

const SEEDS = process.env.RAPPORT_BENCH_SEEDS ?? '1,2,3';

interface Fig {
  mean: number;
  sd: number;
  values?: number[];
}
interface ChurnOut {
  rows: number;
  chosen: string;
  backend: string;
  trainingMs: number;
  scoringMs: number;
  learners: Record<string, { auc: Fig; prAuc: Fig; f1: Fig; trainingMs: number }>;
  selected: { auc: Fig; prAuc: Fig; f1: Fig; chosen: string[] };
  baseline: { auc: Fig; column: string[] };
  seeds: {
    selectedAuc: Fig;
    selectedPrAuc: Fig;
    selectedF1: Fig;
    learnersAuc: Record<string, Fig>;
    baselineAuc: Fig;
    chosen: string[];
  };
}

const r4 = (v: number) => +v.toFixed(4);

function flatten(prefix: string, r: ChurnOut): Metrics {
  const s = r.seeds;
  const out: Metrics = {
    [`${prefix}_rows`]: r.rows,
    [`${prefix}_backend`]: r.backend,
    [`${prefix}_seeds`]: SEEDS,
    [`${prefix}_selected_auc_mean`]: s.selectedAuc.mean,
    [`${prefix}_selected_auc_sd_across_seeds`]: s.selectedAuc.sd,
    [`${prefix}_selected_auc_runs`]: s.selectedAuc.values!.join(' / '),
    [`${prefix}_selected_auc_sd_across_folds`]: r.selected.auc.sd,
    [`${prefix}_selected_pr_auc_mean`]: s.selectedPrAuc.mean,
    [`${prefix}_selected_f1_mean`]: s.selectedF1.mean,
    [`${prefix}_selected_f1_sd_across_seeds`]: s.selectedF1.sd,
    [`${prefix}_final_learner_per_seed`]: s.chosen.join(' / '),
    [`${prefix}_baseline_auc_mean`]: s.baselineAuc.mean,
    [`${prefix}_baseline_column`]: [...new Set(r.baseline.column)].join(' / '),
    [`${prefix}_train_ms_per_seed`]: r.trainingMs,
    [`${prefix}_score_all_ms`]: r.scoringMs
  };
  for (const [l, f] of Object.entries(s.learnersAuc)) {
    out[`${prefix}_${l}_auc_mean`] = f.mean;
    out[`${prefix}_${l}_auc_sd_across_seeds`] = f.sd;
    out[`${prefix}_${l}_train_ms`] = r.learners[l].trainingMs;
  }
  return out;
}

const section: BenchSection = {
  name: 'churn',
  order: 50,
  async run(ctx) {
    const DATA = join(ctx.root, '..', 'shared', 'datasets');
    const seeds = { seeds: SEEDS };
    ctx.log(`Telco: nested 5-fold CV, seeds ${SEEDS}`);
    const telco = (await churnCli({
      customers: join(DATA, 'telco-churn', 'telco-customer-churn.csv'),
      ...seeds
    })) as ChurnOut;
    ctx.log('Bank (synthetic, 10,000 customers)');
    const bank = (await churnCli({
      customers: join(ctx.root, 'tests', 'fixtures', 'bank', 'bank-churn-synthetic.csv'),
      ...seeds
    })) as ChurnOut;
    const bankFile = process.env.RAPPORT_BANK_FILE;
    let bankPublic: ChurnOut | null = null;
    if (bankFile) {
      ctx.log(`Bank (${bankFile})`);
      bankPublic = (await churnCli({ customers: bankFile, ...seeds })) as ChurnOut;
    }
    ctx.log('CDNOW: churn from history, cutoff 1997-09-30, 182-day window');
    // Read as it is (whitespace columns under a header) by the app's import code.
    const orders = join(DATA, 'cdnow', 'CDNOW_master.txt');
    const cdnow = (await churnCli({
      orders,
      cutoff: '1997-09-30',
      'window-days': '182',
      ...seeds
    })) as ChurnOut;

    ctx.log('CDNOW: BG/NBD purchase probability as a churn score on the same split');
    const { inputs } = await readInputs({ orders });
    const end = Date.UTC(1997, 8, 30);
    const tx = inputs.orders.map((o) => ({
      customerId: o.customerId,
      ts: o.ts,
      amount: o.quantity * o.unitPrice
    }));
    const summary = summariseTransactions(tx, {
      calibrationEnd: end,
      unit: 'weeks',
      observationEnd: end + 182 * DAY_MS
    });
    const model = fitLifetimeValue(summary, { unit: 'weeks', draws: 0 });
    const forecast = model.predict(summary, 182);
    const churned = summary.map((c) => (c.holdoutFrequency === 0 ? 1 : 0));
    return {
      ...flatten('telco', telco),
      ...flatten('bank', bank),
      ...(bankPublic ? flatten('bank_public', bankPublic) : {}),
      ...flatten('cdnow', cdnow),
      cdnow_bgnbd_p_no_purchase_auc: r4(rocAuc(churned, forecast.map((f) => 1 - f.purchaseProbability))), // prettier-ignore
      cdnow_bgnbd_palive_auc: r4(
        rocAuc(
          churned,
          forecast.map((f) => 1 - f.pAlive)
        )
      )
    };
  }
};
export default section;

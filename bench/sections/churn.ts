// Churn model quality and speed in Node (tfjs WASM backend), through the same code as the CLI:
// Telco with its explicit label (5-fold stratified CV), and CDNOW with churn derived from history
// (calibration up to 1997-09-30, churned = no purchase in the following 26 weeks).
import { join } from 'node:path';
import { run as churnCli } from '../../src/cli/commands/churn';
import { readTransactions, parseDate } from '../../src/cli/commands/clv';
import { fitLifetimeValue, summariseTransactions, DAY_MS } from '../../src/lib/core/models/clv';
import { rocAuc } from '../../src/lib/core/evaluate/metrics';
import type { BenchSection, Metrics } from '../types';

interface ModelSummary {
  auc: { mean: number; sd: number };
  prAuc: { mean: number; sd: number };
  f1: { mean: number; sd: number };
  trainingMs: number;
}
interface ChurnOut {
  rows: number;
  chosen: string;
  backend: string;
  trainingMs: number;
  scoringMs: number;
  models: Record<string, ModelSummary>;
}

function flatten(prefix: string, r: ChurnOut): Metrics {
  const out: Metrics = {
    [`${prefix}_rows`]: r.rows,
    [`${prefix}_chosen`]: r.chosen,
    [`${prefix}_backend`]: r.backend,
    [`${prefix}_total_train_ms`]: r.trainingMs,
    [`${prefix}_score_all_ms`]: r.scoringMs
  };
  for (const [model, m] of Object.entries(r.models)) {
    out[`${prefix}_${model}_auc`] = m.auc.mean;
    out[`${prefix}_${model}_auc_sd`] = m.auc.sd;
    out[`${prefix}_${model}_pr_auc`] = m.prAuc.mean;
    out[`${prefix}_${model}_f1`] = m.f1.mean;
    out[`${prefix}_${model}_cv_ms`] = m.trainingMs;
  }
  return out;
}

const section: BenchSection = {
  name: 'churn',
  order: 50,
  async run(ctx) {
    const DATA = join(ctx.root, '..', 'shared', 'datasets');
    ctx.log('Telco: 5-fold stratified CV');
    const telco = (await churnCli({
      customers: join(DATA, 'telco-churn', 'telco-customer-churn.csv'),
      label: 'Churn',
      folds: '5'
    })) as ChurnOut;
    ctx.log('CDNOW: churn from history, cutoff 1997-09-30, 182-day window');
    const cdnow = (await churnCli({
      orders: join(DATA, 'cdnow', 'CDNOW_master.txt'),
      cutoff: '1997-09-30',
      'window-days': '182',
      folds: '5'
    })) as ChurnOut;
    ctx.log('CDNOW: BG/NBD probability alive as a churn score on the same split');
    const end = parseDate('1997-09-30');
    const tx = readTransactions(join(DATA, 'cdnow', 'CDNOW_master.txt'), {});
    const summary = summariseTransactions(tx, {
      calibrationEnd: end,
      unit: 'weeks',
      observationEnd: end + 182 * DAY_MS
    });
    const model = fitLifetimeValue(summary, { unit: 'weeks', draws: 0 });
    const forecast = model.predict(summary, 182);
    // A customer has churned when there is no purchase in the 26 weeks after the calibration.
    const churned = summary.map((c) => (c.holdoutFrequency === 0 ? 1 : 0));
    const pAliveAuc = rocAuc(
      churned,
      forecast.map((f) => 1 - f.pAlive)
    );
    const noPurchaseAuc = rocAuc(
      churned,
      forecast.map((f) => 1 - f.purchaseProbability)
    );
    return {
      ...flatten('telco', telco),
      ...flatten('cdnow', cdnow),
      cdnow_bgnbd_palive_auc: +pAliveAuc.toFixed(4),
      cdnow_bgnbd_p_no_purchase_auc: +noPurchaseAuc.toFixed(4),
      cdnow_bgnbd_churn_rate: +(churned.reduce((a, b) => a + b, 0) / churned.length).toFixed(4)
    };
  }
};
export default section;

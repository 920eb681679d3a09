// Churn model quality and speed in Node (tfjs WASM backend), through the same code as the CLI:
// Telco with its explicit label (5-fold stratified CV), and CDNOW with churn derived from history
// (calibration up to 1997-09-30, churned = no purchase in the following 26 weeks).
import { join } from 'node:path';
import { run as churnCli } from '../../src/cli/commands/churn';
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
    return { ...flatten('telco', telco), ...flatten('cdnow', cdnow) };
  }
};
export default section;

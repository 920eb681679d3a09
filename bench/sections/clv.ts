// Lifetime value: the BG/NBD fit against the published CDNOW parameters (Fader, Hardie & Lee
// 2005: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4), and the full CDNOW master file with
// a 1997-09-30 calibration end and its holdout.
import { join } from 'node:path';
import { run as clvCli } from '../../src/cli/commands/clv';
import type { BenchSection, Metrics } from '../types';

const section: BenchSection = {
  name: 'clv',
  order: 55,
  async run(ctx) {
    const data = join(ctx.root, '..', 'shared', 'datasets', 'cdnow');
    const out: Metrics = {};
    let t = performance.now();
    const fit = (await clvCli({ summary: join(data, 'cdnow_customers_summary.csv') })) as Record<
      string,
      unknown
    >;
    out.summary_fit_ms = Math.round(performance.now() - t);
    for (const k of ['r', 'alpha', 'a', 'b', 'logLik']) {
      const v = (fit[k] ?? (fit.params as Record<string, unknown> | undefined)?.[k]) as unknown;
      if (typeof v === 'number') out[`cdnow_sample_${k}`] = +v.toFixed(4);
    }
    ctx.log('full CDNOW master file');
    t = performance.now();
    const full = (await clvCli({
      transactions: join(data, 'CDNOW_master.txt'),
      'calibration-end': '1997-09-30'
    })) as Record<string, unknown>;
    out.master_total_ms = Math.round(performance.now() - t);
    const holdout = full.holdout as Record<string, number> | undefined;
    if (holdout) for (const [k, v] of Object.entries(holdout)) out[`master_holdout_${k}`] = v;
    return out;
  }
};
export default section;

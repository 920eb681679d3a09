// `npm run rapport -- clv --orders orders.csv [--cutoff YYYY-MM-DD] [--horizon-days 365]
//    [--encoding NAME] [--no-header --columns a,b,c]`
//   (`--transactions` is the same option.) Reads the order export through the app's import code
//   and fits lifetime value exactly as the app does (BG/NBD + Gamma-Gamma, the same refusals
//   when the history is too short); with orders after the cutoff, checks the forecast on them.
// `npm run rapport -- clv --summary summary.csv`
//   Fits BG/NBD alone on a frequency/recency/T table (the CDNOW summary layout).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { fitBgNbd } from '../../lib/core/models/clv/bgnbdFit';
import { lifetimeValue } from '../../lib/core/models/clv/family';
import { dayEnd, int, readInputs, readOptions, str, type Args } from '../files';

const round = (v: number, d = 4): number => (Number.isFinite(v) ? Number(v.toFixed(d)) : v);
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** frequency / recency / T rows of a summary CSV; errors name the file, row and column. */
function summaryFromCsv(file: string): { frequency: number; recency: number; T: number }[] {
  const name = basename(file);
  const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data.map((r) => r.map((c) => c.trim()));
  if (!header || !rows.length) throw new Error(`${name}: needs a header row and data rows`);
  const col = (re: RegExp, what: string): number => {
    const i = header.findIndex((h) => re.test(h));
    if (i < 0) throw new Error(`${name}: no ${what} column (columns: ${header.join(', ')})`);
    return i;
  };
  const cols = {
    frequency: col(/^(frequency|x)$/i, 'frequency'),
    recency: col(/^(recency|t_x)$/i, 'recency'),
    T: col(/^(T|T_cal|age)$/i, 'T')
  };
  return rows.map((r, i) => {
    const v = { frequency: 0, recency: 0, T: 0 };
    for (const [k, j] of Object.entries(cols) as [keyof typeof v, number][]) {
      v[k] = Number(r[j]);
      if (!Number.isFinite(v[k]))
        throw new Error(`${name}: row ${i + 2}, column ${header[j]}: not a number "${r[j] ?? ''}"`);
    }
    return v;
  });
}

async function fromSummary(file: string) {
  const rows = summaryFromCsv(file);
  const fit = fitBgNbd(rows);
  const p = fit.params;
  return {
    customers: rows.length,
    r: round(p.r),
    alpha: round(p.alpha),
    a: round(p.a),
    b: round(p.b),
    logLik: round(fit.logLik, 2),
    stdErrors: Object.fromEntries(Object.entries(fit.stdErrors).map(([k, v]) => [k, round(v)])),
    converged: fit.converged,
    regularised: fit.regularised
  };
}

export async function run(args: Args): Promise<unknown> {
  const summaryFile = str(args, 'summary');
  if (summaryFile) return fromSummary(summaryFile);
  const file = str(args, 'orders') ?? str(args, 'transactions');
  if (!file) throw new Error('clv: give --orders <orders.csv> or --summary <summary.csv>');
  const { inputs, files } = await readInputs({ orders: file }, { orders: readOptions(args) });
  const cutoff = dayEnd(args, 'cutoff') ?? dayEnd(args, 'calibration-end');
  const horizonDays = int(args, 'horizon-days', 365, 1, 3650);
  const ds = lifetimeValue.dataset(inputs, { ...(cutoff !== undefined ? { cutoff } : {}), horizonDays }); // prettier-ignore
  const out = await lifetimeValue.train(ds, {});
  const scores = await lifetimeValue.score(out.model);
  const r = out.report;
  const params = Object.fromEntries(r.params.map((p) => [p.name, round(p.value)]));
  const errors = Object.fromEntries(r.params.map((p) => [p.name, round(p.se)]));
  const top = [...scores].sort((a, b) => b.value - a.value).slice(0, 10);
  return {
    files,
    customers: r.customers,
    calibrationEnd: day(r.calibrationEnd),
    observationEnd: ds.observationEnd === null ? null : day(ds.observationEnd),
    params,
    stdErrors: errors,
    logLik: { purchases: round(r.logLik.purchases, 2), spend: r.logLik.spend === null ? null : round(r.logLik.spend, 2) }, // prettier-ignore
    converged: r.converged,
    finiteErrors: r.finiteErrors,
    regularised: r.regularised,
    predictions: {
      horizonDays,
      expectedRevenue: round(r.totals.clv, 2),
      interval: r.intervals ? [round(r.totals.clvLow, 2), round(r.totals.clvHigh, 2)] : null,
      expectedPurchases90: round(r.totals.expectedPurchases90, 1),
      top10: top.map((s) => ({
        customerId: s.entityId,
        clv: round(s.value, 2),
        clvLow: s.detail?.clvLow === null ? null : round(s.detail?.clvLow as number, 2),
        clvHigh: s.detail?.clvHigh === null ? null : round(s.detail?.clvHigh as number, 2),
        pAlive: round(s.detail?.pAlive as number),
        expectedPurchases: round(s.detail?.expectedPurchases365 as number, 3),
        nextPurchase:
          s.detail?.nextPurchaseTs === null ? null : day(s.detail?.nextPurchaseTs as number)
      }))
    },
    holdout: r.holdout
      ? {
          lengthDays: r.holdout.days,
          predictedPurchases: round(r.holdout.predicted, 1),
          actualPurchases: r.holdout.actual,
          correlation: round(r.holdout.correlation)
        }
      : null
  };
}

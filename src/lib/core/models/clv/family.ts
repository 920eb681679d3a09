// Lifetime value and next purchase as a model family: BG/NBD + Gamma-Gamma fitted on purchases
// up to a cutoff (default the last order), checked against the purchases after it when there
// are any. It refuses to estimate when the history cannot support an estimate, and says why.
import { aboutRound } from '../headline';
import { ModelInputError } from '../../errors';
import type { ModelFamily, ScoreRow, TrainContext, TrainOutput } from '../family';
import { lastOrderTs, type DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { bgNbdExpectedPurchases } from './bgnbd';
import { LifetimeValueModel, fitLifetimeValue } from './lifetimeValue';
import { DAY_MS, summariseTransactions, type CustomerSummary, type Transaction } from './summarise';

export interface LifetimeValueFamilyOptions {
  /** Calibration end (epoch ms): customers are described as of this date. Default: last order. */
  cutoff?: number;
  /** Forecast horizon in days (default 365). */
  horizonDays?: number;
}

/** The history must span this many days and have this share of repeat buyers to fit at all. */
export const MIN_HISTORY_DAYS = 28;
export const MIN_REPEAT_SHARE = 0.05;
export const MIN_REPEAT_BUYERS = 10;

export interface ClvDataset {
  summary: CustomerSummary[];
  calibrationEnd: number;
  /** End of the holdout period when there are orders after the cutoff. */
  observationEnd: number | null;
  horizonDays: number;
}

export interface ClvParam {
  name: string;
  value: number;
  se: number;
}

export interface ClvReport {
  calibrationEnd: number;
  horizonDays: number;
  customers: number;
  params: ClvParam[];
  logLik: { purchases: number; spend: number | null };
  regularised: boolean;
  /** Whether the optimiser converged, and whether every standard error is finite. */
  converged: boolean;
  finiteErrors: boolean;
  /** Intervals are shown only when the standard errors are finite. */
  intervals: boolean;
  totals: { clv: number; clvLow: number; clvHigh: number; expectedPurchases90: number };
  /** The headline: purchases expected in the next 30 days from customers who bought before,
   *  rounded for saying ("about 420"). Absent in reports saved before it existed. */
  nextMonth?: { purchases: number; exact: number };
  /** Purchases after the cutoff: predicted (from the fit on data before it) vs actual. */
  holdout: {
    days: number;
    customers: number;
    predicted: number;
    actual: number;
    correlation: number;
  } | null;
}

export interface ClvModel {
  model: LifetimeValueModel;
  data: ClvDataset;
  /** Credible intervals only when every standard error is finite. */
  intervals: boolean;
}

const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);

function transactions(inputs: DataInputs): Transaction[] {
  const tx: Transaction[] = [];
  for (const o of inputs.orders)
    if (!o.cancelled && o.quantity > 0)
      tx.push({ customerId: o.customerId, ts: o.ts, amount: o.quantity * o.unitPrice });
  return tx;
}

export function clvDataset(inputs: DataInputs, o: LifetimeValueFamilyOptions = {}): ClvDataset {
  const tx = transactions(inputs);
  const last = lastOrderTs(inputs.orders);
  if (!tx.length || last === null)
    throw new ModelInputError(
      'clv.noOrders',
      'lifetime value needs order history: import an orders or invoice-lines export'
    );
  const calibrationEnd = o.cutoff ?? last;
  const observationEnd = last > calibrationEnd + DAY_MS ? last : null;
  const summary = summariseTransactions(tx, {
    calibrationEnd,
    unit: 'weeks',
    ...(observationEnd !== null ? { observationEnd } : {})
  });
  if (!summary.length)
    throw new ModelInputError(
      'clv.noneBefore',
      `no purchases on or before ${day(calibrationEnd)}`,
      {
        cutoff: calibrationEnd
      }
    );
  const first = summary.reduce((m, c) => Math.min(m, c.firstPurchase), Infinity);
  const spanDays = Math.floor((calibrationEnd - first) / DAY_MS);
  if (spanDays < MIN_HISTORY_DAYS)
    throw new ModelInputError(
      'clv.shortHistory',
      `all purchases fall within ${spanDays + 1} day(s) (${day(first)} to ${day(calibrationEnd)}): ` +
        `lifetime value needs at least ${MIN_HISTORY_DAYS} days of history with repeat purchases`,
      { days: spanDays + 1, from: first, to: calibrationEnd, min: MIN_HISTORY_DAYS }
    );
  const repeaters = summary.filter((c) => c.frequency > 0).length;
  if (repeaters < MIN_REPEAT_BUYERS || repeaters < MIN_REPEAT_SHARE * summary.length)
    throw new ModelInputError(
      'clv.fewRepeat',
      `only ${repeaters} of ${summary.length} customers bought on two or more days: ` +
        'too few repeat purchases to estimate how often customers come back',
      { repeaters, customers: summary.length }
    );
  return { summary, calibrationEnd, observationEnd, horizonDays: o.horizonDays ?? 365 };
}

const NAMES = ['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma'] as const;

function forecast(m: ClvModel) {
  const { model, data } = m;
  const year = model.predict(data.summary, data.horizonDays);
  const bg = model.purchaseFit.params;
  return year.map((f, i) => {
    const c = data.summary[i];
    return {
      customerId: f.customerId,
      pAlive: f.pAlive,
      expectedPurchases30: bgNbdExpectedPurchases(bg, 30 / 7, c.frequency, c.recency, c.T),
      expectedPurchases90: bgNbdExpectedPurchases(bg, 90 / 7, c.frequency, c.recency, c.T),
      expectedPurchases365: f.expectedPurchases,
      nextPurchaseTs:
        f.nextPurchaseInDays === null ? null : data.calibrationEnd + f.nextPurchaseInDays * DAY_MS,
      clv: f.clv,
      // A value cannot be negative; no interval at all when the errors are not finite.
      clvLow: m.intervals && Number.isFinite(f.clvLow) ? Math.max(0, f.clvLow) : null,
      clvHigh: m.intervals && Number.isFinite(f.clvHigh) ? Math.max(0, f.clvHigh) : null
    };
  });
}

function holdoutCheck(m: ClvModel): ClvReport['holdout'] {
  const { data, model } = m;
  if (data.observationEnd === null) return null;
  const ev = model.evaluate(data.summary);
  return {
    days: Math.round((data.observationEnd - data.calibrationEnd) / DAY_MS),
    customers: ev.customers,
    predicted: ev.holdoutPredicted,
    actual: ev.holdoutActual,
    correlation: ev.holdoutCorrelation
  };
}

export const lifetimeValue = {
  id: 'clv',
  needs: ['orders'],
  entity: 'customer',
  usesTf: false,
  dataset: clvDataset,
  async train(data: ClvDataset, ctx: TrainContext): Promise<TrainOutput<ClvModel, ClvReport>> {
    ctx.progress?.({ done: 0, total: 2, phase: 'fit' });
    const model = fitLifetimeValue(data.summary, {
      calibrationEnd: data.calibrationEnd,
      unit: 'weeks',
      horizonDays: data.horizonDays
    });
    ctx.signal?.throwIfAborted();
    const p = model.params as unknown as Record<string, number>;
    const se = model.stdErrors as unknown as Record<string, number>;
    const params = NAMES.filter((k) => p[k] !== undefined).map((name) => ({
      name,
      value: p[name],
      se: se[name] ?? NaN
    }));
    if (params.some((x) => !Number.isFinite(x.value) || x.value <= 0))
      throw new ModelInputError(
        'clv.noFit',
        'the lifetime value model found no finite estimate for this history'
      );
    const finiteErrors = params.every((x) => Number.isFinite(x.se) && x.se > 0);
    const converged = model.purchaseFit.converged && (model.spendFit?.converged ?? true);
    const m: ClvModel = { model, data, intervals: finiteErrors };
    ctx.progress?.({ done: 1, total: 2, phase: 'forecast' });
    const rows = forecast(m);
    if (rows.some((r) => !Number.isFinite(r.clv) || r.expectedPurchases365 > data.horizonDays))
      throw new ModelInputError(
        'clv.implausible',
        'the fitted model forecasts impossible values (more than one purchase a day): the history is too short or too irregular to estimate lifetime value'
      );
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
    const report: ClvReport = {
      calibrationEnd: data.calibrationEnd,
      horizonDays: data.horizonDays,
      customers: rows.length,
      params,
      logLik: model.logLik,
      regularised: model.regularised,
      converged,
      finiteErrors,
      intervals: finiteErrors,
      // Summed bounds are conservative (per-customer intervals are not independent).
      totals: {
        clv: sum((r) => r.clv),
        clvLow: finiteErrors ? sum((r) => r.clvLow ?? r.clv) : NaN,
        clvHigh: finiteErrors ? sum((r) => r.clvHigh ?? r.clv) : NaN,
        expectedPurchases90: sum((r) => r.expectedPurchases90)
      },
      nextMonth: {
        purchases: aboutRound(sum((r) => r.expectedPurchases30)),
        exact: sum((r) => r.expectedPurchases30)
      },
      holdout: holdoutCheck(m)
    };
    ctx.progress?.({ done: 2, total: 2, phase: 'forecast' });
    const metrics: Record<string, number> = {
      logLik: model.logLik.purchases,
      customers: rows.length
    };
    if (report.holdout) metrics.holdoutCorrelation = report.holdout.correlation;
    return { model: m, report, metrics, snapshotDate: data.calibrationEnd, kind: 'clv' };
  },
  async score(m: ClvModel): Promise<ScoreRow[]> {
    return forecast(m).map((f) => ({
      entityKind: 'customer',
      entityId: f.customerId,
      item: '',
      value: f.clv,
      detail: {
        pAlive: f.pAlive,
        expectedPurchases90: f.expectedPurchases90,
        expectedPurchases365: f.expectedPurchases365,
        nextPurchaseTs: f.nextPurchaseTs,
        clv: f.clv,
        clvLow: f.clvLow,
        clvHigh: f.clvHigh
      }
    }));
  },
  save(m: ClvModel): SavedModel {
    const saved = m.model.toJSON();
    return { ...saved, params: { ...saved.params, intervals: m.intervals } };
  },
  load(saved: SavedModel): ClvModel {
    const model = LifetimeValueModel.fromJSON(saved);
    return {
      model,
      intervals: (saved.params as { intervals?: boolean }).intervals ?? true,
      data: {
        summary: [],
        calibrationEnd: model.calibrationEnd,
        observationEnd: null,
        horizonDays: 365
      }
    };
  }
} as const satisfies ModelFamily<LifetimeValueFamilyOptions, ClvDataset, ClvModel, ClvReport>;

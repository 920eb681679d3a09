// Customer lifetime value = BG/NBD expected purchases × Gamma-Gamma expected spend, with a
// credible interval from parameter uncertainty (Laplace approximation around the estimate).
import type { Metrics, SavedModel } from '../model';
import { cholesky, normalSampler, quantileSorted, sampleMvn } from '../../math/linalg';
import { seededRandom } from '../../evaluate/splits';
import {
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchaseWithin,
  bgNbdTimeToNextPurchase,
  type BgNbdParams
} from './bgnbd';
import { bgNbdFromLog, bgNbdToLog, fitBgNbd, type ParamFit } from './bgnbdFit';
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaFromLog,
  gammaGammaToLog,
  type GammaGammaParams
} from './gammaGamma';
import { DAY_MS, unitDays, type CustomerSummary } from './summarise';

/** What the model needs per customer: a full `CustomerSummary` or just frequency/recency/T. */
export type CustomerRfm = Pick<CustomerSummary, 'customerId' | 'frequency' | 'recency' | 'T'> &
  Partial<Omit<CustomerSummary, 'customerId' | 'frequency' | 'recency' | 'T'>>;

export interface LifetimeValueOptions {
  /** Time unit of recency/T in the summary (default 'weeks'). */
  unit?: 'weeks' | 'days';
  /** Weak prior for small shops: 'auto' (default) uses it only when the data needs it. */
  regularise?: boolean | 'auto';
  /** Parameter draws for the credible interval (default 200; 0 turns intervals off). */
  draws?: number;
  seed?: number;
  /** Annual discount rate for CLV, e.g. 0.1 (default 0: undiscounted). */
  discountRatePerYear?: number;
  /** The calibration end (epoch ms): "now" for next-purchase dates. */
  calibrationEnd?: number;
  /** Default horizon of `predict` in days (default 365). */
  horizonDays?: number;
}

export interface CustomerForecast {
  customerId: string;
  /** P(still a customer now). */
  pAlive: number;
  /** Expected purchases (purchase days) within the horizon. */
  expectedPurchases: number;
  /** P(at least one purchase within the horizon). */
  purchaseProbability: number;
  /** Days until the chance of another purchase reaches 50%; null if not within the horizon. */
  nextPurchaseInDays: number | null;
  /** Expected spend per purchase. */
  expectedSpend: number;
  /** Expected (discounted) revenue within the horizon, and its 5% / 95% credible bounds. */
  clv: number;
  clvLow: number;
  clvHigh: number;
}

interface State {
  unit: 'weeks' | 'days';
  bgnbd: ParamFit<BgNbdParams>;
  /** Null when no customer has a repeat purchase with positive spend. */
  gammaGamma: ParamFit<GammaGammaParams> | null;
  /** Mean spend per purchase day over all customers: the spend when Gamma-Gamma is unavailable. */
  fallbackSpend: number;
  calibrationEnd: number;
  trainingMs: number;
  createdAt: number;
}

const MONTH_DAYS = 30;

export class LifetimeValueModel {
  readonly kind = 'clv';
  private state: State | null = null;

  constructor(private readonly opts: LifetimeValueOptions = {}) {}

  async fit(data: CustomerRfm[]): Promise<void> {
    this.fitSync(data);
  }

  fitSync(data: readonly CustomerRfm[]): this {
    const t0 = Date.now();
    const bgnbd = fitBgNbd(data, { regularise: this.opts.regularise });
    let gammaGamma: ParamFit<GammaGammaParams> | null = null;
    const spendRows = data.map((c) => ({ frequency: c.frequency, meanSpend: c.meanSpend ?? 0 }));
    if (spendRows.some((c) => c.frequency > 0 && c.meanSpend > 0))
      gammaGamma = fitGammaGamma(spendRows, { regularise: this.opts.regularise });
    const spends = data.map((c) => c.meanSpendAll ?? NaN).filter((v) => Number.isFinite(v));
    const fallbackSpend = spends.length ? spends.reduce((s, v) => s + v, 0) / spends.length : 0;
    this.state = {
      unit: this.opts.unit ?? 'weeks',
      bgnbd,
      gammaGamma,
      fallbackSpend,
      calibrationEnd:
        this.opts.calibrationEnd ?? inferCalibrationEnd(data, this.opts.unit ?? 'weeks'),
      trainingMs: Date.now() - t0,
      createdAt: Date.now()
    };
    return this;
  }

  private get s(): State {
    if (!this.state) throw new Error('lifetime value model is not fitted');
    return this.state;
  }

  get unit(): 'weeks' | 'days' {
    return this.s.unit;
  }
  get params(): BgNbdParams & Partial<GammaGammaParams> {
    return { ...this.s.bgnbd.params, ...(this.s.gammaGamma?.params ?? {}) };
  }
  get stdErrors(): BgNbdParams & Partial<GammaGammaParams> {
    return { ...this.s.bgnbd.stdErrors, ...(this.s.gammaGamma?.stdErrors ?? {}) };
  }
  get logLik(): { purchases: number; spend: number | null } {
    return { purchases: this.s.bgnbd.logLik, spend: this.s.gammaGamma?.logLik ?? null };
  }
  get regularised(): boolean {
    return this.s.bgnbd.regularised || (this.s.gammaGamma?.regularised ?? false);
  }
  get calibrationEnd(): number {
    return this.s.calibrationEnd;
  }
  get purchaseFit(): ParamFit<BgNbdParams> {
    return this.s.bgnbd;
  }
  get spendFit(): ParamFit<GammaGammaParams> | null {
    return this.s.gammaGamma;
  }

  probabilityAlive(c: CustomerRfm): number {
    return bgNbdProbabilityAlive(this.s.bgnbd.params, c.frequency, c.recency, c.T);
  }

  expectedSpend(c: CustomerRfm, gg = this.s.gammaGamma?.params): number {
    return gg ? gammaGammaExpectedSpend(gg, c.frequency, c.meanSpend ?? 0) : this.s.fallbackSpend;
  }

  /** Expected (discounted) revenue over `horizon` model units under the given params. */
  private value(c: CustomerRfm, bg: BgNbdParams, spend: number, horizon: number): number {
    const rate = this.opts.discountRatePerYear ?? 0;
    if (rate === 0) return spend * bgNbdExpectedPurchases(bg, horizon, c.frequency, c.recency, c.T);
    // Σ over months of (purchases expected in that month) × spend / (1 + d)^(years to month end)
    const perUnit = unitDays(this.s.unit);
    const step = MONTH_DAYS / perUnit;
    let total = 0;
    let prev = 0;
    for (let t = step; prev < horizon; t += step) {
      const end = Math.min(t, horizon);
      const ey = bgNbdExpectedPurchases(bg, end, c.frequency, c.recency, c.T);
      const ey0 = bgNbdExpectedPurchases(bg, prev, c.frequency, c.recency, c.T);
      total += ((ey - ey0) * spend) / Math.pow(1 + rate, (end * perUnit) / 365);
      prev = end;
    }
    return total;
  }

  /** Forecasts over the next `horizonDays` days after the calibration end. */
  predict(rows: CustomerRfm[], horizonDays = this.opts.horizonDays ?? 365): CustomerForecast[] {
    const s = this.s;
    const horizon = horizonDays / unitDays(s.unit);
    const bg = s.bgnbd.params;
    const draws = this.parameterDraws(this.opts.draws ?? 200);
    const buf = new Float64Array(draws.length);
    return rows.map((c) => {
      const spend = this.expectedSpend(c);
      const clv = this.value(c, bg, spend, horizon);
      let clvLow = NaN;
      let clvHigh = NaN;
      if (draws.length) {
        draws.forEach(
          (d, i) => (buf[i] = this.value(c, d.bg, this.expectedSpend(c, d.gg), horizon))
        );
        buf.sort();
        clvLow = quantileSorted(buf, 0.05);
        clvHigh = quantileSorted(buf, 0.95);
      }
      const tNext = bgNbdTimeToNextPurchase(bg, c.frequency, c.recency, c.T) * unitDays(s.unit);
      return {
        customerId: c.customerId,
        pAlive: bgNbdProbabilityAlive(bg, c.frequency, c.recency, c.T),
        expectedPurchases: bgNbdExpectedPurchases(bg, horizon, c.frequency, c.recency, c.T),
        purchaseProbability: bgNbdProbabilityOfPurchaseWithin(
          bg,
          horizon,
          c.frequency,
          c.recency,
          c.T
        ),
        nextPurchaseInDays: tNext <= horizonDays ? tNext : null,
        expectedSpend: spend,
        clv,
        clvLow,
        clvHigh
      };
    });
  }

  /**
   * Parameter sets drawn from N(θ̂, cov) on the log scale for both models (independent, as the
   * Gamma-Gamma model assumes spend independent of the purchase process). Draws that make the
   * BG/NBD expectation undefined (a = 1 exactly) cannot occur with continuous draws.
   */
  private parameterDraws(n: number): { bg: BgNbdParams; gg?: GammaGammaParams }[] {
    const s = this.s;
    if (n <= 0 || !s.bgnbd.covLog) return [];
    const Lbg = cholesky(s.bgnbd.covLog);
    const gg = s.gammaGamma;
    const Lgg = gg?.covLog ? cholesky(gg.covLog) : null;
    if (!Lbg || (gg && !Lgg)) return [];
    const normal = normalSampler(seededRandom(this.opts.seed ?? 42));
    const bgMean = bgNbdToLog(s.bgnbd.params);
    const ggMean = gg ? gammaGammaToLog(gg.params) : [];
    return Array.from({ length: n }, () => ({
      bg: bgNbdFromLog(sampleMvn(bgMean, Lbg, normal)),
      gg: gg && Lgg ? gammaGammaFromLog(sampleMvn(ggMean, Lgg, normal)) : undefined
    }));
  }

  /**
   * Holdout check: predicted vs actual purchases over each customer's holdout period
   * (needs `holdoutFrequency` and `holdoutLength` from `summariseTransactions`).
   */
  evaluate(data: CustomerRfm[]): Metrics {
    const bg = this.s.bgnbd.params;
    const rows = data.filter((c) => c.holdoutFrequency !== undefined && c.holdoutLength);
    const pred = rows.map((c) =>
      bgNbdExpectedPurchases(bg, c.holdoutLength!, c.frequency, c.recency, c.T)
    );
    const act = rows.map((c) => c.holdoutFrequency!);
    const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);
    const n = rows.length;
    const mp = sum(pred) / n;
    const ma = sum(act) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    let abs = 0;
    for (let i = 0; i < n; i++) {
      sxy += (pred[i] - mp) * (act[i] - ma);
      sxx += (pred[i] - mp) ** 2;
      syy += (act[i] - ma) ** 2;
      abs += Math.abs(pred[i] - act[i]);
    }
    return {
      customers: n,
      holdoutPredicted: sum(pred),
      holdoutActual: sum(act),
      holdoutCorrelation: sxy / Math.sqrt(sxx * syy),
      holdoutMae: abs / n,
      logLikPerCustomer: data.length ? bgNbdLogLikelihood(bg, data) / data.length : NaN
    };
  }

  toJSON(): SavedModel {
    const s = this.s;
    return {
      kind: this.kind,
      version: 1,
      createdAt: s.createdAt,
      params: {
        options: { ...this.opts },
        unit: s.unit,
        bgnbd: s.bgnbd,
        gammaGamma: s.gammaGamma,
        fallbackSpend: s.fallbackSpend
      },
      metrics: { logLik: s.bgnbd.logLik, customers: s.bgnbd.n },
      trainingMs: s.trainingMs,
      backend: 'plain',
      snapshotDate: s.calibrationEnd
    };
  }

  static fromJSON(saved: SavedModel): LifetimeValueModel {
    if (saved.kind !== 'clv') throw new Error(`not a lifetime value model: kind "${saved.kind}"`);
    const p = saved.params as {
      options: LifetimeValueOptions;
      unit: 'weeks' | 'days';
      bgnbd: ParamFit<BgNbdParams>;
      gammaGamma: ParamFit<GammaGammaParams> | null;
      fallbackSpend: number;
    };
    const m = new LifetimeValueModel(p.options);
    m.state = {
      unit: p.unit,
      bgnbd: p.bgnbd,
      gammaGamma: p.gammaGamma,
      fallbackSpend: p.fallbackSpend,
      calibrationEnd: saved.snapshotDate,
      trainingMs: saved.trainingMs,
      createdAt: saved.createdAt
    };
    return m;
  }
}

/** first purchase + T, when the summary carries first-purchase dates (else 0: unknown). */
function inferCalibrationEnd(data: readonly CustomerRfm[], unit: 'weeks' | 'days'): number {
  let end = 0;
  for (const c of data)
    if (c.firstPurchase !== undefined)
      end = Math.max(end, c.firstPurchase + Math.round(c.T * unitDays(unit)) * DAY_MS);
  return end;
}

/** Fit BG/NBD and Gamma-Gamma on a customer summary. */
export function fitLifetimeValue(
  summary: readonly CustomerRfm[],
  opts: LifetimeValueOptions = {}
): LifetimeValueModel {
  return new LifetimeValueModel(opts).fitSync(summary);
}

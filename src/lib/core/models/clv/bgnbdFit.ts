// Fitting BG/NBD by maximum likelihood on log-parameters (optionally with a weak prior for
// small shops), with standard errors from the numerical Hessian.
import { fitLogScale, type LogNormalPrior } from '../../math/mle';
import { bgNbdLogLikelihoodFn, type BgNbdParams, type RfmPoint } from './bgnbd';

export interface ParamFit<P> {
  params: P;
  /** Log-likelihood at the estimate (prior term excluded). */
  logLik: number;
  /** Standard errors of the natural parameters (delta method from the log scale); NaN if unknown. */
  stdErrors: P;
  /** Covariance of the log-parameters in the order of `names`, or null when not estimable. */
  covLog: number[][] | null;
  names: (keyof P & string)[];
  /** True when a prior was used (MAP instead of ML). */
  regularised: boolean;
  converged: boolean;
  n: number;
}

export const BGNBD_NAMES = ['r', 'alpha', 'a', 'b'] as const;

function toParams(theta: number[]): BgNbdParams {
  return {
    r: Math.exp(theta[0]),
    alpha: Math.exp(theta[1]),
    a: Math.exp(theta[2]),
    b: Math.exp(theta[3])
  };
}

/**
 * Weakly informative prior on (ln r, ln α, ln a, ln b): r ≈ 1, α such that the mean purchase rate
 * r/α matches the pooled repeat rate Σx / ΣT, a ≈ 1, b ≈ 3 (a dropout chance of about 1/4 per
 * purchase), each with sd 1.5 on the log scale (a factor of ~4.5 either way).
 */
export function bgNbdPrior(rows: readonly RfmPoint[]): LogNormalPrior {
  let sx = 0;
  let sT = 0;
  for (const c of rows) {
    sx += c.frequency;
    sT += c.T;
  }
  const rate = (sx + 1) / Math.max(sT, 1e-9);
  return { mean: [0, Math.log(1 / rate), 0, Math.log(3)], sd: [1.5, 1.5, 1.5, 1.5] };
}

export interface BgNbdFitOptions {
  /** Add the weak prior of `bgNbdPrior`; 'auto' (default) does so only when needed, see below. */
  regularise?: boolean | 'auto';
  /** With 'auto', customers below which the prior is always used (default 200). */
  minCustomers?: number;
}

/**
 * ML fit. With `regularise: 'auto'` the prior is added when there are fewer than `minCustomers`
 * customers, or when the plain ML fit has no negative-definite Hessian or runs off to extreme
 * parameters (|ln θ| > 10), which is how tiny or degenerate data shows up.
 */
export function fitBgNbd(
  rows: readonly RfmPoint[],
  opts: BgNbdFitOptions = {}
): ParamFit<BgNbdParams> {
  if (rows.length === 0) throw new Error('BG/NBD: no customers to fit');
  for (const c of rows) {
    if (!(c.frequency >= 0 && c.recency >= 0 && c.T >= c.recency))
      throw new Error(
        `BG/NBD: need 0 <= recency <= T and frequency >= 0, got x=${c.frequency} t_x=${c.recency} T=${c.T}`
      );
  }
  const mode = opts.regularise ?? 'auto';
  const llFn = bgNbdLogLikelihoodFn(rows);
  const ll = (theta: number[]): number => llFn(toParams(theta));
  const prior = bgNbdPrior(rows);
  const starts = [
    prior.mean,
    [Math.log(0.5), prior.mean[1], Math.log(0.5), Math.log(2)],
    [0, prior.mean[1] + 1, 1, 1]
  ];
  const run = (withPrior: boolean): ParamFit<BgNbdParams> => {
    const fit = fitLogScale(ll, starts, withPrior ? prior : undefined);
    const params = toParams(fit.theta);
    const se = fit.cov
      ? fit.theta.map((t, i) => Math.exp(t) * Math.sqrt(fit.cov![i][i]))
      : [NaN, NaN, NaN, NaN];
    return {
      params,
      logLik: fit.logLik,
      stdErrors: { r: se[0], alpha: se[1], a: se[2], b: se[3] },
      covLog: fit.cov,
      names: [...BGNBD_NAMES],
      regularised: withPrior,
      converged: fit.converged,
      n: rows.length
    };
  };
  if (mode === true) return run(true);
  if (mode === false) return run(false);
  if (rows.length < (opts.minCustomers ?? 200)) return run(true);
  const plain = run(false);
  const extreme = Object.values(plain.params).some((v) => Math.abs(Math.log(v)) > 10);
  return plain.covLog && !extreme ? plain : run(true);
}

export function bgNbdFromLog(theta: number[]): BgNbdParams {
  return toParams(theta);
}

export function bgNbdToLog(p: BgNbdParams): number[] {
  return [Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b)];
}

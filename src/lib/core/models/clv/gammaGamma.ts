// Gamma-Gamma model of spend per purchase: Fader, Hardie & Lee (2005b), "RFM and CLV: Using
// Iso-Value Curves for Customer Base Analysis", JMR 42(4); details in Fader & Hardie (2013),
// "The Gamma-Gamma Model of Monetary Value". A customer's purchases are Gamma(p, ν) with
// ν ~ Gamma(q, γ) across customers; fitted on customers with x >= 1 repeat purchases and mean
// repeat spend m > 0.
import { fitLogScale, type LogNormalPrior } from '../../math/mle';
import { logGamma } from '../../math/special';
import type { ParamFit } from './bgnbdFit';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface SpendPoint {
  frequency: number;
  meanSpend: number;
}

/**
 * ln f(m | p, q, γ, x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x
 *                        − (px+q) ln(γ + m x).
 */
export function gammaGammaLogLikelihoodOne(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = g;
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(gamma + m * x)
  );
}

export function gammaGammaLogLikelihood(g: GammaGammaParams, rows: readonly SpendPoint[]): number {
  let ll = 0;
  for (const c of rows) ll += gammaGammaLogLikelihoodOne(g, c.frequency, c.meanSpend);
  return ll;
}

/**
 * E[M | p, q, γ, m, x] = (γ + m x) p / (p x + q − 1): a weighted mean of the population mean
 * γp/(q−1) and the customer's own mean m (weight px / (px + q − 1)). For x = 0 the population mean.
 */
export function gammaGammaExpectedSpend(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = g;
  if (x <= 0 || !(m > 0)) return (gamma * p) / (q - 1);
  return ((gamma + m * x) * p) / (p * x + q - 1);
}

export const GAMMA_GAMMA_NAMES = ['p', 'q', 'gamma'] as const;

// Parameters live on (ln p, ln(q − 1), ln γ): q > 1 keeps the population mean spend finite.
function toParams(theta: number[]): GammaGammaParams {
  return { p: Math.exp(theta[0]), q: 1 + Math.exp(theta[1]), gamma: Math.exp(theta[2]) };
}

/** Prior: p ≈ 2, q ≈ 3 and γ so that the prior mean spend γp/(q−1) is the observed mean; sd 1.5. */
export function gammaGammaPrior(rows: readonly SpendPoint[]): LogNormalPrior {
  const mean = rows.reduce((s, c) => s + c.meanSpend, 0) / Math.max(rows.length, 1);
  return { mean: [Math.log(2), 0, Math.log(Math.max(mean, 1e-9))], sd: [1.5, 1.5, 1.5] };
}

export interface GammaGammaFitOptions {
  regularise?: boolean | 'auto';
  /** With 'auto', repeat customers below which the prior is always used (default 100). */
  minCustomers?: number;
}

/** Fit on repeat customers with positive mean spend (others are ignored). */
export function fitGammaGamma(
  all: readonly SpendPoint[],
  opts: GammaGammaFitOptions = {}
): ParamFit<GammaGammaParams> {
  const rows = all.filter((c) => c.frequency > 0 && c.meanSpend > 0);
  if (rows.length === 0) throw new Error('Gamma-Gamma: no repeat customers with positive spend');
  const prior = gammaGammaPrior(rows);
  const ll = (theta: number[]): number => gammaGammaLogLikelihood(toParams(theta), rows);
  const starts = [prior.mean, [prior.mean[0] + 1, 1, prior.mean[2]]];
  const run = (withPrior: boolean): ParamFit<GammaGammaParams> => {
    const fit = fitLogScale(ll, starts, withPrior ? prior : undefined);
    const g = toParams(fit.theta);
    // delta method: d p/d ln p = p, d q/d ln(q−1) = q − 1, d γ/d ln γ = γ
    const scale = [g.p, g.q - 1, g.gamma];
    const se = fit.cov ? scale.map((s, i) => s * Math.sqrt(fit.cov![i][i])) : [NaN, NaN, NaN];
    return {
      params: g,
      logLik: fit.logLik,
      stdErrors: { p: se[0], q: se[1], gamma: se[2] },
      covLog: fit.cov,
      names: [...GAMMA_GAMMA_NAMES],
      regularised: withPrior,
      converged: fit.converged,
      n: rows.length
    };
  };
  const mode = opts.regularise ?? 'auto';
  if (mode !== 'auto') return run(mode);
  if (rows.length < (opts.minCustomers ?? 100)) return run(true);
  const plain = run(false);
  const extreme = [plain.params.p, plain.params.q - 1, plain.params.gamma].some(
    (v) => Math.abs(Math.log(v)) > 10
  );
  return plain.covLog && !extreme ? plain : run(true);
}

/** Natural params from the internal log scale (for sampling around the estimate). */
export function gammaGammaFromLog(theta: number[]): GammaGammaParams {
  return toParams(theta);
}

export function gammaGammaToLog(g: GammaGammaParams): number[] {
  return [Math.log(g.p), Math.log(g.q - 1), Math.log(g.gamma)];
}

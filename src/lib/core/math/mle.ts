// Maximum likelihood (or maximum a posteriori) on log-parameters, with a Laplace approximation
// of the uncertainty: cov(θ) ≈ (−∇² ln L(θ̂))⁻¹ on the log scale (the observed information).
import { nelderMead, numericalHessian } from './optimize';
import { inverseSpd } from './linalg';

/** Independent normal prior on each log-parameter; turns ML into MAP estimation. */
export interface LogNormalPrior {
  mean: number[];
  sd: number[];
}

export interface LogScaleFit {
  /** Estimates on the log scale. */
  theta: number[];
  /** Log-likelihood at the estimate (without the prior term). */
  logLik: number;
  /** Log-likelihood plus log prior (equals logLik without a prior). */
  objective: number;
  /** Covariance of the log-parameters, or null when the Hessian is not negative definite. */
  cov: number[][] | null;
  converged: boolean;
}

export function logPrior(prior: LogNormalPrior | undefined, theta: number[]): number {
  if (!prior) return 0;
  let s = 0;
  for (let i = 0; i < theta.length; i++) {
    const z = (theta[i] - prior.mean[i]) / prior.sd[i];
    s -= 0.5 * z * z;
  }
  return s;
}

/** Maximise logLik(θ) + log prior(θ) from each start; keep the best. */
export function fitLogScale(
  logLik: (theta: number[]) => number,
  starts: number[][],
  prior?: LogNormalPrior
): LogScaleFit {
  const negObjective = (theta: number[]): number => -(logLik(theta) + logPrior(prior, theta));
  let best: { x: number[]; f: number; converged: boolean } | null = null;
  for (const s of starts) {
    const res = nelderMead(negObjective, s);
    if (!best || res.f < best.f) best = res;
  }
  if (!best || !Number.isFinite(best.f)) throw new Error('likelihood is not finite at any start');
  const H = numericalHessian(negObjective, best.x);
  const cov = inverseSpd(H); // −∇² objective is the information matrix
  return {
    theta: best.x,
    logLik: logLik(best.x),
    objective: -best.f,
    cov: cov && cov.every((row, i) => row[i] > 0 && Number.isFinite(row[i])) ? cov : null,
    converged: best.converged
  };
}

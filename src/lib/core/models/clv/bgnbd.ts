// BG/NBD model of repeat purchasing: Fader, Hardie & Lee (2005), "Counting Your Customers the
// Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275–284.
// While alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they drop out
// with probability p ~ Beta(a, b). Inputs per customer: x repeat purchases, t_x the time of the
// last one and T the age, both measured from the first purchase in one time unit.
import { hyp2f1, logAddExp, logBeta, logGamma } from '../../math/special';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Frequency x, recency t_x and age T of one customer (same time unit as the params). */
export interface RfmPoint {
  frequency: number;
  recency: number;
  T: number;
}

/** ln L of one customer, FHL (2005) eq. 6 written in logs. */
export function bgNbdLogLikelihoodOne(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logBeta(a, b + x) - logBeta(a, b);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + logAddExp(a3, a4);
}

export function bgNbdLogLikelihood(p: BgNbdParams, rows: readonly RfmPoint[]): number {
  return bgNbdLogLikelihoodFn(rows)(p);
}

/**
 * The total log-likelihood as a function of the params, for an optimiser: identical customers are
 * merged and the gamma-function terms computed once per distinct x (same sum as summing
 * `bgNbdLogLikelihoodOne`, several times faster).
 */
export function bgNbdLogLikelihoodFn(rows: readonly RfmPoint[]): (p: BgNbdParams) => number {
  const groups = new Map<string, { x: number; tx: number; T: number; w: number }>();
  for (const c of rows) {
    const key = `${c.frequency}|${c.recency}|${c.T}`;
    const g = groups.get(key);
    if (g) g.w++;
    else groups.set(key, { x: c.frequency, tx: c.recency, T: c.T, w: 1 });
  }
  const list = [...groups.values()];
  const xs = [...new Set(list.map((g) => g.x))];
  const xIndex = new Map(xs.map((x, i) => [x, i]));
  const gx = Int32Array.from(list, (g) => xIndex.get(g.x)!);
  const perX = new Float64Array(xs.length);
  return ({ r, alpha, a, b }: BgNbdParams): number => {
    const base = -logGamma(r) + r * Math.log(alpha) - logBeta(a, b);
    for (let i = 0; i < xs.length; i++) perX[i] = logGamma(r + xs[i]) + logBeta(a, b + xs[i]);
    const la = Math.log(a);
    let ll = 0;
    for (let i = 0; i < list.length; i++) {
      const { x, tx, T, w } = list[i];
      const a3 = -(r + x) * Math.log(alpha + T);
      const a4 = x > 0 ? la - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
      ll += w * (base + perX[gx[i]] + logAddExp(a3, a4));
    }
    return ll;
  };
}

/**
 * P(alive at T | x, t_x, T) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
 * (Fader, Hardie & Lee 2005, note "Computing P(alive) using the BG/NBD model"). Exactly 1 for
 * x = 0: in BG/NBD a customer can only drop out right after a purchase.
 */
export function bgNbdProbabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x <= 0) return 1;
  const { r, alpha, a, b } = p;
  const logRatio = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T + t], FHL (2005) eq. 10:
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive).
 */
export function bgNbdExpectedPurchases(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number
): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const tail =
    1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  return head * tail * bgNbdProbabilityAlive(p, x, tx, T);
}

/**
 * E[X(t)] for a new customer over (0, t], FHL (2005) eq. 9:
 * (a+b−1)/(a−1) · [1 − (α/(α+t))^r 2F1(r, b; a+b−1; t/(α+t))].
 */
export function bgNbdExpectedPurchasesNew(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  return (
    ((a + b - 1) / (a - 1)) *
    (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
  );
}

/** P(X(t) = n) for a new customer, FHL (2005) eq. 8. */
export function bgNbdProbabilityOfPurchases(p: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  const lq = Math.log(alpha / (alpha + t));
  const lw = Math.log(t / (alpha + t));
  const nbd = (j: number): number =>
    Math.exp(logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * lq + (j > 0 ? j * lw : 0));
  let out = Math.exp(logBeta(a, b + n) - logBeta(a, b)) * nbd(n);
  if (n > 0) {
    let cdf = 0;
    for (let j = 0; j < n; j++) cdf += nbd(j);
    out += Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * (1 - cdf);
  }
  return out;
}

/**
 * P(at least one purchase in (T, T + t] | x, t_x, T). Given alive at T the next purchase can only
 * come before any dropout (dropout happens right after a purchase), so it arrives at rate λ with
 * λ | data, alive ~ Gamma(r + x, α + T): P = P(alive) · [1 − ((α+T)/(α+T+t))^(r+x)].
 */
export function bgNbdProbabilityOfPurchaseWithin(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number
): number {
  if (t <= 0) return 0;
  const { r, alpha } = p;
  const noneIfAlive = Math.pow((alpha + T) / (alpha + T + t), r + x);
  return bgNbdProbabilityAlive(p, x, tx, T) * (1 - noneIfAlive);
}

/**
 * Time from T until the probability of at least one more purchase reaches `level` (default 0.5:
 * the median waiting time, counting the chance the customer is gone). Inverting the formula
 * above: t = (α+T) · [(1 − level / P(alive))^(−1/(r+x)) − 1]. Infinity when P(alive) <= level,
 * i.e. the customer is more likely than not never to buy again.
 */
export function bgNbdTimeToNextPurchase(
  p: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  level = 0.5
): number {
  const pa = bgNbdProbabilityAlive(p, x, tx, T);
  if (pa <= level) return Infinity;
  return (p.alpha + T) * (Math.pow(1 - level / pa, -1 / (p.r + x)) - 1);
}

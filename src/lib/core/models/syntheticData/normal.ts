// The standard normal CDF and its inverse, for the Gaussian copula.

/** Φ(x), from the complementary error function (Numerical Recipes' erfc, |error| < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    ); // prettier-ignore
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]; // prettier-ignore
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]; // prettier-ignore
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]; // prettier-ignore
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2e-9); p clipped to (1e-9, 1 − 1e-9). */
export function normalQuantile(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  const lo = 0.02425;
  if (q < lo || q > 1 - lo) {
    const r = Math.sqrt(-2 * Math.log(q < lo ? q : 1 - q));
    const x = (((((C[0] * r + C[1]) * r + C[2]) * r + C[3]) * r + C[4]) * r + C[5]) / ((((D[0] * r + D[1]) * r + D[2]) * r + D[3]) * r + 1); // prettier-ignore
    return q < lo ? x : -x;
  }
  const u = q - 0.5;
  const r = u * u;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * u) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1); // prettier-ignore
}

// Calibrated confidence and the "unsure" rule. Temperature scaling (Guo et al. 2017, "On
// calibration of modern neural networks"): one scalar T divides a model's logits before the
// softmax, chosen to minimise the negative log-likelihood on validation texts; it changes no
// prediction, only how sure the model says it is. Out-of-scope detection by the maximum softmax
// probability (Hendrycks & Gimpel 2017): a message whose top probability is below a threshold is
// routed to a person; the threshold is the lowest one whose answered validation messages reach
// the target accuracy.

/** Softmax of `logits / t`, written into `out`. */
export function softmaxT(logits: ArrayLike<number>, t: number, out: Float64Array): Float64Array {
  let m = -Infinity;
  for (let c = 0; c < logits.length; c++) m = Math.max(m, logits[c] / t);
  let z = 0;
  for (let c = 0; c < logits.length; c++) z += out[c] = Math.exp(logits[c] / t - m);
  for (let c = 0; c < logits.length; c++) out[c] /= z;
  return out;
}

/** Mean negative log-likelihood of the true classes at temperature `t`. */
export function nll(logits: readonly ArrayLike<number>[], y: ArrayLike<number>, t: number): number {
  if (!logits.length) return 0;
  let s = 0;
  const p = new Float64Array(logits[0].length);
  logits.forEach((l, i) => (s -= Math.log(Math.max(softmaxT(l, t, p)[y[i]], 1e-12))));
  return s / logits.length;
}

/** The temperature minimising validation NLL: golden-section search on ln T in [-5, 5]. */
export function fitTemperature(logits: readonly ArrayLike<number>[], y: ArrayLike<number>): number {
  if (!logits.length) return 1;
  const f = (u: number) => nll(logits, y, Math.exp(u));
  const g = (Math.sqrt(5) - 1) / 2;
  let a = -5;
  let b = 5;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 40; i++) {
    if (fc < fd) ((b = d), (d = c), (fd = fc), (c = b - g * (b - a)), (fc = f(c)));
    else ((a = c), (c = d), (fc = fd), (d = a + g * (b - a)), (fd = f(d)));
  }
  return Math.exp((a + b) / 2);
}

export interface UnsureRule {
  /** Messages whose top probability is below this go to a person. */
  threshold: number;
  /** Share of validation messages answered at this threshold, and their accuracy. */
  coverage: number;
  accuracyAnswered: number;
}

/**
 * The lowest threshold at which the validation messages answered (top probability ≥ threshold)
 * are right at least `target` of the time. When even the most confident are below target, the
 * threshold keeps the most confident tenth (never 1: something is always answered).
 */
export function chooseThreshold(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  target: number
): UnsureRule {
  const n = confidence.length;
  if (!n) return { threshold: 0, coverage: 1, accuracyAnswered: NaN };
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => confidence[b] - confidence[a]
  );
  // Walk from the most confident down; remember the longest prefix meeting the target.
  let right = 0;
  let best = -1;
  for (let k = 0; k < n; k++) {
    if (correct[order[k]]) right++;
    const last = k + 1 === n || confidence[order[k + 1]] < confidence[order[k]];
    if (last && right / (k + 1) >= target) best = k;
  }
  const k = best >= 0 ? best : Math.max(0, Math.ceil(n / 10) - 1);
  let ok = 0;
  for (let j = 0; j <= k; j++) if (correct[order[j]]) ok++;
  return { threshold: confidence[order[k]], coverage: (k + 1) / n, accuracyAnswered: ok / (k + 1) };
}

/** Coverage and accuracy of answered messages at a threshold (e.g. on test texts). */
export function unsureFigures(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  threshold: number
): { coverage: number; accuracyAnswered: number } {
  let answered = 0;
  let ok = 0;
  for (let i = 0; i < confidence.length; i++)
    if (confidence[i] >= threshold) {
      answered++;
      if (correct[i]) ok++;
    }
  return {
    coverage: confidence.length ? answered / confidence.length : NaN,
    accuracyAnswered: answered ? ok / answered : NaN
  };
}

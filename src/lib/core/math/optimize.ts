// Derivative-free minimisation (Nelder–Mead) with restarts, and a numerical Hessian.

export interface MinimizeOptions {
  /** Initial simplex edge length in each coordinate (default 0.5: parameters are log-scale). */
  step?: number;
  /** Stop when the spread of f over the simplex falls below this (default 1e-10). */
  fTol?: number;
  /** ... and its largest edge below this (default 1e-7). */
  xTol?: number;
  maxIter?: number;
  /** Restart from the best point until a restart no longer improves f by more than fTol. */
  maxRestarts?: number;
}

export interface MinimizeResult {
  x: number[];
  f: number;
  iterations: number;
  converged: boolean;
}

/**
 * Nelder–Mead simplex (Nelder & Mead 1965) with the adaptive coefficients of Gao & Han (2012),
 * which behave better than the textbook ones in more than a few dimensions. Non-finite f values
 * are treated as +Infinity so the simplex walks away from them.
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  opts: MinimizeOptions = {}
): MinimizeResult {
  const fTol = opts.fTol ?? 1e-10;
  const xTol = opts.xTol ?? 1e-7;
  const maxIter = opts.maxIter ?? 2000 * x0.length;
  const maxRestarts = opts.maxRestarts ?? 5;
  const safeF = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best = { x: x0.slice(), f: safeF(x0) };
  let iterations = 0;
  let converged = false;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const run = simplexRun(safeF, best.x, opts.step ?? 0.5, fTol, xTol, maxIter);
    iterations += run.iterations;
    converged = run.converged;
    const improved = best.f - run.f;
    if (run.f <= best.f) best = { x: run.x, f: run.f };
    if (restart > 0 && improved <= fTol * Math.max(1, Math.abs(best.f))) break;
  }
  return { x: best.x, f: best.f, iterations, converged };
}

function simplexRun(
  f: (x: number[]) => number,
  x0: number[],
  step: number,
  fTol: number,
  xTol: number,
  maxIter: number
): MinimizeResult {
  const n = x0.length;
  const alpha = 1;
  const beta = 1 + 2 / n; // expansion
  const gamma = 0.75 - 1 / (2 * n); // contraction
  const delta = 1 - 1 / n; // shrink
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += step;
    pts.push(p);
  }
  let vals = pts.map(f);
  let iter = 0;
  const combine = (a: number[], b: number[], t: number): number[] =>
    a.map((ai, i) => ai + t * (b[i] - ai));
  for (; iter < maxIter; iter++) {
    const order = vals.map((_, i) => i).sort((i, j) => vals[i] - vals[j]);
    const sorted = order.map((i) => pts[i]);
    vals = order.map((i) => vals[i]);
    for (let i = 0; i <= n; i++) pts[i] = sorted[i];
    const spreadF = Math.abs(vals[n] - vals[0]);
    let spreadX = 0;
    for (let i = 1; i <= n; i++)
      for (let d = 0; d < n; d++) spreadX = Math.max(spreadX, Math.abs(pts[i][d] - pts[0][d]));
    if (spreadF <= fTol * Math.max(1, Math.abs(vals[0])) && spreadX <= xTol) {
      return { x: pts[0], f: vals[0], iterations: iter, converged: true };
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d] += pts[i][d] / n;
    const worst = pts[n];
    const xr = combine(centroid, worst, -alpha);
    const fr = f(xr);
    if (fr < vals[0]) {
      const xe = combine(centroid, worst, -alpha * beta);
      const fe = f(xe);
      if (fe < fr) [pts[n], vals[n]] = [xe, fe];
      else [pts[n], vals[n]] = [xr, fr];
    } else if (fr < vals[n - 1]) {
      [pts[n], vals[n]] = [xr, fr];
    } else {
      const outside = fr < vals[n];
      const xc = outside
        ? combine(centroid, worst, -alpha * gamma)
        : combine(centroid, worst, gamma);
      const fc = f(xc);
      if (fc <= (outside ? fr : vals[n])) [pts[n], vals[n]] = [xc, fc];
      else {
        for (let i = 1; i <= n; i++) {
          pts[i] = combine(pts[0], pts[i], delta);
          vals[i] = f(pts[i]);
        }
      }
    }
  }
  let b = 0;
  for (let i = 1; i <= n; i++) if (vals[i] < vals[b]) b = i;
  return { x: pts[b], f: vals[b], iterations: iter, converged: false };
}

/**
 * Hessian of f at x by central differences: three-point second differences on the diagonal,
 * the four-point formula off it. Step h_i = eps · max(1, |x_i|), eps ≈ ε^(1/4) for f ~ O(1e4).
 */
export function numericalHessian(f: (x: number[]) => number, x: number[], eps = 1e-4): number[][] {
  const n = x.length;
  const h = x.map((xi) => eps * Math.max(1, Math.abs(xi)));
  const at = (di: number, si: number, dj: number, sj: number): number => {
    const p = x.slice();
    p[di] += si * h[di];
    p[dj] += sj * h[dj];
    return f(p);
  };
  const f0 = f(x);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const p = x.slice();
    p[i] += h[i];
    const fp = f(p);
    p[i] = x[i] - h[i];
    const fm = f(p);
    H[i][i] = (fp - 2 * f0 + fm) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const v =
        (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i] * h[j]);
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

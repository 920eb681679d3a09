// The Fellegi–Sunter model of record linkage (Fellegi & Sunter 1969): for each field, m = P(level |
// same person) and u = P(level | different people); a pair's evidence is the product of m/u over
// its fields (conditional independence), combined with the prior λ into a match probability.
// m, u and λ are estimated without labels by expectation–maximisation on the comparison vectors
// (Winkler 1988; as Splink does). u is started from random record pairs (almost all of which are
// different people). Pairs the user confirmed as the same person enter m with their known class;
// "not the same person" answers are kept out of the estimate (on a small customer base one such
// pair, agreeing on every field, would make exact agreement look common among different people
// and silence every other suggestion): they are fixed at probability 0 and never asked again.
import { MISSING } from './fields';

export interface FsParams {
  /** Share of (candidate) pairs that are matches. */
  lambda: number;
  /** m[k][level], u[k][level] for each compared field k. */
  m: number[][];
  u: number[][];
}

/** Identical comparison vectors counted once: EM then runs over patterns, not pairs. */
export interface Patterns {
  /** `fields` bytes per pattern. */
  vectors: Uint8Array;
  counts: Float64Array;
  /** Of each pattern's pairs, how many the user confirmed as the same person / as different. */
  matches: Float64Array;
  nonMatches: Float64Array;
  fields: number;
  /** Pattern index of each input pair. */
  patternOf: Uint32Array;
}

export function countPatterns(vectors: Uint8Array, fields: number, labels?: Int8Array): Patterns {
  const pairs = fields ? vectors.length / fields : 0;
  const index = new Map<string, number>();
  const patternOf = new Uint32Array(pairs);
  const firsts: number[] = [];
  const counts: number[] = [];
  const matches: number[] = [];
  const nons: number[] = [];
  for (let p = 0; p < pairs; p++) {
    const key = String.fromCharCode(...vectors.subarray(p * fields, (p + 1) * fields));
    let k = index.get(key);
    if (k === undefined) {
      k = firsts.length;
      index.set(key, k);
      firsts.push(p);
      counts.push(0);
      matches.push(0);
      nons.push(0);
    }
    patternOf[p] = k;
    const label = labels?.[p] ?? 0;
    if (label > 0) matches[k]++;
    else if (label < 0) nons[k]++;
    else counts[k]++;
  }
  const out = new Uint8Array(firsts.length * fields);
  firsts.forEach((p, k) => out.set(vectors.subarray(p * fields, (p + 1) * fields), k * fields));
  return {
    vectors: out,
    counts: Float64Array.from(counts),
    matches: Float64Array.from(matches),
    nonMatches: Float64Array.from(nons),
    fields,
    patternOf
  };
}

/** Level frequencies of each field among `vectors` (e.g. random pairs → u), smoothed. */
export function levelFrequencies(vectors: Uint8Array, levels: readonly number[]): number[][] {
  const F = levels.length;
  const c = levels.map((L) => new Array<number>(L).fill(0.5));
  for (let p = 0; p + F <= vectors.length; p += F)
    for (let k = 0; k < F; k++) {
      const g = vectors[p + k];
      if (g !== MISSING) c[k][g]++;
    }
  return c.map((row) => {
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((x) => x / s);
  });
}

/** A starting m: most same-person pairs agree exactly (0.85 on the top level, rest spread down). */
export function initialM(levels: readonly number[]): number[][] {
  return levels.map((L) => {
    const row = new Array<number>(L).fill(0);
    row[L - 1] = 0.85;
    const rest = 0.15 / (L - 1);
    for (let l = 0; l < L - 1; l++) row[l] = rest;
    return row;
  });
}

/** log(λ m / ((1-λ) u)) summed: the log-odds of a match for one pattern. */
export function logOdds(
  params: FsParams,
  vectors: Uint8Array,
  offset: number,
  fields: number
): number {
  let s = Math.log(params.lambda) - Math.log(1 - params.lambda);
  for (let k = 0; k < fields; k++) {
    const g = vectors[offset + k];
    if (g === MISSING) continue;
    s += Math.log(params.m[k][g]) - Math.log(params.u[k][g]);
  }
  return s;
}

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))); // prettier-ignore

export interface EmOptions {
  maxIterations?: number;
  tolerance?: number;
  /** Keep u as given (estimated from random pairs) and estimate only m and λ. */
  fixU?: boolean;
  /** Pseudo-count added to every level (keeps a never-seen level from meaning certainty). */
  smoothing?: number;
}

export interface EmResult {
  params: FsParams;
  iterations: number;
  converged: boolean;
}

/** Expectation–maximisation of λ, m and u over counted comparison patterns. */
export function fitEm(
  pat: Patterns,
  levels: readonly number[],
  start: FsParams,
  opts: EmOptions = {}
): EmResult {
  const F = pat.fields;
  const P = pat.counts.length;
  const maxIt = opts.maxIterations ?? 200;
  const tol = opts.tolerance ?? 1e-7;
  const alpha = opts.smoothing ?? 0.01;
  let params: FsParams = {
    lambda: Math.min(0.99, Math.max(1e-6, start.lambda)),
    m: start.m.map((r) => [...r]),
    u: start.u.map((r) => [...r])
  };
  const w = new Float64Array(P);
  let it = 0;
  let converged = false;
  while (it < maxIt) {
    it++;
    // E-step: probability each pattern is a match; answered pairs keep their class.
    let sumW = 0;
    let total = 0;
    for (let p = 0; p < P; p++) {
      w[p] = sigmoid(logOdds(params, pat.vectors, p * F, F));
      sumW += pat.counts[p] * w[p] + pat.matches[p];
      total += pat.counts[p] + pat.matches[p];
    }
    // M-step.
    const mNum = levels.map((L) => new Array<number>(L).fill(alpha));
    const uNum = levels.map((L) => new Array<number>(L).fill(alpha));
    for (let p = 0; p < P; p++) {
      const wm = pat.counts[p] * w[p] + pat.matches[p];
      const wu = pat.counts[p] * (1 - w[p]);
      for (let k = 0; k < F; k++) {
        const g = pat.vectors[p * F + k];
        if (g === MISSING) continue;
        mNum[k][g] += wm;
        uNum[k][g] += wu;
      }
    }
    const norm = (rows: number[][]) =>
      rows.map((r) => {
        const s = r.reduce((a, b) => a + b, 0);
        return r.map((x) => x / s);
      });
    const next: FsParams = {
      lambda: Math.min(0.999, Math.max(1e-9, total ? sumW / total : params.lambda)),
      m: norm(mNum),
      u: opts.fixU ? params.u : norm(uNum)
    };
    let delta = Math.abs(next.lambda - params.lambda);
    for (let k = 0; k < F; k++)
      for (let l = 0; l < levels[k]; l++)
        delta = Math.max(
          delta,
          Math.abs(next.m[k][l] - params.m[k][l]),
          Math.abs(next.u[k][l] - params.u[k][l])
        );
    params = next;
    if (delta < tol) {
      converged = true;
      break;
    }
  }
  return { params, iterations: it, converged };
}

// EM must recover the m and u probabilities and the match share that generated the data.
import { describe, expect, it } from 'vitest';
import {
  countPatterns,
  fitEm,
  initialM,
  levelFrequencies
} from '../../../src/lib/core/clean/identity/fellegiSunter';
import { MISSING } from '../../../src/lib/core/clean/identity/fields';
import { Rng } from '../../../src/lib/core/sample/rng';

const TRUE = {
  lambda: 0.2,
  m: [
    [0.05, 0.15, 0.8],
    [0.1, 0.9],
    [0.02, 0.08, 0.2, 0.7],
    [0.3, 0.7]
  ],
  u: [
    [0.9, 0.08, 0.02],
    [0.75, 0.25],
    [0.85, 0.1, 0.04, 0.01],
    [0.6, 0.4]
  ]
};
const LEVELS = TRUE.m.map((r) => r.length);

function draw(rng: Rng, p: number[]): number {
  let x = rng.next();
  for (let l = 0; l < p.length; l++) if ((x -= p[l]) < 0) return l;
  return p.length - 1;
}

function synthetic(
  n: number,
  seed: number,
  missing = 0
): { vectors: Uint8Array; isMatch: Uint8Array } {
  const rng = new Rng(seed);
  const F = LEVELS.length;
  const vectors = new Uint8Array(n * F);
  const isMatch = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const match = rng.next() < TRUE.lambda;
    isMatch[i] = match ? 1 : 0;
    for (let k = 0; k < F; k++)
      vectors[i * F + k] = rng.next() < missing ? MISSING : draw(rng, (match ? TRUE.m : TRUE.u)[k]);
  }
  return { vectors, isMatch };
}

describe('Fellegi-Sunter EM', () => {
  it('recovers λ, m and u from unlabelled comparison vectors', () => {
    const { vectors } = synthetic(60_000, 1, 0.1);
    const pat = countPatterns(vectors, LEVELS.length);
    const u0 = LEVELS.map((L) => new Array(L).fill(1 / L));
    const fit = fitEm(pat, LEVELS, { lambda: 0.5, m: initialM(LEVELS), u: u0 });
    expect(fit.converged).toBe(true);
    expect(fit.params.lambda).toBeCloseTo(TRUE.lambda, 1);
    expect(Math.abs(fit.params.lambda - TRUE.lambda)).toBeLessThan(0.01);
    for (let k = 0; k < LEVELS.length; k++)
      for (let l = 0; l < LEVELS[k]; l++) {
        expect(Math.abs(fit.params.m[k][l] - TRUE.m[k][l]), `m[${k}][${l}]`).toBeLessThan(0.02);
        expect(Math.abs(fit.params.u[k][l] - TRUE.u[k][l]), `u[${k}][${l}]`).toBeLessThan(0.02);
      }
  });

  it('counts identical vectors once and keeps their number', () => {
    const { vectors } = synthetic(5_000, 2);
    const pat = countPatterns(vectors, LEVELS.length);
    expect(pat.counts.reduce((a, b) => a + b, 0)).toBe(5_000);
    expect(pat.counts.length).toBeLessThanOrEqual(3 * 2 * 4 * 2);
    const u = levelFrequencies(vectors, LEVELS);
    u.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10));
  });

  it('confirmed matches enter m with their class; the estimate still recovers the truth', async () => {
    const { vectors, isMatch } = synthetic(60_000, 3);
    const labels = new Int8Array(60_000);
    for (let i = 0; i < 5_000; i++) if (isMatch[i]) labels[i] = 1;
    const pat = countPatterns(vectors, LEVELS.length, labels);
    expect(pat.matches.reduce((a, b) => a + b, 0)).toBe(isMatch.subarray(0, 5_000).reduce((a, b) => a + b, 0)); // prettier-ignore
    const start = {
      lambda: 0.5,
      m: initialM(LEVELS),
      u: LEVELS.map((L) => new Array(L).fill(1 / L))
    };
    const fit = fitEm(pat, LEVELS, start);
    for (let k = 0; k < LEVELS.length; k++)
      for (let l = 0; l < LEVELS[k]; l++)
        expect(Math.abs(fit.params.m[k][l] - TRUE.m[k][l]), `m[${k}][${l}]`).toBeLessThan(0.02);
  });

  it('"not the same person" answers leave the estimate as if those pairs were not there', () => {
    const { vectors } = synthetic(3_000, 4);
    const F = LEVELS.length;
    const labels = new Int8Array(3_000);
    for (let i = 0; i < 50; i++) labels[i] = -1;
    const start = {
      lambda: 0.5,
      m: initialM(LEVELS),
      u: LEVELS.map((L) => new Array(L).fill(1 / L))
    };
    const withAnswers = fitEm(countPatterns(vectors, F, labels), LEVELS, start).params;
    const without = fitEm(countPatterns(vectors.subarray(50 * F), F), LEVELS, start).params;
    expect(withAnswers.lambda).toBeCloseTo(without.lambda, 10);
    withAnswers.u.forEach((row, k) =>
      row.forEach((x, l) => expect(x).toBeCloseTo(without.u[k][l], 10))
    );
  });
});

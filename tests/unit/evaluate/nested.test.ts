// Honest evaluation: stratified folds, the inner split, nested cross-validation that never lets a
// choice see the rows it is scored on, the one-standard-error rule, refusing NaN scores.
import { describe, expect, it } from 'vitest';
import { bestF1Threshold, rocAuc, scoreSteps } from '../../../src/lib/core/evaluate/metrics';
import {
  aucStandardError,
  nestedCrossValidate,
  selectAndFit,
  type Candidate
} from '../../../src/lib/core/evaluate/nested';
import {
  seededRandom,
  stratifiedKFold,
  stratifiedSplit
} from '../../../src/lib/core/evaluate/splits';
import { assertFinite } from '../../../src/lib/core/models/learners/types';

function labels(n: number, rate: number, seed = 3): Uint8Array {
  const r = seededRandom(seed);
  return Uint8Array.from({ length: n }, () => (r() < rate ? 1 : 0));
}

describe('stratified splits', () => {
  it('k-fold: every row in exactly one test fold, class balance kept within one row', () => {
    const y = labels(1003, 0.23);
    const folds = stratifiedKFold(y, 5, 11);
    const seen = new Int32Array(y.length);
    const pos = y.reduce((s, v) => s + v, 0);
    for (const f of folds) {
      f.test.forEach((r) => seen[r]++);
      expect(f.train.length + f.test.length).toBe(y.length);
      expect(new Set([...f.train, ...f.test]).size).toBe(y.length);
      const p = f.test.filter((r) => y[r]).length;
      expect(Math.abs(p - pos / 5)).toBeLessThanOrEqual(1);
    }
    expect([...seen].every((c) => c === 1)).toBe(true);
    // Same seed, same folds; another seed, other folds.
    expect(stratifiedKFold(y, 5, 11)).toEqual(folds);
    expect(stratifiedKFold(y, 5, 12)[0].test).not.toEqual(folds[0].test);
  });

  it('inner split: only the given rows, both classes in the held-out part', () => {
    const y = labels(400, 0.1);
    const rows = Array.from({ length: 300 }, (_, i) => i + 100);
    const s = stratifiedSplit(rows, y, 0.25, 5);
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual(rows);
    const pos = rows.filter((r) => y[r]).length;
    expect(s.test.filter((r) => y[r]).length).toBe(Math.round(pos * 0.25));
    expect(s.test.some((r) => !y[r])).toBe(true);
  });
});

/** A "learner" that remembers the rows it was fitted on and scores by a noisy true signal. */
function spy(
  learner: string,
  noise: number,
  fits: { learner: string; rows: number[]; key: string }[]
) {
  return (signal: Float64Array): Candidate<null> => ({
    learner,
    config: `noise ${noise}`,
    async fit(_d, rows, ctx) {
      fits.push({ learner, rows: [...rows], key: ctx.key });
      const r = seededRandom(ctx.seed + rows.length);
      const jitter = Float64Array.from(signal, () => noise * r());
      return { predict: (_x, rs) => Float32Array.from(rs, (i) => signal[i] + jitter[i]) };
    }
  });
}

describe('nested cross-validation', () => {
  const n = 600;
  const r = seededRandom(9);
  const signal = Float64Array.from({ length: n }, () => r());
  const y = Uint8Array.from(signal, (s) => (r() < s * s ? 1 : 0));

  it('never fits on a row it scores in that fold, and reports per-fold held-out figures', async () => {
    const fits: { learner: string; rows: number[]; key: string }[] = [];
    const cands = [spy('simple', 0.9, fits)(signal), spy('complex', 0.05, fits)(signal)];
    const base: Candidate<null> = {
      learner: 'baseline',
      config: 'first half',
      async fit(_d, rows, ctx) {
        fits.push({ learner: 'baseline', rows: [...rows], key: ctx.key });
        return { label: 'signal', predict: (_x, rs) => Float32Array.from(rs, (i) => signal[i]) };
      }
    };
    const res = await nestedCrossValidate(null, y, cands, { folds: 4, seed: 1, baseline: base });
    for (let f = 0; f < 4; f++) {
      const test = new Set(res.folds[f].test);
      const mine = fits.filter((x) => x.key.startsWith(`o${f}`));
      expect(mine.length).toBe(2 + 2 + 1); // inner fits, refits, baseline
      for (const fit of mine) expect(fit.rows.some((row) => test.has(row))).toBe(false);
    }
    const complex = res.learners.find((l) => l.learner === 'complex')!;
    expect(complex.folds).toHaveLength(4);
    expect(complex.mean.auc).toBeGreaterThan(res.learners[0].mean.auc);
    // The selected procedure took the clearly better learner in every fold.
    expect(res.selected.chosen).toEqual(['complex', 'complex', 'complex', 'complex']);
    expect(res.selected.mean.auc).toBeCloseTo(complex.mean.auc, 10);
    expect(res.baseline?.chosen).toEqual(['signal', 'signal', 'signal', 'signal']);
    // Each fold's F1 is at a threshold chosen before its test rows were scored.
    for (let f = 0; f < 4; f++) {
      const t = res.folds[f].test;
      const best = bestF1Threshold(
        t.map((i) => y[i]),
        t.map((i) => complex.oof[i])
      );
      expect(complex.folds[f].threshold).toBe(complex.thresholds[f]);
      expect(complex.folds[f].f1).toBeLessThanOrEqual(best.f1 + 1e-12);
    }
  });

  it('prefers the simpler learner when the other is not better by a standard error', async () => {
    const fits: { learner: string; rows: number[]; key: string }[] = [];
    const same = [spy('simple', 0.05, fits)(signal), spy('complex', 0.05, fits)(signal)];
    const res = await selectAndFit(null, y, same, { seed: 2 });
    expect(res.candidate.learner).toBe('simple');
    expect(fits.at(-1)).toMatchObject({ learner: 'simple', key: 'final' });
    expect(fits.at(-1)!.rows).toHaveLength(n);
    // Hanley & McNeil: Q1 = 0.8/1.2, Q2 = 1.28/1.8,
    // var = (0.16 + 99 (Q1 - 0.64) + 399 (Q2 - 0.64)) / 40,000 = 7.793e-4.
    expect(aucStandardError(0.8, 100, 400)).toBeCloseTo(0.02792, 4);
  });
});

describe('non-finite input is refused', () => {
  it('NaN scores throw instead of looping or ranking at random', () => {
    expect(() => rocAuc([1, 0, 1], [0.2, NaN, 0.5])).toThrow(/row 2 is not a number/);
    expect(() => scoreSteps([1, 0], [NaN, 0.1])).toThrow(/NaN/);
    expect(rocAuc([1, 0], [Infinity, -Infinity])).toBe(1);
  });

  it('a non-finite feature is named', () => {
    expect(() => assertFinite(Float32Array.of(1, 2, 3, NaN), 2, ['age', 'spend'])).toThrow(
      /"spend" is not a finite number in row 2/
    );
  });
});

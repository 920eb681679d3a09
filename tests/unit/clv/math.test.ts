import { describe, expect, it } from 'vitest';
import { hyp2f1, logBeta, logGamma } from '../../../src/lib/core/math/special';
import { nelderMead, numericalHessian } from '../../../src/lib/core/math/optimize';
import { cholesky, inverseSpd, quantileSorted } from '../../../src/lib/core/math/linalg';

describe('special functions', () => {
  it('log-gamma matches exact values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 9);
    expect(logGamma(1e-3)).toBeCloseTo(6.907178885383854, 10); // reflection branch
    expect(logGamma(0)).toBe(Infinity);
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
  });

  it('2F1 matches closed forms', () => {
    for (const z of [0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 9);
      expect(hyp2f1(0.7, 2.3, 2.3, z)).toBeCloseTo(Math.pow(1 - z, -0.7), 9);
    }
    expect(hyp2f1(2, 3, 4, 0)).toBe(1);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe('optimiser and linear algebra', () => {
  it('Nelder-Mead finds the Rosenbrock minimum', () => {
    const rosen = (x: number[]): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const res = nelderMead(rosen, [-1.2, 1]);
    expect(res.x[0]).toBeCloseTo(1, 4);
    expect(res.x[1]).toBeCloseTo(1, 4);
  });

  it('numerical Hessian of a quadratic is exact and inverts to the covariance', () => {
    const A = [
      [4, 1, 0],
      [1, 3, 0.5],
      [0, 0.5, 2]
    ];
    const f = (x: number[]): number => {
      let s = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += 0.5 * x[i] * A[i][j] * x[j];
      return s;
    };
    const H = numericalHessian(f, [0.3, -0.2, 1]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(H[i][j]).toBeCloseTo(A[i][j], 5);
    const inv = inverseSpd(A)!;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += A[i][k] * inv[k][j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    expect(
      cholesky([
        [1, 2],
        [2, 1]
      ])
    ).toBeNull();
    expect(quantileSorted([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
  });
});

// EASE's closed form and the dense inverse it rests on, against independent computations.
import { describe, expect, it } from 'vitest';
import { inverseSpd } from '../../../src/lib/core/math/linalg';
import { easeWeights } from '../../../src/lib/core/models/recommendations/ease';
import { invertSpd } from '../../../src/lib/core/models/recommendations/spdInverse';

function randomGram(n: number, users: number, seed: number): Float64Array {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const G = new Float64Array(n * n);
  for (let u = 0; u < users; u++) {
    const items = Array.from({ length: n }, (_, i) => i).filter(() => rand() < 0.3);
    for (const a of items) for (const b of items) G[a * n + b]++;
  }
  return G;
}

describe('dense SPD inverse', () => {
  it('matches the small-matrix inverse of core/math on a 37 × 37 Gram matrix', async () => {
    const n = 37;
    const G = randomGram(n, 80, 3);
    for (let i = 0; i < n; i++) G[i * n + i] += 5;
    const rows = Array.from({ length: n }, (_, i) => Array.from(G.subarray(i * n, i * n + n)));
    const want = inverseSpd(rows)!;
    const got = G.slice();
    await invertSpd(got, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(got[i * n + j]).toBeCloseTo(want[i][j], 10);
  });

  it('refuses a matrix that is not positive definite', async () => {
    await expect(invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).rejects.toThrow(
      /positive definite/
    );
  });
});

describe('EASE weights', () => {
  it('equal, column by column, the ridge regression of each item on the others (zero diagonal)', async () => {
    const n = 12;
    const lambda = 7;
    const G = randomGram(n, 60, 11);
    const B = await easeWeights(G.slice(), n, lambda);
    for (let j = 0; j < n; j++) {
      expect(B[j * n + j]).toBe(0);
      // B[-j, j] = (G[-j,-j] + λI)⁻¹ G[-j, j]
      const others = Array.from({ length: n }, (_, i) => i).filter((i) => i !== j);
      const A = others.map((a) => others.map((b) => G[a * n + b] + (a === b ? lambda : 0)));
      const inv = inverseSpd(A)!;
      others.forEach((a, r) => {
        const want = others.reduce((s, b, c) => s + inv[r][c] * G[b * n + j], 0);
        expect(B[a * n + j]).toBeCloseTo(want, 5);
      });
    }
  });
});

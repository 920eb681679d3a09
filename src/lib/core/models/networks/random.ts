// Seeded random arrays for training loops: tfjs's own randomNormal runs in JavaScript at about
// a quarter of a microsecond per value and cannot be replayed across backends; these use the
// project's Mulberry32 generator, so a seed gives the same networks on every backend.
import { normalSampler } from '../../math/linalg';

/** Standard normal values (Box–Muller). */
export function normals(n: number, rand: () => number): Float32Array {
  return Float32Array.from({ length: n }, normalSampler(rand));
}

/** Standard Gumbel values, −log(−log U): added to logits they sample a softmax (Jang et al. 2017). */
export function gumbels(n: number, rand: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++)
    out[i] = -Math.log(-Math.log(Math.min(1 - 1e-9, Math.max(rand(), 1e-9))));
  return out;
}

/** He-normal (ReLU layers) or Glorot-uniform initial kernel values. */
export function initialKernel(
  nIn: number,
  nOut: number,
  kind: 'he' | 'glorot',
  rand: () => number
): Float32Array {
  if (kind === 'he') {
    const sd = Math.sqrt(2 / nIn);
    return normals(nIn * nOut, rand).map((v) => v * sd);
  }
  const lim = Math.sqrt(6 / (nIn + nOut));
  return Float32Array.from({ length: nIn * nOut }, () => (2 * rand() - 1) * lim);
}

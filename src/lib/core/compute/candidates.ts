// Candidates for the picker built on a tfjs instance: each one times a square matmul, the
// dominant kernel of dense networks. Takes tfjs as a parameter so core stays free of a
// particular tfjs bundle (Node tests pass the Node one, workers the bundled one).
import type * as TF from '@tensorflow/tfjs';
import type { BackendCandidate, BackendName } from './picker';

type Tf = Pick<
  typeof TF,
  'setBackend' | 'ready' | 'tidy' | 'randomNormal' | 'matMul' | 'getBackend'
>;

export function matmulCandidates(
  tf: Tf,
  backends: readonly BackendName[],
  size = 256
): BackendCandidate[] {
  return backends.map((backend) => {
    let a: TF.Tensor2D | null = null;
    let b: TF.Tensor2D | null = null;
    return {
      backend,
      async prepare() {
        const ok = await tf.setBackend(backend);
        if (!ok || tf.getBackend() !== backend) throw new Error(`${backend} did not initialise`);
        await tf.ready();
        a = tf.randomNormal([size, size]) as TF.Tensor2D;
        b = tf.randomNormal([size, size]) as TF.Tensor2D;
      },
      async run() {
        if (!a || !b) throw new Error('prepare() first');
        const c = tf.matMul(a, b);
        // data() waits for the GPU: without it only kernel dispatch would be timed.
        await c.data();
        c.dispose();
      },
      dispose() {
        a?.dispose();
        b?.dispose();
        a = b = null;
      }
    };
  });
}

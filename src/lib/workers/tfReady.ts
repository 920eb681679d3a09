// tfjs made ready for the model runtime (workers/runtime.ts loads this on a model's first use):
// the backend the compute picker measured fastest, or plain wasm/cpu if the probe fails.
import { initTf } from '../core/tf/backend';
import { ensureBackend } from './handlers/compute';
import { tf } from './tf';

export async function ensureTf(): Promise<string> {
  try {
    await ensureBackend();
    return await initTf([tf.getBackend()]);
  } catch {
    return initTf(['wasm', 'cpu']);
  }
}

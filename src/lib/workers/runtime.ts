// The worker's model runtime (core/models/runtime.ts) over its database connection, with tfjs on
// the backend the compute picker measured fastest. Loaded with the tfjs handler areas only.
import { ModelRuntime } from '../core/models/runtime';
import { initTf } from '../core/tf/backend';
import { dataVersion, getDb, onDataReplaced } from './db';
import { ensureBackend } from './handlers/compute';
import { tf } from './tf';

/** tfjs on the backend the compute picker chose; plain wasm/cpu if the probe fails. */
export async function ensureTf(): Promise<string> {
  try {
    await ensureBackend();
    return await initTf([tf.getBackend()]);
  } catch {
    return initTf(['wasm', 'cpu']);
  }
}

let runtime: ModelRuntime | null = null;

export function modelRuntime(): ModelRuntime {
  return (runtime ??= new ModelRuntime({ db: getDb(), dataVersion, prepareTf: ensureTf }));
}

// A restored backup may hold another model under the same version id ("churn@1"), and an erasure
// rewrites saved models: loaded models are read again from the database.
onDataReplaced(() => runtime?.forget());

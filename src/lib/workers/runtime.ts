// The worker's model runtime (core/models/runtime.ts) over its database connection. tfjs is
// loaded only when a model needs it (tfReady.ts): reading data for a page (the light handlers,
// handlers/light.ts) goes through this runtime without evaluating several MB of tfjs first.
import { ModelRuntime } from '../core/models/runtime';
import { dataVersion, getDb, onDataReplaced } from './db';

let runtime: ModelRuntime | null = null;

export function modelRuntime(): ModelRuntime {
  return (runtime ??= new ModelRuntime({
    db: getDb(),
    dataVersion,
    prepareTf: async () => (await import('./tfReady')).ensureTf()
  }));
}

// A restored backup may hold another model under the same version id ("churn@1"), and an erasure
// rewrites saved models: loaded models are read again from the database.
onDataReplaced(() => runtime?.forget());

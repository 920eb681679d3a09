// The backend worker: exposes every handler in registry.ts through comlink. Each call carries a
// task id from the client so it can be cancelled later (AbortController per task).
import * as Comlink from 'comlink';
import type { Progress, WorkerApi } from './protocol';
import { registry } from './registry';
import { configureWasm } from './tf';

const tasks = new Map<number, AbortController>();

const api: WorkerApi = {
  async run(taskId, name, args, onProgress) {
    const handler = (registry as Record<string, unknown>)[name] as
      ((a: unknown, ctx: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`no worker handler named '${name}'`);
    const ac = new AbortController();
    tasks.set(taskId, ac);
    try {
      return await handler(args, {
        signal: ac.signal,
        progress: (p: Progress) => {
          // Fire and forget: progress must never slow down or break the work.
          void Promise.resolve(onProgress?.(p)).catch(() => {});
        }
      });
    } finally {
      tasks.delete(taskId);
    }
  },
  cancel(taskId) {
    tasks.get(taskId)?.abort(new DOMException('cancelled', 'AbortError'));
  },
  configure({ assetsBase }) {
    configureWasm(assetsBase);
  }
};

Comlink.expose(api);

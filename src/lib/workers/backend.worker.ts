// The backend worker: exposes every handler in registry.ts through comlink. Each call carries a
// task id from the client so it can be cancelled later (AbortController per task).
// It imports no tfjs itself: registry.ts loads it with the first handler that needs it.
// First: loads ICU's data for the page's formatters, off the main thread (warmIntl.ts).
import './warmIntl';
import * as Comlink from 'comlink';
import type { Progress, WorkerApi } from './protocol';
import { configureAssets, findHandler } from './registry';

// Errors keep their `code` and `params` (ModelInputError) across the worker boundary, so the
// page can say them in the user's language; comlink's own handler sends only name and message.
const throwHandler = Comlink.transferHandlers.get('throw')!;
Comlink.transferHandlers.set('throw', {
  canHandle: throwHandler.canHandle,
  serialize(thrown) {
    const value = (thrown as { value: unknown }).value;
    if (!(value instanceof Error)) return throwHandler.serialize(thrown);
    const extra = value as Error & { code?: unknown; params?: unknown };
    return [
      {
        isError: true,
        value: {
          message: value.message,
          name: value.name,
          stack: value.stack,
          ...(typeof extra.code === 'string' ? { code: extra.code, params: extra.params } : {})
        }
      },
      []
    ];
  },
  deserialize: throwHandler.deserialize
});

const tasks = new Map<number, AbortController>();

const api: WorkerApi = {
  async run(taskId, name, args, onProgress) {
    const ac = new AbortController();
    tasks.set(taskId, ac);
    try {
      // Registered before the (maybe slow, tfjs-loading) lookup so a cancel is never lost.
      const handler = await findHandler(name);
      if (!handler) throw new Error(`no worker handler named '${name}'`);
      ac.signal.throwIfAborted();
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
    configureAssets(assetsBase);
  }
};

// A Content-Security-Policy violation here is a bug: say so where devtools and the browser tests
// (tests/e2e/fixtures.ts) look.
self.addEventListener('securitypolicyviolation', (e) => {
  const v = e as SecurityPolicyViolationEvent;
  console.error(`CSP violation in the worker: ${v.violatedDirective} blocked ${v.blockedURI || 'inline code'}`);
}); // prettier-ignore

Comlink.expose(api);

// Page side: a lazily started backend worker and a typed `call`. Importing this file loads
// nothing heavy; tfjs is only fetched when the worker starts.
import * as Comlink from 'comlink';
import { base } from '$app/paths';
import type { HandlerArgs, HandlerName, HandlerResult } from './handlers';
import type { Progress, WorkerApi } from './protocol';

export type { Progress } from './protocol';

export interface CallOptions {
  onProgress?: (p: Progress) => void;
  /** Aborting rejects the call at once and asks the worker to stop the task. */
  signal?: AbortSignal;
  /** Objects in `args` to transfer rather than copy (a WritableStream the worker writes into). */
  transfer?: Transferable[];
}

let remote: Comlink.Remote<WorkerApi> | null = null;
let worker: Worker | null = null;
let nextTask = 1;

function connect(): Comlink.Remote<WorkerApi> {
  if (remote) return remote;
  worker = new Worker(new URL('./backend.worker.ts', import.meta.url), {
    type: 'module',
    name: 'rapport-backend'
  });
  remote = Comlink.wrap<WorkerApi>(worker);
  void remote.configure({ assetsBase: appRoot() });
  return remote;
}

/** Absolute URL of the app root (where static/ files are served), ending in '/'. */
function appRoot(): string {
  // `base` may be relative ('.', '..') with kit.paths.relative: resolve against the page.
  return new URL(base + '/', location.href).href;
}

export function call<K extends HandlerName>(
  name: K,
  ...rest: undefined extends HandlerArgs<K>
    ? [args?: HandlerArgs<K>, opts?: CallOptions]
    : [args: HandlerArgs<K>, opts?: CallOptions]
): Promise<HandlerResult<K>> {
  const [args, opts] = rest;
  // The first call usually comes from a page's onMount, i.e. in the task that hydrates the page:
  // the worker is started (and the call sent) a task later, so that task stays shorter (it is the
  // longest one on a phone). The worker loads its scripts for far longer than that task anyway.
  if (!remote) {
    starting ??= new Promise<void>((resolve) => setTimeout(resolve, 0));
    return starting.then(() => send(name, args, opts));
  }
  return send(name, args, opts);
}

let starting: Promise<void> | null = null;

function send<K extends HandlerName>(
  name: K,
  args: HandlerArgs<K> | undefined,
  opts: CallOptions | undefined
): Promise<HandlerResult<K>> {
  const api = connect();
  const taskId = nextTask++;
  const signal = opts?.signal;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const progress = opts?.onProgress ? Comlink.proxy(opts.onProgress) : undefined;
  const sent = opts?.transfer?.length ? Comlink.transfer(args, opts.transfer) : args;
  const work = api.run(taskId, name, sent, progress) as Promise<HandlerResult<K>>;
  if (!signal) return work;
  return new Promise<HandlerResult<K>>((resolve, reject) => {
    const onAbort = () => {
      void api.cancel(taskId);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Stop the worker (tests, or to free GPU memory); the next call starts a fresh one. */
export function terminate(): void {
  worker?.terminate();
  worker = null;
  remote = null;
  starting = null;
}

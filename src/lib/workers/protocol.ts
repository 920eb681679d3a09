// Shared between page and worker: the shape of a handler and of a running task.

export interface Progress {
  /** Units done so far (epochs, rows, backends...). */
  done: number;
  total: number;
  message?: string;
  /** Structured payload for live views (e.g. a churn training epoch's losses); optional. */
  data?: unknown;
}

/** What every handler receives besides its arguments. */
export interface TaskContext {
  /** Aborted when the page cancels the task (client `signal`, or `cancel(taskId)`). */
  signal: AbortSignal;
  progress(p: Progress): void;
}

export type Handler<A, R> = (args: A, ctx: TaskContext) => Promise<R>;

/** The API the worker exposes through comlink. */
export interface WorkerApi {
  run(
    taskId: number,
    name: string,
    args: unknown,
    onProgress?: (p: Progress) => void
  ): Promise<unknown>;
  cancel(taskId: number): void;
  /** Where the app serves its own files (wasm binaries), as an absolute URL ending in '/'. */
  configure(opts: { assetsBase: string }): void;
}

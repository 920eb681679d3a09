// Imports (and other whole-database writes) run one at a time: first in this worker, in the order
// they were asked for, then across tabs through a Web Lock. A waiting task hears how many are
// ahead of it, so the page can show the queue; cancelling a waiting task takes it out.

/** What a waiting task is told: tasks ahead of it here, or that another tab holds the lock. */
export interface QueueWait {
  ahead: number;
  /** The tasks here are done, but an import in another tab of this app is running. */
  elsewhere: boolean;
}

/** The part of the Web Locks API the queue needs (navigator.locks; tests pass a fake). */
export interface QueueLocks {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: () => Promise<void>
  ): Promise<unknown>;
}

interface Entry {
  onWait(w: QueueWait): void;
  start(): void;
}

export const WRITE_LOCK = 'rapport-writes';

function browserLocks(): QueueLocks | null {
  const nav = (globalThis as { navigator?: { locks?: QueueLocks } }).navigator;
  return nav?.locks ?? null;
}

export class WriteQueue {
  private readonly entries: Entry[] = [];
  private running = false;

  constructor(private readonly locks: QueueLocks | null = browserLocks()) {}

  /** Tasks waiting (not counting the running one). */
  get waiting(): number {
    return this.entries.length;
  }

  /**
   * Run `work` when every task queued before it has finished and no other tab is writing.
   * Rejects with the signal's reason if it is aborted while waiting.
   */
  async run<T>(
    work: () => Promise<T>,
    opts: { signal?: AbortSignal; onWait?: (w: QueueWait) => void } = {}
  ): Promise<T> {
    const { signal } = opts;
    signal?.throwIfAborted();
    if (this.running || this.entries.length > 0) {
      await new Promise<void>((resolve, reject) => {
        const entry: Entry = { onWait: opts.onWait ?? (() => {}), start: resolve };
        this.entries.push(entry);
        entry.onWait({ ahead: this.entries.length, elsewhere: false });
        signal?.addEventListener(
          'abort',
          () => {
            const i = this.entries.indexOf(entry);
            if (i === -1) return; // already started
            this.entries.splice(i, 1);
            this.announce();
            reject(signal.reason);
          },
          { once: true }
        );
      });
    }
    this.running = true; // (already true when handed over by the task before)
    try {
      signal?.throwIfAborted();
      if (!this.locks) return await work();
      // Across tabs: announce the wait only if the lock is not free at once.
      let granted = false;
      const waitTimer = setTimeout(() => {
        if (!granted) opts.onWait?.({ ahead: 0, elsewhere: true });
      }, 50);
      let result: T | undefined;
      try {
        await this.locks.request(WRITE_LOCK, { signal }, async () => {
          granted = true;
          clearTimeout(waitTimer);
          result = await work();
        });
      } finally {
        clearTimeout(waitTimer);
      }
      return result as T;
    } finally {
      // Hand over directly, so that a task asked for in between cannot slip in ahead.
      const next = this.entries.shift();
      if (next) {
        this.announce();
        next.start();
      } else this.running = false;
    }
  }

  private announce(): void {
    this.entries.forEach((e, i) => e.onWait({ ahead: i + 1, elsewhere: false }));
  }
}

// A model training run as the generative pages drive it: progress, live per-epoch payloads for a
// loss chart, elapsed time, cancel. `run` resolves true when training finished, false when the
// user cancelled; any other failure is thrown to the page.
import type { CallOptions, Progress } from '../workers/client';

export class Training<D> {
  progress = $state<Progress | null>(null);
  live = $state<D[]>([]);
  startedAt = $state(0);
  private ac: AbortController | null = null;

  /** `isLive` picks the payloads the live chart draws (a training epoch's losses). */
  constructor(private readonly isLive: (data: unknown) => data is D) {}

  get busy(): boolean {
    return this.progress !== null;
  }

  async run(work: (opts: CallOptions) => Promise<unknown>): Promise<boolean> {
    const ac = new AbortController();
    this.ac = ac;
    this.startedAt = Date.now();
    this.live = [];
    this.progress = { done: 0, total: 1 };
    try {
      await work({
        signal: ac.signal,
        onProgress: (p) => {
          this.progress = p;
          if (this.isLive(p.data)) this.live.push(p.data);
        }
      });
      return true;
    } catch (e) {
      if (ac.signal.aborted) return false;
      throw e;
    } finally {
      this.progress = null;
      this.ac = null;
    }
  }

  cancel(): void {
    this.ac?.abort();
  }
}

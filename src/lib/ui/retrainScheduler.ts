// The scheduling of automatic retraining, without the browser: one check at a time, each family
// retrained only when due, a failure leaving the model in use (tested in tests/unit/feedback/).
export interface AutoRetrainDeps {
  /** Whether a retrain of `family` is due (false when it has no model yet). */
  due(family: string): Promise<boolean>;
  /** Train a challenger of `family` with its champion's options. */
  retrain(family: string): Promise<unknown>;
  /** Run `cb` when the page is idle. */
  idle(cb: () => void): void;
  /** Families with a champion/challenger retrain (default: churn). */
  families?: string[];
}

export interface AutoRetrain {
  /** Schedule one check at the next idle moment. */
  tick(): void;
  /** Check now (tests); resolves when done. Does nothing while a check is running. */
  check(): Promise<string[]>;
}

export function createAutoRetrain(deps: AutoRetrainDeps): AutoRetrain {
  const families = deps.families ?? ['churn'];
  let running = false;
  async function check(): Promise<string[]> {
    if (running) return [];
    running = true;
    const done: string[] = [];
    try {
      for (const f of families) {
        try {
          if (!(await deps.due(f))) continue;
          await deps.retrain(f);
          done.push(f);
        } catch {
          // A failed retrain (no data, cancelled) leaves the model in use; the next check retries.
        }
      }
    } finally {
      running = false;
    }
    return done;
  }
  return { tick: () => deps.idle(() => void check()), check };
}

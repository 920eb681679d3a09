// Automatic retraining, app-wide: when the browser is idle, ask the worker whether enough new
// data or feedback has arrived since a family's model in use was trained (core/feedback
// champion.ts `retrainDue`), and if so train a challenger there — in the worker, so the page never
// waits — which replaces the model in use only when it is better on the same held-out rows.
// Families with a challenger (core/models/challenge.ts): churn, intents, recommendations.
// Started by the app layout, so it runs whichever page is open; one retrain at a time.
import { call } from '$lib/workers/client';
import { createAutoRetrain } from './retrainScheduler';

/** The families with a challenger retrain, and the worker call that runs it. */
const CHALLENGERS = {
  churn: () => call('churn.challenge', undefined),
  intents: () => call('intents.challenge', undefined),
  recommend: () => call('recommend.challenge', undefined)
};

/** Seconds after start-up before the first idle check. */
const FIRST_MS = 20_000;
/** Minutes between idle checks while the app is open. */
const EVERY_MS = 10 * 60_000;

/** Start checking in the browser (first check 20 s after start, once idle); returns a stop function. */
export function startAutoRetrain(): () => void {
  const idle = (cb: () => void) =>
    'requestIdleCallback' in window
      ? requestIdleCallback(cb, { timeout: 60_000 })
      : setTimeout(cb, 5_000);
  const auto = createAutoRetrain({
    due: async (family) => !!(await call('feedback.retrainDue', { family }))?.due,
    retrain: (family) => {
      if (!Object.hasOwn(CHALLENGERS, family))
        throw new Error(`no challenger retrain for ${family}`);
      return CHALLENGERS[family as keyof typeof CHALLENGERS]();
    },
    families: Object.keys(CHALLENGERS),
    idle
  });
  // The first check waits a little: not in the page's start-up (it would start the worker, with
  // its own start-up work, on pages that do not otherwise need it, while the page still loads).
  const first = setTimeout(() => auto.tick(), FIRST_MS);
  const timer = setInterval(() => auto.tick(), EVERY_MS);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

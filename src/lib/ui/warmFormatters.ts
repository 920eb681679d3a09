// The first number, amount or date a page formats makes Intl load that locale's data: 20-35 ms
// on this machine's Chromium (×4 on a phone), which would otherwise land in the task that draws
// the page's first figures when the worker answers. Built while the browser is idle after
// hydration instead, one formatter per idle task, into the same caches the pages then use.
import { fmt } from '$lib/i18n/index.svelte';
import { money } from './currency.svelte';

/** Steps run one per idle period; each builds (and caches) one formatter. */
export const WARM_STEPS: readonly (() => unknown)[] = [
  () => fmt.number(1234.5),
  () => money(1234.5),
  () => fmt.date(0)
];

/** Run `steps` one per idle callback (a timeout where there is none); returns a cancel function. */
export function warmFormatters(steps: readonly (() => unknown)[] = WARM_STEPS): () => void {
  let i = 0;
  let cancelled = false;
  const idle = (cb: () => void) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(cb, { timeout: 5_000 })
      : setTimeout(cb, 200);
  const next = () => {
    if (cancelled || i >= steps.length) return;
    try {
      steps[i++]();
    } catch {
      // A formatter that cannot be built now will be built (or fail visibly) where it is used.
    }
    idle(next);
  };
  idle(next);
  return () => {
    cancelled = true;
  };
}

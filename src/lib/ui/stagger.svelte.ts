// How many rows of a long list to draw: `first` at once, then `step` more per task (setTimeout)
// until all are there. Drawn in one go, a table of a few dozen rows is one long main-thread task
// (input waits; Lighthouse's blocking time counts every task over 50 ms); in slices, each task
// stays short and the first rows appear as soon. Call during component initialisation.
export function staggered(total: () => number, first = 8, step = 8): { readonly current: number } {
  let shown = $state(first);
  $effect(() => {
    if (shown >= total()) return;
    const timer = setTimeout(() => (shown += step), 0);
    return () => clearTimeout(timer);
  });
  return {
    get current() {
      return shown;
    }
  };
}

// Parts of a page whose height depends on data that arrives after first paint (the home page's
// dashboard, the sample shop's "remove" action) remember the height they settled at, per window
// width, in localStorage. Before first paint, app.html sets `--keep-<key>` on <html> from it, and
// the part holds that as its min-height until its data has arrived: a returning visit at the
// same width then does not move the page below when the figures come in.

/**
 * localStorage key: { ['w' + window width]: { [part]: height in px } }, read by src/app.html.
 * ('w' keeps the widths in the order they were last used: integer-like keys would be sorted.)
 */
export const HEIGHTS_KEY = 'rapport.heights';
const WIDTHS_KEPT = 6;

/**
 * The min-height a part holds until it has settled (`undefined` once it has): its kept height,
 * else `--keep-<key>-default` (a page's CSS may set one, e.g. from a class app.html put on
 * <html>), else nothing.
 */
export function heldHeight(key: string, settled: boolean): string | undefined {
  return settled ? undefined : `var(--keep-${key}, var(--keep-${key}-default, 0px))`;
}

export function rememberHeight(key: string, width: number, height: number): void {
  try {
    const all = JSON.parse(localStorage.getItem(HEIGHTS_KEY) ?? '{}') as Record<
      string,
      Record<string, number>
    >;
    const w = `w${width}`;
    const here = { ...all[w], [key]: Math.round(height) };
    delete all[w];
    const kept = Object.entries(all).slice(-(WIDTHS_KEPT - 1));
    localStorage.setItem(HEIGHTS_KEY, JSON.stringify({ ...Object.fromEntries(kept), [w]: here }));
  } catch {
    // storage full or blocked: nothing held next time
  }
}

/** Remember `node`'s height under `key` from now on (call once it has settled); returns a stop. */
export function watchHeight(node: HTMLElement, key: string): () => void {
  const ro = new ResizeObserver(() => rememberHeight(key, innerWidth, node.offsetHeight));
  ro.observe(node);
  return () => ro.disconnect();
}

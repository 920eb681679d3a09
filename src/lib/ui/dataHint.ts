// Whether this device holds customer data, remembered for the home page's next first paint:
// before anything is drawn, src/app.html puts `rapport-data` on <html> from it, and the home page
// then shows the dashboard before "Get started" (a returning owner comes for the figures)
// without moving when the worker's answer arrives. The dashboard's answer updates the hint for
// next time only: the order never changes under the user's eyes.

/** localStorage key read by src/app.html: '1' when the last dashboard had customers. */
export const HAS_DATA_KEY = 'rapport.hasData';

export function rememberHasData(has: boolean): void {
  try {
    localStorage.setItem(HAS_DATA_KEY, has ? '1' : '0');
  } catch {
    // storage blocked: the home page starts with "Get started" next time
  }
}

/**
 * The hint, put on <html> as app.html does at first paint (the home page calls this as it is
 * created, so that arriving from another page follows the latest hint too); false when
 * prerendering.
 */
export function applyHasData(): boolean {
  if (typeof document === 'undefined') return false;
  let has = false;
  try {
    has = localStorage.getItem(HAS_DATA_KEY) === '1';
  } catch {
    // storage blocked: no hint
  }
  document.documentElement.classList.toggle('rapport-data', has);
  return has;
}

// Reactive i18n for pages: `t(key, params)` re-renders when `locale.current` changes.
// The choice is persisted in localStorage and mirrored on <html lang>.
import {
  LOCALE_TAGS,
  formatBytes,
  formatDate,
  formatNumber,
  hasCatalogue,
  isLocale,
  loadCatalogue,
  negotiate,
  translate,
  type Locale,
  type MessageKey,
  type Params
} from './translate';

export * from './translate';

export const LOCALE_STORAGE_KEY = 'rapport.locale';

function initial(): Locale {
  if (typeof localStorage === 'undefined') return 'en';
  const saved = localStorage.getItem(LOCALE_STORAGE_KEY);
  if (isLocale(saved)) return saved;
  return typeof navigator === 'undefined' ? 'en' : negotiate(navigator.languages ?? []);
}

// The language the pages are drawn in switches only once its messages are here: until then
// English (which the prerendered pages show, and which is bundled).
const wanted = initial();
let current = $state<Locale>(hasCatalogue(wanted) ? wanted : 'en');

function apply(l: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = LOCALE_TAGS[l];
}

/** Switch to `l` once its messages are loaded; the last choice wins if two overlap. */
let pending: Locale = wanted;
async function show(l: Locale): Promise<void> {
  pending = l;
  try {
    await loadCatalogue(l);
  } catch {
    return; // offline without that chunk cached: stay in the language shown
  }
  if (pending !== l) return;
  current = l;
  apply(l);
}

/**
 * Resolves once the stored (or browser) language is the one shown: the root layout's load waits
 * for it, so a page in Chinese is hydrated in Chinese (app.html keeps it hidden until then).
 */
export const localeReady: Promise<void> = show(wanted);

export const locale = {
  get current(): Locale {
    return current;
  },
  set current(l: Locale) {
    if (!isLocale(l)) return;
    if (typeof localStorage !== 'undefined') localStorage.setItem(LOCALE_STORAGE_KEY, l);
    void show(l);
  }
};

export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

/** Words for a key built from data (a segment, a stored field): `fallback` where there are none. */
export function tOr(key: string, fallback: string): string {
  const v = translate(current, key);
  return v === key ? fallback : v;
}

export const fmt = {
  number: (n: number, o?: Intl.NumberFormatOptions) => formatNumber(current, n, o),
  date: (d: Date | number, o?: Intl.DateTimeFormatOptions) => formatDate(current, d, o),
  bytes: (b: number) => formatBytes(current, b)
};

// Reactive i18n for pages: `t(key, params)` re-renders when `locale.current` changes.
// The choice is persisted in localStorage and mirrored on <html lang>.
import {
  LOCALE_TAGS,
  formatBytes,
  formatDate,
  formatNumber,
  isLocale,
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

let current = $state<Locale>(initial());

function apply(l: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = LOCALE_TAGS[l];
}
apply(current);

export const locale = {
  get current(): Locale {
    return current;
  },
  set current(l: Locale) {
    if (!isLocale(l)) return;
    current = l;
    if (typeof localStorage !== 'undefined') localStorage.setItem(LOCALE_STORAGE_KEY, l);
    apply(l);
  }
};

export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

export const fmt = {
  number: (n: number, o?: Intl.NumberFormatOptions) => formatNumber(current, n, o),
  date: (d: Date | number, o?: Intl.DateTimeFormatOptions) => formatDate(current, d, o),
  bytes: (b: number) => formatBytes(current, b)
};

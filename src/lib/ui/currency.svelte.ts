// The currency money is shown in, chosen in Settings: stored in the settings database
// ('rapport-settings', key 'currency') and mirrored in localStorage so the first paint already
// uses it. `money()` is the one formatter every page uses for amounts.
import { LOCALE_TAGS, locale } from '$lib/i18n/index.svelte';
import { defaultCurrency, formatMoney, isCurrency } from './format';
import { readSetting } from './settingsRead';

// Dexie (~100 KB) only when the currency is changed: the read at start-up uses bare IndexedDB.
const settingsDb = () => import('$lib/workers/settings-db');

export const CURRENCY_SETTING = 'currency';
const STORAGE_KEY = 'rapport.currency';

function initial(): string {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (isCurrency(saved)) return saved;
  return defaultCurrency(typeof navigator === 'undefined' ? [] : (navigator.languages ?? []));
}

let current = $state<string>(initial());

if (typeof indexedDB !== 'undefined') {
  readSetting<string>(CURRENCY_SETTING)
    .then((v) => {
      if (isCurrency(v) && v !== current) {
        current = v;
        localStorage.setItem(STORAGE_KEY, v);
      }
    })
    .catch(() => {});
}

export const currency = {
  get current(): string {
    return current;
  },
  set current(code: string) {
    if (!isCurrency(code)) return;
    current = code;
    if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, code);
    void settingsDb()
      .then((db) => db.setSetting(CURRENCY_SETTING, code))
      .catch(() => {});
  }
};

/** An amount in the chosen currency and the interface language ('€1,234.50', '€1,235'). */
export function money(value: number, opts?: { whole?: boolean; compact?: boolean }): string {
  return formatMoney(value, LOCALE_TAGS[locale.current], current, opts);
}

// Pure lookup and formatting, no Svelte: testable in Node and usable from workers.
// English is bundled; another language's messages are a chunk of their own, fetched by
// loadCatalogue() when that language is chosen (scripts/vite-plugins.ts, catalogueChunks).
import type { catalogues } from './messages';
import en from './messages/en';
import { dateTimeFormat, numberFormat } from './intl';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', zh: '简体中文' };
/** BCP 47 tag for <html lang> and Intl. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

type Areas = typeof catalogues;
export type MessageKey = {
  [A in keyof Areas & string]: `${A}.${keyof Areas[A]['en'] & string}`;
}[keyof Areas & string];
export type Params = Record<string, string | number>;

type Catalogue = Record<string, Record<string, string>>;
const loaded: Partial<Record<Locale, Catalogue>> = { en };

/** Whether `locale`'s messages are here (English always is). */
export function hasCatalogue(locale: Locale): boolean {
  return loaded[locale] !== undefined;
}

/** Fetch `locale`'s messages (a separate chunk) once; translate() falls back to English until then. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (loaded[locale]) return;
  if (locale === 'zh') loaded.zh = (await import('./messages/zh')).default;
}

/** The English message keys of one area ("features" → its keys), for code that asks what exists. */
export function areaKeys(area: keyof Areas & string): string[] {
  return Object.keys(en[area] ?? {});
}

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

/** Best locale for a list of browser languages (navigator.languages). */
export function negotiate(languages: readonly string[]): Locale {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** Replace {name} placeholders; unknown placeholders stay visible so they get noticed. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The parameters that carry a count, first match wins: "{n} customers", "{days} days". */
const COUNT_PARAMS = ['n', 'count', 'items', 'days'] as const;

/** The number a plural form depends on: a number, or a formatted one such as "1,234". */
export function countOf(params?: Params): number | undefined {
  if (!params) return undefined;
  for (const k of COUNT_PARAMS) {
    const v = params[k];
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^\d[\d,.\s\u00a0\u202f]*$/.test(v.trim()))
      return Number(v.replace(/[,\s\u00a0\u202f]/g, ''));
  }
  return undefined;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Look a key up; falls back to English, then to the key itself. Plurals: where the catalogue
 * has `key.one` (`key.two`, `key.few`...), the form Intl.PluralRules picks for the count in
 * params is used, the plain key being the "other" form: "1 month" but "2 months".
 */
export function translate(locale: Locale, key: MessageKey | string, params?: Params): string {
  const dot = key.indexOf('.');
  const areaName = key.slice(0, dot);
  const own = loaded[locale]?.[areaName];
  const fallback = en[areaName];
  const rest = key.slice(dot + 1);
  const n = countOf(params);
  if (n !== undefined && own) {
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(LOCALE_TAGS[locale])));
    const form = rules.select(n);
    const plural = form === 'other' ? undefined : own[`${rest}.${form}`];
    if (plural !== undefined) return interpolate(plural, params);
  }
  const text = own?.[rest] ?? fallback?.[rest] ?? key;
  return interpolate(text, params);
}

export function formatNumber(locale: Locale, n: number, opts?: Intl.NumberFormatOptions): string {
  return numberFormat(LOCALE_TAGS[locale], opts).format(n);
}

export function formatDate(
  locale: Locale,
  d: Date | number,
  opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }
): string {
  return dateTimeFormat(LOCALE_TAGS[locale], opts).format(d);
}

/** Bytes as B/KB/MB/GB (1024-based), localised digits. */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(locale, v, { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

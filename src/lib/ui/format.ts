// Tiny locale-aware formatters for presentation. Pure: runs in Node and the browser.
// Units come from Intl (narrow unit display), so no English is hardcoded here.
import { dateTimeFormat, numberFormat } from '../i18n/intl';

/** 1234567.8 -> '1,234,568' (en) with at most `digits` fraction digits. Non-finite -> '–'. */
export function formatNumber(value: number, locale: string, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return numberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** Compact form for rates and counts: 12345 -> '12K' (en), '1.2万' (zh). */
export function formatCompact(value: number, locale: string): string {
  if (!Number.isFinite(value)) return '–';
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A ratio in 0..1 as a percentage: 0.1234 -> '12.3%'. */
export function formatPercent(ratio: number, locale: string, digits = 1): string {
  if (!Number.isFinite(ratio)) return '–';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

/**
 * A duration as its two largest units, e.g. 3_725_000 ms -> '1h 2min' (en), '1小时 2分钟' (zh).
 * Under a minute shows whole seconds.
 */
export function formatDuration(ms: number, locale: string): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const unit = (v: number, u: string) =>
    numberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(v);
  if (h > 0) return m > 0 ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
  if (m > 0) return s > 0 ? `${unit(m, 'minute')} ${unit(s, 'second')}` : unit(m, 'minute');
  return unit(s, 'second');
}

/** A date (epoch ms) in the locale's medium style, in `timeZone` (default: the device's). */
export function formatDate(ts: number, locale: string, timeZone?: string): string {
  if (!Number.isFinite(ts)) return '–';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(ts);
}

/** ISO 4217 codes offered in Settings, most used first; names come from Intl.DisplayNames. */
export const CURRENCIES = [
  'USD', 'EUR', 'GBP', 'CNY', 'JPY', 'HKD', 'TWD', 'SGD', 'AUD', 'CAD', 'NZD', 'CHF', 'SEK',
  'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'INR', 'KRW', 'MYR', 'THB', 'IDR', 'PHP', 'VND', 'BRL',
  'MXN', 'ZAR', 'AED', 'SAR', 'TRY', 'ILS'
] as const; // prettier-ignore

export const DEFAULT_CURRENCY = 'USD';

const EURO_REGIONS = new Set(
  'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ')
);
const REGION_CURRENCY: Record<string, string> = {
  US: 'USD', GB: 'GBP', CN: 'CNY', JP: 'JPY', HK: 'HKD', TW: 'TWD', SG: 'SGD', AU: 'AUD',
  CA: 'CAD', NZ: 'NZD', CH: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN', CZ: 'CZK',
  HU: 'HUF', IN: 'INR', KR: 'KRW', MY: 'MYR', TH: 'THB', ID: 'IDR', PH: 'PHP', VN: 'VND',
  BR: 'BRL', MX: 'MXN', ZA: 'ZAR', AE: 'AED', SA: 'SAR', TR: 'TRY', IL: 'ILS'
}; // prettier-ignore

/**
 * A well-formed ISO 4217 code ('EUR'), as Intl accepts it: three letters is all Intl checks
 * (ECMA-402 IsWellFormedCurrencyCode), so no formatter is built to ask — building the first one
 * costs tens of milliseconds at start-up on a phone.
 */
export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code);
}

/** The region subtag a BCP 47 tag spells out ('en-GB', 'zh-Hans-CN', 'es-419'), if any. */
const REGION_IN_TAG = /^[a-z]{2,8}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?-([a-z]{2}|\d{3})(?:-|$)/i;

/**
 * The currency a browser's languages suggest: the region of the first tag that has one
 * ('en-GB' -> GBP, 'de-DE' -> EUR, 'zh-CN' or bare 'zh' -> CNY); USD otherwise. A region written
 * in the tag is read from it; only a bare language asks Intl for its likely region (the first
 * `maximize()` loads ICU data: 20-60 ms at start-up).
 */
export function defaultCurrency(languages: readonly string[]): string {
  for (const tag of languages) {
    let region = REGION_IN_TAG.exec(tag)?.[1]?.toUpperCase();
    if (!region)
      try {
        region = new Intl.Locale(tag).maximize().region;
      } catch {
        continue;
      }
    if (!region) continue;
    if (EURO_REGIONS.has(region)) return 'EUR';
    const c = REGION_CURRENCY[region];
    if (c) return c;
  }
  return DEFAULT_CURRENCY;
}

/**
 * Money in `currency` with the locale's symbol and grouping: 1234.5 -> '€1,234.50' (en, EUR),
 * '¥1,235' (en, JPY has no minor unit). `whole` drops the cents, for totals and chart axes.
 */
export function formatMoney(
  value: number,
  locale: string,
  currency: string,
  opts: { whole?: boolean; compact?: boolean } = {}
): string {
  if (!Number.isFinite(value)) return '–';
  const o: Intl.NumberFormatOptions = { style: 'currency', currency };
  if (opts.compact) Object.assign(o, { notation: 'compact', maximumFractionDigits: 1 });
  else if (opts.whole) Object.assign(o, { minimumFractionDigits: 0, maximumFractionDigits: 0 });
  return numberFormat(locale, o).format(value);
}

/** The currency's name in the locale ('Euro', '欧元'), the code itself where Intl has none. */
export function currencyName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

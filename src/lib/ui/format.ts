// Tiny locale-aware formatters for presentation. Pure: runs in Node and the browser.
// Units come from Intl (narrow unit display), so no English is hardcoded here.

const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, opts);
    cache.set(key, f);
  }
  return f;
}

/** 1234567.8 -> '1,234,568' (en) with at most `digits` fraction digits. Non-finite -> '–'. */
export function formatNumber(value: number, locale: string, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return nf(locale, { maximumFractionDigits: digits }).format(value);
}

/** Compact form for rates and counts: 12345 -> '12K' (en), '1.2万' (zh). */
export function formatCompact(value: number, locale: string): string {
  if (!Number.isFinite(value)) return '–';
  return nf(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A ratio in 0..1 as a percentage: 0.1234 -> '12.3%'. */
export function formatPercent(ratio: number, locale: string, digits = 1): string {
  if (!Number.isFinite(ratio)) return '–';
  return nf(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
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
    nf(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(v);
  if (h > 0) return m > 0 ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
  if (m > 0) return s > 0 ? `${unit(m, 'minute')} ${unit(s, 'second')}` : unit(m, 'minute');
  return unit(s, 'second');
}

/** A date (epoch ms) in the locale's medium style, in `timeZone` (default: the device's). */
export function formatDate(ts: number, locale: string, timeZone?: string): string {
  if (!Number.isFinite(ts)) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(ts);
}

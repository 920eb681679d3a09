// Small helpers of the inbox page: percentages, error text for the text families' codes.
import type { MessageKey } from '$lib/i18n/translate';
import { errorText } from '$lib/ui/errors';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export const pct = (v: number | null | undefined, fmtNumber: (n: number, o?: Intl.NumberFormatOptions) => string) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : fmtNumber(v, { style: 'percent', maximumFractionDigits: 1 }); // prettier-ignore

/** The worker's error in the user's language (intent and sentiment codes live in this area). */
export function inboxError(e: unknown, t: T): string {
  const err = e as { code?: unknown; params?: Record<string, unknown> };
  if (typeof err?.code === 'string' && /^(intents|sentiment)\./.test(err.code)) {
    const key = `inbox.err.${err.code}` as MessageKey;
    const params = Object.fromEntries(
      Object.entries(err.params ?? {}).map(([k, v]) => [k, String(v)])
    );
    const text = t(key, params);
    if (text !== key) return text;
  }
  return errorText(e, t);
}

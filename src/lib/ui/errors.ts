// An error from the worker in the user's language: errors that carry a `code` (ModelInputError
// in core, kept across the worker boundary) have a catalogue sentence; others show their text.
import type { MessageKey, Params } from '../i18n/translate';

type T = (key: MessageKey, params?: Params) => string;

export function errorText(e: unknown, t: T, fmtDate?: (ts: number) => string): string {
  const err = e as { code?: unknown; params?: Record<string, unknown>; message?: unknown };
  if (typeof err?.code === 'string') {
    const key = `models.err.${err.code}` as MessageKey;
    const params: Params = {};
    for (const [k, v] of Object.entries(err.params ?? {}))
      params[k] =
        typeof v === 'number' && fmtDate && /^(cutoff|first|from|to)$/.test(k)
          ? fmtDate(v)
          : String(v);
    const text = t(key, params);
    if (text !== key) return text;
  }
  return typeof err?.message === 'string' ? err.message : String(e);
}

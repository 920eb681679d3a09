// Errors of the generative pages in the user's language: a code of the generative area first
// (`generative.err.<code>`), then the models area's (errorText).
import type { MessageKey, Params } from '../i18n/translate';
import { errorText } from './errors';

type T = (key: MessageKey, params?: Params) => string;

export function generativeError(e: unknown, t: T): string {
  const err = e as { code?: unknown; params?: Record<string, unknown> };
  if (typeof err?.code === 'string') {
    const key = `generative.err.${err.code}` as MessageKey;
    const params = Object.fromEntries(Object.entries(err.params ?? {}).map(([k, v]) => [k, String(v)])); // prettier-ignore
    const text = t(key, params);
    if (text !== key) return text;
  }
  return errorText(e, t);
}

/** A text file offered as a download (CSV, JSON report). */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

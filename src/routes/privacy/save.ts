// Saving a file the page received from the worker: the File System Access API's save dialog where
// the browser has it (the user picks the folder and name), a download otherwise.
import type { MessageKey, Params } from '$lib/i18n/translate';
import { errorText } from '$lib/ui/errors';

interface SavePickerWindow {
  showSaveFilePicker?: (opts: {
    suggestedName: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<{
    createWritable(): Promise<{ write(b: Blob): Promise<void>; close(): Promise<void> }>;
  }>;
}

export function canChoosePlace(): boolean {
  return typeof window !== 'undefined' && typeof (window as SavePickerWindow).showSaveFilePicker === 'function'; // prettier-ignore
}

/** Save through the browser's save dialog; false when the user cancels it. */
export async function saveToChosenPlace(blob: Blob, name: string): Promise<boolean> {
  const picker = (window as SavePickerWindow).showSaveFilePicker!;
  try {
    const handle = await picker({ suggestedName: name });
    const w = await handle.createWritable();
    await w.write(blob);
    await w.close();
    return true;
  } catch (e) {
    if ((e as { name?: string })?.name === 'AbortError') return false;
    throw e;
  }
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type T = (key: MessageKey, params?: Params) => string;

/** A backup error in the user's language (`privacy.err.<code>`), else the generic text. */
export function privacyError(e: unknown, t: T): string {
  const err = e as { code?: unknown; params?: Record<string, unknown> };
  if (typeof err?.code === 'string') {
    const key = `privacy.err.${err.code}` as MessageKey;
    const params: Params = {};
    for (const [k, v] of Object.entries(err.params ?? {})) params[k] = String(v);
    const text = t(key, params);
    if (text !== key) return text;
  }
  return errorText(e, t);
}

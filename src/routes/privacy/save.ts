// Saving files: the File System Access API's save dialog where the browser has it (the user picks
// the folder and name; a backup is then written into it frame by frame by the worker), a download
// of a Blob otherwise.
import type { MessageKey, Params } from '$lib/i18n/translate';
import { errorText } from '$lib/ui/errors';

interface SavePickerWindow {
  showSaveFilePicker?: (opts: {
    suggestedName: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<{
    createWritable(): Promise<{
      write(b: Blob | BufferSource): Promise<void>;
      close(): Promise<void>;
      abort(reason?: unknown): Promise<void>;
    }>;
  }>;
}

export function canChoosePlace(): boolean {
  return typeof window !== 'undefined' && typeof (window as SavePickerWindow).showSaveFilePicker === 'function'; // prettier-ignore
}

/**
 * Ask where to save `name` (call it first in a click handler: the dialog needs the user's
 * gesture), and give a WritableStream over that file to hand (transfer) to the worker; null when
 * the user cancels. The file only appears once the stream is closed; an aborted stream leaves
 * nothing (the browser writes into a temporary file until then).
 */
export async function openChosenFile(name: string): Promise<WritableStream<Uint8Array> | null> {
  const picker = (window as SavePickerWindow).showSaveFilePicker!;
  let w;
  try {
    w = await (await picker({ suggestedName: name })).createWritable();
  } catch (e) {
    if ((e as { name?: string })?.name === 'AbortError') return null;
    throw e;
  }
  return new WritableStream<Uint8Array>(
    {
      write: (chunk) => w.write(chunk as Uint8Array<ArrayBuffer>),
      close: () => w.close(),
      abort: (reason) => w.abort(reason)
    },
    { highWaterMark: 1 }
  );
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

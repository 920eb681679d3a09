// Small helpers to feed runImport from memory or from a Node/Web stream.

/** Split bytes into chunks (tests use small chunks to exercise chunk boundaries). */
export async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size)
    yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

/** A string as UTF-8 bytes in chunks. */
export function bytesOf(text: string, size?: number): AsyncIterable<Uint8Array> {
  return chunked(new TextEncoder().encode(text), size);
}

/** A Blob as an async iterable of byte chunks (reader loop: not every engine iterates streams). */
export async function* blobChunks(blob: Blob): AsyncIterable<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Blocks a reading thread may post before the importing one has taken them (pumpBlob). */
export const READ_AHEAD = 3;

/** The side of a MessageChannel each of pumpBlob and portChunks holds. */
export interface BlockPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  close(): void;
}

/**
 * Reads `blob` and posts its blocks over `port` (each ArrayBuffer transferred), at most `ahead`
 * not yet taken by portChunks on the other side; then null, or `{ error }` if reading failed.
 * Run on a thread of its own: a Blob's next block reaches a worker only in turns of that
 * worker's event loop, and an importing thread takes none while it parses (in Chromium, with
 * IndexedDB storing meanwhile, its waits for blocks were 1.1–3.2 s of a 78 MB file against
 * 0.2 s when another worker read them).
 */
export async function pumpBlob(blob: Blob, port: BlockPort, ahead = READ_AHEAD): Promise<void> {
  let credit = ahead;
  let cancelled = false;
  let wake: (() => void) | null = null;
  port.onmessage = (e) => {
    if (e.data === 'cancel') cancelled = true;
    else credit++;
    const w = wake;
    wake = null;
    w?.();
  };
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      while (credit <= 0 && !cancelled) await new Promise<void>((r) => (wake = r));
      if (cancelled) {
        port.close();
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) {
        port.postMessage(null);
        return;
      }
      credit--;
      const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
      const buf = (whole ? value.buffer : value.slice().buffer) as ArrayBuffer;
      port.postMessage(buf, [buf]);
    }
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  } finally {
    port.onmessage = null;
  }
}

/** The blocks pumpBlob posts to `port`, in order; stopping early tells it to stop reading. */
export async function* portChunks(port: BlockPort): AsyncIterable<Uint8Array> {
  const queue: unknown[] = [];
  let wake: (() => void) | null = null;
  port.onmessage = (e) => {
    queue.push(e.data);
    const w = wake;
    wake = null;
    w?.();
  };
  let ended = false;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      const m = queue.shift();
      if (m === null) {
        ended = true;
        return;
      }
      if (!(m instanceof ArrayBuffer)) {
        ended = true;
        throw new Error(`the file could not be read: ${(m as { error: string }).error}`);
      }
      // Taken: the reader may read one more while this one is used.
      port.postMessage('ack');
      yield new Uint8Array(m);
    }
  } finally {
    port.onmessage = null;
    if (ended) port.close();
    else port.postMessage('cancel');
  }
}

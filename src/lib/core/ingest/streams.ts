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

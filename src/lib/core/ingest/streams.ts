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

/** Bytes per piece of blobPieces: large, so that few reads cross to the browser's blob store. */
export const BLOB_PIECE = 8 << 20;

/**
 * A Blob read as pieces of `size` bytes with `slice().arrayBuffer()`, the next `ahead` pieces
 * are read while one is used. The imports read files this way: Chromium's Blob stream
 * hands out its next block late while IndexedDB is storing (~0.5 s over a 1M-line import), a
 * piece read ahead is already there. `first` bytes make the first piece (the encoding sniff and
 * the header need only the start).
 */
export async function* blobPieces(
  blob: Blob,
  {
    size = BLOB_PIECE,
    ahead = 1,
    first = 1 << 20
  }: { size?: number; ahead?: number; first?: number } = {}
): AsyncIterable<Uint8Array> {
  const queued: Promise<ArrayBuffer>[] = [];
  let at = 0;
  const request = () => {
    if (at >= blob.size) return;
    const end = Math.min(blob.size, at + Math.max(1, at === 0 ? first : size));
    const p = blob.slice(at, end).arrayBuffer();
    // A read still queued when the consumer stops must not surface as an unhandled rejection.
    p.catch(() => {});
    queued.push(p);
    at = end;
  };
  // While a piece is used, the next `ahead` are being read.
  request();
  while (queued.length) {
    const next = queued.shift()!;
    for (let i = queued.length; i < ahead; i++) request();
    yield new Uint8Array(await next);
  }
}

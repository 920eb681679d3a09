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

/** Bytes per read of blobBlocks. */
const BLOCK_BYTES = 1 << 20;

/**
 * A Blob's bytes in blocks read into one reused buffer (a BYOB reader): each block is valid only
 * until the next is asked for, so a consumer copies what it keeps. In Chromium, blob.stream()'s
 * default reader hands out a fresh ArrayBuffer per read, and those cost about 4 ns a byte
 * (78 MB in ~310 ms of the worker's time); reading into one kept buffer took ~50 ms (measured
 * 2026-12-02, a worker of this 2-core machine). Where the stream is not a byte stream, the
 * default reader's blocks (each its own buffer).
 */
export async function* blobBlocks(blob: Blob, size = BLOCK_BYTES): AsyncIterable<Uint8Array> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = blob.stream().getReader({ mode: 'byob' });
  } catch {
    yield* blobChunks(blob); // not a byte stream (an older engine)
    return;
  }
  let buf = new ArrayBuffer(size);
  try {
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buf));
      if (done || !value) return;
      // The read took the buffer over (detached it) and gives it back as value's.
      buf = value.buffer as ArrayBuffer;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

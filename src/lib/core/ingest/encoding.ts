// Encoding detection and streaming decode. Supported: UTF-8 (with or without BOM), UTF-16 LE/BE
// (BOM or zero-byte pattern) and GB18030 (a superset of GBK/GB2312: Chinese Excel exports).

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** How many leading bytes detection looks at. */
export const SNIFF_BYTES = 64 * 1024;

/** True when `b` is valid UTF-8, tolerating a sequence cut off by the end of the sample. */
export function isValidUtf8(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) ((need = 1), (min = 0x80));
    else if (c >= 0xe0 && c <= 0xef) ((need = 2), (min = 0x800));
    else if (c >= 0xf0 && c <= 0xf4) ((need = 3), (min = 0x10000));
    else return false;
    if (i + need >= n) {
      // Truncated at the end of the sample: check the bytes we have are continuations.
      for (let k = i + 1; k < n; k++) if ((b[k] & 0xc0) !== 0x80) return false;
      return true;
    }
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

function decodesStrictly(enc: string, b: Uint8Array): boolean {
  // Drop up to 3 trailing bytes: the sample may end inside a multi-byte character.
  for (let cut = 0; cut <= 3 && cut < b.length; cut++) {
    try {
      new TextDecoder(enc, { fatal: true }).decode(b.subarray(0, b.length - cut));
      return true;
    } catch {
      /* try a shorter sample */
    }
  }
  return false;
}

/** Zero-byte pattern of UTF-16 text that is mostly ASCII: every other byte is 0. */
function utf16ByZeros(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Guess the encoding of a file from its first bytes. Order: BOM, UTF-16 zero-byte pattern,
 * valid UTF-8, valid GB18030, else 'utf-8' (use `isDecodable` to tell that case apart).
 */
export function detectEncoding(firstBytes: Uint8Array): TextEncodingName {
  const b = firstBytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  const wide = utf16ByZeros(b);
  if (wide) return wide;
  if (isValidUtf8(b)) return 'utf-8';
  if (decodesStrictly('gb18030', b)) return 'gb18030';
  return 'utf-8';
}

/** Whether the sample decodes without errors in `enc` (false: wrong or unknown encoding). */
export function isDecodable(firstBytes: Uint8Array, enc: TextEncodingName): boolean {
  if (enc === 'utf-8') return isValidUtf8(firstBytes);
  return decodesStrictly(enc, firstBytes);
}

/**
 * Decode a byte stream chunk by chunk (TextDecoder with `stream: true`, so characters split
 * across chunks survive). The encoding is detected from the first SNIFF_BYTES unless given.
 * BOMs are dropped. Invalid sequences become U+FFFD; the whole file is never one string.
 */
export async function* decodeStream(
  chunks: AsyncIterable<Uint8Array>,
  encoding?: TextEncodingName
): AsyncIterable<string> {
  const it = chunks[Symbol.asyncIterator]();
  let decoder: TextDecoder | null = encoding ? new TextDecoder(encoding) : null;
  const head: Uint8Array[] = [];
  let headLen = 0;
  for (;;) {
    const r = await it.next();
    if (r.done) break;
    if (decoder) {
      const s = decoder.decode(r.value, { stream: true });
      if (s) yield s;
      continue;
    }
    head.push(r.value);
    headLen += r.value.length;
    if (headLen >= SNIFF_BYTES) {
      const joined = concat(head, headLen);
      decoder = new TextDecoder(detectEncoding(joined.subarray(0, SNIFF_BYTES)));
      const s = decoder.decode(joined, { stream: true });
      if (s) yield s;
    }
  }
  if (!decoder) {
    const joined = concat(head, headLen);
    decoder = new TextDecoder(detectEncoding(joined));
    const s = decoder.decode(joined, { stream: true });
    if (s) yield s;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

export function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// Encoding detection and streaming decode. Supported: UTF-8 (with or without BOM), UTF-16 LE/BE
// (BOM or zero-byte pattern), GB18030 (a superset of GBK/GB2312: Chinese Excel exports) and
// Windows-1252 (a superset of Latin-1: Western European Excel exports).
//
// One rule wherever the first non-ASCII byte is: a file that is plain ASCII so far is not yet
// committed to an encoding; the first non-ASCII bytes decide it, whether they are in the first
// 64 KiB or at line 90,000. Bytes that are invalid in the decided encoding decode to U+FFFD,
// and runImport rejects every row holding one: a replacement character never reaches storage.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

/** Every encoding the user can pick, with the name shown for it. */
export const ENCODINGS: readonly { name: TextEncodingName; label: string }[] = [
  { name: 'utf-8', label: 'UTF-8' },
  { name: 'windows-1252', label: 'Windows-1252 / Latin-1' },
  { name: 'gb18030', label: 'GB18030 / GBK' },
  { name: 'utf-16le', label: 'UTF-16 LE' },
  { name: 'utf-16be', label: 'UTF-16 BE' }
];

export function encodingLabel(name: TextEncodingName): string {
  return ENCODINGS.find((e) => e.name === name)?.label ?? name;
}

const ALIASES: Record<string, TextEncodingName> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  windows1252: 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  iso88591: 'windows-1252',
  l1: 'windows-1252'
};

/** An encoding name as people type it ("UTF8", "latin1", "GBK", "cp1252"), or null. */
export function parseEncodingName(text: string): TextEncodingName | null {
  return ALIASES[text.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? null;
}

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

/** Counts of characters from well-formed multi-byte UTF-8 sequences and of invalid bytes. */
function utf8Census(b: Uint8Array): { multi: number; invalid: number } {
  const s = new TextDecoder('utf-8').decode(b);
  let multi = 0;
  let invalid = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd) invalid++;
    else if (c >= 0x80) multi++;
  }
  return { multi, invalid };
}

/**
 * Whether non-UTF-8 high bytes read as GB18030 Chinese: it decodes strictly and most high bytes
 * pair up inside the GB2312 block (both bytes 0xA1-0xFE). Latin text in Windows-1252 has single
 * accented letters between ASCII ones, which either fail to decode or pair with an ASCII byte.
 */
function looksLikeGb(b: Uint8Array): boolean {
  if (!decodesStrictly('gb18030', b)) return false;
  let high = 0;
  let paired = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x80) continue;
    high++;
    if (i + 1 < b.length && b[i] >= 0xa1 && b[i] <= 0xfe && b[i + 1] >= 0xa1 && b[i + 1] <= 0xfe) {
      paired += 2;
      high++;
      i++;
    }
  }
  return paired >= high * 0.8;
}

/** The encoding of text whose first non-ASCII bytes are `b` (no BOM, not UTF-16). */
function detectHighBytes(b: Uint8Array): TextEncodingName {
  if (isValidUtf8(b)) return 'utf-8';
  // UTF-8 with a few broken bytes is still UTF-8 (the rows holding them are rejected).
  const { multi, invalid } = utf8Census(b);
  if (multi > 0 && multi >= invalid) return 'utf-8';
  if (looksLikeGb(b)) return 'gb18030';
  return 'windows-1252';
}

/** Index of the first byte >= 0x80, or -1. */
function firstHighByte(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return i;
  return -1;
}

export interface EncodingGuess {
  encoding: TextEncodingName;
  /**
   * False when the sample is plain ASCII: any ASCII-compatible encoding reads it the same, and
   * the first non-ASCII bytes further on decide (see StreamDecoder).
   */
  decided: boolean;
}

/**
 * Guess the encoding of a file from its first bytes: BOM, UTF-16 zero-byte pattern, then the
 * first non-ASCII bytes: valid (or mostly valid) UTF-8, GB18030 Chinese, else Windows-1252.
 */
export function guessEncoding(firstBytes: Uint8Array): EncodingGuess {
  const b = firstBytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { encoding: 'utf-8', decided: true };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe)
    return { encoding: 'utf-16le', decided: true };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff)
    return { encoding: 'utf-16be', decided: true };
  const wide = utf16ByZeros(b);
  if (wide) return { encoding: wide, decided: true };
  const k = firstHighByte(b);
  if (k === -1) return { encoding: 'utf-8', decided: false };
  return { encoding: detectHighBytes(b.subarray(k)), decided: true };
}

/** The encoding guessEncoding settles on ('utf-8' for plain ASCII). */
export function detectEncoding(firstBytes: Uint8Array): TextEncodingName {
  return guessEncoding(firstBytes).encoding;
}

/** Whether the sample decodes without errors in `enc` (false: wrong or unknown encoding). */
export function isDecodable(firstBytes: Uint8Array, enc: TextEncodingName): boolean {
  if (enc === 'utf-8') return isValidUtf8(firstBytes);
  return decodesStrictly(enc, firstBytes);
}

/** The replacement character: what invalid bytes decode to. */
export const REPLACEMENT = '\ufffd';

/**
 * Decodes a byte stream chunk by chunk (characters split across chunks survive). Starts from a
 * guess; while the text is plain ASCII the encoding stays open and the first chunk holding a
 * non-ASCII byte decides it. BOMs are dropped. Invalid bytes become U+FFFD (`sawReplacement`).
 */
export class StreamDecoder {
  encoding: TextEncodingName;
  decided: boolean;
  /** Set by each decode: whether its text holds U+FFFD. */
  sawReplacement = false;
  private decoder: TextDecoder;
  private readonly probe = new TextDecoder('utf-8');
  /** Undecided only: non-ASCII bytes at the very end of a chunk, kept for the next one. */
  private held: Uint8Array | null = null;

  constructor(guess: EncodingGuess) {
    this.encoding = guess.encoding;
    this.decided = guess.decided;
    this.decoder = new TextDecoder(guess.encoding);
  }

  /** Whether bytes are held for the next decode (undecided, a chunk ending in non-ASCII). */
  get holding(): boolean {
    return this.held !== null;
  }

  decode(bytes: Uint8Array, last = false): string {
    let s: string;
    if (this.decided) {
      s = this.decoder.decode(bytes, { stream: !last });
    } else {
      if (this.held) {
        bytes = concat([this.held, bytes], this.held.length + bytes.length);
        this.held = null;
      }
      // Plain ASCII decodes one character per byte and without U+FFFD: the fast common case.
      const ascii = this.probe.decode(bytes);
      if (ascii.length === bytes.length && ascii.indexOf(REPLACEMENT) === -1) {
        if (last) this.decided = true;
        this.sawReplacement = false;
        return ascii;
      }
      const k = firstHighByte(bytes);
      if (!last && bytes.length - k < 4) {
        // Too few bytes to judge: decide with the next chunk.
        this.held = bytes.slice(k);
        this.sawReplacement = false;
        return ascii.slice(0, k);
      }
      this.encoding = detectHighBytes(bytes.subarray(k));
      this.decided = true;
      this.decoder = new TextDecoder(this.encoding);
      s = this.decoder.decode(bytes, { stream: !last });
    }
    this.sawReplacement = s.indexOf(REPLACEMENT) !== -1;
    return s;
  }

  /** End of input: what the decoder still holds. */
  end(): string {
    if (this.held) {
      const b = this.held;
      this.held = null;
      return this.decode(b, true);
    }
    return this.decided ? this.decode(new Uint8Array(0), true) : '';
  }
}

/**
 * Decode a byte stream chunk by chunk with a StreamDecoder (the same rules as an import). The
 * encoding is guessed from the first SNIFF_BYTES unless given. The whole file is never one string.
 * A chunk may be overwritten once the next is asked for (blobBlocks).
 */
export async function* decodeStream(
  chunks: AsyncIterable<Uint8Array>,
  encoding?: TextEncodingName
): AsyncIterable<string> {
  const it = chunks[Symbol.asyncIterator]();
  let decoder: StreamDecoder | null = encoding
    ? new StreamDecoder({ encoding, decided: true })
    : null;
  const head: Uint8Array[] = [];
  let headLen = 0;
  for (;;) {
    const r = await it.next();
    if (r.done) break;
    if (decoder) {
      const s = decoder.decode(r.value);
      if (s) yield s;
      continue;
    }
    head.push(r.value.slice()); // kept past the next read (a chunk may be a reused buffer)
    headLen += r.value.length;
    if (headLen >= SNIFF_BYTES) {
      const joined = concat(head, headLen);
      decoder = new StreamDecoder(guessEncoding(joined.subarray(0, SNIFF_BYTES)));
      const s = decoder.decode(joined);
      if (s) yield s;
    }
  }
  if (!decoder) {
    const joined = concat(head, headLen);
    decoder = new StreamDecoder(guessEncoding(joined));
    const s = decoder.decode(joined);
    if (s) yield s;
  }
  const tail = decoder.end();
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

// The backup file's envelope: a header, then the payload in frames. Encrypted backups use
// AES-256-GCM (WebCrypto) with a key from PBKDF2-SHA-256 (>= 600,000 iterations, OWASP 2023);
// each frame is authenticated with its index and a final flag in the additional data, so a
// truncated, reordered, spliced or altered file is caught at the first bad frame (the STREAM
// construction of Hoang, Reyhanitabar, Rogaway and Vizár, "Online Authenticated-Encryption and its
// Nonce-Reuse Misuse-Resistance", CRYPTO 2015). Plain backups carry a SHA-256 per frame instead:
// they detect damage, not a deliberate forgery.
//
// File layout (little-endian):
//   "RAPPORTB"  u32 headerLength  header JSON (UTF-8)
//   frames: u8 final  u32 length  bytes  [plain only: 32-byte SHA-256]
// Additional data of frame i: SHA-256(everything up to the frames) || u32 i || u8 final.
import { BackupError } from './errors';

export const MAGIC = 'RAPPORTB';
/** The envelope's format version; a reader refuses a newer one. */
export const ENVELOPE_FORMAT = 1;
export const MIN_ITERATIONS = 600_000;
const MAX_ITERATIONS = 50_000_000;
export const FRAME_BYTES = 1 << 20;
const MAX_HEADER = 64 * 1024;
const TAG_BYTES = 16;
const DIGEST_BYTES = 32;

export interface EnvelopeHeader {
  format: number;
  createdAt: number;
  frameBytes: number;
  encryption: null | {
    kdf: 'PBKDF2-SHA-256';
    iterations: number;
    salt: string;
    cipher: 'AES-256-GCM';
    noncePrefix: string;
    /** SHA-256 of the derived check bits: tells a wrong passphrase from a damaged file. */
    check: string;
  };
}

export interface SealOptions {
  passphrase?: string;
  iterations?: number;
  frameBytes?: number;
  createdAt?: number;
}

const subtle = () => globalThis.crypto.subtle;
const enc = new TextEncoder();

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const all = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await subtle().digest('SHA-256', all));
}

function u32le(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, true);
  return b;
}

function aad(headerHash: Uint8Array, index: number, final: boolean): Uint8Array {
  const out = new Uint8Array(DIGEST_BYTES + 5);
  out.set(headerHash);
  new DataView(out.buffer).setUint32(DIGEST_BYTES, index, true);
  out[DIGEST_BYTES + 4] = final ? 1 : 0;
  return out;
}

function iv(prefix: Uint8Array, index: number): Uint8Array {
  const out = new Uint8Array(12);
  out.set(prefix);
  new DataView(out.buffer).setUint32(8, index, false);
  return out;
}

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The AES key and the check value from a passphrase (one PBKDF2 run of 512 bits). */
export async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number
): Promise<{ key: CryptoKey; check: Uint8Array }> {
  const base = await subtle().importKey('raw', enc.encode(passphrase), 'PBKDF2', false, [
    'deriveBits'
  ]);
  const bits = new Uint8Array(
    await subtle().deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
      base,
      512
    )
  );
  const key = await subtle().importKey('raw', bits.slice(0, 32), 'AES-GCM', false, [
    'encrypt',
    'decrypt'
  ]);
  return { key, check: await sha256(bits.slice(32)) };
}

function headerBytes(h: EnvelopeHeader): Uint8Array {
  const json = enc.encode(JSON.stringify(h));
  const out = new Uint8Array(8 + 4 + json.length);
  out.set(enc.encode(MAGIC));
  out.set(u32le(json.length), 8);
  out.set(json, 12);
  return out;
}

/** Wrap payload bytes in the envelope, encrypted when a passphrase is given. */
export async function* seal(
  payload: AsyncIterable<Uint8Array>,
  opts: SealOptions = {}
): AsyncGenerator<Uint8Array> {
  const frameBytes = opts.frameBytes ?? FRAME_BYTES;
  const header: EnvelopeHeader = {
    format: ENVELOPE_FORMAT,
    createdAt: opts.createdAt ?? Date.now(),
    frameBytes,
    encryption: null
  };
  let key: CryptoKey | null = null;
  let prefix: Uint8Array = new Uint8Array(8);
  if (opts.passphrase !== undefined) {
    const iterations = opts.iterations ?? MIN_ITERATIONS;
    if (iterations < MIN_ITERATIONS) throw new Error(`PBKDF2 needs at least ${MIN_ITERATIONS} iterations`); // prettier-ignore
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
    prefix = globalThis.crypto.getRandomValues(new Uint8Array(8));
    const k = await deriveKey(opts.passphrase, salt, iterations);
    key = k.key;
    header.encryption = {
      kdf: 'PBKDF2-SHA-256',
      iterations,
      salt: toBase64(salt),
      cipher: 'AES-256-GCM',
      noncePrefix: toBase64(prefix),
      check: toBase64(k.check)
    };
  }
  const head = headerBytes(header);
  const headHash = await sha256(head);
  yield head;

  let index = 0;
  const frame = async (data: Uint8Array, final: boolean): Promise<Uint8Array> => {
    const ad = aad(headHash, index, final);
    let body: Uint8Array;
    if (key) {
      body = new Uint8Array(
        await subtle().encrypt(
          {
            name: 'AES-GCM',
            iv: iv(prefix, index) as BufferSource,
            additionalData: ad as BufferSource
          },
          key,
          data as BufferSource
        )
      );
    } else {
      const digest = await sha256(ad, data);
      body = new Uint8Array(data.length + DIGEST_BYTES);
      body.set(data);
      body.set(digest, data.length);
    }
    index++;
    const out = new Uint8Array(5 + body.length);
    out[0] = final ? 1 : 0;
    out.set(u32le(key ? body.length : data.length), 1);
    out.set(body, 5);
    return out;
  };

  // One frame is held back until we know whether more follows (the last carries final = 1).
  let buf = new Uint8Array(frameBytes);
  let fill = 0;
  for await (const chunk of payload) {
    let at = 0;
    while (at < chunk.length) {
      if (fill === frameBytes) {
        yield await frame(buf, false);
        buf = new Uint8Array(frameBytes);
        fill = 0;
      }
      const n = Math.min(frameBytes - fill, chunk.length - at);
      buf.set(chunk.subarray(at, at + n), fill);
      fill += n;
      at += n;
    }
  }
  yield await frame(buf.subarray(0, fill), true);
}

/** Reads exact byte counts from an async stream of chunks. */
export class StreamReader {
  private chunks: Uint8Array[] = [];
  private have = 0;
  private readonly it: AsyncIterator<Uint8Array>;
  private ended = false;
  /** Bytes consumed so far. */
  offset = 0;

  constructor(src: AsyncIterable<Uint8Array>) {
    this.it = src[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.have < n && !this.ended) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else if (r.value.length > 0) {
        this.chunks.push(r.value);
        this.have += r.value.length;
      }
    }
  }

  /** Exactly n bytes, or fewer when the stream ends first. */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    const take = Math.min(n, this.have);
    const out = new Uint8Array(take);
    let at = 0;
    while (at < take) {
      const c = this.chunks[0];
      const k = Math.min(c.length, take - at);
      out.set(c.subarray(0, k), at);
      at += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.have -= take;
    this.offset += take;
    return out;
  }

  /** Whether the stream has no more bytes. */
  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.have === 0;
  }
}

function parseHeader(json: Uint8Array): EnvelopeHeader {
  let h: EnvelopeHeader;
  try {
    h = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as EnvelopeHeader;
  } catch {
    throw new BackupError('damaged', 'The backup header is damaged.');
  }
  if (typeof h?.format !== 'number') throw new BackupError('damaged', 'The backup header is damaged.'); // prettier-ignore
  if (h.format > ENVELOPE_FORMAT)
    throw new BackupError(
      'newer-format',
      `This backup was made by a newer Rapport (format ${h.format}); this version reads format ${ENVELOPE_FORMAT}. Nothing was changed.`,
      { format: h.format, supported: ENVELOPE_FORMAT }
    );
  if (!(h.frameBytes > 0 && h.frameBytes <= 64 << 20))
    throw new BackupError('damaged', 'The backup header is damaged.');
  return h;
}

export interface OpenOptions {
  passphrase?: string;
  /** Called with the header before any frame is read. */
  onHeader?: (h: EnvelopeHeader) => void;
}

/**
 * The payload of a backup file, frame by frame, each verified before it is yielded. Throws a
 * BackupError naming what is wrong (not a backup, newer format, passphrase, truncated, tampered).
 */
export async function* open(
  file: AsyncIterable<Uint8Array>,
  opts: OpenOptions = {}
): AsyncGenerator<Uint8Array> {
  const r = new StreamReader(file);
  const magic = await r.read(12);
  if (magic.length < 12 || new TextDecoder().decode(magic.subarray(0, 8)) !== MAGIC)
    throw new BackupError('not-backup', 'This file is not a Rapport backup.');
  const len = new DataView(magic.buffer).getUint32(8, true);
  if (len > MAX_HEADER) throw new BackupError('damaged', 'The backup header is damaged.');
  const json = await r.read(len);
  if (json.length < len) throw new BackupError('truncated', 'The backup file is cut short.');
  const header = parseHeader(json);
  const head = new Uint8Array(12 + len);
  head.set(magic);
  head.set(json, 12);
  const headHash = await sha256(head);
  opts.onHeader?.(header);

  let key: CryptoKey | null = null;
  let prefix: Uint8Array = new Uint8Array(8);
  const e = header.encryption;
  if (e) {
    if (opts.passphrase === undefined)
      throw new BackupError('passphrase-needed', 'This backup is encrypted: give its passphrase.');
    if (e.kdf !== 'PBKDF2-SHA-256' || e.cipher !== 'AES-256-GCM')
      throw new BackupError('newer-format', `This backup uses ${e.kdf} / ${e.cipher}, which this version cannot read. Nothing was changed.`, { format: header.format, supported: ENVELOPE_FORMAT }); // prettier-ignore
    if (!(e.iterations >= MIN_ITERATIONS && e.iterations <= MAX_ITERATIONS))
      throw new BackupError('weak-kdf', `The backup's key derivation (${e.iterations} iterations) is outside the accepted range.`, { iterations: e.iterations }); // prettier-ignore
    const k = await deriveKey(opts.passphrase, fromBase64(e.salt), e.iterations);
    if (!same(k.check, fromBase64(e.check)))
      throw new BackupError('wrong-passphrase', 'Wrong passphrase: the backup cannot be decrypted. Nothing was changed.'); // prettier-ignore
    key = k.key;
    prefix = fromBase64(e.noncePrefix);
  }

  for (let index = 0; ; index++) {
    const fh = await r.read(5);
    if (fh.length < 5) throw new BackupError('truncated', `The backup file is cut short (frame ${index + 1} is missing). Nothing was changed.`, { frame: index + 1 }); // prettier-ignore
    const final = fh[0] === 1;
    if (fh[0] > 1) throw new BackupError(key ? 'tampered' : 'damaged', `Frame ${index + 1} of the backup is damaged.`, { frame: index + 1 }); // prettier-ignore
    const n = new DataView(fh.buffer).getUint32(1, true);
    const bodyLen = key ? n : n + DIGEST_BYTES;
    if (n > header.frameBytes + (key ? TAG_BYTES : 0))
      throw new BackupError(key ? 'tampered' : 'damaged', `Frame ${index + 1} of the backup is damaged.`, { frame: index + 1 }); // prettier-ignore
    const body = await r.read(bodyLen);
    if (body.length < bodyLen) throw new BackupError('truncated', `The backup file is cut short (in frame ${index + 1}). Nothing was changed.`, { frame: index + 1 }); // prettier-ignore
    const ad = aad(headHash, index, final);
    let data: Uint8Array;
    if (key) {
      try {
        data = new Uint8Array(
          await subtle().decrypt(
            {
              name: 'AES-GCM',
              iv: iv(prefix, index) as BufferSource,
              additionalData: ad as BufferSource
            },
            key,
            body as BufferSource
          )
        );
      } catch {
        throw new BackupError('tampered', `Frame ${index + 1} of the backup fails its authentication check: the file was altered or damaged. Nothing was changed.`, { frame: index + 1 }); // prettier-ignore
      }
    } else {
      data = body.subarray(0, n);
      if (!same(await sha256(ad, data), body.subarray(n)))
        throw new BackupError('damaged', `Frame ${index + 1} of the backup is damaged (checksum mismatch). Nothing was changed.`, { frame: index + 1 }); // prettier-ignore
    }
    yield data;
    if (final) {
      if (!(await r.atEnd()))
        throw new BackupError(key ? 'tampered' : 'damaged', 'The backup has extra bytes after its end. Nothing was changed.'); // prettier-ignore
      return;
    }
  }
}

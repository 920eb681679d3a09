// What the import screen shows before the user confirms: encoding, delimiter, first rows, the
// guessed kind and the automatic mapping. Works on the first bytes of the file only.
import type { EntityKind } from '../types';
import { detectEncoding, SNIFF_BYTES, type TextEncodingName } from './encoding';
import { autoMap, guessKind, type AutoMapResult } from './mapping';
import type { Delimiter } from './records';
import { sniff } from './sniff';

export interface Preview extends AutoMapResult {
  encoding: TextEncodingName;
  delimiter: Delimiter;
  headers: string[];
  rows: string[][];
  /** The kind asked for, else the guessed one (null when nothing fits). */
  kind: EntityKind | null;
}

/** Preview from the first bytes (pass at least 64 KiB when the file is that big). */
export function previewBytes(
  firstBytes: Uint8Array,
  kind?: EntityKind,
  wholeFile = false
): Preview {
  const sample = firstBytes.subarray(0, 4 * SNIFF_BYTES);
  const encoding = detectEncoding(sample.subarray(0, SNIFF_BYTES));
  // Non-fatal decode: a preview of a broken file should still show something.
  const text = new TextDecoder(encoding).decode(sample);
  const sn = sniff(text, wholeFile || sample.length === firstBytes.length);
  const k = kind ?? guessKind(sn.headers);
  const m = k ? autoMap(sn.headers, k) : { mapping: {}, confidence: {}, unmapped: sn.headers };
  return { encoding, delimiter: sn.delimiter, headers: sn.headers, rows: sn.rows, kind: k, ...m };
}

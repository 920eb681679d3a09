// What the import screen shows before the user confirms: encoding, delimiter, header (or the
// user's column names), first rows, the guessed kind and the automatic mapping. Works on the
// first bytes of the file only, with the same checks as the import: a whole-file problem (empty,
// binary, blank, unreadable header, no data rows) throws ImportError here already.
import type { EntityKind } from '../types';
import { guessEncoding, SNIFF_BYTES, StreamDecoder, type TextEncodingName } from './encoding';
import { ImportError } from './errors';
import { checkBytes, headerSettled, inspectHead, type FileHead, type HeadOptions } from './head';
import { autoMap, guessKind, type AutoMapResult } from './mapping';

export interface Preview extends AutoMapResult, FileHead {
  encoding: TextEncodingName;
  /** False when the sample is plain ASCII: the first non-ASCII byte further on decides. */
  encodingDecided: boolean;
  /** The kind asked for, else the guessed one (null when nothing fits). */
  kind: EntityKind | null;
}

export interface PreviewOptions extends Partial<HeadOptions> {
  kind?: EntityKind;
  encoding?: TextEncodingName;
  /** The bytes are the whole file. */
  wholeFile?: boolean;
}

/**
 * Preview from the first bytes (pass at least 64 KiB when the file is that big). A first row
 * that looks like data is offered as data (hasHeader false, columns "column 1"...) unless the
 * options say otherwise.
 */
export function previewBytes(
  firstBytes: Uint8Array,
  kindOrOptions?: EntityKind | PreviewOptions,
  wholeFile = false
): Preview {
  const opts: PreviewOptions =
    typeof kindOrOptions === 'string' ? { kind: kindOrOptions } : (kindOrOptions ?? {});
  const file = opts.fileName ?? 'file';
  const sample = firstBytes.subarray(0, 4 * SNIFF_BYTES);
  const whole = (wholeFile || opts.wholeFile === true) && sample.length === firstBytes.length;
  const guess = opts.encoding
    ? { encoding: opts.encoding, decided: true }
    : guessEncoding(sample.subarray(0, SNIFF_BYTES));
  checkBytes(file, sample, guess.encoding);
  const decoder = new StreamDecoder(guess);
  const text = decoder.decode(sample, whole) + (whole ? decoder.end() : '');
  const headOpts = { ...opts, fileName: file, encoding: decoder.encoding };
  let head = inspectHead(text, whole, headOpts);
  if (!headerSettled(opts) && head.firstRowLooksLikeData)
    head = inspectHead(text, whole, { ...headOpts, hasHeader: false });
  if (whole && head.dataRows === 0)
    throw new ImportError(file, 'the file has a header row but no data rows', {
      code: 'noDataRows'
    });
  const k = opts.kind ?? guessKind(head.headers);
  const m = k ? autoMap(head.headers, k) : { mapping: {}, confidence: {}, unmapped: head.headers };
  return {
    ...head,
    encoding: decoder.encoding,
    encodingDecided: decoder.decided,
    kind: k,
    ...m
  };
}

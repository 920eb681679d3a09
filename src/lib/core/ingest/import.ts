// Streaming import: bytes -> text -> records -> entities -> sink, in batches.
//
// Row numbers in RowErrors are record index + 1 with the header as row 1 and blank lines
// counted: the row a spreadsheet shows (a quoted value spanning lines is still one row).
// Whole-file problems throw ImportError before the first batch reaches the sink, because the
// first batch is held back until the column profiles (date order, decimal mark, attribute types)
// are known. The one exception is a row over the size limit further down a large file: that
// throws after earlier batches were pushed, and the caller aborts the session (importFile does).
import type { EntityKind, Progress, RowError } from '../types';
import type { ImportSink } from './sink';
import {
  concat,
  encodingLabel,
  guessEncoding,
  REPLACEMENT,
  SNIFF_BYTES,
  StreamDecoder,
  type TextEncodingName
} from './encoding';
import { ImportError } from './errors';
import { FIELDS, fieldSpec, missingRequired } from './fields';
import {
  checkBytes,
  firstLineEnd,
  inspectHead,
  requireHeaderChoice,
  type HeadOptions
} from './head';
import { autoMap } from './mapping';
import { createMapper, type Entity, type RowMapper } from './mapper';
import type { OrderBytes } from './orderBytes';
import { profileColumn, type ColumnProfile } from './profile';
import {
  RecordReader,
  RowTooLongError,
  type CsvRecord,
  type Delimiter,
  type LineTake
} from './records';
import { asciiAt, trimmed } from './text';
import { LineScan, REC, STRIDE } from './lineScan';

export const MAX_ERRORS = 10_000;
export const DEFAULT_BATCH = 20_000;
export const DEFAULT_MAX_ROW_CHARS = 1 << 20;
/** Characters of decoded text split between two settles (see feed in runImport). */
const PIECE = 1 << 18;
/** Bytes an import holds back waiting for a line feed before it reads them as text. */
const CARRY_MAX = 1 << 20;

export interface RunImportOptions {
  fileName: string;
  kind: EntityKind;
  channel: string;
  /** Target field -> header. Omitted: `autoMap` decides. */
  mapping?: Record<string, string>;
  sink: ImportSink;
  onProgress?(p: Progress): void;
  signal?: AbortSignal;
  /** Rows per sink call (default 20,000). */
  batchSize?: number;
  /**
   * Rows held back to profile the columns before the first batch (default: batchSize). Small
   * sink batches with a large profile keep short-lived rows out of the old generation (less GC).
   */
  profileRows?: number;
  /** Longest allowed record in characters (default 1 Mi). Longer is fatal. */
  maxRowChars?: number;
  /** File size, when known, for an estimated total in progress reports. */
  totalBytes?: number;
  /** Skip detection. */
  encoding?: TextEncodingName;
  /** Whether the first row names the columns (see HeadOptions; omitted: detected). */
  hasHeader?: HeadOptions['hasHeader'];
  /** Column names for a file without a header row. */
  columns?: string[];
  /** "Today" (epoch ms) for the plausible-date check; default the clock. */
  now?: number;
}

export interface ImportReport {
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  /** The first 10,000 row errors. */
  errors: RowError[];
  /** The encoding the file was read in (a plain-ASCII file reads as UTF-8). */
  encoding: TextEncodingName;
  delimiter: Delimiter;
  /** Whether the first row was read as column names. */
  hasHeader: boolean;
  /** Column names: the header row's, or the user's. */
  headers: string[];
  mapping: Record<string, string>;
  /** Milliseconds per phase: `sink` (inside the sink's calls) and, from importFile, storage's own. */
  timings?: Record<string, number>;
}

async function pushBatch(sink: ImportSink, kind: EntityKind, rows: Entity[]): Promise<void> {
  // The mapper builds the entity type of `kind`, so these casts only restate that.
  if (kind === 'customers') return sink.customers(rows as Parameters<ImportSink['customers']>[0]);
  if (kind === 'orders') return sink.orders(rows as Parameters<ImportSink['orders']>[0]);
  if (kind === 'products') return sink.products(rows as Parameters<ImportSink['products']>[0]);
  if (kind === 'interactions')
    return sink.interactions(rows as Parameters<ImportSink['interactions']>[0]);
  return sink.relationships(rows as Parameters<ImportSink['relationships']>[0]);
}

function isBlank(fields: string[]): boolean {
  if (trimmed(fields[0]) !== '') return false;
  for (let i = 1; i < fields.length; i++) if (trimmed(fields[i]) !== '') return false;
  return true;
}

/** Checks the header and the mapping; throws ImportError for anything fatal. */
function checkMapping(
  file: string,
  kind: EntityKind,
  headers: string[],
  mapping: Record<string, string>,
  singleColumn: boolean
): void {
  for (const [field, header] of Object.entries(mapping)) {
    if (!fieldSpec(kind, field))
      throw new ImportError(file, `"${field}" is not a field of ${kind}`, {
        code: 'notAField',
        params: { field, kind }
      });
    const at = headers.reduce<number[]>((a, h, i) => (h === header ? [...a, i + 1] : a), []);
    if (at.length === 0)
      throw new ImportError(file, `column "${header}" (mapped to ${field}) is not in the file`, {
        row: 1,
        code: 'columnAbsent',
        params: { column: header, field }
      });
    if (at.length > 1)
      throw new ImportError(
        file,
        `column "${header}" appears ${at.length} times (columns ${at.join(', ')}); ` +
          `rename the duplicates so it is clear which one holds ${field}`,
        { row: 1, column: header, code: 'columnTwice', params: { column: header, field } }
      );
  }
  const missing = missingRequired(kind, mapping);
  if (missing.length === 0) return;
  if (singleColumn)
    throw new ImportError(
      file,
      `no delimiter found: the header "${headers[0].slice(0, 80)}" is a single column ` +
        '(expected values separated by commas, semicolons, tabs or |)',
      { row: 1, code: 'noDelimiter', params: { header: headers[0].slice(0, 80) } }
    );
  const labels = missing.map((m) => {
    const spec = FIELDS[kind].find((s) => s.field === m);
    return spec ? `${m} (${spec.label})` : m;
  });
  throw new ImportError(
    file,
    `required field${missing.length > 1 ? 's' : ''} not mapped for ${kind}: ${labels.join(', ')}; ` +
      `columns in the file: ${headers.join(', ')}`,
    {
      row: 1,
      code: 'requiredMissing',
      params: { fields: missing.join(', '), columns: headers.join(', ') }
    }
  );
}

/**
 * Stream a CSV export into `sink`. Bad rows become RowErrors; whole-file problems throw. A chunk
 * of `input` may be overwritten once the next is asked for (blobBlocks): what is kept is copied.
 */
export async function runImport(
  input: AsyncIterable<Uint8Array>,
  opts: RunImportOptions
): Promise<ImportReport> {
  const file = opts.fileName;
  const { kind, sink, signal } = opts;
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
  const profileRows = Math.max(1, opts.profileRows ?? batchSize);
  const maxRow = opts.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
  signal?.throwIfAborted();
  const started = Date.now();
  const it = input[Symbol.asyncIterator]();
  let eof = false;
  let bytesRead = 0;
  let readMs = 0;
  const next = async (): Promise<Uint8Array | null> => {
    if (eof) return null;
    const t0 = performance.now();
    const r = await it.next();
    readMs += performance.now() - t0;
    if (r.done) {
      eof = true;
      return null;
    }
    bytesRead += r.value.length;
    return r.value;
  };

  // 1. Encoding, from the first 64 KiB (a plain-ASCII start leaves it to the first non-ASCII byte).
  const head: Uint8Array[] = [];
  let headLen = 0;
  while (headLen < SNIFF_BYTES) {
    const c = await next();
    if (!c) break;
    head.push(c.slice()); // kept past the next read
    headLen += c.length;
  }
  const headBytes = concat(head, headLen);
  const sample = headBytes.subarray(0, SNIFF_BYTES);
  const guess = opts.encoding ? { encoding: opts.encoding, decided: true } : guessEncoding(sample);
  checkBytes(file, sample, guess.encoding);
  const decoder = new StreamDecoder(guess);
  let text = decoder.decode(headBytes, eof);
  let unreadable = decoder.sawReplacement;
  // Make sure the header line is complete before sniffing.
  while (!eof && firstLineEnd(text, false) === -1 && text.length <= maxRow) {
    const c = await next();
    text += c ? decoder.decode(c) : decoder.end();
    unreadable ||= decoder.sawReplacement;
  }

  // 2. Delimiter, header (or the user's column names), mapping.
  const fileHead = inspectHead(text, eof, { ...opts, encoding: decoder.encoding });
  requireHeaderChoice(fileHead, opts);
  const { delimiter, headers, hasHeader } = fileHead;
  const mapping = opts.mapping ?? autoMap(headers, kind).mapping;
  checkMapping(file, kind, headers, mapping, fileHead.singleColumn);

  // 3. Records -> entities -> sink. Each record is mapped as it is split (RecordReader.each):
  // nothing per line outlives its mapping except what the sink keeps. Order lines go straight
  // into the sink's column builder when it offers one (ImportSink.orderColumns).
  const reader = new RecordReader(delimiter, maxRow);
  const columns = kind === 'orders' && sink.orderColumns ? sink.orderColumns() : null;
  const errors: RowError[] = [];
  let rowsRead = 0;
  let rowsStored = 0;
  let rowsRejected = 0;
  let headerSeen = false;
  let mapper: RowMapper | null = null;
  let pending: CsvRecord[] = [];
  let batch: Entity[] = [];
  let lastProgress = 0;
  let sinkMs = 0;
  const report = (e: RowError) => {
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  const progress = (phase: string) => {
    if (!opts.onProgress) return;
    const secs = (Date.now() - started) / 1000;
    const total =
      opts.totalBytes && bytesRead
        ? Math.round((rowsRead * opts.totalBytes) / bytesRead)
        : undefined;
    opts.onProgress({
      phase,
      done: rowsRead,
      total: eof ? rowsRead : total,
      rate: secs > 0 ? rowsRead / secs : undefined
    });
    lastProgress = Date.now();
  };
  /** Hands the sink what it is owed: full batches (all with `last`), or waits for its writes. */
  const flush = async (last: boolean) => {
    signal?.throwIfAborted();
    const t0 = performance.now();
    if (columns) await columns.settle();
    while (batch.length >= batchSize || (last && batch.length > 0)) {
      const rows = batch.length > batchSize ? batch.splice(0, batchSize) : batch;
      if (rows === batch) batch = [];
      await pushBatch(sink, kind, rows);
      rowsStored += rows.length;
      signal?.throwIfAborted();
    }
    sinkMs += performance.now() - t0;
  };
  // Customer and product exports keep every unmapped column as a typed attribute: all columns
  // are profiled. Other kinds need profiles (decimal mark, date order) of their mapped number
  // and date columns only.
  const profiled = new Set(
    kind === 'customers' || kind === 'products'
      ? headers.map((_, c) => c)
      : Object.entries(mapping)
          .filter(([f]) => ['number', 'date'].includes(fieldSpec(kind, f)?.type ?? ''))
          .map(([, h]) => headers.indexOf(h))
  );
  const buildMapper = (): RowMapper => {
    const decimalPrior = delimiter === ';' ? ',' : '.';
    const profiles: ColumnProfile[] = headers.map((_, c) =>
      profileColumn(profiled.has(c) ? pending.map((r) => r.fields[c] ?? '') : [], decimalPrior)
    );
    return createMapper({
      file,
      kind,
      channel: opts.channel,
      headers,
      mapping,
      profiles,
      errorsFull: () => errors.length >= MAX_ERRORS,
      now: opts.now,
      emitOrder: columns?.line,
      repeatOrder: columns?.repeat,
      delimiter
    });
  };
  const mapOne = (fields: string[], row: number) => {
    const e = mapper!(fields, row, report);
    if (e === null) rowsRejected++;
    else if (columns) rowsStored++;
    else batch.push(e);
  };
  // Rows holding bytes the encoding cannot read (U+FFFD) are rejected whole: a replacement
  // character never reaches storage. Checked only while the decoded text may hold one.
  const rejectUnreadable = (fields: string[], row: number): boolean => {
    const bad = fields.findIndex((f) => f.includes(REPLACEMENT));
    if (bad === -1) return false;
    report({
      file,
      row,
      column: headers[bad] ?? '',
      code: 'unreadable',
      params: { encoding: encodingLabel(decoder.encoding) },
      value: fields[bad]
    });
    rowsRead++;
    rowsRejected++;
    return true;
  };
  const onRecord = (fields: string[], row: number) => {
    if (!headerSeen) {
      headerSeen = true;
      if (hasHeader) return;
    }
    if (unreadable && rejectUnreadable(fields, row)) return;
    // Rows of only blanks and delimiters (",,,," at the end of Excel exports) are skipped.
    if (isBlank(fields)) return;
    rowsRead++;
    if (mapper) mapOne(fields, row);
    else pending.push({ row, fields });
  };
  // Unquoted order lines are mapped in place when the mapper can (RowMapper.line); any other
  // line is split and goes through onRecord.
  const takeLine: LineTake = (s, start, end) => {
    if (!headerSeen || unreadable || mapper === null || mapper.line === undefined) return false;
    const r = mapper.line(s, start, end);
    if (r < 0) return false;
    rowsRead++;
    if (r === 0) rowsRejected++;
    else rowsStored++;
    return true;
  };
  /** After each piece of text: split problems, the profile once enough rows, the sink. */
  const settle = async (last: boolean) => {
    for (const p of reader.problems.splice(0)) {
      report({ file, row: p.row, column: '', code: p.code });
      rowsRead++;
      rowsRejected++;
    }
    if (unreadable) unreadable = reader.buffered.includes(REPLACEMENT);
    if (!mapper && (pending.length >= profileRows || (last && rowsRead > 0))) {
      mapper = buildMapper();
      const p = pending;
      pending = [];
      for (const r of p) mapOne(r.fields, r.row);
    }
    if (mapper) await flush(last);
  };

  /**
   * Hands `s` to the reader in pieces of about PIECE characters, cut after a line end, and
   * settles after each but the last: a decoded block can be megabytes (Chromium's Blob streams
   * hand out ~2 MB), and the sink's storage writes progress only while this yields.
   */
  const feed = async (s: string, replaced: boolean) => {
    let at = 0;
    // Not before the mapper: the column profiles see the same rows as with whole blocks.
    while (mapper && s.length - at > PIECE) {
      const cut = s.lastIndexOf('\n', at + PIECE);
      if (cut < at) break;
      unreadable ||= replaced;
      reader.each(s.slice(at, cut + 1), onRecord, takeLine);
      at = cut + 1;
      await settle(false);
    }
    unreadable ||= replaced;
    reader.each(at > 0 ? s.slice(at) : s, onRecord, takeLine);
  };

  // Order lines of an ASCII-compatible file can be read as bytes (readBytes). Blocks are then
  // cut after their last line feed, the rest carried to the next, so that between blocks the
  // decoder holds nothing and the reader no unfinished line unless a quoted value spans them.
  const cutAtLf = kind === 'orders' && columns !== null;
  let carry: Uint8Array | null = null;
  /** Whether the decoder was last given bytes that did not end in a line feed. */
  let decoderMidLine = true;
  let scanner: LineScan | null | undefined;
  /** The line scanner, when the next block's plain lines can be read as bytes. */
  const byteReader = (): LineScan | null => {
    const lb = mapper?.lineBytes;
    if (!lb || unreadable || decoderMidLine || decoder.holding || reader.buffered !== '')
      return null;
    // UTF-16 is not ASCII-compatible: its bytes are never lines of ASCII.
    if (decoder.encoding.startsWith('utf-16')) return null;
    if (scanner === undefined) scanner = LineScan.create(lb.setup);
    return scanner;
  };
  /**
   * Maps the plain lines of `region` (complete lines, in the scanner's memory) from their bytes;
   * any other record (quoted, non-ASCII...) is decoded and read as text on its own. Returns
   * where the text path must take over (region.length: nowhere), after a record the reader
   * could not finish.
   */
  const readBytes = async (sc: LineScan, lb: OrderBytes, region: Uint8Array): Promise<number> => {
    const base = region.byteOffset;
    const end = base + region.length;
    let at = base;
    let settled = base;
    let taken = 0;
    let texts = 0;
    /** Leaves the rest of the region to the text path, from `at`. */
    const leave = (at: number) => {
      sc.forget(); // the scan's later lines updated its product table
      return at - base;
    };
    while (at < end) {
      const k = sc.scan(at, end);
      if (k === 0) break; // a record that ends beyond the region: the text path's
      const vals = sc.values();
      const rec = sc.rec;
      for (let j = 0; j < k; j++) {
        const r = rec[j * STRIDE + REC.ok] === 2 ? -2 : lb.take(sc.mem, rec, sc.nums, vals, j);
        if (r >= 0) {
          taken++;
          reader.skip(1);
          rowsRead++;
          if (r === 0) rowsRejected++;
          else rowsStored++;
          continue;
        }
        // The text reader maps it: a line the mapper leaves to the field-wise path (a row error,
        // a value to trim...), or a record the scanner does not read (quotes, other bytes).
        const a = rec[j * STRIDE];
        const e = rec[j * STRIDE + 1] + 1;
        // Mostly records the scanner does not read (every value quoted, non-ASCII text): one
        // decode of the rest of the block beats one per record.
        if (r === -2 && ++texts > 64 && texts * 4 > taken + texts) return leave(a);
        let text: string;
        if (r === -1 || rec[j * STRIDE + REC.same] === 1) text = asciiAt(sc.mem, a, e);
        // An encoding still to decide is judged on the rest of the region, as from text.
        else if (!decoder.decided) return leave(a);
        else {
          text = decoder.decode(sc.mem.subarray(a, e));
          unreadable ||= decoder.sawReplacement;
        }
        reader.each(text, onRecord, takeLine);
        // Quotes the reader reads otherwise than the scanner: the rest goes to the text path.
        if (reader.buffered !== '' || decoder.holding) return leave(e);
        if (unreadable) unreadable = false;
      }
      at = sc.stoppedAt();
      if (at - settled >= PIECE) {
        settled = at;
        await settle(false);
      }
    }
    return at - base;
  };
  /** A block of bytes through the byte path where it can, else as text. */
  const block = async (c: Uint8Array) => {
    const sc = byteReader();
    let bytes = c;
    if (sc)
      bytes = sc.load(carry, c); // no concatenated copy of each block
    else if (carry) bytes = concat([carry, c], carry.length + c.length);
    carry = null;
    if (cutAtLf && !decoder.encoding.startsWith('utf-16')) {
      const lf = bytes.lastIndexOf(10);
      // No line end yet (small blocks, a long line): wait for one, up to CARRY_MAX bytes (a
      // file with CR line ends has none: it is read as text).
      if (lf < 0 && bytes.length < CARRY_MAX) {
        carry = bytes.slice();
        return;
      }
      if (lf >= 0 && lf < bytes.length - 1) {
        carry = bytes.slice(lf + 1);
        bytes = bytes.subarray(0, lf + 1);
      }
    }
    const from = sc ? await readBytes(sc, mapper!.lineBytes!, bytes) : 0;
    if (from < bytes.length) {
      const rest = from > 0 ? bytes.subarray(from) : bytes;
      decoderMidLine = rest[rest.length - 1] !== 10;
      await feed(decoder.decode(rest), decoder.sawReplacement);
    }
  };

  try {
    await feed(text, unreadable);
    text = '';
    await settle(false);
    for (;;) {
      signal?.throwIfAborted();
      const c = await next();
      if (!c) {
        if (carry) await feed(decoder.decode(carry), decoder.sawReplacement);
        carry = null;
        const tail = decoder.end();
        unreadable ||= decoder.sawReplacement;
        if (tail) reader.each(tail, onRecord, takeLine);
        reader.finish(onRecord, takeLine);
        await settle(true);
        break;
      }
      await block(c);
      await settle(false);
      if (opts.onProgress && Date.now() - lastProgress > 200) progress('import');
    }
  } catch (e) {
    if (e instanceof RowTooLongError)
      throw new ImportError(file, `a single row is longer than the ${e.limit} character limit` +
        ' (a missing closing quote?)', { row: e.row, code: 'rowTooLong', params: { limit: e.limit } }); // prettier-ignore
    throw e;
  }
  // Split problems are reported when found: keep the row order a spreadsheet shows.
  errors.sort((a, b) => a.row - b.row);
  if (rowsRead === 0)
    throw new ImportError(file, 'the file has a header row but no data rows', {
      code: 'noDataRows'
    });
  progress('done');
  const timings = { sink: sinkMs, read: readMs };
  const encoding = decoder.encoding;
  return {
    rowsRead,
    rowsStored,
    rowsRejected,
    errors,
    encoding,
    delimiter,
    hasHeader,
    headers,
    mapping,
    timings
  };
}

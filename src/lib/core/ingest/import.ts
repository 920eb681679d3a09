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
import { binaryReason } from './binary';
import {
  concat,
  detectEncoding,
  isDecodable,
  SNIFF_BYTES,
  type TextEncodingName
} from './encoding';
import { ImportError } from './errors';
import { FIELDS, fieldSpec, missingRequired } from './fields';
import { autoMap } from './mapping';
import { createMapper, type Entity, type RowMapper } from './mapper';
import { profileColumn, type ColumnProfile } from './profile';
import { RecordReader, RowTooLongError, type CsvRecord, type Delimiter } from './records';
import { detectDelimiter, sniff } from './sniff';

export const MAX_ERRORS = 10_000;
export const DEFAULT_BATCH = 20_000;
export const DEFAULT_MAX_ROW_CHARS = 1 << 20;

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
}

export interface ImportReport {
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  /** The first 10,000 row errors. */
  errors: RowError[];
  encoding: TextEncodingName;
  delimiter: Delimiter;
  mapping: Record<string, string>;
  /** Milliseconds per phase: `sink` (inside the sink's calls) and, from importFile, storage's own. */
  timings?: Record<string, number>;
}

const ENCODING_NAMES: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GB18030/GBK'
};

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
  if (fields[0].trim() !== '') return false;
  for (let i = 1; i < fields.length; i++) if (fields[i].trim() !== '') return false;
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
      throw new ImportError(file, `"${field}" is not a field of ${kind}`);
    const at = headers.reduce<number[]>((a, h, i) => (h === header ? [...a, i + 1] : a), []);
    if (at.length === 0)
      throw new ImportError(file, `column "${header}" (mapped to ${field}) is not in the file`, {
        row: 1
      });
    if (at.length > 1)
      throw new ImportError(
        file,
        `column "${header}" appears ${at.length} times (columns ${at.join(', ')}); ` +
          `rename the duplicates so it is clear which one holds ${field}`,
        { row: 1, column: header }
      );
  }
  const missing = missingRequired(kind, mapping);
  if (missing.length === 0) return;
  if (singleColumn)
    throw new ImportError(
      file,
      `no delimiter found: the header "${headers[0].slice(0, 80)}" is a single column ` +
        '(expected values separated by commas, semicolons, tabs or |)',
      { row: 1 }
    );
  const labels = missing.map((m) => {
    const spec = FIELDS[kind].find((s) => s.field === m);
    return spec ? `${m} (${spec.label})` : m;
  });
  throw new ImportError(
    file,
    `required field${missing.length > 1 ? 's' : ''} not mapped for ${kind}: ${labels.join(', ')}; ` +
      `columns in the file: ${headers.join(', ')}`,
    { row: 1 }
  );
}

/** Stream a CSV export into `sink`. Bad rows become RowErrors; whole-file problems throw. */
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
  const next = async (): Promise<Uint8Array | null> => {
    if (eof) return null;
    const r = await it.next();
    if (r.done) {
      eof = true;
      return null;
    }
    bytesRead += r.value.length;
    return r.value;
  };

  // 1. Encoding, from the first 64 KiB.
  const head: Uint8Array[] = [];
  let headLen = 0;
  while (headLen < SNIFF_BYTES) {
    const c = await next();
    if (!c) break;
    head.push(c);
    headLen += c.length;
  }
  const headBytes = concat(head, headLen);
  if (headLen === 0) throw new ImportError(file, 'the file is empty');
  const sample = headBytes.subarray(0, SNIFF_BYTES);
  const encoding = opts.encoding ?? detectEncoding(sample);
  const bin = binaryReason(sample, encoding.startsWith('utf-16'));
  if (bin) throw new ImportError(file, bin);
  if (!isDecodable(sample, encoding))
    throw new ImportError(
      file,
      `cannot read the text: it is not valid ${ENCODING_NAMES[encoding]}` +
        (opts.encoding ? '' : ', UTF-16 or GB18030/GBK') +
        ' (save the file as "CSV UTF-8" and try again)'
    );
  const decoder = new TextDecoder(encoding);
  let text = decoder.decode(headBytes, { stream: true });
  // Make sure the header line is complete before sniffing.
  while (!eof && text.indexOf('\n') === -1 && text.length <= maxRow) {
    const c = await next();
    text += c ? decoder.decode(c, { stream: true }) : decoder.decode();
  }
  if (text.trim() === '') throw new ImportError(file, 'the file is empty (only blank lines)');
  const firstNl = text.indexOf('\n');
  if ((firstNl === -1 ? text.length : firstNl) > maxRow)
    throw new ImportError(file, `a single row is longer than the ${maxRow} character limit`, {
      row: 1
    });

  // 2. Delimiter, headers, mapping.
  const sampleLines = text.slice(0, 256 * 1024).split('\n', 40);
  const sn = sniff(text.slice(0, 256 * 1024), eof);
  const singleColumn = detectDelimiter(sampleLines) === null || sn.headers.length < 2;
  const delimiter = sn.delimiter;
  const headers = sn.headers;
  if (headers.every((h) => h === ''))
    throw new ImportError(file, 'the header row is empty', { row: 1 });
  const mapping = opts.mapping ?? autoMap(headers, kind).mapping;
  checkMapping(file, kind, headers, mapping, singleColumn);

  // 3. Records -> entities -> sink.
  const reader = new RecordReader(delimiter, maxRow);
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
  };
  const flush = async () => {
    if (!batch.length) return;
    signal?.throwIfAborted();
    const rows = batch;
    batch = [];
    const t0 = performance.now();
    await pushBatch(sink, kind, rows);
    sinkMs += performance.now() - t0;
    rowsStored += rows.length;
    progress('import');
    lastProgress = Date.now();
  };
  const buildMapper = (): RowMapper => {
    const decimalPrior = delimiter === ';' ? ',' : '.';
    const profiles: ColumnProfile[] = headers.map((_, c) =>
      profileColumn(
        pending.map((r) => r.fields[c] ?? ''),
        decimalPrior
      )
    );
    return createMapper({
      file,
      kind,
      channel: opts.channel,
      headers,
      mapping,
      profiles,
      errorsFull: () => errors.length >= MAX_ERRORS
    });
  };
  const mapAll = async (recs: CsvRecord[]) => {
    const m = mapper!;
    for (const r of recs) {
      const e = m(r.fields, r.row, report);
      if (e) {
        batch.push(e);
        if (batch.length >= batchSize) await flush();
      } else rowsRejected++;
    }
  };
  const take = async (recs: CsvRecord[]) => {
    let from = 0;
    if (!headerSeen && recs.length) {
      headerSeen = true;
      from = 1;
    }
    for (const p of reader.problems.splice(0)) {
      report({ file, row: p.row, column: '', message: p.message });
      rowsRead++;
      rowsRejected++;
    }
    // Rows of only blanks and delimiters (",,,," at the end of Excel exports) are skipped.
    let blank = 0;
    for (let i = from; i < recs.length; i++) if (isBlank(recs[i].fields)) blank++;
    if (blank) {
      recs = recs.filter((r, i) => i < from || !isBlank(r.fields));
    }
    rowsRead += recs.length - from;
    if (mapper) return mapAll(from ? recs.slice(from) : recs);
    for (let i = from; i < recs.length; i++) pending.push(recs[i]);
    if (pending.length >= profileRows) {
      mapper = buildMapper();
      const p = pending;
      pending = [];
      await mapAll(p);
    }
  };

  try {
    let out: CsvRecord[] = [];
    await take(reader.push(text, out));
    text = '';
    for (;;) {
      signal?.throwIfAborted();
      const c = await next();
      out = [];
      if (!c) {
        const tail = decoder.decode();
        if (tail) reader.push(tail, out);
        reader.end(out);
        await take(out);
        break;
      }
      await take(reader.push(decoder.decode(c, { stream: true }), out));
      if (opts.onProgress && Date.now() - lastProgress > 200) {
        progress('import');
        lastProgress = Date.now();
      }
    }
  } catch (e) {
    if (e instanceof RowTooLongError)
      throw new ImportError(file, `a single row is longer than the ${e.limit} character limit` +
        ' (a missing closing quote?)', { row: e.row }); // prettier-ignore
    throw e;
  }
  if (rowsRead === 0) throw new ImportError(file, 'the file has a header row but no data rows');
  if (!mapper) {
    mapper = buildMapper();
    const p = pending;
    pending = [];
    await mapAll(p);
  }
  await flush();
  progress('done');
  const timings = { sink: sinkMs };
  return { rowsRead, rowsStored, rowsRejected, errors, encoding, delimiter, mapping, timings };
}

// The start of a file, read the same way by the preview, the import and `rapport check`: bytes
// that are not text, blank files, the delimiter, the header row (or the user's column names for a
// file without one) and the first data rows. Whole-file problems throw ImportError here, so the
// file card explains them at once, before any mapping.
import { binaryKind } from './binary';
import { parseDate } from './dates';
import { encodingLabel, REPLACEMENT, type TextEncodingName } from './encoding';
import { ImportError } from './errors';
import { parseNumber } from './numbers';
import type { Delimiter } from './records';
import { sniff } from './sniff';

/** How many data rows the preview shows. */
export const PREVIEW_ROWS = 20;

export interface HeadOptions {
  fileName: string;
  /**
   * true: the first row names the columns. false: it is data. Omitted: with `columns`, the first
   * row is a header unless it looks like data; without, it is the header, and runImport refuses
   * a file whose first row looks like data (see requireHeaderChoice).
   */
  hasHeader?: boolean;
  /**
   * Column names chosen by the user: they name the columns of a file without a header row, or
   * replace the header's names. Missing or blank ones are "column N".
   */
  columns?: string[];
  /** Longest allowed record in characters. */
  maxRowChars?: number;
}

export interface FileHead {
  delimiter: Delimiter;
  /** Column names: the header row's (trimmed), or the user's for a file without a header. */
  headers: string[];
  hasHeader: boolean;
  /** The first row as split (the header row, or the first data row). */
  firstRow: string[];
  /** Every non-blank value of the first row is a number or a date: probably no header row. */
  firstRowLooksLikeData: boolean;
  /** The first PREVIEW_ROWS data rows, as split. */
  rows: string[][];
  /** Data rows seen in the head (all of them when the head is the whole file). */
  dataRows: number;
  /** None of , ; tab | nor a steady run of spaces separates the values. */
  singleColumn: boolean;
}

/** Whether the user settled the header question (hasHeader given, or column names given). */
export function headerSettled(opts: Pick<HeadOptions, 'hasHeader' | 'columns'>): boolean {
  return opts.hasHeader !== undefined || opts.columns !== undefined;
}

/** Refuses bytes that are not text: empty, binary, archives, spreadsheets. */
export function checkBytes(file: string, sample: Uint8Array, encoding: TextEncodingName): void {
  if (sample.length === 0) throw new ImportError(file, 'the file is empty', { code: 'empty' });
  const bin = binaryKind(sample, encoding.startsWith('utf-16'));
  if (bin) throw new ImportError(file, bin[1], { code: 'binary', params: { what: bin[0] } });
}

/** Where the first line ends in `text` (LF, CRLF or CR), or -1 when it may not be complete. */
export function firstLineEnd(text: string, final: boolean): number {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
  if (end === -1) return final ? text.length : -1;
  // A CR at the very end may be the first half of a CRLF; either way the line is complete.
  return end;
}

/** A cell that reads as a number or a date (what a header cell almost never is). */
function isDataValue(v: string): boolean {
  return parseNumber(v) !== null || parseDate(v) !== null;
}

/** Every non-blank cell of `fields` is a number or a date, and there is at least one. */
export function looksLikeData(fields: string[]): boolean {
  let any = false;
  for (const f of fields) {
    const v = f.trim();
    if (v === '') continue;
    if (!isDataValue(v)) return false;
    any = true;
  }
  return any;
}

function columnNames(file: string, given: string[] | undefined, n: number): string[] {
  const names = (given ?? []).map((c) => c.trim());
  if (names.length > n)
    throw new ImportError(
      file,
      `${names.length} column names were given but the file has ${n} column${n === 1 ? '' : 's'}`,
      { code: 'columnCount', params: { given: names.length, columns: n } }
    );
  const out = Array.from({ length: n }, (_, i) => names[i] || `column ${i + 1}`);
  const seen = new Set<string>();
  for (const name of out) {
    if (seen.has(name))
      throw new ImportError(file, `the column name "${name}" is given twice`, {
        code: 'columnNameTwice',
        params: { name }
      });
    seen.add(name);
  }
  return out;
}

/**
 * Reads the head of a decoded file: `text` holds at least the complete first line (the whole
 * file when `wholeFile`). Throws ImportError for a blank file, an over-long first row, an empty
 * header row or one that does not decode.
 */
export function inspectHead(
  text: string,
  wholeFile: boolean,
  opts: HeadOptions & { encoding: TextEncodingName }
): FileHead {
  const file = opts.fileName;
  const maxRow = opts.maxRowChars ?? 1 << 20;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '')
    throw new ImportError(file, 'the file is empty (only blank lines)', { code: 'blank' });
  const end = firstLineEnd(body, true);
  if (end > maxRow)
    throw new ImportError(file, `a single row is longer than the ${maxRow} character limit`, {
      row: 1,
      code: 'rowTooLong',
      params: { limit: maxRow }
    });
  const sample = body.slice(0, 256 * 1024);
  const sn = sniff(sample, wholeFile && sample.length === body.length);
  const recs = sn.records;
  const first = recs[0]?.fields ?? [];
  const firstRowLooksLikeData = looksLikeData(first);
  const hasHeader = opts.hasHeader ?? (opts.columns ? !firstRowLooksLikeData : true);
  let headers: string[];
  if (opts.columns || !hasHeader) headers = columnNames(file, opts.columns, first.length);
  else {
    headers = first.map((h) => h.trim());
    if (headers.every((h) => h === ''))
      throw new ImportError(file, 'the header row is empty (no column names)', {
        row: 1,
        code: 'headerEmpty'
      });
    if (headers.some((h) => h.includes(REPLACEMENT)))
      throw new ImportError(
        file,
        `the header row is not valid ${encodingLabel(opts.encoding)} text ` +
          '(save the file as "CSV UTF-8", or choose its encoding)',
        { row: 1, code: 'headerInvalidText', params: { encoding: encodingLabel(opts.encoding) } }
      );
  }
  const data = hasHeader ? recs.slice(1) : recs;
  return {
    delimiter: sn.delimiter,
    headers,
    hasHeader,
    firstRow: first,
    firstRowLooksLikeData,
    rows: data.slice(0, PREVIEW_ROWS).map((r) => r.fields),
    dataRows: data.length,
    singleColumn: !sn.delimiterFound || first.length < 2
  };
}

/** Refuses a first row that looks like data when the user has not said whether it is a header. */
export function requireHeaderChoice(head: FileHead, opts: HeadOptions): void {
  if (headerSettled(opts) || !head.firstRowLooksLikeData) return;
  const values = head.firstRow
    .slice(0, 6)
    .map((v) => v.trim())
    .join(', ');
  throw new ImportError(
    opts.fileName,
    `the first row (${values}) looks like data, not column names: if the file has no header ` +
      'row, choose "first row is data" and name the columns (rapport: --no-header --columns a,b,c)',
    { row: 1, code: 'headerLooksLikeData', params: { values } }
  );
}

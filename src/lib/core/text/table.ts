// A labelled text CSV (text + intent, review + sentiment, question + answer) read through the
// app's ingest decoder and record reader: encoding detection (UTF-8, UTF-16, GB18030), delimiter
// sniffing, RFC 4180 quoting. It relies on RecordReader skipping blank lines (while counting
// them, so row numbers match a spreadsheet) and dropping the \r of CRLF endings.
//
// A row with fewer fields than the header is taken as a text broken by an unquoted line break
// (BANKING77's train file has such rows: the text on one line, ",label" on the next) and joined
// with the following row when together they have exactly the header's width; otherwise it is
// rejected with a message naming the row. A row with more fields than the header is rejected
// (an unquoted delimiter in the text): labels are never silently shifted.
import { decodeStream, type TextEncodingName } from '../ingest/encoding';
import { RecordReader, type CsvRecord } from '../ingest/records';
import { detectDelimiter } from '../ingest/sniff';
import type { RowError, RowErrorCode } from '../types';

export interface TextTableOptions {
  fileName?: string;
  /** The first row names the columns (default true). */
  header?: boolean;
  encoding?: TextEncodingName;
}

export interface TextTable {
  fileName: string;
  /** Column names: the header, or "1", "2", ... without one. */
  headers: string[];
  rows: CsvRecord[];
  /** Rows joined across an unquoted line break: the first and the last row of each. */
  joined: { from: number; to: number }[];
  rejected: RowError[];
}

/** The most common field count of the first records (the width when there is no header). */
function modeWidth(recs: CsvRecord[]): number {
  const freq = new Map<number, number>();
  for (const r of recs.slice(0, 200)) freq.set(r.fields.length, (freq.get(r.fields.length) ?? 0) + 1); // prettier-ignore
  return [...freq].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

export async function readTextTable(
  chunks: AsyncIterable<Uint8Array>,
  o: TextTableOptions = {}
): Promise<TextTable> {
  const file = o.fileName ?? 'file';
  let reader: RecordReader | null = null;
  const recs: CsvRecord[] = [];
  for await (const text of decodeStream(chunks, o.encoding)) {
    if (!reader) {
      const start = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      reader = new RecordReader(detectDelimiter(start.split('\n', 40)) ?? ',');
      reader.push(start, recs);
    } else reader.push(text, recs);
  }
  reader?.end(recs);
  const rejected: RowError[] = (reader?.problems ?? []).map((p) => ({ file, row: p.row, column: '', code: p.code })); // prettier-ignore
  const header = o.header ?? true;
  const headers = header
    ? (recs.shift()?.fields.map((h) => h.trim()) ?? [])
    : Array.from({ length: modeWidth(recs) }, (_, i) => String(i + 1));
  const width = headers.length;
  const rows: CsvRecord[] = [];
  const joined: { from: number; to: number }[] = [];
  const reject = (r: CsvRecord, code: RowErrorCode) =>
    rejected.push({ file, row: r.row, column: '', code, params: { fields: r.fields.length, columns: width } }); // prettier-ignore
  let pending: CsvRecord | null = null;
  let from = 0;
  for (const r of recs) {
    if (pending) {
      const f: string[] = pending.fields;
      const merged: string[] = [...f.slice(0, -1), f[f.length - 1] + '\n' + r.fields[0], ...r.fields.slice(1)]; // prettier-ignore
      if (merged.length <= width) {
        pending = { row: r.row, fields: merged };
        if (merged.length === width) {
          rows.push({ row: from, fields: merged });
          joined.push({ from, to: r.row });
          pending = null;
        }
        continue;
      }
      reject({ row: from, fields: f }, 'brokenRow');
      pending = null;
    }
    if (r.fields.length < width) {
      pending = r;
      from = r.row;
    } else if (r.fields.length > width) reject(r, 'needsQuotes');
    else rows.push(r);
  }
  if (pending) reject({ row: from, fields: pending.fields }, 'endsInBrokenRow');
  return { fileName: file, headers, rows, joined, rejected };
}

/** The index of a column given as a header name or a 1-based position. */
export function columnIndex(t: TextTable, spec: string, flag = 'column'): number {
  const s = spec.trim();
  const byName = t.headers.findIndex((h) => h.toLowerCase() === s.toLowerCase());
  if (byName >= 0) return byName;
  if (/^\d+$/.test(s) && +s >= 1 && +s <= t.headers.length) return +s - 1;
  throw new Error(
    `${t.fileName}: ${flag} "${spec}" is neither a column name (${t.headers.join(', ')}) nor a position from 1 to ${t.headers.length}`
  );
}

/** The non-empty text and label of each row; rows lacking either are rejected, named. */
export function labelledRows(
  t: TextTable,
  textCol: number,
  labelCol: number
): { texts: string[]; labels: string[]; rows: number[]; rejected: RowError[] } {
  const texts: string[] = [];
  const labels: string[] = [];
  const rows: number[] = [];
  const rejected: RowError[] = [];
  for (const r of t.rows) {
    const text = r.fields[textCol].trim();
    const label = r.fields[labelCol].trim();
    const missing = !text ? textCol : !label ? labelCol : -1;
    if (missing >= 0) {
      rejected.push({ file: t.fileName, row: r.row, column: t.headers[missing], code: 'empty', params: { field: missing === textCol ? 'text' : 'label' } }); // prettier-ignore
      continue;
    }
    texts.push(text);
    labels.push(label);
    rows.push(r.row);
  }
  return { texts, labels, rows, rejected };
}

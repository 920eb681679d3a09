// A small generic reader for the CSVs the app's import has no entity kind for: (user, item, time)
// interaction logs (MovieLens ratings, clicks) and basket files (one basket per line). It uses
// the import's own pieces: encoding detection and decoding, delimiter sniffing, the RFC 4180
// record splitter and the date parser. Problems name the file, row and column.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parseDate } from '../lib/core/ingest/dates';
import { decodeStream } from '../lib/core/ingest/encoding';
import { RecordReader, type CsvRecord, type Delimiter } from '../lib/core/ingest/records';
import { detectDelimiter } from '../lib/core/ingest/sniff';
import type { InteractionRow } from '../lib/core/models/recommendations/interactions';
import type { RowError, RowErrorCode } from '../lib/core/types';
import { withMessage, type RowErrorWithMessage } from '../lib/i18n/rowErrors';

/** Every record of a file (blank lines skipped), the delimiter sniffed unless given. */
export async function readRecords(path: string, delimiter?: Delimiter): Promise<CsvRecord[]> {
  const stream = createReadStream(path) as unknown as AsyncIterable<Uint8Array>;
  let reader: RecordReader | null = delimiter ? new RecordReader(delimiter) : null;
  let head = '';
  const out: CsvRecord[] = [];
  for await (const text of decodeStream(stream)) {
    if (!reader) {
      head += text;
      if (head.length < 64 * 1024) continue;
      reader = new RecordReader(detectDelimiter(head.split('\n', 40)) ?? ',');
      reader.push(head.replace(/^\uFEFF/, ''), out);
      continue;
    }
    reader.push(text, out);
  }
  if (!reader) {
    reader = new RecordReader(detectDelimiter(head.split('\n', 40)) ?? ',');
    reader.push(head.replace(/^\uFEFF/, ''), out);
  }
  reader.end(out);
  const problem = reader.problems[0];
  if (problem) throw new Error(`${basename(path)}: row ${problem.row}: ${problem.message}`);
  return out;
}

/** Index of a header named `name` (case-insensitive); a clear message listing the headers. */
export function column(file: string, header: string[], name: string, option: string): number {
  const i = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
  if (i < 0)
    throw new Error(
      `${basename(file)}: no column "${name}" (--${option}); the columns are ${header.map((h) => `"${h.trim()}"`).join(', ')}`
    );
  return i;
}

export interface InteractionFile {
  rows: InteractionRow[];
  rowsRead: number;
  rowsRejected: number;
  /** The first row errors, messages in English. */
  errors: RowErrorWithMessage<RowError>[];
}

/** (user, item, time) rows of an interaction CSV with a header; bad rows are reported, skipped. */
export async function readInteractions(
  path: string,
  cols: { user: string; item: string; time: string }
): Promise<InteractionFile> {
  const file = basename(path);
  const [head, ...recs] = await readRecords(path);
  if (!head || !recs.length) throw new Error(`${file}: needs a header row and data rows`);
  const u = column(path, head.fields, cols.user, 'user-col');
  const i = column(path, head.fields, cols.item, 'item-col');
  const t = column(path, head.fields, cols.time, 'time-col');
  const rows: InteractionRow[] = [];
  const errors: RowError[] = [];
  const fail = (row: number, c: number, code: RowErrorCode, field: string, value: string) =>
    errors.push({ file, row, column: head.fields[c].trim(), code, params: { field }, value });
  for (const r of recs) {
    const user = r.fields[u]?.trim() ?? '';
    const item = r.fields[i]?.trim() ?? '';
    const raw = r.fields[t]?.trim() ?? '';
    const ts = raw ? parseDate(raw) : null;
    if (!user) fail(r.row, u, 'empty', 'user', user);
    else if (!item) fail(r.row, i, 'empty', 'item', item);
    else if (ts === null) fail(r.row, t, 'dateInvalid', 'time', raw);
    else rows.push({ user, item, ts });
  }
  if (!rows.length)
    throw new Error(
      `${file}: no usable rows (first problem: ${JSON.stringify(withMessage(errors[0]))})`
    );
  return { rows, rowsRead: recs.length, rowsRejected: recs.length - rows.length, errors: errors.slice(0, 10).map((e) => withMessage(e)) }; // prettier-ignore
}

/** Baskets of a basket file: one basket per line, items in its comma-separated fields. */
export async function readBasketLines(path: string, header = false): Promise<string[][]> {
  const recs = await readRecords(path, ',');
  return (header ? recs.slice(1) : recs).map((r) => r.fields);
}

/** Baskets of an order-line CSV: the items of each order (`orderCol`), in file order. */
export async function readOrderBaskets(
  path: string,
  orderCol: string,
  itemCol: string
): Promise<string[][]> {
  const [head, ...recs] = await readRecords(path);
  if (!head) throw new Error(`${basename(path)}: the file is empty`);
  const o = column(path, head.fields, orderCol, 'order-col');
  const i = column(path, head.fields, itemCol, 'item-col');
  const by = new Map<string, string[]>();
  for (const r of recs) {
    const order = r.fields[o]?.trim() ?? '';
    if (!order) continue;
    const b = by.get(order);
    if (b) b.push(r.fields[i] ?? '');
    else by.set(order, [r.fields[i] ?? '']);
  }
  return [...by.values()];
}

// Streaming CSV record splitter (RFC 4180 quoting, quotes may span newlines; LF, CRLF and CR
// line ends, mixed). Text arrives in
// chunks; complete records come out. Lines without quotes take a fast path (indexOf + split),
// which is most of a typical export.

/** ' ' means "runs of spaces/tabs", as in CDNOW_master.txt. */
export type Delimiter = ',' | ';' | '\t' | '|' | ' ';

export interface CsvRecord {
  /** Row as a spreadsheet shows it: record index + 1, header = row 1, blank lines counted. */
  row: number;
  fields: string[];
}

/** Receives one record: its fields and its spreadsheet row. */
export type RecordEmit = (fields: string[], row: number) => void;

/**
 * Offered each unquoted record as its place in the text (`s.slice(start, end)`, no line end)
 * before it is split; returns true when it took the record, false to have it split and emitted.
 */
export type LineTake = (s: string, start: number, end: number, row: number) => boolean;

export interface RecordProblem {
  row: number;
  /** The only problem splitting finds (RowErrorCode 'unclosedQuote'). */
  code: 'unclosedQuote';
  /** In English, for messages that are not row errors (the CLI's own readers). */
  message: string;
}

/** Thrown for a record longer than the limit (fatal to the import). */
export class RowTooLongError extends Error {
  constructor(
    readonly row: number,
    readonly limit: number
  ) {
    super(`row ${row} is longer than ${limit} characters`);
  }
}

const WS = /[ \t]+/;
/** Any line end: CRLF, LF or a lone CR. */
export const LINE_END = /\r\n|\r|\n/;

export class RecordReader {
  private buf = '';
  private row = 0;
  /** Problems found while splitting (unclosed quotes); the caller turns them into RowErrors. */
  readonly problems: RecordProblem[] = [];

  constructor(
    readonly delimiter: Delimiter,
    readonly maxRowChars = 1 << 20
  ) {}

  /** Counts n lines read elsewhere (the import's byte path), keeping row numbers right. */
  skip(n: number): void {
    this.row += n;
  }

  /** Text received but not yet returned as a record (an unfinished last line). */
  get buffered(): string {
    return this.buf;
  }

  /** Feed a chunk; returns the records completed by it (blank lines are skipped, but counted). */
  push(text: string, out: CsvRecord[] = []): CsvRecord[] {
    this.each(text, (fields, row) => out.push({ row, fields }));
    return out;
  }

  /** End of input: the last record may lack a newline; an unclosed quote is reported. */
  end(out: CsvRecord[] = []): CsvRecord[] {
    this.finish((fields, row) => out.push({ row, fields }));
    return out;
  }

  /**
   * Feed a chunk and hand each completed record to `emit` as it is split: no record objects and
   * no array of them, so a consumer that keeps nothing leaves only short-lived garbage.
   */
  each(text: string, emit: RecordEmit, take?: LineTake): void {
    const s = this.buf ? this.buf + text : text;
    this.emit = emit;
    this.take = take ?? null;
    const end = this.scan(s, false);
    this.buf = end < s.length ? s.slice(end) : '';
    if (this.buf.length > this.maxRowChars)
      throw new RowTooLongError(this.row + 1, this.maxRowChars);
  }

  /** End of input for `each`. */
  finish(emit: RecordEmit, take?: LineTake): void {
    const s = this.buf;
    this.buf = '';
    this.emit = emit;
    this.take = take ?? null;
    if (s) this.scan(s, true);
  }

  private emit: RecordEmit = () => {};
  private take: LineTake | null = null;

  /** Emits the complete records of `s`; returns where the unfinished tail starts. */
  private scan(s: string, final: boolean): number {
    const n = s.length;
    const d = this.delimiter;
    const max = this.maxRowChars;
    let pos = 0;
    let nextQuote = d === ' ' ? -1 : s.indexOf('"');
    // Line ends: LF, CRLF or a lone CR (old Mac Excel), mixed freely. Both searches are lazy, so
    // an LF-only text pays for one failed CR search per chunk.
    let nextLf = -2;
    let nextCr = -2;
    while (pos < n) {
      if (nextLf !== -1 && nextLf < pos) nextLf = s.indexOf('\n', pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = s.indexOf('\r', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      let lineEnd = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
      if (nextQuote === -1 || (lineEnd !== -1 && nextQuote > lineEnd)) {
        let next: number;
        if (lineEnd === -1) {
          if (!final) return pos;
          lineEnd = n;
          next = n;
        } else if (lineEnd === nextCr) {
          // CR at the very end of a chunk: an LF may follow in the next one.
          if (lineEnd + 1 >= n && !final) return pos;
          next = s.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
        } else next = lineEnd + 1;
        if (lineEnd - pos > max) throw new RowTooLongError(this.row + 1, max);
        this.row++;
        if (lineEnd > pos) {
          if (d === ' ') {
            const t = s.slice(pos, lineEnd).trim();
            if (t) this.emit(t.split(WS), this.row);
          } else if (this.take === null || !this.take(s, pos, lineEnd, this.row))
            this.emit(s.slice(pos, lineEnd).split(d), this.row);
        }
        pos = next;
        continue;
      }
      const next = this.quoted(s, pos, final);
      if (next < 0) {
        if (n - pos > max) throw new RowTooLongError(this.row + 1, max);
        return pos;
      }
      pos = next;
    }
    return pos;
  }

  /** Char-by-char parse of one record that contains quotes. Returns -1 if it is incomplete. */
  private quoted(s: string, start: number, final: boolean): number {
    const n = s.length;
    const d = this.delimiter;
    const fields: string[] = [];
    let i = start;
    let field = '';
    for (;;) {
      if (s.charCodeAt(i) === 34 /* " */ && field === '') {
        // Quoted field: "" is an escaped quote; text after the closing quote is kept as is.
        let j = i + 1;
        let val = '';
        for (;;) {
          const q = s.indexOf('"', j);
          if (q === -1) {
            if (!final) return -1;
            return this.unclosed(s, start);
          }
          val += s.slice(j, q);
          if (s.charCodeAt(q + 1) === 34) {
            val += '"';
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1;
          i = q + 1;
          break;
        }
        field = val;
      }
      // Unquoted part (or the tail after a closing quote) up to the next delimiter or line end.
      let j = i;
      while (j < n) {
        const c = s[j];
        if (c === d || c === '\n' || c === '\r') break;
        j++;
      }
      if (j >= n && !final) return -1;
      // A CR ending the chunk may be the first half of a CRLF.
      if (j === n - 1 && s[j] === '\r' && !final) return -1;
      field += s.slice(i, j);
      fields.push(field);
      field = '';
      if (j >= n || s[j] !== d) {
        this.row++;
        this.emit(fields, this.row);
        return s[j] === '\r' && s[j + 1] === '\n' ? j + 2 : j + 1;
      }
      i = j + 1;
    }
  }

  /**
   * A quote opened at the end of the file never closes. Report it and re-read the text after
   * that record's first line with the quote taken literally, so the rest of the file survives.
   */
  private unclosed(s: string, start: number): number {
    this.row++;
    this.problems.push({ row: this.row, code: 'unclosedQuote', message: 'unclosed quote: the quoted field never ends' }); // prettier-ignore
    const lines = s.slice(start).split(LINE_END);
    // Lines after the broken one: parse without quote handling so the stray quote cannot swallow them.
    for (let k = 1; k < lines.length; k++) {
      const t = lines[k];
      this.row++;
      if (t)
        this.emit(this.delimiter === ' ' ? t.trim().split(WS) : t.split(this.delimiter), this.row);
    }
    return s.length;
  }
}

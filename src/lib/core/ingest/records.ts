// Streaming CSV record splitter (RFC 4180 quoting, quotes may span newlines). Text arrives in
// chunks; complete records come out. Lines without quotes take a fast path (indexOf + split),
// which is most of a typical export.

/** ' ' means "runs of spaces/tabs", as in CDNOW_master.txt. */
export type Delimiter = ',' | ';' | '\t' | '|' | ' ';

export interface CsvRecord {
  /** Row as a spreadsheet shows it: record index + 1, header = row 1, blank lines counted. */
  row: number;
  fields: string[];
}

export interface RecordProblem {
  row: number;
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

export class RecordReader {
  private buf = '';
  private row = 0;
  /** Problems found while splitting (unclosed quotes); the caller turns them into RowErrors. */
  readonly problems: RecordProblem[] = [];

  constructor(
    readonly delimiter: Delimiter,
    readonly maxRowChars = 1 << 20
  ) {}

  /** Feed a chunk; returns the records completed by it (blank lines are skipped, but counted). */
  push(text: string, out: CsvRecord[] = []): CsvRecord[] {
    const s = this.buf ? this.buf + text : text;
    const end = this.scan(s, false, out);
    this.buf = end < s.length ? s.slice(end) : '';
    if (this.buf.length > this.maxRowChars)
      throw new RowTooLongError(this.row + 1, this.maxRowChars);
    return out;
  }

  /** End of input: the last record may lack a newline; an unclosed quote is reported. */
  end(out: CsvRecord[] = []): CsvRecord[] {
    const s = this.buf;
    this.buf = '';
    if (s) this.scan(s, true, out);
    return out;
  }

  /** Parses complete records of `s` into `out`; returns where the unfinished tail starts. */
  private scan(s: string, final: boolean, out: CsvRecord[]): number {
    const n = s.length;
    const d = this.delimiter;
    const max = this.maxRowChars;
    let pos = 0;
    let nextQuote = d === ' ' ? -1 : s.indexOf('"');
    while (pos < n) {
      let nl = s.indexOf('\n', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      if (nextQuote === -1 || (nl !== -1 && nextQuote > nl)) {
        if (nl === -1) {
          if (!final) return pos;
          nl = n;
        }
        if (nl - pos > max) throw new RowTooLongError(this.row + 1, max);
        let lineEnd = nl;
        if (lineEnd > pos && s.charCodeAt(lineEnd - 1) === 13) lineEnd--;
        this.row++;
        if (lineEnd > pos) {
          const line = s.slice(pos, lineEnd);
          if (d === ' ') {
            const t = line.trim();
            if (t) out.push({ row: this.row, fields: t.split(WS) });
          } else out.push({ row: this.row, fields: line.split(d) });
        }
        pos = nl + 1;
        continue;
      }
      const next = this.quoted(s, pos, final, out);
      if (next < 0) {
        if (n - pos > max) throw new RowTooLongError(this.row + 1, max);
        return pos;
      }
      pos = next;
    }
    return pos;
  }

  /** Char-by-char parse of one record that contains quotes. Returns -1 if it is incomplete. */
  private quoted(s: string, start: number, final: boolean, out: CsvRecord[]): number {
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
            return this.unclosed(s, start, out);
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
      // Unquoted part (or the tail after a closing quote) up to the next delimiter or newline.
      let j = i;
      while (j < n) {
        const c = s[j];
        if (c === d || c === '\n') break;
        j++;
      }
      if (j >= n && !final) return -1;
      let piece = s.slice(i, j);
      if (j < n && s[j] === '\n' && piece.endsWith('\r')) piece = piece.slice(0, -1);
      else if (j >= n && piece.endsWith('\r')) piece = piece.slice(0, -1);
      field += piece;
      fields.push(field);
      field = '';
      if (j >= n || s[j] === '\n') {
        this.row++;
        out.push({ row: this.row, fields });
        return j + 1;
      }
      i = j + 1;
    }
  }

  /**
   * A quote opened at the end of the file never closes. Report it and re-read the text after
   * that record's first line with the quote taken literally, so the rest of the file survives.
   */
  private unclosed(s: string, start: number, out: CsvRecord[]): number {
    this.row++;
    const nl = s.indexOf('\n', start);
    const line = s.slice(start, nl === -1 ? s.length : nl).replace(/\r$/, '');
    this.problems.push({ row: this.row, message: 'unclosed quote: the quoted field never ends' });
    void line;
    if (nl === -1) return s.length;
    const rest = s.slice(nl + 1);
    // Lines after the broken one: parse without quote handling so the stray quote cannot swallow them.
    for (const l of rest.split('\n')) {
      const t = l.replace(/\r$/, '');
      this.row++;
      if (t)
        out.push({
          row: this.row,
          fields: this.delimiter === ' ' ? t.trim().split(WS) : t.split(this.delimiter)
        });
    }
    return s.length;
  }
}

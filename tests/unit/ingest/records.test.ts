import { describe, expect, it } from 'vitest';
import { RecordReader, RowTooLongError } from '../../../src/lib/core/ingest/records';

function readAll(
  text: string,
  d: ',' | ';' | ' ' = ',',
  chunk = 1
): { rows: number[]; fields: string[][]; problems: number[] } {
  const r = new RecordReader(d, 1000);
  const recs = [];
  for (let i = 0; i < text.length; i += chunk) recs.push(...r.push(text.slice(i, i + chunk)));
  recs.push(...r.end());
  return {
    rows: recs.map((x) => x.row),
    fields: recs.map((x) => x.fields),
    problems: r.problems.map((p) => p.row)
  };
}

describe('RecordReader', () => {
  const csv = 'a,b,c\r\n1,"x, ""y""",3\n\n2,"multi\nline",4\n3,plain,"end"';
  it('parses quotes, escaped quotes, CRLF and quoted newlines at any chunk size', () => {
    for (const chunk of [1, 2, 5, 1000]) {
      const { rows, fields } = readAll(csv, ',', chunk);
      expect(fields).toEqual([
        ['a', 'b', 'c'],
        ['1', 'x, "y"', '3'],
        ['2', 'multi\nline', '4'],
        ['3', 'plain', 'end']
      ]);
      // Spreadsheet rows: the blank line is row 3; a quoted newline does not add a row.
      expect(rows).toEqual([1, 2, 4, 5]);
    }
  });

  it('reads CR-only and mixed CRLF/LF/CR line ends with spreadsheet row numbers', () => {
    const crOnly = 'a,b\r1,x\r2,y\r';
    const mixed = 'a,b\r\n1,x\n2,"q\r\nr"\r\r3,z\r4,w\n\n5,v';
    for (const chunk of [1, 2, 3, 1000]) {
      expect(readAll(crOnly, ',', chunk)).toEqual({
        rows: [1, 2, 3],
        fields: [
          ['a', 'b'],
          ['1', 'x'],
          ['2', 'y']
        ],
        problems: []
      });
      const m = readAll(mixed, ',', chunk);
      // Blank lines (a lone CR, an LF) count as rows, as a spreadsheet shows them.
      expect(m.rows).toEqual([1, 2, 3, 5, 6, 8]);
      expect(m.fields).toEqual([
        ['a', 'b'],
        ['1', 'x'],
        ['2', 'q\r\nr'],
        ['3', 'z'],
        ['4', 'w'],
        ['5', 'v']
      ]);
    }
  });

  it('reads CR line ends after a quoted field', () => {
    expect(readAll('a,b\r"1",x\r"2","y"\r3,z', ',', 2).fields).toEqual([
      ['a', 'b'],
      ['1', 'x'],
      ['2', 'y'],
      ['3', 'z']
    ]);
  });

  it('splits runs of whitespace for space-separated files', () => {
    expect(
      readAll(' 00001 19970101  1   11.77\r\n 00002 19970112  5   77.00\n', ' ', 3).fields
    ).toEqual([
      ['00001', '19970101', '1', '11.77'],
      ['00002', '19970112', '5', '77.00']
    ]);
  });

  it('reports an unclosed quote and keeps the lines after it, whatever the line ends', () => {
    for (const nl of ['\n', '\r', '\r\n']) {
      const text = ['a,b', '1,"oops', '2,x', '3,y', ''].join(nl);
      const { fields, problems, rows } = readAll(text, ',', 4);
      expect(problems).toEqual([2]);
      expect(fields).toEqual([
        ['a', 'b'],
        ['2', 'x'],
        ['3', 'y']
      ]);
      expect(rows).toEqual([1, 3, 4]);
    }
  });

  it('refuses a record longer than the limit', () => {
    expect(() => readAll('a,b\n' + 'x'.repeat(2000) + '\n', ',', 100)).toThrow(RowTooLongError);
    expect(() => readAll('a,b\n"' + 'x'.repeat(2000), ',', 100)).toThrow(
      /row 2 is longer than 1000/
    );
  });
});

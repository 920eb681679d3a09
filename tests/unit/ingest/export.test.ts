import { describe, expect, it } from 'vitest';
import { csvCell, errorsToCsv, toCsv } from '../../../src/lib/core/ingest/export';
import { RecordReader } from '../../../src/lib/core/ingest/records';

describe('CSV export', () => {
  it('neutralises formula injection (OWASP) but leaves numbers alone', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell('+SUM(A1:A9)')).toBe("'+SUM(A1:A9)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@foo')).toBe("'@foo");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes per RFC 4180 and round-trips through the reader', () => {
    const rows = [
      ['1', 'Smith, Bob', 'says "hi"', 'two\nlines'],
      ['2', '=HYPERLINK("http://x")', null, 3.5]
    ];
    const csv = toCsv(rows, ['id', 'name', 'note', 'extra']);
    expect(csv).toContain('\r\n1,"Smith, Bob","says ""hi""","two\nlines"\r\n');
    const back = new RecordReader(',').push(csv).map((r) => r.fields);
    expect(back).toEqual([
      ['id', 'name', 'note', 'extra'],
      ['1', 'Smith, Bob', 'says "hi"', 'two\nlines'],
      ['2', '\'=HYPERLINK("http://x")', '', '3.5']
    ]);
    expect(toCsv([{ a: 1, b: '中' }], ['a', 'b'], { bom: true })).toBe('\ufeffa,b\r\n1,中\r\n');
  });

  it('writes row errors with their file, row, column, message and neutralised value', () => {
    const csv = errorsToCsv([
      {
        file: 'f.csv',
        row: 3,
        column: 'Quantity',
        code: 'notANumber',
        message: 'not a number',
        value: '=1+2'
      },
      {
        file: 'f.csv',
        row: 4,
        column: '',
        code: 'fieldCount',
        message: 'row has 5 fields but the header has 8'
      }
    ]);
    expect(csv).toBe(
      "file,row,column,message,value\r\nf.csv,3,Quantity,not a number,'=1+2\r\nf.csv,4,,row has 5 fields but the header has 8,\r\n"
    );
  });
});

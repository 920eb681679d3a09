// Labelled text CSVs read through the app's decoder and record reader: BANKING77's rows broken
// by an unquoted line break are joined (labels never shift); rows that cannot be read are
// rejected with their row number.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesOf, chunked } from '../../../src/lib/core/ingest/streams';
import { columnIndex, labelledRows, readTextTable } from '../../../src/lib/core/text/table';
import { rowErrorText } from '../../../src/lib/i18n/rowErrors';

const fixture = (name: string) =>
  chunked(
    new Uint8Array(readFileSync(new URL(`../../fixtures/text/${name}`, import.meta.url))),
    97
  );

describe('labelled text tables', () => {
  it('joins BANKING77 texts broken across lines and keeps every label in place', async () => {
    const t = await readTextTable(fixture('banking77-broken.csv'), { fileName: 'train.csv' });
    expect(t.headers).toEqual(['text', 'category']);
    // File rows: header 1, data 2–16 with blank rows 6, 8, 9; breaks at 7→10 and 14→15.
    expect(t.joined).toEqual([
      { from: 7, to: 10 },
      { from: 14, to: 15 }
    ]);
    expect(t.rejected).toEqual([]);
    const l = labelledRows(t, columnIndex(t, 'text'), columnIndex(t, '2'));
    expect(l.texts).toHaveLength(10);
    expect(l.texts[4]).toBe("I can't seem to be able to use my card");
    expect(l.labels[4]).toBe('card_not_working');
    expect(l.texts[8]).toMatch(/to my account here\.\n\.$/);
    expect(l.labels[8]).toBe('transfer_into_account');
    expect(l.labels.slice(0, 6).every((x) => x === 'card_not_working')).toBe(true);
  });

  it('rejects rows it cannot read, naming them', async () => {
    const csv =
      'text,label\nhello there,greet\nyes, I want a refund,refund\nbroken\nstill,broken,too,many\n';
    const t = await readTextTable(bytesOf(csv), { fileName: 'x.csv' });
    expect(t.rows.map((r) => r.fields[1])).toEqual(['greet']);
    expect(t.rejected.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(rowErrorText('en', t.rejected[1])).toMatch(/broken across lines/);
    expect(rowErrorText('en', t.rejected[0])).toMatch(/3 fields where the header has 2/);
    expect(() => columnIndex(t, 'intent', '--label-col')).toThrow(/--label-col "intent".*text, label/); // prettier-ignore
  });

  it('reads a header-less Chinese file by position', async () => {
    const t = await readTextTable(fixture('chnsenticorp-300.csv'), { header: false });
    expect(t.headers).toEqual(['1', '2']);
    const l = labelledRows(t, 1, 0);
    expect(l.texts).toHaveLength(300);
    expect(new Set(l.labels)).toEqual(new Set(['0', '1']));
    expect(l.texts.every((x) => /\p{Script=Han}/u.test(x))).toBe(true);
  });
});

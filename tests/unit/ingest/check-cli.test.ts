// `npm run rapport -- check FILE` as a user runs it: JSON on stdout, exit 0 when the file would
// import (rows may be rejected), 1 when it is refused, 2 for a mistake in the command line.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers';

const exec = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

async function rapport(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await exec(process.execPath, ['--import', 'tsx', 'src/cli/rapport.ts', ...args], {
      cwd: ROOT
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('rapport check', () => {
  it('a file with rejected rows imports: exit 0, the report as JSON', async () => {
    const r = await rapport('check', resolve(FIXTURES, 'bad-csv/dates-out-of-range.csv'));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({
      file: 'dates-out-of-range.csv',
      kind: 'orders',
      encoding: 'utf-8',
      delimiter: ',',
      header: true,
      rows: { read: 6, stored: 1, rejected: 5 },
      refused: null
    });
    expect(report.mapping.ts).toBe('InvoiceDate');
    expect(report.errors[0]).toEqual({
      row: 3,
      column: 'InvoiceDate',
      message: expect.stringMatching(/^date outside the plausible range 1900-01-01 to /)
    });
    expect(report.preview[0].ts).toBe('2010-12-01T08:26:00.000Z');
  });

  it('a refused file: exit 1 and the reason; flags for encoding, kind and header', async () => {
    const r = await rapport('check', resolve(FIXTURES, 'bad-csv/xlsx-renamed.csv'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).refused).toMatch(/ZIP archive \(an Excel \.xlsx workbook\?\)/);
    const cd = resolve(FIXTURES, 'bad-csv/headerless-cdnow.csv');
    expect((await rapport('check', cd)).code).toBe(1);
    const ok = await rapport(
      'check', cd, '--kind', 'orders', '--no-header', '--columns', 'customer_id,sample_id,date,quantity,amount'
    ); // prettier-ignore
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ header: false, rows: { stored: 5 } });
    const latin = await rapport(
      'check', resolve(FIXTURES, 'bad-csv/windows-1252.csv'), '--encoding', 'utf8'
    ); // prettier-ignore
    expect(JSON.parse(latin.out)).toMatchObject({ encoding: 'utf-8', rows: { stored: 0 } });
  });

  it('command-line mistakes: exit 2 with a message', async () => {
    const f = resolve(FIXTURES, 'bad-csv/cr-only.csv');
    for (const args of [
      ['check'],
      ['check', f, '--kind', 'invoices'],
      ['check', f, '--encoding', 'ebcdic'],
      ['check', 'no-such-file.csv']
    ]) {
      const r = await rapport(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).not.toBe('');
    }
  });
});

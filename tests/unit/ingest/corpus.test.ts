// Walks the malformed-CSV corpus: every file gets the outcome its manifest entry promises, and
// fatal files never reach commit.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, ImportError } from '../../../src/lib/core/ingest/index';
import { previewBytes } from '../../../src/lib/core/ingest/preview';
import { chunked } from '../../../src/lib/core/ingest/streams';
import type { EntityKind } from '../../../src/lib/core/types';
import { FIXTURES, fakeBegin, fixture } from './helpers';

interface Case {
  file: string;
  kind: EntityKind;
  mapping?: Record<string, string>;
  fatal?: string;
  rowsRead?: number;
  rowsStored?: number;
  errors?: { row: number; column: string; message: string; value?: string }[];
}

const dir = resolve(FIXTURES, 'bad-csv');
const manifest = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')) as {
  cases: Case[];
};

/** The mapping a user would accept on the preview screen (autoMap of the sniffed header). */
function previewMapping(bytes: Uint8Array, kind: EntityKind): Record<string, string> {
  return previewBytes(bytes, kind).mapping;
}

describe('bad-csv corpus', () => {
  it('has at least 20 files, each with a manifest entry', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(manifest.cases.map((c) => c.file).sort()).toEqual(files.sort());
  });

  for (const c of manifest.cases) {
    it(`${c.file}: ${c.fatal ? 'fatal' : 'row errors'}`, async () => {
      const bytes = fixture(`bad-csv/${c.file}`);
      const mapping = c.mapping ?? previewMapping(bytes, c.kind);
      // Odd chunk size: records and characters straddle chunk boundaries.
      const input = chunked(bytes, 7);
      const { begin, sessions } = fakeBegin();
      const opts = { fileName: c.file, kind: c.kind, channel: 'web', mapping };
      if (c.fatal) {
        const err = await importFile(input, opts, begin).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ImportError);
        expect((err as Error).message).toMatch(new RegExp(c.fatal));
        expect((err as Error).message.startsWith(c.file)).toBe(true);
        expect(sessions[0].committed).toBeNull();
        expect(sessions[0].aborted).toBe((err as Error).message);
        expect(sessions[0].batches).toBe(0);
        return;
      }
      const report = await importFile(input, opts, begin);
      const s = sessions[0];
      expect(s.aborted).toBeNull();
      expect(s.committed).toEqual({
        rowsRead: c.rowsRead,
        rowsStored: c.rowsStored,
        rowsRejected: c.rowsRead! - c.rowsStored!,
        errorsSample: report.errors.length
      });
      expect(s.rows[c.kind]).toHaveLength(c.rowsStored!);
      expect(report.errors).toHaveLength(c.errors!.length);
      c.errors!.forEach((want, i) => {
        const got = report.errors[i];
        expect(got.file).toBe(c.file);
        expect(got.row).toBe(want.row);
        expect(got.column).toBe(want.column);
        expect(got.message).toMatch(new RegExp(want.message));
        if (want.value !== undefined) expect(got.value).toBe(want.value);
      });
    });
  }

  it('a 5 MB single line is fatal and names the row', async () => {
    const text = 'CustomerID,Name\n1,Ann\n2,' + 'x'.repeat(5 * 1024 * 1024) + '\n3,Cy\n';
    const { begin, sessions } = fakeBegin();
    const err = await importFile(
      chunked(new TextEncoder().encode(text), 256 * 1024),
      {
        fileName: 'long.csv',
        kind: 'customers',
        channel: 'web',
        mapping: { customerId: 'CustomerID' }
      },
      begin
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).row).toBe(3);
    expect((err as Error).message).toMatch(
      /^long\.csv \(row 3\): a single row is longer than the 1048576 character limit/
    );
    expect(sessions[0].committed).toBeNull();
    expect(sessions[0].batches).toBe(0);
  });

  it('formula injection survives import verbatim and is neutralised on export', async () => {
    const { begin, sessions } = fakeBegin();
    const bytes = fixture('bad-csv/formula-injection.csv');
    await importFile(
      chunked(bytes),
      {
        fileName: 'f.csv',
        kind: 'customers',
        channel: 'web',
        mapping: previewMapping(bytes, 'customers')
      },
      begin
    );
    const names = (sessions[0].rows.customers as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(["=cmd|' /C calc'!A0", '+SUM(A1:A9)', '@foo']);
  });
});

// Walks the malformed-CSV corpus: every case gets the outcome its manifest entry promises through
// importFile (fatal files never reach commit) and through `rapport check`, and whole-file
// problems are already refused by the preview, before any mapping.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, ImportError } from '../../../src/lib/core/ingest/index';
import { checkFile } from '../../../src/lib/core/ingest/check';
import { rowErrorText } from '../../../src/lib/i18n/rowErrors';
import { previewBytes } from '../../../src/lib/core/ingest/preview';
import { chunked } from '../../../src/lib/core/ingest/streams';
import { CORPUS, corpusCases, type CorpusCase } from './corpus';
import { fakeBegin, fixture } from './helpers';

const manifest = corpusCases();
const title = (c: CorpusCase) =>
  `${c.file}${c.options ? ' ' + JSON.stringify(c.options) : ''}: ${c.fatal ? 'refused' : 'imported'}`;

/** The preview as the Import page asks for it (the user's header choice, else detection). */
function preview(c: CorpusCase, bytes: Uint8Array) {
  return previewBytes(bytes, { kind: c.kind, fileName: c.file, ...c.options, wholeFile: true });
}

describe('bad-csv corpus', () => {
  it('has at least 30 files, each with a manifest entry', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect([...new Set(manifest.map((c) => c.file))].sort()).toEqual(files.sort());
  });

  for (const c of manifest) {
    it(`importFile: ${title(c)}`, async () => {
      const bytes = fixture(`bad-csv/${c.file}`);
      let mapping = c.mapping;
      if (!mapping) {
        let p: ReturnType<typeof preview> | Error;
        try {
          p = preview(c, bytes);
        } catch (e) {
          p = e as Error;
        }
        if (p instanceof Error) {
          // Refused at once, before mapping, with the import's own message.
          expect(c.fatal && !c.at, p.message).toBeTruthy();
          expect(p).toBeInstanceOf(ImportError);
          expect(p.message).toMatch(new RegExp(c.fatal!));
          // The import refuses it on its own too, given the mapping of its header (if any).
          try {
            mapping = previewBytes(bytes, { kind: c.kind, ...c.options }).mapping;
          } catch {
            mapping = {};
          }
        } else {
          expect(c.fatal === undefined || c.at !== undefined, `preview of ${c.file}`).toBe(true);
          if (c.at === 'header') expect([p.firstRowLooksLikeData, p.hasHeader]).toEqual([true, false]); // prettier-ignore
          mapping = p.mapping;
        }
      }
      // Odd chunk size: records and characters straddle chunk boundaries.
      const input = chunked(bytes, 7);
      const { begin, sessions } = fakeBegin();
      const opts = { fileName: c.file, kind: c.kind, channel: 'web', mapping, ...c.options };
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
      if (c.encoding) expect(report.encoding).toBe(c.encoding);
      const stored = JSON.stringify(s.rows[c.kind]);
      expect(stored).not.toContain('\ufffd');
      for (const text of c.contains ?? []) expect(stored).toContain(text);
      expect(report.errors).toHaveLength(c.errors!.length);
      c.errors!.forEach((want, i) => {
        const got = report.errors[i];
        expect(got.file).toBe(c.file);
        expect(got.row).toBe(want.row);
        expect(got.column).toBe(want.column);
        expect(rowErrorText('en', got)).toMatch(new RegExp(want.message));
        if (want.value !== undefined) expect(got.value).toBe(want.value);
      });
    });

    // The CLI has no mapping option: cases about a user's mapping are the Import page's.
    it.skipIf(c.mapping !== undefined)(`rapport check: ${title(c)}`, async () => {
      const r = await checkFile(chunked(fixture(`bad-csv/${c.file}`), 1000), {
        fileName: c.file,
        kind: c.kind,
        ...c.options
      });
      if (c.fatal) {
        expect(r.refused).toMatch(new RegExp(c.fatal));
        expect(r.rows.stored).toBe(0);
        return;
      }
      expect(r.refused).toBeNull();
      expect(r.rows).toEqual({
        read: c.rowsRead,
        stored: c.rowsStored,
        rejected: c.rowsRead! - c.rowsStored!
      });
      if (c.encoding) expect(r.encoding).toBe(c.encoding);
      expect(r.errors.map((e) => [e.row, e.column])).toEqual(
        c.errors!.map((e) => [e.row, e.column])
      );
      r.errors.forEach((e, i) =>
        expect(rowErrorText('en', e)).toMatch(new RegExp(c.errors![i].message))
      );
      expect(r.preview.length).toBe(Math.min(20, c.rowsStored!));
      expect(r.labels.map((l) => l.column)).toEqual((c.labels ?? []).map((l) => l.column));
      r.labels.forEach((l, i) => expect(l.problem).toMatch(new RegExp(c.labels![i].problem)));
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
        mapping: previewBytes(bytes, 'customers').mapping
      },
      begin
    );
    const names = (sessions[0].rows.customers as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(["=cmd|' /C calc'!A0", '+SUM(A1:A9)', '@foo']);
  });
});

// Glue between runImport and the db layer's staged session: commit on success, abort otherwise.
import type { BeginImportOptions, ImportSession } from './sink';
import { runImport, type ImportReport, type RunImportOptions } from './import';
import { MAX_ERRORS } from './import';

export type ImportFileOptions = Omit<RunImportOptions, 'sink' | 'mapping'> & {
  /** Source name the user sees; defaults to the file name. */
  source?: string;
  mapping: Record<string, string>;
};

/**
 * Open a session with `begin`, stream the file into it and commit with the summary. Any error
 * or cancellation aborts the session (nothing staged becomes visible) and is rethrown.
 */
export async function importFile(
  input: AsyncIterable<Uint8Array>,
  opts: ImportFileOptions,
  begin: (o: BeginImportOptions) => Promise<ImportSession>
): Promise<ImportReport> {
  const session = await begin({
    source: opts.source ?? opts.fileName,
    fileName: opts.fileName,
    kind: opts.kind,
    channel: opts.channel,
    mapping: opts.mapping
  });
  let report: ImportReport;
  try {
    report = await runImport(input, { ...opts, sink: session });
    opts.signal?.throwIfAborted();
  } catch (e) {
    const reason =
      e instanceof Error ? (e.name === 'AbortError' ? 'cancelled' : e.message) : String(e);
    try {
      await session.abort(reason);
    } catch {
      /* the original error matters more than a failed abort */
    }
    throw e;
  }
  await session.commit({
    rowsRead: report.rowsRead,
    rowsStored: report.rowsStored,
    rowsRejected: report.rowsRejected,
    errorsSample: Math.min(report.errors.length, MAX_ERRORS)
  });
  const storage = session.timings?.() ?? {};
  report.timings = { ...report.timings, ...storage };
  return report;
}

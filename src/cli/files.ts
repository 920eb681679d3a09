// Reading the CLI's input files through the app's own import pipeline (encodings, delimiters,
// column mapping, row errors), and the option parsing every command shares.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ENCODINGS, parseEncodingName } from '../lib/core/ingest/encoding';
import { readExport, type MemoryImport, type ReadOptions } from '../lib/core/ingest/memory';
import { inputsFromExports, type DataInputs } from '../lib/core/models/inputs';
import type { EntityKind, RowError } from '../lib/core/types';
import { withMessage, type RowErrorWithMessage } from '../lib/i18n/rowErrors';
import { UsageError } from './args';

export type Args = Record<string, string | boolean>;

export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  return typeof v === 'string' ? v : undefined;
}

export function list(args: Args, key: string): string[] | undefined {
  return str(args, key)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A whole number option within [min, max], or the fallback; a clear message otherwise. */
export function int(
  args: Args,
  key: string,
  fallback: number,
  min = -Infinity,
  max = Infinity
): number {
  const v = args[key];
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && /^[-+]?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(
      `--${key} must be a whole number${min > -Infinity ? ` from ${min}` : ''}${max < Infinity ? ` to ${max}` : ''}, got "${v === true ? '' : v}"`
    );
  return n;
}

/** A date option (YYYY-MM-DD or YYYYMMDD) as epoch ms at the end of that UTC day. */
export function dayEnd(args: Args, key: string): number | undefined {
  const v = str(args, key);
  if (v === undefined) return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v.trim());
  const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!Number.isFinite(t)) throw new Error(`--${key} must be a date like 1997-09-30, got "${v}"`);
  return t + 86_400_000 - 1;
}

/** How to read a file, from `--encoding NAME`, `--no-header` and `--columns a,b,c`. */
export function readOptions(
  args: Args
): Partial<Pick<ReadOptions, 'encoding' | 'hasHeader' | 'columns'>> {
  const enc = str(args, 'encoding');
  const encoding = enc === undefined ? undefined : parseEncodingName(enc);
  if (encoding === null)
    throw new UsageError(
      `--encoding ${enc}: expected one of ${ENCODINGS.map((e) => e.name).join(', ')} (or latin1, gbk)`
    );
  const columns = list(args, 'columns');
  return {
    ...(encoding ? { encoding } : {}),
    ...(args['no-header'] === true ? { hasHeader: false } : {}),
    ...(columns ? { columns } : {})
  };
}

export interface FileReport {
  file: string;
  kind: EntityKind;
  encoding: string;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  /** Which column of the file fills which field (customer id, order date...). */
  mapping: Record<string, string>;
  /** The first row errors, as the Import page lists them (messages in English). */
  errors: RowErrorWithMessage<RowError>[];
}

/** One export read into memory by the app's import code. */
export async function readFile(
  path: string,
  kind: EntityKind,
  opts: Partial<Omit<ReadOptions, 'kind' | 'fileName'>> = {}
): Promise<MemoryImport> {
  const stream = createReadStream(path) as unknown as AsyncIterable<Uint8Array>;
  return readExport(stream, { fileName: basename(path), kind, ...opts });
}

export function fileReport(path: string, kind: EntityKind, m: MemoryImport): FileReport {
  return {
    file: basename(path),
    kind,
    encoding: m.report.encoding,
    rowsRead: m.report.rowsRead,
    rowsStored: m.report.rowsStored,
    rowsRejected: m.report.rowsRejected,
    mapping: m.report.mapping,
    errors: m.report.errors.slice(0, 10).map((e) => withMessage(e))
  };
}

/** Read every given file (customers, orders, ...) into the inputs a model family takes. */
export async function readInputs(
  files: Partial<Record<EntityKind, string>>,
  opts: Partial<Record<EntityKind, Partial<Omit<ReadOptions, 'kind' | 'fileName'>>>> = {}
): Promise<{ inputs: DataInputs; files: FileReport[] }> {
  const parts: MemoryImport[] = [];
  const reports: FileReport[] = [];
  for (const [kind, path] of Object.entries(files) as [EntityKind, string][]) {
    if (!path) continue;
    const m = await readFile(path, kind, opts[kind]);
    parts.push(m);
    reports.push(fileReport(path, kind, m));
  }
  return { inputs: inputsFromExports(parts), files: reports };
}

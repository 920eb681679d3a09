// `rapport check`: a file through the app's own import pipeline into a sink that keeps nothing
// but the first rows, reported as the Import page reports it. Tests run the malformed-file corpus
// through this and through the browser, so both paths give the same answers.
import type { EntityKind, RowError } from '../types';
import { concat, type TextEncodingName } from './encoding';
import { ImportError } from './errors';
import { requireHeaderChoice, PREVIEW_ROWS } from './head';
import { runImport } from './import';
import { describeLabelColumn, looksLikeLabelName } from './labelColumn';
import type { Entity } from './mapper';
import { previewBytes } from './preview';
import type { Delimiter } from './records';
import type { ImportSink } from './sink';

export interface CheckOptions {
  fileName: string;
  /** Omitted: guessed from the columns, as the Import page does. */
  kind?: EntityKind;
  encoding?: TextEncodingName;
  hasHeader?: boolean;
  columns?: string[];
  /** "Today" for the plausible-date check (tests). */
  now?: number;
}

export interface CheckReport {
  file: string;
  kind: EntityKind | null;
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  header: boolean | null;
  /** Field -> column. */
  mapping: Record<string, string>;
  rows: { read: number; stored: number; rejected: number };
  /**
   * Row errors (the first 10,000), rows numbered as a spreadsheet shows them; codes, which the
   * CLI prints as English messages (src/cli/commands/check.ts).
   */
  errors: Pick<RowError, 'row' | 'column' | 'code' | 'params' | 'kept'>[];
  /** Why the file would be refused (nothing stored), or null when it would import. */
  refused: string | null;
  /** The first 20 rows as they would be stored (dates as ISO text). */
  preview: Record<string, unknown>[];
  /** Label-like columns (Churn, Exited...) that could not serve as a yes/no label, and why. */
  labels: { column: string; problem: string }[];
}

const HEAD_BYTES = 256 * 1024;
const DATE_FIELDS = new Set(['ts', 'createdAt']);

function shown(e: Entity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e))
    out[k] = DATE_FIELDS.has(k) && typeof v === 'number' ? new Date(v).toISOString() : v;
  return out;
}

/** Keeps the first rows and the label-like attribute values; counts the rest. */
class CheckSink implements ImportSink {
  readonly first: Entity[] = [];
  readonly labelValues = new Map<string, (string | number | boolean | null)[]>();

  private keep(rows: Entity[]): void {
    for (const r of rows) {
      if (this.first.length < PREVIEW_ROWS) this.first.push(r);
      const attrs = (r as { attributes?: Record<string, string | number | boolean | null> })
        .attributes;
      if (!attrs) continue;
      for (const [k, v] of Object.entries(attrs)) {
        if (!looksLikeLabelName(k)) continue;
        let list = this.labelValues.get(k);
        if (!list) this.labelValues.set(k, (list = []));
        list.push(v);
      }
    }
  }
  customers = async (rows: Entity[]) => this.keep(rows);
  orders = async (rows: Entity[]) => this.keep(rows);
  products = async (rows: Entity[]) => this.keep(rows);
  interactions = async (rows: Entity[]) => this.keep(rows);
  relationships = async (rows: Entity[]) => this.keep(rows);
}

/** Reads up to `n` bytes from the front of `it`, returning them and the rest of the stream. */
async function splitHead(
  input: AsyncIterable<Uint8Array>,
  n: number
): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array>; whole: boolean }> {
  const it = input[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let len = 0;
  let whole = false;
  while (len < n) {
    const r = await it.next();
    if (r.done) {
      whole = true;
      break;
    }
    parts.push(r.value.slice()); // kept past the next read (a chunk may be a reused buffer)
    len += r.value.length;
  }
  const head = concat(parts, len);
  async function* rest(): AsyncIterable<Uint8Array> {
    if (head.length) yield head;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, rest: rest(), whole };
}

/** Check one file; never throws for a bad file (the reason is in `refused`). */
export async function checkFile(
  input: AsyncIterable<Uint8Array>,
  opts: CheckOptions
): Promise<CheckReport> {
  const report: CheckReport = {
    file: opts.fileName,
    kind: opts.kind ?? null,
    encoding: null,
    delimiter: null,
    header: null,
    mapping: {},
    rows: { read: 0, stored: 0, rejected: 0 },
    errors: [],
    refused: null,
    preview: [],
    labels: []
  };
  const { head, rest, whole } = await splitHead(input, HEAD_BYTES);
  const headerOpts = { hasHeader: opts.hasHeader, columns: opts.columns };
  try {
    // The kind as the Import page guesses it, from the header as the user gave it.
    const p = previewBytes(head, { ...opts, ...headerOpts, wholeFile: whole });
    report.encoding = p.encoding;
    report.delimiter = p.delimiter;
    report.header = p.hasHeader;
    if (!p.kind) {
      requireHeaderChoice(p, opts);
      throw new ImportError(
        opts.fileName,
        `cannot tell what kind of data this is from its columns (${p.headers.join(', ')}): ` +
          'choose the kind (rapport: --kind customers|orders|products|interactions|relationships)'
      );
    }
    report.kind = p.kind;
    const sink = new CheckSink();
    const r = await runImport(rest, { ...opts, kind: p.kind, channel: 'shop', sink });
    report.encoding = r.encoding;
    report.header = r.hasHeader;
    report.mapping = r.mapping;
    report.rows = { read: r.rowsRead, stored: r.rowsStored, rejected: r.rowsRejected };
    report.errors = r.errors.map(({ row, column, code, params, kept }) => ({
      row,
      column,
      code,
      ...(params ? { params } : {}),
      ...(kept ? { kept } : {})
    }));
    report.preview = sink.first.map(shown);
    for (const [column, values] of sink.labelValues) {
      const problem = describeLabelColumn(column, values);
      if (problem) report.labels.push({ column, problem });
    }
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    report.refused = e.message;
  }
  return report;
}

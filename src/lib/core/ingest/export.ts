// CSV writing for every file the app exports, safe to open in Excel/LibreOffice.
import type { RowError } from '../types';

export type Cell = string | number | boolean | null | undefined;

/**
 * One cell, quoted per RFC 4180 and neutralised against formula injection: text starting with
 * = + - @ tab or CR gets a leading apostrophe (OWASP "CSV Injection"). Numbers are left alone,
 * so -5 stays a number.
 */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\r\n;]/.test(s) || /^\s|\s$/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/**
 * Rows (arrays in header order, or objects keyed by header) to CSV text with CRLF line ends.
 * `bom` prefixes U+FEFF so Excel opens UTF-8 (Chinese text) correctly.
 */
export function toCsv(
  rows: Iterable<readonly Cell[] | Record<string, Cell>>,
  headers: readonly string[],
  opts: { bom?: boolean } = {}
): string {
  const lines = [headers.map(csvCell).join(',')];
  for (const r of rows) {
    const cells = Array.isArray(r)
      ? (r as readonly Cell[])
      : headers.map((h) => (r as Record<string, Cell>)[h]);
    lines.push(cells.map(csvCell).join(','));
  }
  return (opts.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}

export const ERROR_HEADERS = ['file', 'row', 'column', 'message', 'value'] as const;

/**
 * Row errors as a CSV the user can open next to the source file, each with its message in the
 * user's language (rowErrorText of src/lib/i18n/rowErrors.ts; core has no words of its own).
 */
export function errorsToCsv(
  errors: readonly (RowError & { message: string })[],
  opts: { bom?: boolean } = {}
): string {
  return toCsv(
    errors.map((e) => [e.file, e.row, e.column, e.message, e.value]),
    ERROR_HEADERS,
    opts
  );
}

/** A money column's header with its currency code: ('value', 'EUR') -> 'value_EUR'. */
export function moneyHeader(name: string, currency?: string): string {
  return currency && /^[A-Z]{3}$/.test(currency) ? `${name}_${currency}` : name;
}

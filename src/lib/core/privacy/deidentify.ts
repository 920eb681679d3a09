// De-identified export of a table: each column kept, dropped, pseudonymised or generalised, and
// the k-anonymity of the chosen quasi-identifiers reported (Sweeney, "k-anonymity: a model for
// protecting privacy", 2002): k is the size of the smallest group of rows that share the same
// quasi-identifier values, so every row hides among at least k - 1 others on those columns.
//
// Pseudonyms are HMAC-SHA-256 (RFC 2104) of the value under a random key made for the export and
// never stored or shown: the same value gets the same pseudonym everywhere in one export (so an
// order's customer still joins with the customer row), and without the key the mapping cannot be
// recomputed or reversed by trying candidate values.
import type { AttributeValue } from '../types';

export type ColumnRule =
  | { kind: 'keep' }
  | { kind: 'drop' }
  | { kind: 'pseudonymise' }
  /** Dates to their month, postcodes to their area, amounts to bands. */
  | { kind: 'generalise'; as: 'month' | 'area' | 'band' };

export type Row = Record<string, AttributeValue | undefined>;

export interface DeidOptions {
  rules: Record<string, ColumnRule>;
  /** Quasi-identifier columns (as exported) whose k-anonymity is reported. */
  quasi?: string[];
  /** Rows in the preview (default 20). */
  previewRows?: number;
}

export interface Anonymity {
  columns: string[];
  /** Smallest group of rows sharing the quasi-identifiers' values (0 without rows). */
  k: number;
  /** Distinct combinations. */
  groups: number;
  /** Rows in groups smaller than 5 (commonly used as the least acceptable k). */
  rowsBelow5: number;
}

export interface DeidResult {
  /** The columns that leave, in order, with what was done to each. */
  columns: { name: string; rule: ColumnRule['kind'] }[];
  /** Columns removed. */
  dropped: string[];
  rows: string[][];
  preview: string[][];
  anonymity: Anonymity | null;
}

const MONTH = /^(\d{4})-(\d{2})/;

/** A date (epoch ms or an ISO-like string) as YYYY-MM; other values unchanged. */
export function toMonth(v: AttributeValue | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString().slice(0, 7);
  const s = String(v);
  const m = MONTH.exec(s);
  if (m) return `${m[1]}-${m[2]}`;
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 7) : '';
}

/**
 * A postcode's area: the outward part when there is a space (UK "SW1A 1AA" -> "SW1A"), else
 * letters and the first two digits (US "94103" -> "94***", CN "100080" -> "10****").
 */
export function toArea(v: AttributeValue | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v).trim().toUpperCase();
  if (!s) return '';
  const sp = s.indexOf(' ');
  if (sp > 0) return s.slice(0, sp);
  const digits = s.replace(/\D/g, '');
  if (digits.length === s.length && s.length > 2) return s.slice(0, 2) + '*'.repeat(s.length - 2);
  return s.slice(0, Math.min(3, s.length));
}

const BOUNDS = [0, 10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000];

/** An amount as a band ("10–49", "1000–4999", "<0", ">=1000000"); '' for a non-number. */
export function toBand(v: AttributeValue | undefined): string {
  const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  if (!Number.isFinite(x)) return '';
  if (x < 0) return '<0';
  for (let i = 1; i < BOUNDS.length; i++) if (x < BOUNDS[i]) return `${BOUNDS[i - 1]}–${BOUNDS[i] - 1}`; // prettier-ignore
  return `>=${BOUNDS[BOUNDS.length - 1]}`;
}

const hex = (b: ArrayBuffer) =>
  Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

/** A pseudonymiser with its own random key (never exported): value -> 32 hex digits. */
export async function pseudonymiser(): Promise<(v: string) => Promise<string>> {
  const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']); // prettier-ignore
  const enc = new TextEncoder();
  const memo = new Map<string, Promise<string>>();
  return (v: string) => {
    if (v === '') return Promise.resolve('');
    let p = memo.get(v);
    if (!p) {
      p = crypto.subtle.sign('HMAC', key, enc.encode(v)).then((s) => hex(s).slice(0, 32));
      memo.set(v, p);
    }
    return p;
  };
}

const cell = (v: AttributeValue | undefined): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'number' && !Number.isFinite(v)
      ? ''
      : String(v);

/** k-anonymity of `columns` over rows of values (column indices given). */
export function anonymity(rows: string[][], columns: string[], idx: number[]): Anonymity {
  const groups = new Map<string, number>();
  for (const r of rows) {
    const key = JSON.stringify(idx.map((i) => r[i]));
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  let k = rows.length > 0 ? Infinity : 0;
  let below = 0;
  for (const n of groups.values()) {
    if (n < k) k = n;
    if (n < 5) below += n;
  }
  return { columns, k, groups: groups.size, rowsBelow5: below };
}

/** Apply the rules to `rows` (columns in `columns` order; a column without a rule is kept). */
export async function deidentify(
  rows: Row[],
  columns: string[],
  opts: DeidOptions
): Promise<DeidResult> {
  const rule = (c: string): ColumnRule => opts.rules[c] ?? { kind: 'keep' };
  const out = columns.filter((c) => rule(c).kind !== 'drop');
  const dropped = columns.filter((c) => rule(c).kind === 'drop');
  const pseudo = out.some((c) => rule(c).kind === 'pseudonymise') ? await pseudonymiser() : null;
  const table: string[][] = [];
  for (const r of rows) {
    const line: string[] = [];
    for (const c of out) {
      const how = rule(c);
      const v = r[c];
      if (how.kind === 'pseudonymise') line.push(await pseudo!(cell(v)));
      else if (how.kind === 'generalise')
        line.push(how.as === 'month' ? toMonth(v) : how.as === 'area' ? toArea(v) : toBand(v));
      else line.push(cell(v));
    }
    table.push(line);
  }
  const quasi = (opts.quasi ?? []).filter((q) => out.includes(q));
  return {
    columns: out.map((name) => ({ name, rule: rule(name).kind })),
    dropped,
    rows: table,
    preview: table.slice(0, opts.previewRows ?? 20),
    anonymity:
      quasi.length > 0
        ? anonymity(
            table,
            quasi,
            quasi.map((q) => out.indexOf(q))
          )
        : null
  };
}

/**
 * RFC 4180 CSV. A cell starting with = + - @ (a spreadsheet formula) gets a leading apostrophe
 * (OWASP "CSV injection"), since these files are meant to be opened elsewhere.
 */
export function toCsv(columns: string[], rows: string[][]): string {
  const q = (s: string) => {
    const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

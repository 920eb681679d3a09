// Decide what a customer attribute column is: a usable numeric or categorical feature, or an
// identifier / free text / constant / personal detail that must not be a feature.
import type { AttributeValue } from '../types';
import type { ColumnKind, RawValue } from './columns';

export interface ColumnProfile {
  kind: ColumnKind;
  reason?: string;
  /** Values converted: numbers for numeric columns, trimmed strings otherwise; '' -> null. */
  values: RawValue[];
  distinct: number;
  missing: number;
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);
const ID_NAME = /(^id$|[_\s-]id$|^id[_\s-]|[a-z]ID$|uuid|guid|^key$)/i;

function toText(v: AttributeValue): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return MISSING.has(s.toLowerCase()) ? null : s;
}

function toNumber(s: string): number | null {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * Profile one column. Rules (n = non-missing values):
 * - at most one distinct value: constant;
 * - numbers in >= 95% of cells: numeric, unless the name looks like an id and every value is
 *   distinct;
 * - strings, mean length > 25 and more than half distinct: free text;
 * - strings, distinct for >= 95% of rows (and more than 20 rows): identifier;
 * - otherwise categorical.
 */
export function profileColumn(name: string, cells: AttributeValue[]): ColumnProfile {
  const texts = cells.map(toText);
  const present = texts.filter((t): t is string => t !== null);
  const n = present.length;
  const missing = cells.length - n;
  const distinct = new Set(present).size;
  if (distinct <= 1) {
    const what = distinct === 0 ? 'always empty' : `always "${present[0]}"`;
    return { kind: 'constant', reason: `constant (${what})`, values: texts, distinct, missing };
  }
  const nums = present.map(toNumber);
  const numeric = nums.filter((x) => x !== null).length;
  if (numeric >= 0.95 * n) {
    if (ID_NAME.test(name) && distinct === n && n > 20) {
      return {
        kind: 'identifier',
        reason: 'identifier (a different number on every row)',
        values: texts,
        distinct,
        missing
      };
    }
    const values = texts.map((t) => (t === null ? null : toNumber(t)));
    return { kind: 'numeric', values, distinct, missing };
  }
  const meanLen = present.reduce((s, t) => s + t.length, 0) / n;
  if (meanLen > 25 && distinct > 0.5 * n) {
    return {
      kind: 'text',
      reason: `free text (${distinct} distinct long values)`,
      values: texts,
      distinct,
      missing
    };
  }
  if (distinct >= 0.95 * n && n > 20) {
    return {
      kind: 'identifier',
      reason: 'identifier (unique per row)',
      values: texts,
      distinct,
      missing
    };
  }
  return { kind: 'categorical', values: texts, distinct, missing };
}

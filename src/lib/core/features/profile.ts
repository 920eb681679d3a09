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
const ID_NAME = /(^id$|[_\s-]id$|^id[_\s-]|[a-z]ID$|uuid|guid|^key$|编号|编码|^no\.?$|number$)/i;
/** Names, surnames, addresses and contact details: personal, never a feature. */
const PERSONAL_NAME =
  /^(sur_?name|last[_\s-]?name|first[_\s-]?name|given[_\s-]?name|family[_\s-]?name|full[_\s-]?name|name|customer[_\s-]?name|contact[_\s-]?name|e-?mail|phone|mobile|address|street|姓名|姓|名字|名|电话|手机|邮箱|地址)$/i;
/** Categorical columns with more distinct values than this (and than 5% of rows) are too
 * scattered to learn from: free-form text such as names or addresses. */
const MAX_LEVELS = 50;

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

/** Whole numbers in file order that step by one (1, 2, 3... or a shifted/reversed run). */
function isRunningNumber(nums: (number | null)[]): boolean {
  const xs = nums.filter((x): x is number => x !== null);
  if (xs.length < 3 || !xs.every(Number.isInteger)) return false;
  const step = xs[1] - xs[0];
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < xs.length; i++) if (xs[i] - xs[i - 1] !== step) return false;
  return true;
}

/**
 * Profile one column. Rules (n = non-missing values):
 * - at most one distinct value: constant;
 * - a name like "Surname", "Name", "E-mail", "姓名": personal detail;
 * - numbers in >= 95% of cells: numeric, unless they are a running row number (1, 2, 3... in
 *   file order), or whole numbers distinct on every row whose name looks like an id or that
 *   are many (> 100 rows: counts and amounts repeat, ids do not);
 * - strings, mean length > 25 and more than half distinct: free text;
 * - strings, distinct for >= 95% of rows (and more than 20 rows): identifier;
 * - strings with more than 50 distinct values and more than 5% of rows distinct: too many
 *   levels to learn from (names, streets, free codes);
 * - otherwise categorical.
 */
export function profileColumn(name: string, cells: AttributeValue[]): ColumnProfile {
  const texts = cells.map(toText);
  const present = texts.filter((t): t is string => t !== null);
  const n = present.length;
  const missing = cells.length - n;
  const distinct = new Set(present).size;
  const out = (kind: ColumnKind, reason: string): ColumnProfile => ({
    kind,
    reason,
    values: texts,
    distinct,
    missing
  });
  if (distinct <= 1) {
    const what = distinct === 0 ? 'always empty' : `always "${present[0]}"`;
    return out('constant', `constant (${what})`);
  }
  if (PERSONAL_NAME.test(name.trim()))
    return out('personal', 'personal detail (a name or contact)');
  const nums = present.map(toNumber);
  const numeric = nums.filter((x) => x !== null).length;
  if (numeric >= 0.95 * n) {
    const values = texts.map((t) => (t === null ? null : toNumber(t)));
    if (n > 20 && isRunningNumber(values))
      return out('identifier', 'a running row number (1, 2, 3... in file order)');
    const whole = nums.every((x) => x === null || Number.isInteger(x));
    if (whole && distinct === n && n > 20 && (ID_NAME.test(name) || n > 100))
      return out('identifier', 'identifier (a different number on every row)');
    return { kind: 'numeric', values, distinct, missing };
  }
  const meanLen = present.reduce((s, t) => s + t.length, 0) / n;
  if (meanLen > 25 && distinct > 0.5 * n)
    return out('text', `free text (${distinct} distinct long values)`);
  if (distinct >= 0.95 * n && n > 20) return out('identifier', 'identifier (unique per row)');
  if (distinct > MAX_LEVELS && distinct > 0.05 * n)
    return out('text', `too many different values to learn from (${distinct})`);
  return { kind: 'categorical', values: texts, distinct, missing };
}

// Number parsing for spreadsheet exports: decimal commas, thousands separators, currency
// symbols, parentheses negatives and percentages.

export type DecimalMark = '.' | ',';

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Currency symbols and ISO codes that may prefix or suffix an amount.
const CURRENCY =
  /^(?:RMB|CNY|USD|EUR|GBP|JPY|HKD|[£$€¥￥元])+|(?:RMB|CNY|USD|EUR|GBP|JPY|HKD|[£$€¥￥元])+$/gi;
const SPACES = /[\s\u00a0\u202f\u2009']/g;

/**
 * Parse a number as people write it in exports. `decimal` settles "1,234" (thousands unless
 * the column uses decimal commas) and "1.234" (decimal unless it does). Returns null when the
 * text is empty or not a number.
 */
export function parseNumber(text: string, decimal?: DecimalMark): number | null {
  // Most cells are plain decimals ("6", "2.55", "-1"): read by hand, without a regex.
  const fast = plainDecimal(text);
  if (fast === fast) {
    if (decimal !== ',' || !THOUSANDS_DOT.test(text)) return fast;
    return Number(text.replace('.', ''));
  }
  if (PLAIN.test(text)) {
    if (decimal === ',' && THOUSANDS_DOT.test(text)) return Number(text.replace('.', ''));
    return Number(text);
  }
  let s = text.trim();
  if (s === '') return null;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1).trim();
  }
  let signed = true;
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  else signed = false;
  s = s.replace(CURRENCY, '').trim();
  // Sign after the currency symbol ("$-5") or trailing ("5-", SAP style), once only.
  if (signed) {
    /* already signed */
  } else if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  s = s.replace(SPACES, '');
  if (s === '' || !/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let fracPart = '';
  if (lastDot >= 0 && lastComma >= 0) {
    // Both marks: the later one is the decimal mark ("1.234,56" / "1,234.56").
    const dec = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
    if (intPart.includes(dec) || fracPart.includes(dec === '.' ? ',' : '.')) return null;
    if (!thousandsOk(intPart, dec === '.' ? ',' : '.')) return null;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const parts = s.split(mark);
    const isDecimal =
      parts.length === 2 &&
      (parts[1].length !== 3 || parts[0] === '' || parts[0] === '0' || (decimal ?? '.') === mark);
    if (isDecimal) {
      intPart = parts[0];
      fracPart = parts[1];
    } else {
      if (!thousandsOk(s, mark)) return null;
      intPart = s;
    }
  } else intPart = s;
  intPart = intPart.replace(/[.,]/g, '');
  if (intPart === '' && fracPart === '') return null;
  const n = Number(`${intPart || '0'}.${fracPart || '0'}`) * scale;
  return negative ? -n : n;
}

/** "1.234" in a decimal-comma column means one thousand two hundred and thirty-four. */
const THOUSANDS_DOT = /^[+-]?\d{1,3}\.\d{3}$/;
/** Exact powers of ten as doubles (10^0 .. 10^22). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The value of `t` when it is digits with an optional sign and at most one dot (and at most 15
 * significant digits), else NaN. Exactly Number(t): the digits form an integer below 2^53 and
 * dividing it by an exact power of ten rounds correctly (Clinger's fast path).
 */
function plainDecimal(t: string): number {
  return plainDecimalAt(t, 0, t.length);
}

/**
 * plainDecimal of s.slice(a, b), read in place (the import's per-line fast path reads numbers
 * straight from the line, without a string per value). NaN for an empty range.
 */
export function plainDecimalAt(s: string, a: number, b: number): number {
  let i = a;
  const c0 = s.charCodeAt(a);
  const signed = a < b && (c0 === 43 || c0 === 45);
  if (signed) i++;
  const digitsFrom = i;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) digits++;
      m = m * 10 + (c - 48);
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits > 15 || (frac <= 0 && i === digitsFrom)) return NaN;
  if (frac === 0 && b - digitsFrom === 1) return NaN; // "." or "-."
  const v = frac > 0 ? m / POW10[frac] : m;
  return signed && c0 === 45 ? -v : v;
}

/** "1,234,567" grouping: first group 1-3 digits, then groups of exactly 3. */
function thousandsOk(s: string, sep: string): boolean {
  const g = s.split(sep);
  if (g[0].length < 1 || g[0].length > 3) return false;
  for (let i = 1; i < g.length; i++) if (g[i].length !== 3) return false;
  return true;
}

const TRUE = new Set(['yes', 'y', 'true', 't', '1', '是', '对', '真']);
const FALSE = new Set(['no', 'n', 'false', 'f', '0', '否', '不', '假']);

/** yes/no, true/false, 1/0, 是/否 (any case); null when not a boolean. */
export function parseBoolean(text: string): boolean | null {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}

/**
 * Which decimal mark a column uses, judged from its values: a value like "12,5" or "1.234,56"
 * means decimal commas. Falls back to `prior` (e.g. ',' for semicolon-separated files).
 */
export function detectDecimalMark(
  values: Iterable<string> | Map<string, number>,
  prior: DecimalMark = '.'
): DecimalMark {
  let comma = 0;
  let dot = 0;
  // A Map counts each distinct value's occurrences (profileColumn): tested once, weighted.
  const weighted: Iterable<[string, number]> =
    values instanceof Map ? values : Array.from(values, (v) => [v, 1] as [string, number]);
  for (const [v, k] of weighted) {
    if (/\d,\d{1,2}(?!\d)|\d,\d{4,}|\.\d{3},\d/.test(v)) comma += k;
    else if (/\d\.\d{1,2}(?!\d)|\d\.\d{4,}|,\d{3}\.\d/.test(v)) dot += k;
  }
  if (comma > dot) return ',';
  if (dot > comma) return '.';
  return prior;
}

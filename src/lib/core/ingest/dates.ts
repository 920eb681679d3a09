// Date parsing for exports. Results are epoch ms UTC. Times without a zone are read as UTC
// wall-clock time (the app has no notion of the shop's time zone; relative gaps are what count).

/** How to read an ambiguous "a/b/yyyy": month first (US, Online Retail) or day first. */
export type DateOrder = 'mdy' | 'dmy';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
  nov: 11, dec: 12, january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12
}; // prettier-ignore

function daysIn(y: number, m: number): number {
  return m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(m)
      ? 30
      : 31;
}

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 60) return null;
  // Date.UTC reads years 0-99 as 1900-1999: "0001-01-01" must stay year 1 (and be refused as
  // implausible by the importer), not become 1901.
  if (y < 100) return new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi) * 60 + s) * 1000 + ms;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
} // prettier-ignore

/** Earliest date an import accepts: 1900-01-01. */
export const MIN_PLAUSIBLE = Date.UTC(1900, 0, 1);
const DAY = 86_400_000;

/** Latest date an import accepts: the end of the third day after `now` (UTC). */
export function latestPlausible(now: number): number {
  return Math.floor(now / DAY) * DAY + 4 * DAY - 1;
}

/** ISO date (YYYY-MM-DD) of an epoch-ms time, for messages. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Why `text` is not a date an import can use, as a row-error code: a year written with one or
 * two digits (the century is unknown, and Rapport never guesses it), else not a valid date.
 * Only called on the failure path.
 */
export function dateFailure(text: string): 'dateTwoDigitYear' | 'dateInvalid' {
  const s = text.trim();
  if (/^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{1,2}(?!\d)/.test(s) || /^[A-Za-z]+\.? \d{1,2},? \d{1,2}$|^\d{1,2}[ -][A-Za-z]+\.?[ -]\d{1,2}$/.test(s))
    return 'dateTwoDigitYear';
  return 'dateInvalid';
} // prettier-ignore

// Tokeniser output, reused between calls (parseDate is on the hot path of every import).
const nums: number[] = [];
const lens: number[] = [];
const seps: string[] = [];

/**
 * Parse a date or date-time. Handles ISO 8601 (with or without time, Z or ±hh:mm), M/D/YYYY H:MM
 * (D/M when `order` is 'dmy' or the first part is over 12), YYYY/MM/DD, YYYYMMDD, 2010年12月1日,
 * "1 Dec 2010", AM/PM, and epoch seconds (10 digits) or milliseconds (13 digits).
 * Years are read as written: one- or two-digit years are not dates (no century is invented).
 * Returns null when the text is not a valid date; range checks are the importer's.
 */
export function parseDate(text: string, order: DateOrder = 'mdy'): number | null {
  const s = text.trim();
  const n = s.length;
  if (n === 0) return null;
  nums.length = 0;
  lens.length = 0;
  seps.length = 0;
  let month = 0; // from a month name
  let pm = -1; // -1 none, 0 am, 1 pm
  let offsetMin: number | null = null;
  let i = 0;
  let sep = '';
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let v = 0;
      const start = i;
      while (i < n) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        i++;
      }
      nums.push(v);
      lens.push(i - start);
      seps.push(sep);
      sep = '';
      continue;
    }
    const ch = s[i];
    if ((ch === '+' || ch === '-') && nums.length >= 5 && lens[0] === 4) {
      // Zone offset after the time: +08:00, +0800, -05
      const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(s.slice(i));
      if (!m) return null;
      offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
      break;
    }
    if (ch === 'Z' || ch === 'z') {
      if (i !== n - 1) return null;
      offsetMin = 0;
      break;
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      let j = i;
      while (j < n && /[A-Za-z]/.test(s[j])) j++;
      const word = s.slice(i, j).toLowerCase();
      i = j;
      if (word === 't' || word === 'utc' || word === 'gmt') {
        if (word !== 't') offsetMin = 0;
        sep = ' ';
        continue;
      }
      if (word === 'am' || word === 'pm') {
        pm = word === 'pm' ? 1 : 0;
        continue;
      }
      const mo = MONTHS[word];
      if (!mo || month) return null;
      month = mo;
      nums.push(-1); // placeholder where the month name stood
      lens.push(0);
      seps.push(sep);
      sep = '';
      continue;
    }
    sep += ch;
    i++;
  }
  const k = nums.length;
  if (k === 0) return null;
  let y: number;
  let mo: number;
  let d: number;
  let t = 3; // index of the first time part
  if (month) {
    // "1 Dec 2010", "Dec 1, 2010", "01-Dec-2010"
    const at = nums.indexOf(-1);
    if (k < 3 || at > 1 || lens[2] !== 4) return null; // the year in full: no invented century
    mo = month;
    if (at === 0) ((d = nums[1]), (y = nums[2]));
    else ((d = nums[0]), (y = nums[2]));
  } else if (k === 1) {
    const v = nums[0];
    const len = lens[0];
    if (len === 8) return build(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
    if (len === 10 || len === 9) return v * 1000; // epoch seconds
    if (len === 13 || len === 12) return v; // epoch ms
    return null;
  } else if (k === 2 && lens[0] === 8) {
    // YYYYMMDD hhmm[ss]
    const v = nums[0];
    y = Math.floor(v / 10000);
    mo = Math.floor(v / 100) % 100;
    d = v % 100;
    const tv = nums[1];
    const r = lens[1] === 6 ? build(y, mo, d, Math.floor(tv / 10000), Math.floor(tv / 100) % 100, tv % 100)
      : lens[1] === 4 ? build(y, mo, d, Math.floor(tv / 100), tv % 100) : null; // prettier-ignore
    return r;
  } else if (k < 3) {
    return null;
  } else if (lens[0] === 4) {
    ((y = nums[0]), (mo = nums[1]), (d = nums[2]));
  } else if (lens[2] === 4) {
    const a = nums[0];
    const b = nums[1];
    // Dots mean day first (German/Russian style); otherwise the column's order unless the
    // values rule it out (a first part over 12 can only be a day).
    const dayFirst = seps[1] === '.' || a > 12 || (order === 'dmy' && b <= 12);
    if (dayFirst) ((d = a), (mo = b));
    else ((mo = a), (d = b));
    y = nums[2];
  } else return null;
  let h = k > t ? nums[t] : 0;
  const mi = k > t + 1 ? nums[t + 1] : 0;
  const sec = k > t + 2 ? nums[t + 2] : 0;
  let ms = 0;
  if (k > t + 3) {
    // fraction of a second: keep milliseconds
    ms = Math.round(nums[t + 3] / Math.pow(10, lens[t + 3] - 3));
  }
  if (k > t + 4) return null;
  if (pm >= 0) {
    if (h < 1 || h > 12) return null;
    if (pm === 1 && h < 12) h += 12;
    if (pm === 0 && h === 12) h = 0;
  }
  const r = build(y, mo, d, h, mi, sec, ms);
  if (r === null) return null;
  return offsetMin === null ? r : r - offsetMin * 60000;
}

/**
 * Day-first or month-first for a column of "a/b/yyyy" values: day-first as soon as one value has
 * a first part over 12, month-first as soon as one has a second part over 12, else `fallback`.
 */
export function detectDateOrder(values: Iterable<string>, fallback: DateOrder = 'mdy'): DateOrder {
  for (const v of values) {
    const m = /^\s*(\d{1,2})[/\-.](\d{1,2})[/\-.]\d{2,4}/.exec(v);
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return fallback;
}

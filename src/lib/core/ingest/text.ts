// Small string helpers for the import's per-line work.

/**
 * a === b for strings, as a loop in JS: values of 13 characters or more split from a line are
 * slices of it, and === on slices goes through V8's runtime (String::SlowEquals), several times
 * slower than this for the short texts of an export (product names, timestamps).
 */
export function sameText(a: string, b: string): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/**
 * v.trim(), without the call when neither end can be whitespace: every character trim removes
 * is at most U+0020 or at least U+0080, and String.prototype.trim is a call into V8's runtime,
 * made for each of the 8-9 values of every line of an import.
 */
export function trimmed(v: string): string {
  const n = v.length;
  if (n === 0) return v;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(n - 1);
  return a > 32 && a < 128 && b > 32 && b < 128 ? v : v.trim();
}

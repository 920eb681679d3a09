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

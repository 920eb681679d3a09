// Matches a file against an <input accept> list (".csv,text/csv,image/*"), as browsers do for
// the picker; drag-and-drop bypasses the picker so FileDrop filters dropped files with this.

export function matchesAccept(name: string, type: string, accept: string | undefined): boolean {
  if (!accept || !accept.trim()) return true;
  const lowerName = name.toLowerCase();
  const lowerType = type.toLowerCase();
  return accept
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .some((t) => {
      if (t.startsWith('.')) return lowerName.endsWith(t);
      if (t.endsWith('/*')) return lowerType.startsWith(t.slice(0, -1));
      return lowerType === t;
    });
}

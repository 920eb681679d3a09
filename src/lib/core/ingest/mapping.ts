// Automatic column mapping: header names -> catalogue fields, by normalised synonyms first and
// fuzzy matching second (normalised Levenshtein similarity and token Jaccard overlap).
import type { EntityKind } from '../types';
import { ENTITY_KINDS } from '../types';
import { FIELDS, missingRequired } from './fields';

export interface AutoMapResult {
  /** Target field -> header as written in the file. */
  mapping: Record<string, string>;
  /** Target field -> 0..1 (1 = exact synonym). */
  confidence: Record<string, number>;
  /** Headers no field took (customers/products: they become attributes). */
  unmapped: string[];
}

/** Minimum fuzzy similarity for a match; fuzzy matches score at most 0.9. */
const FUZZY_MIN = 0.8;

/** Case-, width- and punctuation-insensitive key: "Customer Id" and "customer_id" agree. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Words of a header, splitting camelCase, punctuation and spaces ("UnitPrice" -> unit, price). */
export function headerTokens(h: string): string[] {
  return h
    .normalize('NFKC')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

function jaccard(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const t of sa) if (sb.has(t)) inter++;
  return inter / (sa.size + sb.size - inter);
}

/** Similarity of a header to one synonym: 1 for an exact normalised match, else <= 0.9. */
export function headerSimilarity(header: string, synonym: string): number {
  const a = normalizeHeader(header);
  const b = normalizeHeader(synonym);
  if (!a || !b) return 0;
  if (a === b) return 1;
  // Fuzzy only on keys long enough that one typo is not a different word ("tel" vs "tea").
  const lev =
    Math.min(a.length, b.length) >= 4 ? 1 - levenshtein(a, b) / Math.max(a.length, b.length) : 0;
  const tok = jaccard(headerTokens(header), headerTokens(synonym));
  const sim = Math.max(lev, tok);
  return sim >= FUZZY_MIN ? 0.9 * sim : 0;
}

/** Map the headers of a file to the fields of `kind`, each header used at most once. */
export function autoMap(headers: string[], kind: EntityKind): AutoMapResult {
  const specs = FIELDS[kind];
  const cands: { field: string; header: number; score: number; order: number }[] = [];
  specs.forEach((spec, order) => {
    headers.forEach((h, hi) => {
      let best = 0;
      for (const syn of spec.synonyms) {
        const s = headerSimilarity(h, syn);
        if (s > best) best = s;
        if (best === 1) break;
      }
      if (best > 0) cands.push({ field: spec.field, header: hi, score: best, order });
    });
  });
  // Greedy: best score first; ties go to the field listed first, then the leftmost header.
  cands.sort((x, y) => y.score - x.score || x.order - y.order || x.header - y.header);
  const mapping: Record<string, string> = {};
  const confidence: Record<string, number> = {};
  const used = new Set<number>();
  for (const c of cands) {
    if (mapping[c.field] !== undefined || used.has(c.header)) continue;
    mapping[c.field] = headers[c.header];
    confidence[c.field] = Math.round(c.score * 1000) / 1000;
    used.add(c.header);
  }
  const unmapped = headers.filter((_, i) => !used.has(i));
  return { mapping, confidence, unmapped };
}

/**
 * Which kind of export a header row most likely is: the kind whose required fields all map,
 * scored by mapping confidence (required fields count three times). Null when none fits.
 */
export function guessKind(headers: string[]): EntityKind | null {
  let best: EntityKind | null = null;
  let bestScore = 0;
  for (const kind of ENTITY_KINDS) {
    const { mapping, confidence } = autoMap(headers, kind);
    if (missingRequired(kind, mapping).length) continue;
    let score = 0;
    for (const spec of FIELDS[kind]) {
      const c = confidence[spec.field] ?? 0;
      score += spec.required ? 3 * c : c;
    }
    if (score > bestScore) ((bestScore = score), (best = kind));
  }
  return best;
}

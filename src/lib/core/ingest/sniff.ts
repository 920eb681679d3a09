// Delimiter and header detection from the first lines of a file.
import { LINE_END, RecordReader, type CsvRecord, type Delimiter } from './records';

export interface SniffResult {
  delimiter: Delimiter;
  headers: string[];
  /** Up to the first 20 data rows. */
  rows: string[][];
  /** Every complete record of the sample, the header included. */
  records: CsvRecord[];
  /** False when no delimiter was found (',' is assumed). */
  delimiterFound: boolean;
}

const CANDIDATES: Delimiter[] = [',', ';', '\t', '|'];

/** Count delimiter occurrences outside double quotes in one line. */
function countOutsideQuotes(line: string, d: string): number {
  let inQ = false;
  let c = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQ = !inQ;
    else if (!inQ && ch === d) c++;
  }
  return c;
}

/**
 * Pick the delimiter whose per-line count is the most consistent and non-zero across the sample
 * (Python csv.Sniffer's idea: the mode count, weighted by how many lines agree with it).
 * Files with none of , ; tab | but a steady number of space-separated columns get ' '.
 */
export function detectDelimiter(lines: string[]): Delimiter | null {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 30);
  if (sample.length === 0) return null;
  let best: Delimiter | null = null;
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = sample.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeN = 0;
    for (const [c, k] of freq)
      if (c > 0 && (k > modeN || (k === modeN && c > mode))) ((mode = c), (modeN = k));
    if (mode === 0) continue;
    // Agreement first (consistency), then the number of columns as a tie-breaker.
    const score = (modeN / sample.length) * 1000 + Math.min(mode, 100);
    if (score > bestScore) ((bestScore = score), (best = d));
  }
  if (best && bestScore >= 500) return best;
  const ws = sample.map((l) => l.trim().split(/[ \t]+/).length);
  if (ws[0] > 1 && ws.every((c) => c === ws[0])) return ' ';
  return best;
}

/**
 * Detect delimiter, header row and the first 20 data rows of a text sample. Pass
 * `wholeFile` when the sample is the entire file, so a last line without newline counts.
 */
export function sniff(sampleText: string, wholeFile = false): SniffResult {
  const text = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
  const found = detectDelimiter(text.split(LINE_END, 40));
  const delimiter = found ?? ',';
  const reader = new RecordReader(delimiter, Number.MAX_SAFE_INTEGER);
  const recs = reader.push(text);
  // The sample may end mid-record: only a complete final line is taken.
  if (wholeFile || recs.length === 0) reader.end(recs);
  const headers = recs.length ? recs[0].fields.map((h) => h.trim()) : [];
  return {
    delimiter,
    headers,
    rows: recs.slice(1, 21).map((r) => r.fields),
    records: recs,
    delimiterFound: found !== null
  };
}

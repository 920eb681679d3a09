// Real-data fixtures shared by the UI tests (slices already in tests/fixtures/).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { TimelineEvent } from '../../../src/lib/ui/types';

const dir = fileURLToPath(new URL('../../fixtures/telco/', import.meta.url));

export type TelcoRow = Record<string, string>;

export function telco(): { headers: string[]; rows: TelcoRow[]; matrix: string[][] } {
  const text = readFileSync(dir + 'telco-head-1200.csv', 'utf8');
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [headers, ...matrix] = parsed.data;
  const rows = matrix.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])));
  return { headers, rows, matrix };
}

/** CDNOW purchases as timeline events: ' 00004 0001 19970101  2   29.33'. */
export function cdnowEvents(): { customer: string; event: TimelineEvent }[] {
  const lines = readFileSync(dir + 'cdnow-sample-head.txt', 'utf8')
    .trim()
    .split('\n');
  return lines.map((line, i) => {
    const [customer, , ymd, cds, dollars] = line.trim().split(/\s+/);
    const ts = Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8));
    return {
      customer,
      event: { id: `o${i}`, ts, kind: 'order' as const, title: `${cds} CDs`, detail: dollars }
    };
  });
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '../../../src/lib/core/models/clv/summarise';

const dir = fileURLToPath(new URL('../../fixtures/cdnow/', import.meta.url));
export const SUMMARY_CSV = dir + 'cdnow_customers_summary.csv';
export const SAMPLE_TXT = dir + 'CDNOW_sample.txt';
export const CALIBRATION_END = Date.UTC(1997, 8, 30);
export const OBSERVATION_END = Date.UTC(1998, 5, 30);

/** The published BG/NBD summary: sample id -> frequency, recency, T (weeks). */
export function cdnowSummary(): {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
}[] {
  return readFileSync(SUMMARY_CSV, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [id, x, tx, T] = l.split(',');
      return { customerId: id, frequency: +x, recency: +tx, T: +T };
    });
}

/** CDNOW_sample.txt transactions keyed by the in-sample id (1..2357), as the summary is. */
export function cdnowTransactions(): Transaction[] {
  return readFileSync(SAMPLE_TXT, 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const [, id, d, , amount] = l.trim().split(/\s+/);
      return {
        customerId: String(Number(id)),
        ts: Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8)),
        amount: Number(amount)
      };
    });
}

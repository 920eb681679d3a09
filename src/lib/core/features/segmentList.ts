// A segment as a customer list a shop owner can act on: who is in it, how to reach them and what
// they are worth, as rows for the page and as a CSV campaign list (formula-safe, money headers
// carry the currency code). Pure: the worker handler gathers the maps.
import { moneyHeader, toCsv } from '../ingest/export';
import type { Customer } from '../types';

export interface SegmentMember {
  id: string;
  name: string;
  email: string;
  phone: string;
  segment: string;
  /** Lifetime value when fitted, else net spend; null when neither is known. */
  value: number | null;
}

export interface SegmentListInput {
  customers: readonly Pick<Customer, 'id' | 'name' | 'email' | 'phone'>[];
  /** Segment per customer id. */
  segments: ReadonlyMap<string, string>;
  /** Value per customer id. */
  values: ReadonlyMap<string, number>;
}

/** Members of `segment` (all segmented customers when undefined), most valuable first. */
export function segmentMembers(input: SegmentListInput, segment?: string): SegmentMember[] {
  const byId = new Map(input.customers.map((c) => [c.id, c]));
  const out: SegmentMember[] = [];
  for (const [id, seg] of input.segments) {
    if (segment !== undefined && seg !== segment) continue;
    const c = byId.get(id);
    const v = input.values.get(id);
    out.push({
      id,
      name: c?.name ?? '',
      email: c?.email ?? '',
      phone: c?.phone ?? '',
      segment: seg,
      value: v !== undefined && Number.isFinite(v) ? v : null
    });
  }
  return out.sort(
    (a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || (a.id < b.id ? -1 : 1)
  );
}

export const SEGMENT_CSV_HEADERS = ['customer_id', 'name', 'email', 'phone', 'segment', 'value'];

/** The campaign list: one row per member; the value column's header names the currency. */
export function segmentCsv(rows: readonly SegmentMember[], currency?: string): string {
  const headers = SEGMENT_CSV_HEADERS.map((h) => (h === 'value' ? moneyHeader(h, currency) : h));
  return toCsv(
    rows.map((r) => [
      r.id,
      r.name,
      r.email,
      r.phone,
      r.segment,
      r.value === null ? null : +r.value.toFixed(2)
    ]),
    headers,
    { bom: true }
  );
}

// A synthetic table as CSV (formula-safe, UTF-8 with BOM so a spreadsheet shows Chinese text):
// a synthetic id, then the real columns' names in their order.
import type { RawTable } from '../../features/columns';
import { toCsv } from '../../ingest/export';

export function syntheticCsv(t: RawTable, idHeader = 'customer_id'): string {
  const headers = [idHeader, ...t.columns.map((c) => c.name)];
  const rows = t.ids.map((id, i) => [id, ...t.columns.map((c) => c.values[i])]);
  return toCsv(rows, headers, { bom: true });
}

// The customer table the generative models learn: one row per customer, behaviour as of the last
// order (when there are orders) joined with the customer file's own columns. No label is
// predicted from the past here, so the customer file's columns are kept as they are (the
// history-mode leakage guard of churn does not apply); identifiers, names and contact details,
// free text and constants are still left out, each with its reason (features/profile.ts).
import { ModelInputError } from '../../errors';
import type { ColumnInfo, RawTable } from '../../features/columns';
import { buildRawTable } from '../../features/table';
import { lastOrderTs, type DataInputs } from '../inputs';

/** What the table is built from: an import or undo of any of these makes its models stale. */
export const TABLE_NEEDS = ['customers', 'orders', 'interactions', 'relationships', 'products'] as const; // prettier-ignore

export interface TableOptions {
  /** Columns to leave out (e.g. the churn label, for the map). */
  exclude?: string[];
}

export function customerTable(inputs: DataInputs, o: TableOptions = {}): RawTable {
  const exclude = o.exclude ?? [];
  const attrs = buildRawTable({ customers: inputs.customers }, { exclude });
  const last = lastOrderTs(inputs.orders);
  if (last === null) {
    if (!attrs.ids.length) throw new ModelInputError('table.empty', 'no customers: import customers or orders first'); // prettier-ignore
    if (!attrs.columns.length) throw new ModelInputError('table.noColumns', 'no usable customer columns: every column was left out'); // prettier-ignore
    return attrs;
  }
  const hist = buildRawTable({ ...inputs, customers: [] }, { cutoff: last + 1, exclude });
  const row = new Map(attrs.ids.map((id, i) => [id, i]));
  const at = hist.ids.map((id) => row.get(id));
  const joined = attrs.columns.map((c) => ({
    ...c,
    values: at.map((i) => (i === undefined ? null : c.values[i]))
  }));
  const seen = new Set<string>();
  const dropped: ColumnInfo[] = [...hist.dropped, ...attrs.dropped].filter(
    (d) => !seen.has(d.name) && !!seen.add(d.name)
  );
  return { ids: hist.ids, columns: [...hist.columns, ...joined], dropped };
}

/** A table of some of the rows (in the given order). */
export function tableRows(raw: RawTable, rows: readonly number[]): RawTable {
  return {
    ...raw,
    ids: rows.map((r) => raw.ids[r]),
    columns: raw.columns.map((c) => ({ ...c, values: rows.map((r) => c.values[r]) }))
  };
}

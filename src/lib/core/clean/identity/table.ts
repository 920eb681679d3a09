// Identity records from a table of strings (a CSV file read by the CLI, bench or tests): columns
// are matched to fields by name; the id column and an optional ground-truth column are named.
import type { CountryCode } from 'libphonenumber-js/min';
import { fieldOfColumn, makeRecord, type FieldKey, type IdentityRecord } from './fields';

export interface TableOptions {
  /** The id column (default: the first of rec_id, id, customer_id, customerid; else row numbers). */
  idColumn?: string;
  /** A ground-truth column and an optional pattern whose first group is the entity id. */
  truthColumn?: string;
  truthPattern?: RegExp;
  source?: number;
  country?: CountryCode;
}

export interface Table {
  name: string;
  header: string[];
  rows: string[][];
}

export interface TableRecords {
  records: IdentityRecord[];
  /** Entity id of each record, when a truth column was named. */
  truth?: string[];
  /** Which column feeds which field. */
  mapping: Partial<Record<FieldKey, string>>;
}

export function recordsFromTable(t: Table, opts: TableOptions = {}): TableRecords {
  const header = t.header.map((h) => h.trim());
  const col = (name: string): number => {
    const i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new Error(`${t.name}: no column "${name}" (columns: ${header.join(', ')})`);
    return i;
  };
  const idCol = opts.idColumn
    ? col(opts.idColumn)
    : header.findIndex((h) => /^(rec_?id|id|customer_?id)$/i.test(h));
  const truthCol = opts.truthColumn ? col(opts.truthColumn) : -1;
  const mapping: Partial<Record<FieldKey, string>> = {};
  const fieldCols: [FieldKey, number][] = [];
  header.forEach((h, i) => {
    if (i === idCol && !opts.idColumn && /^(id|rec_?id)$/i.test(h)) return;
    const f = fieldOfColumn(h);
    if (f && !mapping[f]) {
      mapping[f] = h;
      fieldCols.push([f, i]);
    }
  });
  if (!fieldCols.length)
    throw new Error(
      `${t.name}: no column to compare people by (a name, e-mail, phone, address, postcode or date of birth); columns: ${header.join(', ')}`
    );
  const records: IdentityRecord[] = [];
  const truth: string[] | undefined = truthCol >= 0 ? [] : undefined;
  t.rows.forEach((row, r) => {
    const cells = row.map((c) => (c ?? '').trim());
    const raw: Partial<Record<FieldKey, string>> = {};
    for (const [f, i] of fieldCols) raw[f] = cells[i] ?? '';
    const id = idCol >= 0 && cells[idCol] ? cells[idCol] : `${t.name}:${r + 2}`;
    records.push(makeRecord(id, opts.source ?? 0, raw, opts.country));
    if (truth) {
      const v = cells[truthCol] ?? '';
      let entity = v;
      if (opts.truthPattern) {
        const m = opts.truthPattern.exec(v);
        if (!m || m[1] === undefined)
          throw new Error(
            `${t.name}: row ${r + 2}, column ${header[truthCol]}: "${v}" does not match the truth pattern ${opts.truthPattern.source} (or it has no group)`
          );
        entity = m[1];
      }
      truth.push(entity);
    }
  });
  return { records, truth, mapping };
}

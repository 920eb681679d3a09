// Helpers of the generative tests: a raw table from plain columns, the Telco slice as the app
// reads it.
import type { RawTable, RawValue } from '../../../src/lib/core/features/columns';
import { readInputs } from '../../../src/cli/files';
import type { DataInputs } from '../../../src/lib/core/models/inputs';

export const TELCO = new URL('../../fixtures/telco/telco-head-1200.csv', import.meta.url).pathname;

/** A table of plain columns: numbers where every value is a number or blank, else categories. */
export function table(cols: Record<string, RawValue[]>): RawTable {
  const names = Object.keys(cols);
  return {
    ids: cols[names[0]].map((_, i) => `c${String(i).padStart(4, '0')}`),
    columns: names.map((name) => ({
      name,
      label: name,
      origin: 'attribute' as const,
      kind: cols[name].some((v) => typeof v === 'string') ? ('categorical' as const) : ('numeric' as const), // prettier-ignore
      values: cols[name]
    })),
    dropped: []
  };
}

let telco: Promise<DataInputs> | null = null;
/** The 1,200-customer Telco slice read through the app's import code (once per file). */
export function telcoInputs(): Promise<DataInputs> {
  telco ??= readInputs({ customers: TELCO }).then((r) => r.inputs);
  return telco;
}

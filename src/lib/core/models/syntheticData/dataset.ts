// The synthesiser's dataset: the customer table (customerMap/table.ts) and the split that keeps
// a fifth of the customers (stratified by the label when there is one) away from the
// synthesiser, to judge it: privacy (are synthetic rows closer to the training customers than
// new real customers are?) and efficacy (does a churn model learned from synthetic rows rank
// real customers it never saw?).
import { binaryValue, detectLabelColumn } from '../../features/labels';
import type { RawTable } from '../../features/columns';
import { stratifiedSplit } from '../../evaluate/splits';
import { ModelInputError } from '../../errors';
import { lastOrderTs, type DataInputs } from '../inputs';
import { customerTable } from '../customerMap/table';
import type { CtganParams } from './ctgan';

export type SynthKind = 'ctgan' | 'copula';
export const SYNTH_KINDS: readonly SynthKind[] = ['ctgan', 'copula'];

export interface SynthOptions {
  /** The yes/no column used for the efficacy check (absent: detected; null: none). */
  labelColumn?: string | null;
  exclude?: string[];
  /** Share of customers held out from the synthesiser (default 0.2). */
  holdoutShare?: number;
  seed?: number;
  models?: SynthKind[];
  /** Also measure training churn models on real rows plus synthetic churners. */
  augment?: boolean;
  /** Expert use: GAN settings (epochs, steps...). */
  ctgan?: Partial<CtganParams>;
}

export interface SynthDataset {
  options: SynthOptions;
  table: RawTable;
  label: string | null;
  train: number[];
  holdout: number[];
  asOf: number;
}

/** Fewer customers than this cannot give a hold-out worth judging by. */
export const MIN_SYNTH_ROWS = 50;

export function synthDataset(inputs: DataInputs, options: SynthOptions = {}): SynthDataset {
  const table = customerTable(inputs, { exclude: options.exclude });
  const n = table.ids.length;
  if (n < MIN_SYNTH_ROWS)
    throw new ModelInputError('synthetic.tooFew', `only ${n} customers: synthetic data needs at least ${MIN_SYNTH_ROWS}`, { n, min: MIN_SYNTH_ROWS }); // prettier-ignore
  const label =
    options.labelColumn === undefined ? detectLabelColumn(inputs.customers) : options.labelColumn;
  const col = label ? table.columns.find((c) => c.name === label) : undefined;
  if (label && !col)
    throw new ModelInputError('synthetic.noLabel', `there is no usable column "${label}" to judge churn models by`, { column: label }); // prettier-ignore
  const y = Uint8Array.from(table.ids, (_, i) => (col ? (binaryValue(col.values[i]) ?? 0) : 0));
  const rows = table.ids.map((_, i) => i);
  const split = stratifiedSplit(rows, y, options.holdoutShare ?? 0.2, options.seed ?? 42);
  const last = lastOrderTs(inputs.orders);
  return {
    options,
    table,
    label,
    train: split.train,
    holdout: split.test,
    asOf: last === null ? Date.now() : last + 1
  };
}

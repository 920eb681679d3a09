// The customer map's dataset: the customer table (table.ts) without the churn label, so that
// colouring the map by churn risk shows what the customers' other columns say about it.
import { detectLabelColumn } from '../../features/labels';
import type { RawTable } from '../../features/columns';
import { lastOrderTs, type DataInputs } from '../inputs';
import { customerTable } from './table';
import type { VaeParams } from './vae';

export interface MapOptions {
  /** Columns to leave out besides the label. */
  exclude?: string[];
  /** The yes/no label column to leave out (absent: detected; null: none). */
  labelColumn?: string | null;
  /** Share of customers kept from training to measure anomaly detection (default 0.2). */
  testShare?: number;
  seed?: number;
  /** Expert use (tests, bench): VAE settings replacing the defaults. */
  vae?: Partial<VaeParams>;
}

export interface MapDataset {
  options: MapOptions;
  table: RawTable;
  label: string | null;
  /** The date the table describes the customers as of (epoch ms). */
  asOf: number;
}

export function mapDataset(inputs: DataInputs, options: MapOptions = {}): MapDataset {
  const label =
    options.labelColumn === undefined ? detectLabelColumn(inputs.customers) : options.labelColumn;
  const exclude = [...(options.exclude ?? []), ...(label ? [label] : [])];
  const last = lastOrderTs(inputs.orders);
  return {
    options,
    table: customerTable(inputs, { exclude }),
    label,
    asOf: last === null ? Date.now() : last + 1
  };
}

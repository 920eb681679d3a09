// Shared shapes of the customer feature table.

export type RawValue = number | string | null;

/** What a column turned out to be. Only numeric and categorical columns become features. */
export type ColumnKind =
  | 'numeric'
  | 'categorical'
  | 'flag'
  | 'identifier'
  | 'text'
  | 'constant'
  | 'label'
  | 'personal'
  /** A customer-file column in history mode: its value is as of the export, not the cutoff. */
  | 'undated'
  | 'excluded';

/** One column of the encoded table, or one dropped input column (`reason` says why). */
export interface ColumnInfo {
  /** Human-readable: "tenure", "Contract = Month-to-month", "TotalCharges_missing". */
  name: string;
  /** Input column it came from; one-hot columns of one input share it (a "group"). */
  source: string;
  /** 'history' (computed from events) or 'attribute' (a customer export column). */
  origin: 'history' | 'attribute';
  kind: ColumnKind;
  /** One-hot level, for categorical columns. */
  level?: string;
  /** Why a column was dropped, or how it was treated (log scale, imputed...). */
  reason?: string;
}

/** A feature before encoding: one value per customer, in `RawTable.ids` order. */
export interface RawColumn {
  name: string;
  /** Plain words for reasons: "days since last purchase". */
  label: string;
  origin: 'history' | 'attribute';
  kind: 'numeric' | 'categorical';
  values: RawValue[];
  unit?: string;
}

export interface RawTable {
  ids: string[];
  columns: RawColumn[];
  dropped: ColumnInfo[];
  /** Undated columns kept at the user's request in history mode: they may leak the future. */
  leaky?: string[];
}

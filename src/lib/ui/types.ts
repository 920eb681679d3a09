// Public types of the reusable UI components. Labels are always passed in by the page
// (translated through the i18n catalogue); components hold no user-facing English.
import type { Snippet } from 'svelte';

export type Align = 'left' | 'right' | 'center';
export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  key: string;
  direction: SortDirection;
}

/** One column of a DataTable. `value` defaults to `row[key]`; `format` turns it into text. */
export interface Column<T = Record<string, unknown>> {
  key: string;
  label: string;
  align?: Align;
  sortable?: boolean;
  /** CSS grid track, e.g. '8rem' or '2fr'. Default '1fr'. */
  width?: string;
  value?: (row: T) => unknown;
  format?: (value: unknown, row: T) => string;
}

export interface DataTableLabels {
  /** Shown when there are no rows. */
  empty: string;
  /** Accessible name of the table. */
  caption: string;
}

/** Props of a VirtualList row snippet: the item (when available), its index, whether active. */
export type RowSnippet<T> = Snippet<[item: T | undefined, index: number, active: boolean]>;

export interface ProgressLabels {
  cancel: string;
  /** Unit after the rate, e.g. 'rows/s'. */
  rate: string;
  eta: string;
  elapsed: string;
  /** Accessible name of the progress bar. */
  progress: string;
}

export interface FileDropLabels {
  /** Text inside the drop zone, e.g. 'Drop CSV files here'. */
  prompt: string;
  /** The picker button, e.g. 'Choose files…'. */
  choose: string;
  /** Shown when dropped files did not match `accept`; '{n}' is replaced by the count. */
  rejected?: string;
}

/** A target field the file's columns can be mapped to. */
export interface MappingField {
  key: string;
  label: string;
  required?: boolean;
  /** 0..1 confidence of the automatic suggestion; shown as a percentage. */
  confidence?: number;
}

/** Target field key -> header in the file; '' or absent means not mapped (as in BeginImportOptions). */
export type Mapping = Record<string, string>;

export interface MappingLabels {
  field: string;
  column: string;
  confidence: string;
  notMapped: string;
  required: string;
  /** Shown next to a required field left unmapped. */
  missingRequired: string;
  preview: string;
}

export interface Series {
  label: string;
  /** CSS colour; a palette colour is used when absent. */
  color?: string;
  dash?: number[];
}

/** One model's curve (ROC, PR, reliability, gains). Points in 0..1. */
export interface Curve {
  label: string;
  x: number[];
  y: number[];
  /** Area under the curve, shown in the legend label when present. */
  auc?: number;
  color?: string;
}

export interface CurveLabels {
  x: string;
  y: string;
  /** Legend label of the diagonal reference line (e.g. 'Random'). */
  reference?: string;
  /** Prefix of the area in legend labels, e.g. 'AUC' or 'AP'. */
  area?: string;
  /** Accessible name of the chart. */
  title: string;
}

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ConfusionLabels {
  title: string;
  actual: string;
  predicted: string;
  positive: string;
  negative: string;
  threshold: string;
}

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface TabItem {
  id: string;
  label: string;
  disabled?: boolean;
}

export type TimelineKind = 'order' | 'interaction' | 'relationship';

export interface TimelineEvent {
  id: string;
  /** Epoch milliseconds (UTC). */
  ts: number;
  kind: TimelineKind;
  title: string;
  detail?: string;
}

export type TimelineLabels = Record<TimelineKind, string> & { title: string; empty: string };
